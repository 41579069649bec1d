"""Exercise «Utkast til visjon og mål» (chapter Visjon og mål).

A vision in one sentence, unpacked into the three properties KMD's guide
names for visions that work: a fairly concrete destination, an overall
purpose and the values underneath; then 1–5 goals, each with a year.
Feedback is on concreteness: a vision without a destination, a
destination that names none of the strengths found, a goal that cannot be
measured or has no year.
"""

import datetime as dt
import re
from dataclasses import asdict

from exercises.core.feedback import Feedback
from exercises.core.parsing import as_rows, collect, filled_rows, parse_each, parse_year
from exercises.core.text import clean_text
from exercises.models.analysis_links import analysis_links
from exercises.workbook import readers
from exercises.workbook.readers import Goal, Vision
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook

MAX_STATEMENT, MAX_PART, MAX_GOAL = 200, 250, 250
MAX_GOALS = 5
PARTS = {  # property -> (label, what it is, an example)
    "destination": ("Destinasjon", "hvor regionen skal, ganske konkret",
                    "«et fylke som eksporterer levende kongekrabbe, sporet fra hav til bord»"),
    "purpose": ("Formål", "hvorfor det er viktig, det overordnede formålet",
                "«trygge arbeidsplasser og velferd i hele fylket»"),
    "values": ("Verdier", "verdiene arbeidet bygger på",
               "«forvaltning som tar hensyn til miljø, folk og økonomi»"),
}


def parse_vision(statement, destination, purpose, values, goals) -> tuple[Vision | None, list[str]]:
    errors = []
    sentence = collect(errors, clean_text, statement, "Visjonen i én setning", max_length=MAX_STATEMENT)
    parts = [collect(errors, clean_text, v, PARTS[k][0], max_length=MAX_PART, required=False) for k, v in
             (("destination", destination), ("purpose", purpose), ("values", values))]
    raw, row_errors = as_rows(goals, ("text", "year"), "Målene")
    filled = filled_rows(raw, ("text", "year"))
    parsed, goal_errors = parse_each(filled, _goal)
    errors += row_errors + goal_errors
    if not filled:
        errors.append("Skriv minst ett mål. Et mål sier hva dere vil oppnå, og helst hvor mye og innen når.")
    elif len(filled) > MAX_GOALS:
        errors.append(f"Du har {len(filled)} mål; kurset godtar høyst {MAX_GOALS}. Få mål er lettere å følge opp.")
    if errors:
        return None, errors
    return Vision(sentence, *parts, tuple(parsed)), []


def _goal(number: int, row: dict) -> Goal:
    return Goal(clean_text(row["text"], f"Mål {number}", max_length=MAX_GOAL),
                parse_year(row["year"], f"Mål {number}, år", low=2000, required=False))


# Words that say how much without a digit: «doble eksportverdien», «halvere
# utslippene», «tre nye klynger», «hundre arbeidsplasser».
_AMOUNT_WORDS = re.compile(
    r"\b(doble|dobl\w*|tredobl\w*|firedobl\w*|halver\w*|fordobl\w*|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|"
    r"tolv|femten|tjue|tretti|førti|femti|hundre|tusen|million\w*|milliard\w*|prosent\w*|halvparten|"
    r"tredjedel\w*|fjerdedel\w*|dobbelt)\b", re.IGNORECASE)


def measurable(goal: str) -> bool:
    """A goal says how much when it holds a number (a count, a share, an
    amount), in digits or in words (see _AMOUNT_WORDS)."""
    return bool(re.search(r"\d", goal) or _AMOUNT_WORDS.search(goal))


def notes(vision: Vision, strengths: list[str], this_year: int | None = None) -> list[str]:
    """Teaching feedback on concreteness. ``strengths``: names of the
    strengths and niches saved earlier, to look for in the destination."""
    this_year = this_year or dt.date.today().year
    result = []
    for key, (label, what, example) in PARTS.items():
        if not getattr(vision, key):
            result.append(f"Visjonen mangler {label.lower()}: {what}, for eksempel {example}. "
                          "Veilederen nevner tre egenskaper ved visjoner som fungerer: en ganske konkret "
                          "destinasjon, et overordnet formål og et underliggende verdisett.")
    if vision.destination and strengths:
        named = [s for s in strengths if _mentions(vision.destination, s)]
        if named:
            result.append(f"Destinasjonen bygger på {', '.join(named)}, som du fant i analysen. Bra: da henger "
                          "visjonen sammen med det regionen faktisk er god på.")
        else:
            result.append("Destinasjonen nevner ingen av styrkene eller nisjene du fant i analysen "
                          f"({', '.join(strengths[:5])}). En konkret destinasjon sier hva regionen skal bli god på.")
    elif vision.destination and len(vision.destination.split()) < 4:
        result.append("Destinasjonen er svært kort. Kan den si mer konkret hva regionen skal bli god på?")
    for number, goal in enumerate(vision.goals, start=1):
        problems = []
        if not measurable(goal.text):
            problems.append("kan ikke måles slik det står: det sier ikke hvor mye. Legg til et tall, for "
                            "eksempel en andel, et antall eller et beløp")
        if goal.year is None:
            problems.append("mangler et år. Skriv når målet skal være nådd")
        elif goal.year < this_year:
            problems.append(f"har året {goal.year}, som allerede har vært")
        if problems:
            result.append(f"Mål {number} («{goal.text[:60]}») " + "; det ".join(problems) + ".")
        else:
            result.append(f"Mål {number} er målbart og har et år ({goal.year}). I {Section.INDICATORS.chapter} "
                          "lager du indikatorer med utgangsverdi og kilde, slik at dere kan følge det opp.")
    return result


def _mentions(text: str, name: str) -> bool:
    """Does ``text`` mention the industry ``name``? Compares word stems
    (the first five letters of each longer word), so that «havbruket»
    matches «Fiske og havbruk»."""
    stems = {w[:5] for w in re.findall(r"\w+", text.casefold()) if len(w) >= 5} - GENERIC
    return any(w[:5] in stems for w in re.findall(r"\w+", name.casefold()) if len(w) >= 5)


# Stems of words that many industry names share («… industri», «… tjenester»):
# a destination that mentions «kraftkrevende industri» does not build on
# «Oljeraffinering, kjemisk og farmasøytisk industri».
GENERIC = {"indus", "nærin", "tjene", "virks", "produ", "annen", "andre", "aktiv", "handel", "relat", "forre"}


class VisionExercise:
    def __init__(self, workbook: Workbook):
        self.strengths = [link.name for link in analysis_links(workbook).links]

    def check(self, statement, destination, purpose, values, goals) -> Feedback:
        vision, errors = parse_vision(statement, destination, purpose, values, goals)
        return Feedback(errors=errors) if errors else Feedback(notes=notes(vision, self.strengths))

    def save(self, workbook: Workbook, statement, destination, purpose, values, goals) -> Feedback:
        vision, errors = parse_vision(statement, destination, purpose, values, goals)
        if errors:
            return Feedback(errors=errors)
        workbook.put(Section.VISION, {"county": workbook.county, **asdict(vision),
                                      "goals": [asdict(g) for g in vision.goals]})
        return Feedback(notes=notes(vision, self.strengths),
                        saved=f"Visjonen og {len(vision.goals)} mål er lagret i arbeidsboka ({workbook.path}).")

    @staticmethod
    def saved(workbook: Workbook) -> dict:
        """The saved vision as the form's fields (empty strings where nothing is saved)."""
        saved = readers.vision(workbook)
        return {
            **{k: getattr(saved, k) for k in ("statement", *PARTS)},
            "goals": [(goal.text, "" if goal.year is None else str(goal.year)) for goal in saved.goals],
        }
