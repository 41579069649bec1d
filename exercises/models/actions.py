"""Exercise «Tiltak og aktører» (chapter Gjennomføre).

For each saved priority the learner lists 1–5 actions: what, which kind
of policy (the policy mix), who is responsible, and whether it is a quick
step that can start this year. Feedback is on the mix, small wins, an
entrepreneurial discovery project, and who carries the responsibility.
"""

from dataclasses import asdict, dataclass, fields

from exercises.core.errors import InputError
from exercises.core.parsing import as_rows, blank, choice, filled_rows, flag, listing, parse_each
from exercises.core.text import clean_text
from exercises.models.per_priority import PerPriorityExercise
from exercises.workbook.sections import Section
from exercises.workbook.shapes import records, text

KINDS = {
    "virkemiddel": "Virkemiddel (tilskudd, lån, rådgivning)",
    "regulering": "Regulering og planer",
    "infrastruktur": "Infrastruktur",
    "kompetanse": "Utdanning og kompetanse",
    "oppdagelse": "Oppdagelsesprosjekt (entreprenør, investor og forskning)",
}
# actors a county often works with; the learner may name any other
KNOWN_ACTORS = ("Fylkeskommunen", "Kommunene", "Innovasjon Norge", "Forskningsrådet", "Siva",
                "Regionalt forskningsfond", "Klyngeorganisasjon", "Universitet eller høgskole")
MIN_ACTIONS, MAX_ACTIONS = 1, 5
MAX_TEXT, MAX_RESPONSIBLE = 200, 80


@dataclass(frozen=True)
class Action:
    text: str
    kind: str
    responsible: str
    quick: bool


FIELDS = tuple(f.name for f in fields(Action))  # the columns of a row in the form


def _action(number: int, row: dict) -> Action:
    text = clean_text(row["text"], f"Tiltak {number}", max_length=MAX_TEXT)
    label = f"Tiltak {number} («{text[:40]}»)"
    if blank(row["responsible"]):
        raise InputError(f"{label}: hvem har ansvaret? Skriv eller velg en aktør. Et tiltak uten "
                         "ansvarlig blir sjelden gjennomført.")
    return Action(text, choice(row["kind"], KINDS, f"{label}, type"),
                  clean_text(row["responsible"], f"{label}, ansvarlig", max_length=MAX_RESPONSIBLE),
                  flag(row["quick"], f"{label}, raskt i gang"))


class ActionsExercise(PerPriorityExercise):
    section = Section.ACTIONS
    what = "tiltak"

    def parse(self, rows) -> tuple[dict, list[str]]:
        raw, errors = as_rows(rows, FIELDS, "Tiltakene")
        filled = filled_rows(raw, ("text", "responsible"))
        actions, row_errors = parse_each(filled, _action)
        errors += row_errors
        if not errors and len(filled) < MIN_ACTIONS:
            errors.append("Skriv minst ett tiltak, med type og hvem som har ansvaret.")
        if len(filled) > MAX_ACTIONS:
            errors.append(f"Du har {len(filled)} tiltak; kurset godtar høyst {MAX_ACTIONS} per prioritering. "
                          "Velg de viktigste.")
        return {"actions": [asdict(a) for a in actions]}, errors

    def notes(self, part: dict) -> list[str]:
        actions = [Action(**a) for a in part["actions"]]
        result = []
        kinds = {a.kind for a in actions}
        if len(kinds) == 1:
            result.append(f"Alle tiltakene er av typen «{KINDS[kinds.pop()]}». Veilederen peker på at flere "
                          "sektorer, ulike virkemidler, reguleringer og infrastruktur sammen kan bygge opp under "
                          "en ønsket utvikling. Finnes det et tiltak av en annen type som hjelper?")
        else:
            result.append(f"Tiltakene dine er av {len(kinds)} typer: en blanding av virkemidler, "
                          "slik veilederen anbefaler.")
        quick = [a.text for a in actions if a.quick]
        if quick:
            result.append(f"{listing(quick)} kan komme raskt i gang. Små seire kan gi positive spiraler.")
        else:
            result.append("Ingen tiltak er merket som raske å få i gang. Små seire kan gi positive spiraler: "
                          "hva kan dere starte med i år?")
        if "oppdagelse" not in kinds:
            result.append("Det er ikke noe oppdagelsesprosjekt blant tiltakene. Veilederen beskriver gjennomføringen "
                          "som målrettet støtte til noen få initiativer fra de entreprenørielle oppdagelsesprosessene, "
                          "ofte med en entreprenør og en investor i samarbeid med en forskningsinstitusjon.")
        known = {n.casefold() for n in (*self.actors, *KNOWN_ACTORS)}
        strangers = [a.responsible for a in actions if a.responsible.casefold() not in known]
        if strangers:
            result.append(f"{listing(dict.fromkeys(strangers))} står ikke i aktørkartet ditt. Legg dem til i "
                          f"{Section.STAKEHOLDERS.chapter}, så ser du hvem som er med og hvor engasjert de er.")
        if len(actions) > 1 and all("fylkeskommun" in a.responsible.casefold() for a in actions):
            result.append("Fylkeskommunen har ansvaret for alle tiltakene. Kan andre ta ansvar for noen av dem? "
                          "Offentlige myndigheter kan ikke gjennomføre en strategi for smart spesialisering "
                          "på egen hånd.")
        return result

    def saved_rows(self, workbook, priority) -> list[Action]:
        return [Action(text(a, "text"), a.get("kind") if a.get("kind") in KINDS else "virkemiddel",
                       text(a, "responsible"), a.get("quick") is True)
                for a in records(self.saved_part(workbook, priority), "actions")]

    def responsible_options(self) -> list[str]:
        """Suggestions for «Ansvarlig»: the learner's map first."""
        return list(dict.fromkeys([*self.actors, *KNOWN_ACTORS]))
