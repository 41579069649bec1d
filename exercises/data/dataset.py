"""The course's data in one canonical tidy form, and how to load it.

Canonical form: one row per region × industry × year with the columns in
``COLUMNS``. ``level`` 0 is a main group, 1 a sub-group of ``parent``; a
main group contains its sub-groups, so use :meth:`Dataset.matrix` (which
picks a non-overlapping set of industries) rather than summing rows.
Industry ``TOTAL`` (level -1), where the source has it, is the region's
published total for all industries (SSB's «Totalt for næringer»): shares
divide by it, because SSB hides some cells and the published groups then
add up to less. Region ``"0"`` is the published national total («Hele
landet»), where the source has one. Employment is in thousands of persons,
value added in NOK million. Region ``COUNTIES_SUM``, where the source has
counties, is the sum of the counties' published cells (made at import from
the counties as the source gives them, so a cell hidden in one old county
does not remove its neighbour's): the national reference of every share.
"""

import functools
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from exercises.analysis import indicators, relatedness
from exercises.core import paths
from exercises.core.numbers import number, percent
from exercises.data.counties import old_parts
from exercises.data.provenance import FJORDLAND, Provenance

COLUMNS = ["region", "region_name", "industry", "industry_name", "level", "parent",
           "year", "employment", "value_added"]
NATION = "0"
COUNTIES_SUM = "fylkene"
NOT_REGIONS = {NATION, COUNTIES_SUM}
MEASURES = {"employment": "Sysselsatte (1000 personer)", "value_added": "Bruttoprodukt (mill. kr)"}
REAL_DATA_FILE = "ssb_11713.csv"
MAP_FILE = "fylker_2024.json"
TOTAL, TOTAL_LEVEL = "totalt", -1
SMALL_HIDDEN = 0.005  # hidden cells below this share of a region's employment are only counted, not named
SSB = "Statistisk sentralbyrå (SSB)"
# The national reference of SSB's county figures, said under every table and figure of shares or LQs.
COUNTIES_REFERENCE = ("Landet = summen av fylkene (uten sokkelen). Andelene er regnet av hvert fylkes "
                      "publiserte total («Totalt for næringer»).")
SUM_REFERENCE = "Landet = summen av regionene. Andelene er regnet av summen av næringene."  # no published totals


class DataMissing(RuntimeError):
    """Real data were required but have not been imported."""


def read_canonical(path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype={"region": str, "industry": str, "parent": str},
                        keep_default_na=False, na_values={"employment": [""], "value_added": [""]})
    missing = set(COLUMNS) - set(frame.columns)
    if missing:
        raise ValueError(f"{path}: mangler kolonnene {sorted(missing)}")
    return frame[COLUMNS]


def _memo(method):
    """Keep what a Dataset method computed for the same arguments (the data
    never change after loading); tables come back as copies, so a caller
    that changes one changes nothing here."""
    @functools.wraps(method)
    def cached(self, *args, **kwargs):
        key = (method.__name__, args, tuple(sorted(kwargs.items())))
        if key not in self._results:
            self._results[key] = method(self, *args, **kwargs)
        return _copy(self._results[key])
    return cached


def _copy(value):
    if isinstance(value, (pd.DataFrame, pd.Series, dict)):
        return value.copy()
    return tuple(_copy(v) for v in value) if isinstance(value, tuple) else value


@dataclass(frozen=True)
class Dataset:
    frame: pd.DataFrame
    provenance: Provenance
    fallback: bool = False  # teaching data shown because real data are missing
    shipped: bool = False  # the snapshot that comes with the course, not a newer import
    _results: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def fictional(self) -> bool:
        return self.provenance.fictional

    @cached_property
    def regions(self) -> dict[str, str]:
        """Region code -> name, national total excluded."""
        rows = self.frame.loc[~self.frame.region.isin(NOT_REGIONS), ["region", "region_name"]]
        return dict(rows.drop_duplicates("region").sort_values("region").itertuples(index=False))

    @cached_property
    def years(self) -> list[int]:
        return sorted(self.frame.year.unique().tolist())

    def industries(self, level: str = "detailed") -> dict[str, str]:
        """Industry code -> name for a non-overlapping set of industries.

        ``"main"``: the main groups. ``"detailed"``: the finest groups, i.e. each
        sub-group, and each main group that has no sub-groups.
        """
        meta = self.frame[self.frame.level >= 0].drop_duplicates("industry")
        if level == "main":
            chosen = meta[meta.level == 0]
        elif level == "detailed":
            parents = set(meta.parent) - {""}
            chosen = meta[~meta.industry.isin(parents)]
        else:
            raise ValueError(f"level must be 'main' or 'detailed', not {level!r}")
        return dict(zip(chosen.industry, chosen.industry_name))

    @_memo
    def matrix(self, year: int, level: str = "detailed", measure: str = "employment") -> pd.DataFrame:
        """Regions × industries for one year (national figures excluded).

        Suppressed cells in the source stay missing (NaN)."""
        codes = list(self.industries(level))
        rows = self.frame[(self.frame.year == year) & ~self.frame.region.isin(NOT_REGIONS)
                          & self.frame.industry.isin(codes)]
        table = rows.pivot(index="region", columns="industry", values=measure)
        return table.reindex(columns=codes)

    @cached_property
    def published_totals(self) -> bool:
        """Whether the source gives each region's total («Totalt for næringer»)."""
        return bool((self.frame.industry == TOTAL).any())

    @_memo
    def region_totals(self, year: int, measure: str = "employment") -> pd.Series:
        """Each region's total: the published total where the source has one,
        else the sum of the main groups. Every share and LQ divides by it, so
        an industry has the same share at every level of detail, and a cell
        SSB hides never inflates the others."""
        summed = self.matrix(year, "main", measure).sum(axis=1, min_count=1)
        rows = self.frame[(self.frame.year == year) & (self.frame.industry == TOTAL)]
        return rows.set_index("region")[measure].reindex(summed.index).fillna(summed)

    @_memo
    def reference(self, year: int, level: str = "detailed", measure: str = "employment") -> tuple[pd.Series | None, float | None]:
        """The national reference: the counties' published cells by industry
        and their published total (region ``COUNTIES_SUM``), or (None, None)
        where the source has none (then the sum of the regions is used)."""
        rows = self.frame[(self.frame.year == year) & (self.frame.region == COUNTIES_SUM)]
        if rows.empty:
            return None, None
        cells = rows.set_index("industry")[measure]
        return cells.reindex(list(self.industries(level))), cells.get(TOTAL)

    @property
    def missing_label(self) -> str:
        """What a missing cell is called in tables: SSB hides cells, other sources just lack them."""
        return "skjult av SSB" if self.provenance.source == SSB else "mangler i kilden"

    def reference_note(self, year: int | None = None, county: str | None = None) -> str:
        """The national reference and the totals, said under every table and
        figure of shares or LQs; with ``county``, the cells hidden there."""
        text = COUNTIES_REFERENCE if self.published_totals else SUM_REFERENCE
        if county is not None and year is not None:
            text = " ".join(filter(None, [text, self.hidden_note(year, county)]))
        return text

    @_memo
    def hidden(self, year: int, county: str, level: str = "main") -> dict[str, str]:
        """The industries whose employment the source hides (or lacks) for one region and year."""
        row = self.matrix(year, level).loc[county]
        names = self.industries(level)
        return {code: names[code] for code in row.index[row.isna()]}

    def hidden_share(self, year: int, county: str) -> float:
        """The share of the region's published total that its published main
        groups do not account for (0 without published totals)."""
        if not self.published_totals or not self.hidden(year, county):
            return 0.0
        total = self.region_totals(year).get(county)
        return max(0.0, (total - self.matrix(year, "main").loc[county].sum()) / total) if total else 0.0

    def hidden_note(self, year: int, county: str) -> str:
        """One sentence naming the main groups missing for ``county`` in
        ``year`` and, with published totals, how much of its employment they hold."""
        hidden = self.hidden(year, county)
        if not hidden:
            return ""
        where = f"{self.regions[county]} {year}"
        if self.published_totals and len(old_parts(county)[0]) > 1:  # made of two or more counties before 2020
            where += " (i hele fylket eller i ett av fylkene det ble laget av)"
        text = f"{self.missing_label[0].upper()}{self.missing_label[1:]} i {where}: " + "; ".join(hidden.values())
        if self.published_totals:
            share = self.hidden_share(year, county)
            rest = share * self.region_totals(year)[county]
            text += (" (under 0,5 % av sysselsettingen)" if share < SMALL_HIDDEN else
                     f" (til sammen {number(rest, 1)} tusen sysselsatte, {percent(share)} av fylket)")
        return text + "."

    def hidden_notes(self, year: int) -> str:
        """For tables of all regions: :meth:`hidden_note` for each region where
        the hidden cells hold at least 0,5 % of employment, and a count of the rest."""
        hidden = [r for r in self.regions if self.hidden(year, r)]
        large = [r for r in hidden if not self.published_totals or self.hidden_share(year, r) >= SMALL_HIDDEN]
        text = " ".join(self.hidden_note(year, r) for r in large)
        if len(hidden) > len(large):
            text += (f" I {len(hidden) - len(large)} andre fylker er noen små næringer {self.missing_label} "
                     "(under 0,5 % av sysselsettingen).")
        return text.strip()

    @_memo
    def location_quotients(self, year: int, level: str = "detailed") -> pd.DataFrame:
        """LQ of every region and industry: the region's share over the
        nation's, both of published totals (see :meth:`reference_note`)."""
        national, total = self.reference(year, level)
        return indicators.location_quotient(self.matrix(year, level), national, self.region_totals(year), total)

    @_memo
    def shares(self, year: int, level: str = "detailed") -> tuple[pd.DataFrame, pd.Series]:
        """Industry shares of each region and of the nation, on the same totals as the LQ."""
        E, totals = self.matrix(year, level), self.region_totals(year)
        national, total = self.reference(year, level)
        return indicators.shares(E, totals), indicators.national_shares(E, national, totals, total)

    @_memo
    def presence(self, year: int, threshold: float = 1.0) -> pd.DataFrame:
        """M_ri = 1 where the region is specialised (LQ ≥ ``threshold``), for relatedness."""
        return (self.location_quotients(year) >= threshold).astype(int)

    @cached_property
    def pooled_presence(self) -> pd.DataFrame:
        """Presence in every year stacked: each region-year one observation (analysis.relatedness)."""
        return relatedness.pooled_presence([self.presence(y) for y in self.years])

    @cached_property
    def proximity(self) -> pd.DataFrame:
        """Proximity φ between industries, from the presence pooled over every year."""
        return relatedness.proximity(self.pooled_presence)

    @_memo
    def specialisation(self, year: int, level: str = "detailed") -> pd.DataFrame:
        """Krugman, Herfindahl and entropy of every region, on the published
        totals; hidden cells are left out of the sums (see :meth:`hidden_note`)."""
        E, totals = self.matrix(year, level), self.region_totals(year)
        national, total = self.reference(year, level)
        return pd.DataFrame({"krugman": indicators.krugman_index(E, national, totals, total),
                             "herfindahl": indicators.herfindahl_index(E, totals=totals),
                             "entropy": indicators.entropy(E, totals=totals)})

    def variety(self, year: int, groups: pd.Series) -> pd.DataFrame:
        """Related and unrelated variety of every region, on the published totals."""
        return indicators.variety(self.matrix(year), groups, totals=self.region_totals(year))

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


def real_data_folder(name: str = REAL_DATA_FILE, folder=None) -> Path | None:
    """The folder holding ``name`` and its provenance: ``folder`` if given,
    else the first of :func:`paths.data_folders` that has both; None if none."""
    for candidate in [Path(folder)] if folder else paths.data_folders():
        if (candidate / name).is_file() and (candidate / name).with_suffix(".json").is_file():
            return candidate
    return None


def load_real_data(folder=None) -> Dataset:
    """The real SSB figures: a newer import in the cache, else the snapshot
    shipped with the course; DataMissing if neither is there."""
    found = real_data_folder(REAL_DATA_FILE, folder)
    if found is None:
        raise DataMissing(
            f"Fant ikke de virkelige dataene i {folder or paths.cache_dir()}. Kjør «python kurs.py data» "
            f"(med miljøvariabelen {paths.MIRROR_ENV} satt til en kopi av SSB-dataene)."
        )
    csv = found / REAL_DATA_FILE
    return Dataset(read_canonical(csv), Provenance.from_json(csv.with_suffix(".json")),
                   shipped=found == paths.snapshot_dir())


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
    for candidate in [Path(folder)] if folder else paths.data_folders():
        path = candidate / MAP_FILE
        if path.is_file():
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                continue
    return None
