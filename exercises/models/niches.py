"""Exercise «Hvilke nisjer ligger nær fylkets styrker?» (chapter Beslektet
mangfold og entreprenørielle oppdagelser): explore the industries nearest a
strength and note candidate niches with a reason."""

import pandas as pd

from exercises.analysis import relatedness
from exercises.analysis.indicators import CLEARLY_SPECIALISED
from exercises.models import judgements
from exercises.core.numbers import number
from exercises.data.dataset import Dataset
from exercises.models.picks import Pick, PickExercise
from exercises.workbook.sections import Section
from exercises.workbook.store import json_number

MIN_NICHES, MAX_NICHES = 1, 5
MAX_REASON = 300


def relatedness_table(dataset: Dataset, county: str, year: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Proximity and cosine similarity between industries (pooled over every
    year in the data) and, for one county, each industry's LQ, relatedness
    density and quadrant."""
    phi = dataset.proximity
    density = relatedness.relatedness_density(dataset.presence(year), phi).loc[county]
    lq = dataset.location_quotients(year).loc[county]
    table = pd.DataFrame({"name": pd.Series(dataset.industries()), "lq": lq, "density": density})
    table["quadrant"] = relatedness.quadrant(table.lq, table.density)
    return phi, relatedness.cosine_similarity(dataset.pooled_presence), table


class NicheExercise(PickExercise):
    section, what = Section.NICHES, "Kandidatnisjene"
    least, most, max_reason = MIN_NICHES, MAX_NICHES, MAX_REASON

    def __init__(self, dataset: Dataset, county, year: int | None = None):
        super().__init__(dataset, county, year)
        self.phi, self.cosine, self.table = relatedness_table(dataset, self.county, self.year)
        self.names = self.table["name"]

    def strengths(self) -> list[str]:
        """The county's specialised industries (LQ ≥ 1), highest LQ first."""
        return list(self.table[self.table.lq >= 1].sort_values("lq", ascending=False).index)

    def neighbours(self, industry: str, count: int = 8) -> pd.DataFrame:
        """The industries closest to ``industry`` by proximity φ."""
        closest = self.phi[industry].drop(industry).sort_values(ascending=False).head(count)
        return self.table.loc[closest.index].assign(proximity=closest, cosine=self.cosine[industry][closest.index])

    def _notes(self, niches: list[Pick]) -> list[str]:
        notes, present = [], self.table.lq >= 1
        for niche in niches:
            row = self.table.loc[niche.industry]
            name = f"«{row['name']}»"
            near = self.phi[niche.industry][present].drop(niche.industry, errors="ignore")
            anchor = f" Nærmeste styrke er «{self.names[near.idxmax()]}» (φ = {number(near.max(), 2)})." \
                if len(near) and near.max() > 0 else ""
            if (strength := judgements.niche_already_strength(name, row.lq)):
                notes.append(strength)
            elif row.quadrant == "Mulighet nær styrkene":
                notes.append(f"{name} er en mulighet nær fylkets styrker: lav LQ, men høy tetthet "
                             f"({number(row.density, 2)}).{anchor}")
            elif row.quadrant == "Fjern mulighet":
                notes.append(judgements.niche_far(name, row.density))
            elif pd.isna(row.lq) or pd.isna(row.density):
                notes.append(f"{name}: tallene er skjult eller mangler i kilden, så fylket kan ikke plasseres. "
                             "Begrunnelsen må bygge på det du vet om næringen i fylket.")
            else:  # LQ from 1 to CLEARLY_SPECIALISED: a strength, but not a clear one
                lq = number(row.lq, 2)
                if row.quadrant == "Styrke med nære naboer":
                    near_text = (f"Tettheten er høy ({number(row.density, 2)}): fylket er også spesialisert "
                                 "i flere næringer som ofte finnes sammen med denne.")
                else:
                    near_text = (f"Tettheten er lav ({number(row.density, 2)}): fylket har få av næringene "
                                 "som ofte finnes sammen med denne, så den står nokså alene.")
                notes.append(f"{name} har LQ {lq}: fylket er litt spesialisert i den, men ikke tydelig (kurset "
                             f"bruker {number(CLEARLY_SPECIALISED, 2)} som grense). {near_text} En nisje her bygger "
                             f"på noe fylket har; spør bedriftene hva som er nytt i den.{anchor}")
        notes.append("Tallene viser bare næringer som finnes i statistikken. Nye nisjer oppdages i dialog med "
                     "bedrifter, forskere og investorer: den entreprenørielle oppdagelsesprosessen.")
        return notes

    def _record(self, pick: Pick) -> dict:
        return {"industry": pick.industry, "name": self.names[pick.industry],
                "density": json_number(self.table.loc[pick.industry, "density"], 2), "reason": pick.reason}
