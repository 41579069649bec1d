"""Exercise «Utkast til prioriteringer» (chapter Prioritere), the course's main exercise.

The learner drafts 3–5 priorities. Each is linked to strengths or niches
from the analysis, has a reason, names the actors who will drive it
(entrepreneurial discovery), and is scored on the course's four criteria.
Feedback flags a priority with no link to the analysis, a missing reason,
too many priorities, and one strand of the quadruple helix carrying all.

"""

from dataclasses import asdict, dataclass

from exercises.core.errors import InputError
from exercises.core.feedback import Feedback
from exercises.core.parsing import as_rows, blank, filled_rows, listing, parse_each, picks, repeated
from exercises.core.text import clean_text
from exercises.models import stakeholders
from exercises.models.analysis_links import Link, analysis_links, missing_analysis
from exercises.models.per_priority import assign_keys, orphaned, priority_key, saved_priorities
from exercises.workbook.sections import Section
from exercises.workbook.shapes import mapping, records, text
from exercises.workbook.store import Workbook

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
            raise InputError(f"{label}: aktørkartet ditt er tomt. Lagre aktører i {Section.STAKEHOLDERS.chapter} "
                             "først, så kan du velge hvem som skal drive prioriteringen.")
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
        workbook.put(Section.PRIORITIES, {
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
        later = listing([Section.ACTIONS.chapter_title, Section.INDICATORS.chapter_title])
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
        saved = []
        for p in saved_priorities(workbook):
            links = tuple(link["industry"] for link in records(p, "links")
                          if link.get("industry") in self.analysis.by_industry)
            drivers = tuple(d["name"] for d in records(p, "drivers") if d.get("name") in self.actors)
            scores = mapping(p, "scores")
            saved.append(Priority(p["title"], links, text(p, "reason"), drivers,
                                  {c: scores[c] if scores.get(c) in SCORES else 3 for c in CRITERIA}, p["key"]))
        return saved


def _scores(value, label: str) -> dict:
    if not isinstance(value, dict):
        raise InputError(f"{label}: gi poeng fra 1 til 5 for hvert kriterium.")
    unknown = [str(k)[:40] for k in value if k not in CRITERIA]
    if unknown:
        raise InputError(f"{label}: ukjent kriterium {listing(unknown)}. Bruk kriteriene i skjemaet.")
    scores = {}
    for key, criterion in CRITERIA.items():
        score = value.get(key)
        if isinstance(score, bool) or score not in SCORES:
            raise InputError(f"{label}: gi «{criterion}» et helt tall fra 1 til 5.")
        scores[key] = int(score)
    return scores
