"""The learner's picks of industries, each with a reason: one set of rules
for every exercise that asks for them."""

from dataclasses import dataclass

import pandas as pd

from exercises.core.errors import InputError
from exercises.core.feedback import Feedback
from exercises.core.parsing import blank
from exercises.core.text import clean_text
from exercises.data.counties import resolve_region
from exercises.workbook import readers
from exercises.workbook.readers import PICK_KEYS
from exercises.workbook.sections import Section


@dataclass(frozen=True)
class Pick:
    industry: str
    reason: str


def parse_picks(rows, names: pd.Series, *, least: int, most: int, max_reason: int) -> tuple[list[Pick], list[str]]:
    """Turn rows of (industry code or name, reason) into Picks.

    Rows left blank are skipped; every other problem gives a Norwegian
    message that says what to do. ``names`` maps industry code -> name.
    """
    if not isinstance(rows, (list, tuple)):
        return [], ["Valgene må være en liste med (næring, begrunnelse)."]
    by_name = {n: code for code, n in names.items()}
    parsed, errors, filled = [], [], 0
    for number, row in enumerate(rows, start=1):
        industry, reason = _pair(row)
        if industry is _BAD:
            errors.append(f"Valg {number}: oppgi en næring og en begrunnelse.")
            continue
        if blank(industry) and blank(reason):
            continue
        filled += 1
        code = industry if industry in names.index else by_name.get(industry)
        if code is None:
            what = "Velg en næring" if blank(industry) else f"«{str(industry)[:60]}» er ikke en næring i tabellen. Velg"
            errors.append(f"Valg {number}: {what} fra lista.")
            continue
        try:
            text = clean_text(reason, f"Begrunnelse for valg {number} ({names[code]})", max_length=max_reason)
        except InputError as error:
            errors.append(str(error))
            continue
        if code in {p.industry for p in parsed}:
            errors.append(f"Valg {number}: «{names[code]}» er valgt to ganger.")
            continue
        parsed.append(Pick(code, text))
    if not least <= filled <= most:
        span = f"mellom {least} og {most}" if least < most else str(least)
        errors.append(f"Velg {span} næringer (du har fylt ut {filled}).")
    return parsed, errors


class PickExercise:
    """An exercise in which the learner picks industries of one county, each
    with a reason, and gets feedback from the data. A subclass sets the
    class attributes, ``self.names`` (industry code -> name), and says what
    to tell the learner (``_notes``) and what to store per pick (``_record``)."""

    section: Section    # workbook section (its list of picks is under readers.PICK_KEYS[section])
    least: int
    most: int
    max_reason: int
    what: str           # Norwegian, for the message after saving
    names: pd.Series

    def __init__(self, dataset, county, year: int | None = None):
        self.dataset = dataset
        self.county = resolve_region(county, dataset.regions)
        self.county_name = dataset.regions[self.county]
        self.year = year or dataset.years[-1]

    def parse(self, rows) -> tuple[list[Pick], list[str]]:
        return parse_picks(rows, self.names, least=self.least, most=self.most, max_reason=self.max_reason)

    def check(self, rows) -> Feedback:
        parsed, errors = self.parse(rows)
        return Feedback(errors=errors) if errors else Feedback(notes=self._notes(parsed))

    def save(self, workbook, rows) -> Feedback:
        """Check and, if there is nothing to fix, save to the workbook."""
        parsed, errors = self.parse(rows)
        if errors:
            return Feedback(errors=errors)
        result = Feedback(notes=self._notes(parsed))
        workbook.put(self.section, {"county": self.county, "year": self.year,
                                    PICK_KEYS[self.section]: [self._record(pick) for pick in parsed]})
        result.saved = f"{self.what} for {self.county_name} er lagret i arbeidsboka ({workbook.path})."
        return result

    def saved(self, workbook) -> list[Pick]:
        """Earlier picks for this county, to fill the form again."""
        return [Pick(c.industry, c.reason) for c in readers.picks(workbook, self.section).of(self.county)]

    def _notes(self, picks: list[Pick]) -> list[str]:
        raise NotImplementedError

    def _record(self, pick: Pick) -> dict:
        raise NotImplementedError


_BAD = object()


def _pair(row):
    if isinstance(row, Pick):
        return row.industry, row.reason
    if isinstance(row, dict):
        return row.get("industry"), row.get("reason")
    if isinstance(row, (list, tuple)) and len(row) == 2:
        return row[0], row[1]
    return _BAD, None

