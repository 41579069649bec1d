"""What a learner enters in each exercise, the workbooks filled with it, and
hostile participant files: shared by the tests of the exercises, the draft,
the teacher's merge and the chapters (each test module keeps only its own
right and wrong answers)."""

import datetime as dt
import os
import threading
from pathlib import Path

import docx

from exercises.models.actions import ActionsExercise
from exercises.models.merge import read_folder
from exercises.models.monitoring import MonitoringExercise
from exercises.models.planning import ELEMENTS, save_placements
from exercises.models.priorities import PrioritiesExercise
from exercises.models.self_assessment import save_assessment
from exercises.models.stakeholders import save_actors
from exercises.models.vision import VisionExercise
from exercises.workbook.store import SCHEMA_VERSION, Workbook

# Velkommen … Prioritere -----------------------------------------------------------------------------------
PROFILE = {"county": "F1", "county_name": "Kystby", "role": "Deltaker på workshop"}
PICKS = {"county": "F1", "year": 2023, "picks": [
    {"industry": "sjomat", "name": "Sjømatindustri", "lq": 2.4, "reason": "Foredling av fisk"},
    {"industry": "fiske", "name": "Fiske og havbruk", "lq": 2.0, "reason": "Kystfiske"},
    {"industry": "verft", "name": "Verft", "lq": 1.5, "reason": "Verft for fiskeflåten"}]}
NICHES = {"county": "F1", "year": 2023, "niches": [
    {"industry": "ikt", "name": "IKT og forretningstjenester", "density": 0.41, "reason": "Sporing"}]}
ANALYSIS = {"county": "F1", "year": 2023, "weights": {"lq": 1.0},
            "ranking": [{"industry": "sjomat", "name": "Sjømatindustri", "rank": 1, "score": 0.9, "label": "styrke",
                         "reason": ""},
                        {"industry": "verft", "name": "Verft", "rank": 2, "score": 0.7, "label": "styrke",
                         "reason": ""},
                        {"industry": "ikt", "name": "IKT og forretningstjenester", "rank": 3, "score": 0.5,
                         "label": "nisje", "reason": "Flyttet opp: sporing av sjømat"}],
            "strengths": [{"industry": "sjomat", "name": "Sjømatindustri"}, {"industry": "verft", "name": "Verft"}],
            "niches": [{"industry": "ikt", "name": "IKT og forretningstjenester"}]}
# one actor from each strand of the quadruple helix
ACTORS = [("Havbruk AS", "naeringsliv", 3, 3), ("Universitetet i Fjordby", "kunnskap", 2, 3),
          ("Fylkeskommunen", "offentlig", 3, 2), ("Næringsforeningen", "sivilsamfunn", 2, 2)]
PRIORITY_SCORES = {"styrke": 4, "marked": 4, "aktorer": 4, "kobling": 3}
PRIORITIES = [
    {"title": "Sjømat med merkevare", "links": ["sjomat"], "reason": "Sterk foredlingsindustri og kjente råvarer",
     "drivers": ["Havbruk AS", "Universitetet i Fjordby"], "scores": {**PRIORITY_SCORES, "styrke": 5}},
    {"title": "Sporbar sjømat med IKT", "links": ["sjomat", "ikt"],
     "reason": "Kobler sjømat og et voksende IT-miljø", "drivers": ["Havbruk AS", "Fylkeskommunen"], "scores": PRIORITY_SCORES},
    {"title": "Grønne verft", "links": ["verft"], "reason": "Verftene kan bygge lav- og nullutslippsfartøy",
     "drivers": ["Havbruk AS", "Næringsforeningen"], "scores": {**PRIORITY_SCORES, "marked": 3}},
]

# Visjon og mål, Gjennomføre, Måle og lære, plan og roller -----------------------------------------------
VISION = dict(statement="Kystby skal leve av havet i hundre år til",
             destination="Et fylke som eksporterer foredlet sjømat med full sporing fra hav til bord",
             purpose="Trygge arbeidsplasser og velferd langs hele kysten",
             values="Forvaltning som tar hensyn til miljø, folk og økonomi",
             goals=[("Øke eksporten av foredlet sjømat med 30 prosent", "2030"),
                    ("500 nye arbeidsplasser i sjømatindustrien", 2032)])
ACTIONS = [("Felles merkevare for sjømat fra Kystby", "virkemiddel", "Innovasjon Norge", False),
         ("Pilot: sporing av levende sjømat til kunden", "oppdagelse", "Havbruk AS", True),
         ("Tilpasse kaiområdet for eksport", "infrastruktur", "Kommunene", False)]
ASSUMPTION = "Hvis flere bedrifter bruker merkevaren, får de bedre pris, og eksporten av foredlet sjømat øker."
OUTPUT = {"name": "Bedrifter som bruker merkevaren (antall)", "level": "resultat", "baseline": "0",
          "baseline_year": "2023", "target": "25", "target_year": "2028", "source": "Egen telling i prosjektet"}
OUTCOME = {"name": "Sysselsatte i sjømatindustrien (1000 personer)", "level": "effekt", "baseline": "6,0",
           "baseline_year": 2023, "target": 7.5, "target_year": "2030", "source": "Fjordland-dataene (fiktive)"}
PLACEMENTS = {key: element.best for key, element in ELEMENTS.items()}
SELF_ASSESSMENT = {"organisere": 3, "analysere": 1, "visjon": 2, "prioritere": 4, "gjennomfore": 2, "male": 1}
COMMENT = "Bygger på den regionale planstrategien og handlingsprogrammet for 2025."
DAY = dt.date(2026, 11, 27)
EVIL = "<script>alert('x')</script> & **fet** | rad"


# workbooks -------------------------------------------------------------------------------------------
def vision(**change):
    values = {**VISION, **change}
    return values["statement"], values["destination"], values["purpose"], values["values"], values["goals"]


def with_analysis(workbook: Workbook, analysis: bool = True) -> Workbook:
    workbook.put("profil", PROFILE)
    if analysis:
        workbook.put("analyse", ANALYSIS)
    else:
        workbook.put("spesialisering", PICKS)
        workbook.put("nisjer", NICHES)
    save_actors(workbook, ACTORS)
    return workbook


def with_priorities(workbook: Workbook) -> Workbook:
    assert PrioritiesExercise(with_analysis(workbook)).save(workbook, PRIORITIES).ok
    return workbook


def full(workbook: Workbook) -> Workbook:
    """A workbook where the learner has done every chapter, with some hostile text."""
    with_priorities(workbook)
    assert VisionExercise(workbook).save(workbook, *vision(values=EVIL)).ok
    actions, indicators = ActionsExercise(workbook), MonitoringExercise(workbook)
    for p in PRIORITIES:
        assert actions.save(workbook, p["title"], ACTIONS).ok
        assert indicators.save(workbook, p["title"], [OUTPUT, OUTCOME], ASSUMPTION).ok
    assert save_placements(workbook, PLACEMENTS, "plan", "Neste planstrategi i 2028").ok
    assert save_assessment(workbook, SELF_ASSESSMENT, "Bygger på handlingsprogrammet").ok
    return workbook


def docx_text(path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


# hostile files: each is skipped by name, or cleaned, and never stops the merge ----------------------------
def valid(title: str = "Sjømat med merkevare", **sections) -> dict:
    """A workbook with one priority called ``title`` (as the course saves it)."""
    priorities = {"priorities": [{"key": " ".join(title.split()).casefold(), "title": title}]}
    return {"schema_version": SCHEMA_VERSION, "sections": {
        "prioriteringer": {"saved": "2026-11-30T00:00:00", "value": priorities},
        **{name: {"saved": "2026-11-30T00:00:00", "value": value} for name, value in sections.items()}}}


def hostile_files(folder: Path) -> dict[str, str]:
    """Write one file of each hostile kind into ``folder``; return file name -> the reason the
    merge must give for skipping it."""
    folder.mkdir(exist_ok=True)
    deep = b'{"schema_version": 1, "sections": {"profil": {"value": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}}"
    files = {
        "ikke-json.json": (b"dette er ikke JSON", "filen er ikke gyldig JSON (linje 1, tegn 1)"),
        "dyp.json": (deep, "filen er nøstet for dypt"),
        "nan.json": (b'{"schema_version": 1, "sections": {"profil": {"value": {"x": NaN}}}}', "filen inneholder verdien NaN"),
        "uendelig.json": (b'{"schema_version": 1, "sections": {"a": {"value": -Infinity}}}',
                          "filen inneholder verdien -Infinity"),
        "surrogat-bytes.json": (b'{"schema_version": 1, "sections": {"a": "\xed\xa0\x80"}}',
                                "filen er ikke UTF-8-tekst"),
        "feil-form.json": (b'{"schema_version": 1, "sections": "ikke en ordbok"}', "filen har ikke arbeidsbokas oppbygning"),
        "for-stor.json": (b" " * 5_000_001, "filen er for stor til å være en arbeidsbok"),
    }
    for name, (content, _) in files.items():
        (folder / name).write_bytes(content)
    (folder / "mappe.json").mkdir()
    os.mkfifo(folder / "fifo.json")
    (folder / "lenke-til-null.json").symlink_to("/dev/zero")
    (folder / "lenke-til-arbeidsbok.json").symlink_to(folder / "god.json")
    reasons = {name: reason for name, (_, reason) in files.items()}
    link = "filen er en snarvei (symbolsk lenke), ikke selve arbeidsboka"
    reasons.update({"mappe.json": "dette er ikke en vanlig fil", "fifo.json": "dette er ikke en vanlig fil",
                    "lenke-til-null.json": link, "lenke-til-arbeidsbok.json": link})
    return reasons


def read_in_time(folder: Path, reader=read_folder, seconds: float = 20):
    """``reader(folder)``, failing (not hanging) if it blocks, as opening a FIFO would."""
    result = []
    thread = threading.Thread(target=lambda: result.append(reader(folder)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert result, f"lesingen av {folder} ble ikke ferdig på {seconds} s (åpnet den en FIFO?)"
    return result[0]
