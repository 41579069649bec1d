"""Exercise «Indikatorer for hver prioritering» (chapter Måle og lære).

For each saved priority the learner writes down the assumed causal link
(if we do this, that follows) and 1–4 indicators, each placed in the
logic model (input → activity → output → outcome) with a baseline value
and year, a target value and year, and a source. The checks are those of
an indicator that can be followed up: measurable (numbers), a baseline
year, a target later than the baseline, a source.
"""

import datetime as dt
from dataclasses import asdict, dataclass, fields

from exercises.core.errors import InputError
from exercises.core.numbers import number, percent
from exercises.core.parsing import as_rows, blank, choice, collect, filled_rows, parse_each, parse_number, parse_year
from exercises.core.text import clean_text
from exercises.models.per_priority import PerPriorityExercise
from exercises.workbook.sections import Section
from exercises.workbook.shapes import records, text

LEVELS = {
    "innsats": "Innsats (input)",
    "aktivitet": "Aktivitet",
    "resultat": "Resultat (output)",
    "effekt": "Effekt (outcome)",
}
MAX_INDICATORS = 4
MAX_NAME, MAX_SOURCE, MAX_ASSUMPTION = 120, 120, 400


@dataclass(frozen=True)
class Indicator:
    name: str
    level: str
    baseline: float
    baseline_year: int
    target: float
    target_year: int
    source: str


FIELDS = tuple(f.name for f in fields(Indicator))  # the columns of a row in the form


class MonitoringExercise(PerPriorityExercise):
    section = Section.INDICATORS
    what = "indikatorer"

    def __init__(self, workbook, this_year: int | None = None):
        super().__init__(workbook)
        self.this_year = this_year or dt.date.today().year

    def parse(self, rows, assumption=None) -> tuple[dict, list[str]]:
        errors = []
        assumption = collect(errors, clean_text, assumption, "Antatt sammenheng", max_length=MAX_ASSUMPTION,
                             required=False)
        raw, row_errors = as_rows(rows, FIELDS, "Indikatorene")
        filled = filled_rows(raw, tuple(f for f in FIELDS if f != "level"))  # the level always has a value
        indicators, parse_errors = parse_each(filled, self._indicator)
        errors += row_errors + parse_errors
        if not filled and not errors:
            errors.append("Skriv minst én indikator: hva dere måler, utgangsverdi og år, mål og år, og kilde.")
        if len(filled) > MAX_INDICATORS:
            errors.append(f"Du har {len(filled)} indikatorer; kurset godtar høyst {MAX_INDICATORS} per prioritering. "
                          "Få indikatorer som blir fulgt opp, er bedre enn mange som ikke blir det.")
        return {"assumption": assumption or "", "indicators": [asdict(i) for i in indicators]}, errors

    def _indicator(self, number: int, row: dict) -> Indicator:
        name = clean_text(row["name"], f"Indikator {number}, hva dere måler", max_length=MAX_NAME)
        label = f"Indikator {number} («{name[:40]}»)"
        level = choice(row["level"], LEVELS, f"{label}, nivå i logikkmodellen")
        baseline = parse_number(row["baseline"], f"{label}, utgangsverdi")
        start = parse_year(row["baseline_year"], f"{label}, år for utgangsverdien")
        if start > self.this_year:
            raise InputError(f"{label}: året for utgangsverdien ({start}) har ikke kommet ennå. Utgangsverdien er "
                             "det dere har målt, så bruk det siste året dere har tall for.")
        target = parse_number(row["target"], f"{label}, målverdi")
        end = parse_year(row["target_year"], f"{label}, år for målet")
        if end <= start:
            raise InputError(f"{label}: året for målet ({end}) må komme etter året for utgangsverdien ({start}).")
        if blank(row["source"]):
            raise InputError(f"{label}: kilden mangler. Hvor kommer tallene fra? For eksempel «SSB, tabell 11713», "
                             "«Innovasjon Norges årsrapport» eller «egen telling i prosjektet».")
        source = clean_text(row["source"], f"{label}, kilde", max_length=MAX_SOURCE)
        return Indicator(name, level, baseline, start, target, end, source)

    def notes(self, part: dict) -> list[str]:
        indicators = [Indicator(**i) for i in part["indicators"]]
        result = []
        for i in indicators:
            change = i.target - i.baseline
            if change == 0:
                result.append(f"«{i.name}»: målet er det samme som utgangsverdien. Skal tallet holdes, eller "
                              "skal det endres? Skriv det i så fall i navnet, for eksempel «holde sysselsettingen».")
            else:
                # a share of a negative or zero baseline means nothing (from -1 to 2 is not «-300 %»)
                how = f"{number(change, 1)} ({percent(change / i.baseline)})" if i.baseline > 0 else \
                    number(change, 1)
                result.append(f"«{i.name}», nivå {LEVELS[i.level].lower()}: fra {number(i.baseline, 1)} i "
                              f"{i.baseline_year} til {number(i.target, 1)} i {i.target_year}, en endring "
                              f"på {how} over {i.target_year - i.baseline_year} år. Er det realistisk?")
            if i.baseline < 0:
                result.append(f"«{i.name}»: utgangsverdien er negativ ({number(i.baseline, 1)}), så endringen "
                              "vises ikke i prosent. Er tallet riktig? Et nettotall, for eksempel netto tilflytting, "
                              "kan være negativt; et antall eller et beløp kan ikke det.")
            if i.target_year < self.this_year:
                result.append(f"«{i.name}»: målåret {i.target_year} har allerede vært. Velg et år fram i tid.")
        levels = {i.level for i in indicators}
        if "effekt" not in levels:
            result.append("Ingen indikator måler effekt (outcome), altså endringen prioriteringen skal gi i regionen. "
                          "Aktiviteter og resultater viser om dere gjør det dere sa, ikke om det virker.")
        elif levels == {"effekt"}:
            result.append("Alle indikatorene måler effekt. Effekter kommer ofte sent og påvirkes av mye annet enn "
                          "tiltakene. Mål også aktivitet eller resultat, så dere kan lære underveis.")
        if part["assumption"]:
            result.append("Du har skrevet ned antakelsen om sammenhengen. Den kan vise seg å være feil, og det er "
                          "poenget: når den står skrevet, kan dere diskutere den og justere tiltakene.")
        else:
            result.append("Skriv ned den antatte sammenhengen, for eksempel: «Hvis vi gjør [tiltak], fører det til "
                          "[resultat], som gir [effekt], fordi …». Veilederen sier at målstrukturen forteller hvilke "
                          "antakelser som er gjort om årsakssammenhenger.")
        return result

    def saved_answer(self, workbook, priority) -> tuple[str, list[dict]]:
        """The saved assumption and indicators, to fill the form again."""
        part = self.saved_part(workbook, priority)
        return text(part, "assumption"), records(part, "indicators")
