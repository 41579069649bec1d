"""One reader per workbook section: what the exercises save, read back.

Each reader takes a Workbook (or anything with its ``value`` method, such as
a learner's file read by :mod:`exercises.models.merge`) and returns a typed
value with a safe default for whatever is missing or has the wrong type: a
hand-edited or damaged section never raises here. Readers only check shapes
(a list is a list, a year is a whole number); whether a value is a valid
answer (a known industry, a score from 1 to 5) is for the exercise's model
to decide. Reading never changes the file, and keys the course does not
know are left as they are.
"""

import re
from dataclasses import dataclass, field

from exercises.workbook.sections import Section
from exercises.workbook.shapes import as_dict, dicts, entry, integer, mapping, number, records, text

# profil ------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    county: str | None = None  # the county's code
    county_name: str = ""
    role: str = ""
    name: str = ""
    helix: str = ""  # strand of the quadruple helix (models/stakeholders.HELICES), "" if not stated


def profile(book) -> Profile:
    saved = entry(book, Section.PROFILE)
    return Profile(text(saved, "county") or None, text(saved, "county_name"), text(saved, "role"), text(saved, "name"),
                   text(saved, "helix"))


# industries the learner chose: spesialisering, nisjer, and marked in analyse ------


@dataclass(frozen=True)
class Choice:
    """An industry the learner chose, with what was saved beside it."""
    industry: str  # the industry's code
    name: str  # the industry's name as saved, else its code
    reason: str = ""
    lq: float | None = None  # saved with a specialisation
    density: float | None = None  # saved with a niche


def choices(item: dict, key: str) -> tuple[Choice, ...]:
    """The choices listed under ``key``; a row without an industry code is left out."""
    return tuple(Choice(row["industry"], text(row, "name") or row["industry"], text(row, "reason"),
                        number(row, "lq"), number(row, "density"))
                 for row in records(item, key) if text(row, "industry"))


# the key each pick exercise keeps its list of choices under
PICK_KEYS = {Section.SPECIALISATION: "picks", Section.NICHES: "niches"}


@dataclass(frozen=True)
class Picks:
    """The choices saved in «spesialisering» or «nisjer»."""
    county: str | None = None
    year: int | None = None
    choices: tuple[Choice, ...] = ()

    def of(self, county: str | None) -> tuple[Choice, ...]:
        """The choices, if they were made for ``county``; else none."""
        return self.choices if county is not None and self.county == county else ()


def picks(book, section: Section) -> Picks:
    saved = entry(book, section)
    return Picks(text(saved, "county") or None, integer(saved, "year"), choices(saved, PICK_KEYS[section]))


@dataclass(frozen=True)
class Ranking:
    """The ranking saved in «analyse». ``rows`` is the final ranking (dicts
    with industry, name, rank, computed_rank, score, employment, lq, growth,
    label, reason); read its fields with :mod:`exercises.workbook.shapes`."""
    county: str | None = None
    year: int | None = None
    start_year: int | None = None
    weights: dict = field(default_factory=dict)  # criterion -> weight, as saved
    scores: dict = field(default_factory=dict)  # criterion -> {industry: score}
    moves: tuple[dict, ...] = ()
    rows: tuple[dict, ...] = ()
    strengths: tuple[Choice, ...] = ()
    niches: tuple[Choice, ...] = ()


def ranking(book) -> Ranking:
    saved = entry(book, Section.ANALYSIS)
    scores = {criterion: as_dict(by_industry) for criterion, by_industry in mapping(saved, "scores").items()}
    return Ranking(text(saved, "county") or None, integer(saved, "year"), integer(saved, "start_year"),
                   mapping(saved, "weights"), scores, tuple(records(saved, "moves")), tuple(records(saved, "ranking")),
                   choices(saved, "strengths"), choices(saved, "niches"))


# aktorer -------------------------------------------------------------------------


def actor_rows(book) -> list[dict]:
    """The saved rows of the stakeholder map, to be checked again by the model."""
    return records(entry(book, Section.STAKEHOLDERS), "actors")


# visjon --------------------------------------------------------------------------


@dataclass(frozen=True)
class Goal:
    text: str
    year: int | None


@dataclass(frozen=True)
class Vision:
    """A vision and its goals: what :mod:`exercises.models.vision` checks and saves."""
    statement: str = ""
    destination: str = ""
    purpose: str = ""
    values: str = ""
    goals: tuple[Goal, ...] = ()


def vision(book) -> Vision:
    saved = entry(book, Section.VISION)
    return Vision(*(text(saved, key) for key in ("statement", "destination", "purpose", "values")),
                  tuple(Goal(text(goal, "text"), integer(goal, "year")) for goal in records(saved, "goals")))


# prioriteringer, and the parts kept per priority (tiltak, indikatorer) -------------


def priority_key(title: str) -> str:
    """The normalised title: how workbooks before stable ids keyed a priority."""
    return " ".join(str(title).split()).casefold()


KEY = re.compile(r"^(?=.*\S)[^\x00-\x1f\x7f\ud800-\udfff]{1,100}$")  # what a priority's id may look like


def saved_priorities(book) -> list[dict]:
    """The saved priorities, each the dict as saved (keys the course does not
    know are kept) with at least ``key`` (its stable id) and ``title``. A
    priority saved without a valid key gets its old title key; of two with
    the same key, the first is kept."""
    found, seen = [], set()
    for p in records(entry(book, Section.PRIORITIES), "priorities"):
        if not isinstance(p.get("title"), str):
            continue
        key = p["key"] if KEY.match(text(p, "key")) else priority_key(p["title"])
        if key not in seen:
            seen.add(key)
            found.append({**p, "key": key})
    return found


PER_PRIORITY = (Section.ACTIONS, Section.INDICATORS)


def parts(book, section: Section) -> dict[str, dict]:
    """What ``section`` (tiltak or indikatorer) holds per priority: the
    priority's key -> its part (a dict with at least the priority's title
    under ``priority``, as saved). Parts that are not dicts are left out."""
    return dicts(entry(book, section), "by_priority")


# plan, quiz, roller, eu_kriterier, rollevurdering, workshop -------------------------


@dataclass(frozen=True)
class Planning:
    placements: dict  # part of the work -> place in the planning system, as saved
    form: str = ""
    next_step: str = ""


def planning(book) -> Planning:
    saved = entry(book, Section.PLANNING)
    return Planning(mapping(saved, "placements"), text(saved, "form"), text(saved, "next_step"))


def quiz_answers(book) -> dict:
    """Question key -> the option saved for it, as saved."""
    return mapping(entry(book, Section.QUIZ), "answers")


@dataclass(frozen=True)
class Assessment:
    """The saved answers of a self-assessment (roller: ``answers`` are the
    scores per element) or a checklist (eu_kriterier, rollevurdering:
    ``answers`` are {status, evidence} per item; items that are not dicts
    are left out), as saved, and the comment."""
    answers: dict
    comment: str = ""


def assessment(book, section: Section) -> Assessment:
    saved = entry(book, section)
    answers = mapping(saved, "scores") if section == Section.SELF_ASSESSMENT else dicts(saved, "answers")
    return Assessment(answers, text(saved, "comment"))


def workshop_folder(book) -> str:
    """The folder of the last workshop merge, or ""."""
    return text(entry(book, Section.WORKSHOP), "folder")


# the shape of each section, checked before an uploaded workbook is used ---------------

RECORDS = "records"  # a list of dicts
# section -> key -> the type its reader above expects (None is always allowed:
# the reader reads it as missing)
SHAPES: dict[Section, dict[str, type | str]] = {
    Section.PROFILE: {"county": str, "county_name": str, "role": str, "name": str},
    Section.SPECIALISATION: {"county": str, "year": int, "picks": RECORDS},
    Section.NICHES: {"county": str, "year": int, "niches": RECORDS},
    Section.ANALYSIS: {"county": str, "year": int, "start_year": int, "weights": dict, "scores": dict,
                       "moves": RECORDS, "ranking": RECORDS, "strengths": RECORDS, "niches": RECORDS},
    Section.STAKEHOLDERS: {"county": str, "actors": RECORDS},
    Section.VISION: {"county": str, "statement": str, "destination": str, "purpose": str, "values": str,
                     "goals": RECORDS},
    Section.PRIORITIES: {"county": str, "year": int, "priorities": RECORDS},
    Section.ACTIONS: {"county": str, "by_priority": dict},
    Section.INDICATORS: {"county": str, "by_priority": dict},
    Section.PLANNING: {"county": str, "placements": dict, "form": str, "next_step": str},
    Section.QUIZ: {"answers": dict},
    Section.SELF_ASSESSMENT: {"county": str, "scores": dict, "comment": str},
    Section.ROLES: {"county": str, "answers": dict, "comment": str},
    Section.EU_CRITERIA: {"county": str, "answers": dict, "comment": str},
    Section.WORKSHOP: {"folder": str},
}
_KINDS = {str: "en tekst", int: "et heltall", dict: "et sett med felter", RECORDS: "en liste med oppføringer"}


def _kind_of(value) -> str:
    if isinstance(value, bool):
        return "sann/usann"
    if isinstance(value, int | float):
        return "et tall"
    if isinstance(value, str):
        return "en tekst"
    if isinstance(value, list):
        return "en liste"
    return "et sett med felter"


def _fits(value, kind) -> bool:
    if value is None:
        return True
    if kind is RECORDS:
        return isinstance(value, list) and all(isinstance(row, dict) for row in value)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def shape_problems(sections: dict) -> list[str]:
    """What in the sections of a workbook file (``data["sections"]``) does
    not have the shape the readers above expect, one Norwegian sentence per
    section, naming it and its chapter; [] if all is well. Sections the
    course does not know are left alone, as the readers leave them."""
    problems = []
    for section in Section:
        if section not in sections:
            continue
        where = f"Delen «{section.value}» (fra kapitlet {section.chapter})"
        saved = sections[section]
        if not isinstance(saved, dict):
            problems.append(f"{where} skal være et sett med felter, men er {_kind_of(saved)}.")
            continue
        if "value" not in saved:
            continue  # only a revision: nothing saved
        value = saved["value"]
        if not isinstance(value, dict):
            problems.append(f"{where} skal være et sett med felter, men er {_kind_of(value)}.")
            continue
        wrong = [f"«{key}» skal være {_KINDS[kind]}, men er {_kind_of(value[key])}"
                 for key, kind in SHAPES[section].items() if key in value and not _fits(value[key], kind)]
        if wrong:
            problems.append(f"{where} har feil form: {'; '.join(wrong)}.")
    return problems
