"""Exercise «Utkast til prioriteringer» (chapter Prioritere), the course's main exercise.

The learner drafts 3–5 priorities. Each is linked to strengths or niches
from the analysis, has a reason, names the actors who will drive it
(entrepreneurial discovery), and is scored on the course's four criteria.
Feedback flags a priority with no link to the analysis, a missing reason,
too many priorities, and one strand of the quadruple helix carrying all.

Also the shared plumbing for the chapters after this one: the analysis
the priorities link to, and per-priority parts of the workbook (actions,
indicators) keyed by the priority's stable id (``key``). A priority keeps
its id when it is renamed, so its actions and indicators stay with it.
Workbooks from before the ids keyed a priority by its title (normalised):
that old key is kept as its id, so they need no conversion.
"""

import re
from dataclasses import asdict, dataclass, field
from html import escape

from exercises.core.feedback import Feedback
from exercises.core.text import InputError, clean_text
from exercises.data.counties import COUNTIES_2024
from exercises.data.provenance import FJORDLAND, SSB_11713, Provenance
from exercises.models import stakeholders
from exercises.models.strategy import (
    CHAPTERS,
    as_rows,
    blank,
    chapter,
    filled_rows,
    listing,
    parse_each,
    picks,
    repeated,
)
from exercises.reports import display
from exercises.workbook.store import Workbook

SECTION = "prioriteringer"
MIN_PRIORITIES, MAX_PRIORITIES = 3, 5
MAX_TITLE, MAX_REASON = 80, 400
SCORES = range(1, 6)
CRITERIA = {  # built on the guide's definition of a specialisation
    "styrke": "Bygger på ressurser og kompetanse regionen har",
    "marked": "Har markedsmuligheter",
    "aktorer": "Har aktører som vil satse",
    "kobling": "Kobler flere næringer eller kompetanser",
}
FIELDS = ("title", "links", "reason", "drivers", "scores")


# the analysis a priority links to -----------------------------------------
@dataclass(frozen=True)
class Link:
    industry: str
    name: str
    kind: str  # "styrke" or "nisje"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.kind})"


@dataclass
class Analysis:
    links: list[Link] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # workbook sections they come from
    county: str | None = None
    year: int | None = None

    @property
    def by_industry(self) -> dict[str, Link]:
        return {link.industry: link for link in self.links}

    def where(self) -> str:
        return listing(CHAPTERS[s] for s in self.sections)


def _entries(value, key: str) -> list[dict]:
    items = value.get(key, []) if isinstance(value, dict) else []
    return [i for i in items if isinstance(i, dict) and isinstance(i.get("industry"), str)] \
        if isinstance(items, list) else []


def analysis_links(workbook: Workbook) -> Analysis:
    """Strengths and niches from «Analysere»; else the specialisations and
    niches saved in the two chapters before it."""
    found = Analysis()

    def add(items, kind, section):
        for item in items:
            if item["industry"] not in found.by_industry:
                found.links.append(Link(item["industry"], str(item.get("name") or item["industry"]), kind))
        if items and section not in found.sections:
            found.sections.append(section)

    analysis = workbook.value("analyse")
    if _entries(analysis, "strengths") or _entries(analysis, "niches"):
        add(_entries(analysis, "strengths"), "styrke", "analyse")
        add(_entries(analysis, "niches"), "nisje", "analyse")
        sources = [analysis]
    else:
        picked, niches = workbook.value("spesialisering"), workbook.value("nisjer")
        add(_entries(picked, "picks"), "styrke", "spesialisering")
        add(_entries(niches, "niches"), "nisje", "nisjer")
        sources = [picked, niches]
    for source in sources:
        if isinstance(source, dict) and found.county is None and source.get("county"):
            found.county, found.year = str(source["county"]), source.get("year")
    return found


def data_source(entry: dict) -> str:
    """The source line for the numbers behind a saved analysis section."""
    if isinstance(entry.get("source"), str) and entry["source"].strip():
        return entry["source"].strip()
    year = entry.get("year") if isinstance(entry.get("year"), int) else None
    county = entry.get("county")
    if county and str(county) not in COUNTIES_2024:  # a region of the teaching data
        return FJORDLAND.caption(year)
    return Provenance(**SSB_11713, years=(2008, 2019)).caption(year)


def links_table(analysis: Analysis, workbook: Workbook) -> str:
    """The strengths and niches a priority can link to, with where they come from."""
    rows = "".join(f"<tr><td>{escape(link.name)}</td><td>{link.kind}</td></tr>" for link in analysis.links)
    sources = " ".join(dict.fromkeys(data_source(_dict(workbook.value(s))) for s in analysis.sections))
    return display.table_frame("Styrker og nisjer du har lagret",
                               '<tr><th scope="col">Næring</th><th scope="col">Styrke eller nisje</th></tr>', rows,
                               display.source_text(f"Kilde: dine valg i {analysis.where()}. {sources}"))


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def missing_analysis() -> str:
    return (f"Du har ikke lagret styrker eller nisjer ennå. Gjør {chapter('analyse')} først (eller "
            f"{chapter('spesialisering')} og {chapter('nisjer')}), så kan du knytte prioriteringene til analysen.")


# the priorities, and parts of the workbook kept per priority ----------------
def priority_key(title: str) -> str:
    """The normalised title: how workbooks before stable ids keyed a priority."""
    return " ".join(str(title).split()).casefold()


_KEY = re.compile(r"^(?=.*\S)[^\x00-\x1f\x7f\ud800-\udfff]{1,100}$")


def saved_priorities(workbook: Workbook) -> list[dict]:
    """The saved priorities, each a dict with at least ``key`` (its stable id)
    and ``title``. A priority saved without a key gets its old title key."""
    entry = workbook.value(SECTION, {})
    items = entry.get("priorities", []) if isinstance(entry, dict) else []
    if not isinstance(items, list):
        return []
    found, seen = [], set()
    for p in items:
        if not isinstance(p, dict) or not isinstance(p.get("title"), str):
            continue
        key = p.get("key") if isinstance(p.get("key"), str) and _KEY.match(p["key"]) else priority_key(p["title"])
        if key not in seen:
            seen.add(key)
            found.append({**p, "key": key})
    return found


def assign_keys(titles_and_keys: list[tuple[str, object]], saved: list[dict]) -> list[str]:
    """Stable ids for the priorities being saved: the id the form carried
    (a renamed priority keeps it), else the id of a saved priority with the
    same title, else a new id made from the title. No two share an id."""
    by_title = {priority_key(p["title"]): p["key"] for p in saved}
    given = [key if isinstance(key, str) and _KEY.match(key) else None for _, key in titles_and_keys]
    keys: list[str | None] = []
    for key in given:  # first the ids the form carried, once each
        keys.append(key if key is not None and key not in keys else None)
    for n, (title, _) in enumerate(titles_and_keys):
        if keys[n] is None:
            key = by_title.get(priority_key(title))
            if key is None or key in keys:
                key, number = priority_key(title)[:90], 2
                while key in keys:
                    key, number = f"{priority_key(title)[:90]}-{number}", number + 1
            keys[n] = key
    return keys


def resolve_priority(priorities: list[dict], value) -> dict:
    """The saved priority the learner chose, by title or key."""
    if not priorities:
        raise InputError(f"Du har ingen lagrede prioriteringer. Lag dem i {chapter('prioriteringer')} først.")
    if not isinstance(value, str) or blank(value):
        raise InputError("Velg en av prioriteringene dine fra lista.")
    for priority in priorities:
        if priority["key"] == value or priority_key(priority["title"]) == priority_key(value):
            return priority
    raise InputError(f"«{value[:60]}» er ikke en av prioriteringene dine. Velg fra lista: "
                     f"{listing(p['title'] for p in priorities)}.")


def saved_for_priority(workbook: Workbook, section: str, key: str) -> dict:
    entry = workbook.value(section, {})
    by_priority = entry.get("by_priority", {}) if isinstance(entry, dict) else {}
    saved = by_priority.get(key, {}) if isinstance(by_priority, dict) else {}
    return saved if isinstance(saved, dict) else {}


def put_for_priority(workbook: Workbook, section: str, priority: dict, entry: dict) -> None:
    """Save one priority's part of ``section``; the other priorities' parts,
    also those of priorities that have since been renamed, are kept."""
    old = workbook.value(section, {})
    by_priority = dict(old.get("by_priority", {})) if isinstance(old, dict) and isinstance(
        old.get("by_priority"), dict) else {}
    by_priority[priority["key"]] = {"priority": priority["title"], **entry}
    workbook.put(section, {"county": workbook.county, "by_priority": by_priority})


def orphaned(workbook: Workbook) -> list[str]:
    """Titles under which actions or indicators are saved for a priority
    that no longer exists."""
    keys = {p["key"] for p in saved_priorities(workbook)}
    titles = []
    for section in ("tiltak", "indikatorer"):
        entry = workbook.value(section, {})
        by_priority = entry.get("by_priority", {}) if isinstance(entry, dict) else {}
        if isinstance(by_priority, dict):
            titles += [str(v.get("priority") or k) for k, v in by_priority.items()
                       if k not in keys and isinstance(v, dict)]
    return list(dict.fromkeys(t[:60] for t in titles))


def without_part(workbook: Workbook, section: str) -> list[str]:
    """Titles of saved priorities that have nothing saved in ``section`` yet."""
    return [p["title"] for p in saved_priorities(workbook) if not saved_for_priority(workbook, section, p["key"])]


class PerPriorityExercise:
    """Base of the exercises that add a part (actions, indicators) to each
    saved priority. A subclass says how to check an answer (``parse``, which
    returns the part to store) and what to teach about it (``notes``)."""

    section = ""
    what = ""  # the part, in Norwegian: «tiltak», «indikatorer»

    def __init__(self, workbook: Workbook):
        self.priorities = saved_priorities(workbook)
        self.actors = {a.name: a for a in stakeholders.saved_actors(workbook)}

    def parse(self, *answer) -> tuple[dict, list[str]]:
        raise NotImplementedError

    def notes(self, part: dict) -> list[str]:
        raise NotImplementedError

    def _checked(self, priority, answer) -> tuple[dict | None, dict | None, list[str]]:
        try:
            chosen = resolve_priority(self.priorities, priority)
        except InputError as error:
            return None, None, [str(error)]
        part, errors = self.parse(*answer)
        return chosen, part, errors

    def check(self, priority, *answer) -> Feedback:
        _, part, errors = self._checked(priority, answer)
        return Feedback(errors=errors) if errors else Feedback(notes=self.notes(part))

    def save(self, workbook: Workbook, priority, *answer) -> Feedback:
        chosen, part, errors = self._checked(priority, answer)
        if errors:
            return Feedback(errors=errors)
        put_for_priority(workbook, self.section, chosen, part)
        result = Feedback(notes=self.notes(part))
        left = without_part(workbook, self.section)
        if left:
            result.notes.append(f"Du har ennå ikke lagret {self.what} for {listing(left)}. "
                                "Velg dem i lista øverst i øvelsen.")
        result.saved = f"{self.what.capitalize()} for «{chosen['title']}» er lagret i arbeidsboka ({workbook.path})."
        return result

    def saved_part(self, workbook: Workbook, priority) -> dict:
        """What is saved for ``priority`` (a title), or an empty dict."""
        try:
            chosen = resolve_priority(self.priorities, priority)
        except InputError:
            return {}
        return saved_for_priority(workbook, self.section, chosen["key"])


# the exercise ----------------------------------------------------------------
@dataclass(frozen=True)
class Priority:
    title: str
    links: tuple[str, ...]
    reason: str
    drivers: tuple[str, ...]
    scores: dict
    key: str | None = None  # the stable id of a saved priority; None for a new one


class PrioritiesExercise:
    def __init__(self, workbook: Workbook):
        self.analysis = analysis_links(workbook)
        self.actors = {a.name: a for a in stakeholders.saved_actors(workbook)}

    # checking ------------------------------------------------------------
    def parse(self, rows) -> tuple[list[Priority], list[str]]:
        raw, errors = as_rows(rows, FIELDS, "Prioriteringene")
        for row, given in zip(raw, rows if isinstance(rows, (list, tuple)) else []):
            if row is not None:
                row["key"] = given.get("key") if isinstance(given, dict) else getattr(given, "key", None)
        filled = filled_rows(raw, ("title", "links", "reason", "drivers"))
        parsed, row_errors = parse_each(filled, self._priority)
        errors += row_errors + repeated(parsed, lambda p: priority_key(p.title),
                                        lambda p: f"To prioriteringer heter «{p.title}». Gi dem ulike navn.")
        if len(filled) > MAX_PRIORITIES:
            errors.append(f"Du har {len(filled)} prioriteringer, men kurset godtar høyst {MAX_PRIORITIES}. "
                          "Ingen region kan bli god på alt: velg de områdene der dere har best grunnlag, "
                          "og slå sammen resten.")
        elif len(filled) < MIN_PRIORITIES:
            errors.append(f"Lag mellom {MIN_PRIORITIES} og {MAX_PRIORITIES} prioriteringer "
                          f"(du har fylt ut {len(filled)}).")
        return parsed, errors

    def _priority(self, number: int, row: dict) -> Priority:
        title = clean_text(row["title"], f"Prioritering {number}, navn", max_length=MAX_TITLE)
        label = f"Prioritering {number} («{title[:40]}»)"
        if blank(row["reason"]):
            raise InputError(f"{label}: begrunnelsen mangler. Skriv hvorfor dere velger akkurat denne; "
                             "veilederen ber fylkeskommunen vise tydelig hvorfor den gjør valg.")
        links = {i: link.label for i, link in self.analysis.by_industry.items()}
        return Priority(title, tuple(picks(row["links"], links, f"{label}, styrker og nisjer")),
                        clean_text(row["reason"], f"{label}, begrunnelse", max_length=MAX_REASON),
                        tuple(self._drivers(row["drivers"], label)), _scores(row["scores"], label), row.get("key"))

    def _drivers(self, value, label: str) -> list[str]:
        actors = {name: name for name in self.actors}
        if not blank(value) and not actors:
            raise InputError(f"{label}: aktørkartet ditt er tomt. Lagre aktører i {chapter('aktorer')} først, "
                             "så kan du velge hvem som skal drive prioriteringen.")
        return picks(value, actors, f"{label}, aktører")

    def check(self, rows) -> Feedback:
        parsed, errors = self.parse(rows)
        return Feedback(errors=errors) if errors else Feedback(notes=self.notes(parsed))

    def notes(self, priorities: list[Priority]) -> list[str]:
        result = [] if self.analysis.links else [missing_analysis()]
        used: dict[str, list[str]] = {}
        for p in priorities:
            linked = [self.analysis.by_industry[i] for i in p.links]
            for link in linked:
                used.setdefault(link.name, []).append(p.title)
            result.append(self._note(p, linked))
        for name, titles in used.items():
            if len(titles) > 1:
                result.append(f"«{name}» ligger under {listing(titles)}. Er de egentlig én prioritering, "
                              "eller skiller de seg tydelig fra hverandre?")
        result.extend(self._helix_notes(priorities))
        ranked = sorted(priorities, key=lambda p: -sum(p.scores.values()))
        if len({sum(p.scores.values()) for p in priorities}) == 1:
            result.append("Alle prioriteringene har samme sum av poeng, så kriteriene skiller dem ikke fra hverandre. "
                          "Vurder dem en gang til: hvor er grunnlaget sterkest?")
        elif [p.title for p in ranked] != [p.title for p in priorities]:
            order = ", ".join(f"{p.title} ({sum(p.scores.values())})" for p in ranked)
            result.append(f"Etter poengene dine blir rekkefølgen: {order}. Den skiller seg fra din egen rekkefølge. "
                          "Det kan være helt riktig, men skriv i så fall hvorfor i begrunnelsen.")
        return result

    def _note(self, p: Priority, linked: list[Link]) -> str:
        if not linked:
            text = (f"«{p.title}» er ikke knyttet til noen styrke eller nisje fra analysen. Det kan være en ny "
                    "oppdagelse, men da bør begrunnelsen si hva den bygger på.")
        elif {link.kind for link in linked} == {"styrke", "nisje"}:
            text = (f"«{p.title}» kobler en styrke og en nisje ({listing(link.name for link in linked)}). "
                    "Slik finner regioner nye nisjer i beslektede næringer.")
        else:
            text = f"«{p.title}» bygger på {listing(link.name for link in linked)} fra analysen."
        if not p.drivers:
            text += (" Du har ikke valgt hvem som skal drive den fram. Prioriteringer er oppdagelser som aktørene "
                     "i regionen ser muligheter i og velger å prøve ut, så uten aktører blir den stående.")
        elif not any(self.actors[d].helix == "naeringsliv" for d in p.drivers):
            text += (" Ingen fra næringslivet skal drive den fram. Mange entreprenørielle prosjekter har en "
                     "entreprenør og en investor i samarbeid med en forskningsinstitusjon.")
        if p.scores["aktorer"] <= 2:
            text += " Du gir den lav score på aktører som vil satse: hva skal til for at noen tar den opp?"
        return text

    def _helix_notes(self, priorities: list[Priority]) -> list[str]:
        drivers = {d for p in priorities for d in p.drivers}
        helices = {self.actors[d].helix for d in drivers}
        if len(drivers) >= 2 and len(helices) == 1:
            helix = stakeholders.HELICES[helices.pop()].lower()
            return [f"Alle aktørene som skal drive prioriteringene, er fra {helix}. Én tråd bærer alt. "
                    "Offentlige myndigheter kan ikke gjennomføre en strategi for smart spesialisering på egen "
                    "hånd, og næringslivet heller ikke uten kunnskapsmiljøer og et offentlig som legger til rette."]
        return []

    # saving --------------------------------------------------------------
    def save(self, workbook: Workbook, rows) -> Feedback:
        parsed, errors = self.parse(rows)
        if errors:
            return Feedback(errors=errors)
        by_industry = self.analysis.by_industry
        keys = assign_keys([(p.title, p.key) for p in parsed], saved_priorities(workbook))
        workbook.put(SECTION, {
            "county": self.analysis.county or workbook.county,
            "year": self.analysis.year,
            "analysis_from": self.analysis.sections,
            "criteria": CRITERIA,
            "priorities": [{
                "key": key, "title": p.title, "reason": p.reason,
                "links": [asdict(by_industry[i]) for i in p.links],
                "drivers": [{"name": d, "helix": self.actors[d].helix} for d in p.drivers],
                "scores": p.scores,
            } for key, p in zip(keys, parsed)],
        })
        later = listing([CHAPTERS["tiltak"], CHAPTERS["indikatorer"]])
        result = Feedback(notes=self.notes(parsed))
        result.saved = (f"{len(parsed)} prioriteringer er lagret i arbeidsboka ({workbook.path}). "
                        f"I {later} lager du tiltak og indikatorer for hver av dem.")
        left = orphaned(workbook)
        if left:
            result.notes.append(f"Tiltak eller indikatorer for {listing(left)} hører til en prioritering du har tatt "
                                "bort. De står fortsatt i utkastet, merket «prioriteringen finnes ikke lenger». "
                                "Endrer du bare navnet på en prioritering, blir tiltakene med den.")
        return result

    def saved_rows(self, workbook: Workbook) -> list[Priority]:
        """The saved priorities, to fill the form again; links and actors no
        longer in the analysis or the map are left out."""
        rows = []
        for p in saved_priorities(workbook):
            links = tuple(link.get("industry") for link in p.get("links", []) if isinstance(link, dict)
                          and link.get("industry") in self.analysis.by_industry)
            drivers = tuple(d.get("name") for d in p.get("drivers", []) if isinstance(d, dict)
                            and d.get("name") in self.actors)
            scores = p.get("scores") if isinstance(p.get("scores"), dict) else {}
            rows.append(Priority(p["title"], links, str(p.get("reason", "")), drivers,
                                 {c: scores[c] if scores.get(c) in SCORES else 3 for c in CRITERIA}, p["key"]))
        return rows


def _scores(value, label: str) -> dict:
    if not isinstance(value, dict):
        raise InputError(f"{label}: gi poeng fra 1 til 5 for hvert kriterium.")
    unknown = [str(k)[:40] for k in value if k not in CRITERIA]
    if unknown:
        raise InputError(f"{label}: ukjent kriterium {listing(unknown)}. Bruk kriteriene i skjemaet.")
    scores = {}
    for key, text in CRITERIA.items():
        score = value.get(key)
        if isinstance(score, bool) or score not in SCORES:
            raise InputError(f"{label}: gi «{text}» et helt tall fra 1 til 5.")
        scores[key] = int(score)
    return scores
