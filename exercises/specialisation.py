"""Exercise «Finn fylkets spesialiseringer» (chapter Region og spesialisering).

The learner picks, in order, the 3–5 industries they judge to be their
county's specialisations, each with a short reason. Feedback compares the
picks with the location quotients; the learner's judgement may differ from
the data, and the feedback says when that needs a reason.
"""

from dataclasses import dataclass

import pandas as pd

from . import display, indicators
from .counties import resolve_region
from .data import Dataset
from .feedback import Feedback
from .text import InputError, clean_text
from .workbook import Workbook

SECTION = "spesialisering"
MIN_PICKS, MAX_PICKS = 3, 5
MAX_REASON = 300
CLEAR_LQ = 1.25   # the course's line for «clearly specialised»; no fixed rule exists
MIN_SHARE = 0.01  # below 1 % of employment a high LQ may be one or two firms


@dataclass(frozen=True)
class Pick:
    industry: str
    reason: str


def county_profile(dataset: Dataset, county: str, year: int) -> pd.DataFrame:
    """One county's industries with employment, shares and LQ (reference:
    the sum of the regions), sorted by LQ, highest first; suppressed last."""
    E = dataset.matrix(year)
    table = pd.DataFrame({
        "name": pd.Series(dataset.industries()),
        "employment": E.loc[county],
        "share": indicators.shares(E).loc[county],
        "national_share": indicators.national_shares(E),
        "lq": indicators.location_quotient(E).loc[county],
    })
    return table.sort_values("lq", ascending=False, na_position="last")


class SpecialisationExercise:
    def __init__(self, dataset: Dataset, county, year: int | None = None):
        self.dataset = dataset
        self.county = resolve_region(county, dataset.regions)
        self.county_name = dataset.regions[self.county]
        self.year = year or dataset.years[-1]
        self.profile = county_profile(dataset, self.county, self.year)

    # checking ------------------------------------------------------------
    def parse(self, picks) -> tuple[list[Pick], list[str]]:
        """Turn the learner's rows into Picks; rows left blank are skipped."""
        if not isinstance(picks, (list, tuple)):
            return [], ["Valgene må være en liste med (næring, begrunnelse)."]
        names = self.profile["name"]
        by_name = {n: code for code, n in names.items()}
        parsed, errors, filled = [], [], 0
        for number, row in enumerate(picks, start=1):
            industry, reason = _pair(row)
            if industry is _BAD:
                errors.append(f"Valg {number}: oppgi en næring og en begrunnelse.")
                continue
            if _blank(industry) and _blank(reason):
                continue
            filled += 1
            code = industry if industry in names.index else by_name.get(industry)
            if code is None:
                what = "Velg en næring" if _blank(industry) else f"«{str(industry)[:60]}» er ikke en næring i tabellen. Velg"
                errors.append(f"Valg {number}: {what} fra lista.")
                continue
            try:
                text = clean_text(reason, f"Begrunnelse for valg {number} ({names[code]})", max_length=MAX_REASON)
            except InputError as error:
                errors.append(str(error))
                continue
            if code in {p.industry for p in parsed}:
                errors.append(f"Valg {number}: «{names[code]}» er valgt to ganger.")
                continue
            parsed.append(Pick(code, text))
        if not MIN_PICKS <= filled <= MAX_PICKS:
            errors.append(f"Velg mellom {MIN_PICKS} og {MAX_PICKS} næringer (du har fylt ut {filled}).")
        return parsed, errors

    def check(self, picks) -> Feedback:
        parsed, errors = self.parse(picks)
        if errors:
            return Feedback(errors=errors)
        return Feedback(notes=self._notes(parsed))

    def _notes(self, picks: list[Pick]) -> list[str]:
        p = self.profile
        notes = []
        for rank, pick in enumerate(picks, start=1):
            row = p.loc[pick.industry]
            lq = display.number(row.lq, 2)
            if pd.isna(row.lq):
                notes.append(f"{rank}. «{row['name']}»: tallet er skjult eller mangler i kilden, så valget "
                             "hviler på din egen kunnskap. Si hva du bygger på.")
            elif row.lq >= 1:
                notes.append(f"{rank}. «{row['name']}»: LQ {lq}. Andelen sysselsatte er {lq} ganger "
                             "andelen i landet, så tallene støtter valget.")
            else:
                notes.append(f"{rank}. «{row['name']}»: LQ {lq}, altså en mindre andel enn i landet. "
                             "Valget kan være godt hvis begrunnelsen peker på noe tallene ikke fanger opp, "
                             "for eksempel et sterkt fagmiljø, høy verdiskaping eller en ny nisje.")
        chosen = {pick.industry for pick in picks}
        left_out = p[(p.lq >= CLEAR_LQ) & (p.share >= MIN_SHARE) & ~p.index.isin(chosen)]
        for _, row in left_out.iterrows():
            notes.append(
                f"Du har ikke tatt med «{row['name']}» (LQ {display.number(row.lq, 2)}, "
                f"{display.percent(row.share)} av sysselsettingen). Det kan være greit, for eksempel "
                "hvis næringen mest betjener folk i fylket eller ikke har vekstkraft, men vurder den.")
        small = p[(p.lq >= CLEAR_LQ) & (p.share < MIN_SHARE) & ~p.index.isin(chosen)]
        if len(small):
            notes.append(f"{len(small)} små næringer (under {display.percent(MIN_SHARE, 0)} av sysselsettingen) "
                         "har høy LQ. I små næringer kan én bedrift gi høy LQ, så de er ikke regnet som tydelige.")
        supported = sum(1 for pick in picks if p.loc[pick.industry].lq >= 1)
        notes.append(f"{supported} av dine {len(picks)} valg har LQ over 1 i {self.year}.")
        return notes

    # saving --------------------------------------------------------------
    def save(self, workbook: Workbook, picks) -> Feedback:
        """Check and, if there is nothing to fix, save to the workbook."""
        parsed, errors = self.parse(picks)
        if errors:
            return Feedback(errors=errors)
        result = Feedback(notes=self._notes(parsed))
        workbook.put(SECTION, {
            "county": self.county,
            "year": self.year,
            "picks": [{"industry": pick.industry,
                       "name": self.profile.loc[pick.industry, "name"],
                       "lq": _rounded(self.profile.loc[pick.industry, "lq"]),
                       "reason": pick.reason} for pick in parsed],
        })
        result.saved = f"Valgene dine for {self.county_name} er lagret i arbeidsboka ({workbook.path})."
        return result

    def saved_picks(self, workbook: Workbook) -> list[Pick]:
        """Earlier picks for this county, to fill the form again."""
        entry = workbook.value(SECTION, {})
        if not isinstance(entry, dict) or entry.get("county") != self.county:
            return []
        return [Pick(p.get("industry", ""), p.get("reason", "")) for p in entry.get("picks", [])
                if isinstance(p, dict)]


_BAD = object()


def _pair(row):
    if isinstance(row, Pick):
        return row.industry, row.reason
    if isinstance(row, dict):
        return row.get("industry"), row.get("reason")
    if isinstance(row, (list, tuple)) and len(row) == 2:
        return row[0], row[1]
    return _BAD, None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _rounded(value):
    return None if pd.isna(value) else round(float(value), 3)
