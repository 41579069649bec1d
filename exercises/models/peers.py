"""«Fylker som ligner ditt» (chapter Analysere): the counties whose industry
structure is most like the learner's by Krugman's dissimilarity between two
regions (:mod:`exercises.analysis.similarity`), what each of them is
specialised in that the learner's county is not, and how related those
industries are to the county's own (relatedness density, Hidalgo et al.
2007). With the municipal data (SSB table 13470): the municipalities most
like a chosen one, among the municipalities the data hold.

Shares divide by each region's published total (:meth:`Dataset.shares`);
a hidden cell never counts as 0: a pair is compared on the industries
published for both.
"""

import pandas as pd

from exercises.analysis import relatedness, similarity
from exercises.analysis.trends import SHORT
from exercises.core.numbers import number
from exercises.core.parsing import listing
from exercises.data.counties import COUNTIES_2024, resolve_region
from exercises.data.dataset import Dataset
from exercises.data.municipal import matrix as municipal_matrix
from exercises.models.lq_trends import panel

PEERS = 5  # peers shown
CLOSE, FAR = relatedness.QUADRANTS[(False, True)], relatedness.QUADRANTS[(False, False)]


class PeerComparison:
    """One county against all the others in one year."""

    def __init__(self, dataset: Dataset, county, year: int | None = None):
        self.dataset = dataset
        self.county = resolve_region(county, dataset.regions)
        self.county_name = dataset.regions[self.county]
        self.year = year or dataset.years[-1]
        shares, _ = dataset.shares(self.year)
        self.K = similarity.krugman_dissimilarity(shares)
        self.compared = similarity.compared(shares)
        figures = panel(dataset)
        self.lq = figures.lq[self.year]
        presence = (self.lq >= 1).astype(int)  # as Dataset.presence, from the LQs already made
        self.density = relatedness.relatedness_density(presence, dataset.proximity).loc[self.county]
        self.names = pd.Series(dataset.industries())
        self.quadrant = relatedness.quadrant(self.lq.loc[self.county], self.density)
        short = figures.shortfall.get(self.year)
        self.short = short[short >= SHORT] if short is not None else pd.Series(dtype=float)
        # said under every table of shares or LQs for this county and year (made once: it takes a while)
        self.note = dataset.reference_note(self.year, self.county)

    def peers(self, count: int = PEERS) -> pd.DataFrame:
        """The most similar counties, most similar first: K, half of K (the
        share of employment that would have to change industry) and the
        number of industries compared."""
        near = similarity.nearest(self.K, self.county, count)
        return pd.DataFrame({
            "name": [self.dataset.regions[r] for r in near.index],
            "K": near.values,
            "moved": near.values / 2,
            "compared": [int(self.compared.loc[self.county, r]) for r in near.index],
        }, index=pd.Index(near.index, name="region"))

    def gaps(self, peer: str) -> pd.DataFrame:
        """The industries ``peer`` is specialised in (LQ ≥ 1) and the county
        is not (LQ < 1), with the county's relatedness density and quadrant,
        closest to the county's strengths first. Industries hidden in the
        county are left out (see :meth:`unknown`)."""
        own, theirs = self.lq.loc[self.county], self.lq.loc[peer]
        chosen = theirs.index[(theirs >= 1) & (own < 1)]
        table = pd.DataFrame({"name": self.names[chosen], "peer_lq": theirs[chosen], "own_lq": own[chosen],
                              "density": self.density[chosen], "quadrant": self.quadrant[chosen]})
        return table.sort_values(["density", "name"], ascending=[False, True], na_position="last")

    def unknown(self, peer: str) -> list[str]:
        """Industries ``peer`` is specialised in whose LQ is hidden in the county."""
        own, theirs = self.lq.loc[self.county], self.lq.loc[peer]
        return [self.names[i] for i in theirs.index[(theirs >= 1) & own.isna()]]

    def reading(self, count: int = 3) -> list[str]:
        """One sentence per peer, in plain Norwegian."""
        lines = []
        for region, row in self.peers(count).iterrows():
            gaps = self.gaps(region)
            head = (f"{row['name']} (K = {number(row.K, 2)}: {number(100 * row.moved, 0)} prosent av de sysselsatte "
                    "måtte ha byttet næring for at de to skulle bli like)")
            if gaps.empty:
                lines.append(f"{head} er ikke spesialisert i noen næring som {self.county_name} ikke også er "
                             "spesialisert i.")
                continue
            close = gaps[gaps.quadrant == CLOSE]
            text = (f"{head} er spesialisert i {len(gaps)} {'næring' if len(gaps) == 1 else 'næringer'} som "
                    f"{self.county_name} ikke er spesialisert i.")
            if len(close):
                named = [f"{n} (tetthet {number(d, 2)})" for n, d in zip(close["name"].head(3), close.density.head(3))]
                text += f" Nærmest {self.county_name}s styrker: {listing(named, quote=False)}."
            else:
                text += (f" {'Den' if len(gaps) == 1 else 'Ingen av dem'} ligger {'ikke ' if len(gaps) == 1 else ''}nær "
                         f"{self.county_name}s styrker (beslektet tetthet under medianen for {self.county_name}).")
            lines.append(text)
        return lines


def municipal_peers(frame: pd.DataFrame, municipality: str, year: int | None = None,
                    count: int = PEERS) -> pd.DataFrame:
    """The municipalities most like ``municipality`` by Krugman's
    dissimilarity of their shares of employment by workplace (table 13470,
    17 groups without «Uoppgitt», shares of the sum of the known groups), among
    the municipalities in ``frame``; most similar first."""
    E = municipal_matrix(frame, year or int(frame.year.max()))
    shares = E.div(E.sum(axis=1, min_count=1).where(lambda s: s > 0), axis=0)
    K, n = similarity.krugman_dissimilarity(shares), similarity.compared(shares)
    near = similarity.nearest(K, municipality, count)
    names = frame.drop_duplicates("municipality_2024").set_index("municipality_2024").municipality_2024_name
    counties = frame.drop_duplicates("municipality_2024").set_index("municipality_2024").county
    return pd.DataFrame({"name": names.reindex(near.index).values,
                         "county": [COUNTIES_2024.get(c, c) for c in counties.reindex(near.index)],
                         "K": near.values, "compared": [int(n.loc[municipality, m]) for m in near.index]},
                        index=pd.Index(near.index, name="municipality"))


def municipal_scope(frame: pd.DataFrame) -> str:
    """Which municipalities a comparison is among: all in the country, or only those the data hold."""
    counties = sorted(set(frame.county.dropna()))
    n = frame.municipality_2024.nunique()
    if set(COUNTIES_2024) <= set(counties):
        return f"Sammenlignet med alle de {n} kommunene i landet."
    names = listing([COUNTIES_2024.get(c, c) for c in counties], quote=False)
    return (f"Dataene har bare kommunene i {names} ({n} kommuner), så sammenligningen gjelder bare dem, ikke "
            "hele landet. Hent alle kommunene i «Velkommen» (de nyeste tallene fra SSB) for å sammenligne med "
            "hele landet.")
