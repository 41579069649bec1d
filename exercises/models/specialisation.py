"""Exercise «Finn fylkets spesialiseringer» (chapter Region og spesialisering).

The learner picks, in order, the 3–5 industries they judge to be their
county's specialisations, each with a short reason. Feedback compares the
picks with the location quotients; the learner's judgement may differ from
the data, and the feedback says when that needs a reason.
"""

import pandas as pd

from exercises.analysis.indicators import CLEARLY_SPECIALISED
from exercises.models import judgements
from exercises.core.numbers import number, percent
from exercises.data.dataset import Dataset
from exercises.models.picks import Pick, PickExercise
from exercises.workbook.sections import Section
from exercises.workbook.store import json_number

MIN_PICKS, MAX_PICKS = 3, 5
MAX_REASON = 300
MIN_SHARE = 0.01  # below 1 % of employment a high LQ may be one or two firms


def county_profile(dataset: Dataset, county: str, year: int) -> pd.DataFrame:
    """One county's industries with employment, shares and LQ (reference:
    the sum of the regions; totals: the sum of the main groups), sorted by
    LQ, highest first; suppressed last."""
    E = dataset.matrix(year)
    county_shares, national_shares = dataset.shares(year)
    table = pd.DataFrame({
        "name": pd.Series(dataset.industries()),
        "employment": E.loc[county],
        "share": county_shares.loc[county],
        "national_share": national_shares,
        "lq": dataset.location_quotients(year).loc[county],
    })
    return table.sort_values("lq", ascending=False, na_position="last")


class SpecialisationExercise(PickExercise):
    section, what = Section.SPECIALISATION, "Valgene dine"
    least, most, max_reason = MIN_PICKS, MAX_PICKS, MAX_REASON

    def __init__(self, dataset: Dataset, county, year: int | None = None):
        super().__init__(dataset, county, year)
        self.profile = county_profile(dataset, self.county, self.year)
        self.names = self.profile["name"]

    def _notes(self, picks: list[Pick]) -> list[str]:
        p = self.profile
        notes = []
        for rank, pick in enumerate(picks, start=1):
            row = p.loc[pick.industry]
            lq = number(row.lq, 2)
            if pd.isna(row.lq):
                notes.append(f"{rank}. «{row['name']}»: tallet er skjult eller mangler i kilden, så valget "
                             "hviler på din egen kunnskap. Si hva du bygger på.")
            elif row.lq >= 1 and row.share < MIN_SHARE:
                notes.append(f"{rank}. «{row['name']}»: LQ {lq}, men bare {percent(row.share)} av de "
                             f"sysselsatte i fylket. I en så liten næring kan én bedrift gi høy LQ, så tallene "
                             "alene viser ikke en styrke. Begrunn hva fylket bygger på: kompetanse, vekst eller "
                             "koblinger til andre næringer.")
            elif row.lq >= 1:
                notes.append(f"{rank}. «{row['name']}»: {judgements.supports_pick(row.lq, percent(row.share))}")
            else:
                notes.append(f"{rank}. «{row['name']}»: LQ {lq}, altså en mindre andel enn i landet. "
                             "Valget kan være godt hvis begrunnelsen peker på noe tallene ikke fanger opp, "
                             "for eksempel et sterkt fagmiljø, høy verdiskaping eller en ny nisje.")
        chosen = {pick.industry for pick in picks}
        left_out = p[(p.lq >= CLEARLY_SPECIALISED) & (p.share >= MIN_SHARE) & ~p.index.isin(chosen)]
        if len(left_out):
            listed = "; ".join(f"«{row['name']}» (LQ {number(row.lq, 2)}, {percent(row.share)} "
                               "av sysselsettingen)" for _, row in left_out.iterrows())
            notes.append(f"Du har ikke tatt med disse tydelige spesialiseringene: {listed}. Det kan være greit, "
                         "for eksempel hvis en næring mest betjener folk i fylket eller ikke har vekstkraft, "
                         "men vurder dem.")
        small = p[(p.lq >= CLEARLY_SPECIALISED) & (p.share < MIN_SHARE) & ~p.index.isin(chosen)]
        if len(small):
            notes.append(f"{len(small)} små næringer (under {percent(MIN_SHARE, 0)} av sysselsettingen) "
                         "har høy LQ. I små næringer kan én bedrift gi høy LQ, så de er ikke regnet som tydelige.")
        supported = sum(1 for pick in picks if p.loc[pick.industry].lq >= 1)
        notes.append(f"{supported} av dine {len(picks)} valg har LQ over 1 i {self.year}.")
        return notes

    def _record(self, pick: Pick) -> dict:
        row = self.profile.loc[pick.industry]
        return {"industry": pick.industry, "name": row["name"], "lq": json_number(row.lq, 2), "reason": pick.reason}
