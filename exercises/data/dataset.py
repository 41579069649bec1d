"""The course's data in one canonical tidy form, and how to load it.

Canonical form: one row per region × industry × year with the columns in
``COLUMNS``. ``level`` 0 is a main group, 1 a sub-group of ``parent``; a
main group contains its sub-groups, so use :meth:`Dataset.matrix` (which
picks a non-overlapping set of industries) rather than summing rows.
Region ``"0"`` is the published national total, where the source has one.
Employment is in thousands of persons, value added in NOK million.
"""

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from exercises.analysis import indicators
from exercises.core import paths
from exercises.data.provenance import FJORDLAND, Provenance

COLUMNS = ["region", "region_name", "industry", "industry_name", "level", "parent",
           "year", "employment", "value_added"]
NATION = "0"
MEASURES = {"employment": "Sysselsatte (1000 personer)", "value_added": "Bruttoprodukt (mill. kr)"}
REAL_DATA_FILE = "ssb_11713.csv"
MAP_FILE = "fylker_2024.json"


class DataMissing(RuntimeError):
    """Real data were required but have not been imported."""


def read_canonical(path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype={"region": str, "industry": str, "parent": str},
                        keep_default_na=False, na_values={"employment": [""], "value_added": [""]})
    missing = set(COLUMNS) - set(frame.columns)
    if missing:
        raise ValueError(f"{path}: mangler kolonnene {sorted(missing)}")
    return frame[COLUMNS]


@dataclass(frozen=True)
class Dataset:
    frame: pd.DataFrame
    provenance: Provenance
    fallback: bool = False  # teaching data shown because real data are missing

    @property
    def fictional(self) -> bool:
        return self.provenance.fictional

    @cached_property
    def regions(self) -> dict[str, str]:
        """Region code -> name, national total excluded."""
        rows = self.frame.loc[self.frame.region != NATION, ["region", "region_name"]]
        return dict(rows.drop_duplicates("region").sort_values("region").itertuples(index=False))

    @cached_property
    def years(self) -> list[int]:
        return sorted(self.frame.year.unique().tolist())

    def industries(self, level: str = "detailed") -> dict[str, str]:
        """Industry code -> name for a non-overlapping set of industries.

        ``"main"``: the main groups. ``"detailed"``: the finest groups, i.e. each
        sub-group, and each main group that has no sub-groups.
        """
        meta = self.frame.drop_duplicates("industry")
        if level == "main":
            chosen = meta[meta.level == 0]
        elif level == "detailed":
            parents = set(meta.parent) - {""}
            chosen = meta[~meta.industry.isin(parents)]
        else:
            raise ValueError(f"level must be 'main' or 'detailed', not {level!r}")
        return dict(zip(chosen.industry, chosen.industry_name))

    def matrix(self, year: int, level: str = "detailed", measure: str = "employment") -> pd.DataFrame:
        """Regions × industries for one year (national total excluded).

        Suppressed cells in the source stay missing (NaN)."""
        codes = list(self.industries(level))
        rows = self.frame[(self.frame.year == year) & (self.frame.region != NATION)
                          & self.frame.industry.isin(codes)]
        table = rows.pivot(index="region", columns="industry", values=measure)
        return table.reindex(columns=codes)

    # Said under every table that shows an LQ or a share computed on region_totals.
    TOTALS_NOTE = ("Totalene for fylket og landet er summen av hovednæringene; tall som er skjult i kilden, "
                   "er holdt utenfor.")

    def region_totals(self, year: int, measure: str = "employment") -> pd.Series:
        """Each region's total: the sum of the main groups. Suppressed cells
        are left out, so the total is the same for every level of detail
        (the detailed groups need not add up to their rounded main group)."""
        return self.matrix(year, "main", measure).sum(axis=1)

    def location_quotients(self, year: int, level: str = "detailed") -> pd.DataFrame:
        """LQ of every region and industry against the sum of the regions,
        with :meth:`region_totals` as the totals: one value per figure."""
        return indicators.location_quotient(self.matrix(year, level), totals=self.region_totals(year))

    def shares(self, year: int, level: str = "detailed") -> tuple[pd.DataFrame, pd.Series]:
        """Industry shares of each region and of the nation, on the same totals as the LQ."""
        E, totals = self.matrix(year, level), self.region_totals(year)
        return indicators.shares(E, totals), indicators.national_shares(E, totals=totals)

    def national(self, year: int, level: str = "detailed", measure: str = "employment") -> pd.Series | None:
        """The published national figures by industry, or None if the source has none."""
        rows = self.frame[(self.frame.year == year) & (self.frame.region == NATION)]
        if rows.empty:
            return None
        codes = list(self.industries(level))
        return rows.set_index("industry")[measure].reindex(codes)


def load_teaching_data() -> Dataset:
    """The fictional country Fjordland, committed with the course."""
    return Dataset(read_canonical(paths.DATA_DIR / "undervisning" / "fjordland.csv"), FJORDLAND)


def load_real_data(folder=None) -> Dataset:
    """The imported SSB data from the cache; DataMissing if not imported."""
    folder = Path(folder or paths.cache_dir())
    csv, meta = folder / REAL_DATA_FILE, folder / REAL_DATA_FILE.replace(".csv", ".json")
    if not (csv.exists() and meta.exists()):
        raise DataMissing(
            f"Fant ikke de virkelige dataene i {folder}. Kjør «python kurs.py data» "
            f"(med miljøvariabelen {paths.MIRROR_ENV} satt til en kopi av SSB-dataene)."
        )
    return Dataset(read_canonical(csv), Provenance.from_json(meta))


def load_course_data() -> Dataset:
    """Real data if imported; otherwise the teaching data, marked as a fallback.

    Under CI (CI=true) missing real data is an error, never a silent fallback.
    """
    try:
        return load_real_data()
    except DataMissing:
        if paths.running_in_ci():
            raise
        teaching = load_teaching_data()
        return Dataset(teaching.frame, teaching.provenance, fallback=True)


def load_map(folder=None) -> dict | None:
    """County outlines imported from Kartverket's data, or None if missing:
    {"credit": str, "counties": {code: {"name", "polygons", "label_point"}}}."""
    path = Path(folder or paths.cache_dir()) / MAP_FILE
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None
