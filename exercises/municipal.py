"""Employed persons by municipality (SSB table 13470), and the counties of
2024 built from them.

Form of ``ssb_13470.csv``: one row per municipality × industry × year with
``MUNICIPAL_COLUMNS``; ``employment`` in persons (not thousands), ``county``
the county of 2024 the municipality lies in (from KLASS), ``industry`` SSB's
code of the 17 SN2007 groups. Summed over municipalities, the counties follow
the 2024 borders exactly, unlike the counties of table 11713 before 2020.
"""

from pathlib import Path

import pandas as pd

from . import paths
from .counties import COUNTIES_2024
from .data import DataMissing
from .provenance import Provenance

MUNICIPAL_FILE = "ssb_13470.csv"
MUNICIPAL_COLUMNS = ["municipality", "municipality_name", "county", "industry", "industry_name",
                     "year", "employment"]

SSB_13470 = dict(
    source="Statistisk sentralbyrå (SSB)",
    table="13470",
    title="Sysselsatte personer etter arbeidssted, kommune og næring (SN2007)",
    licence="CC BY 4.0",
    url="https://www.ssb.no/statbank/table/13470",
    note="Kommunene er plassert i fylkene fra 2024 med SSBs kommuneklassifikasjon (KLASS); fylkestallene er summer "
         "av kommunene og følger 2024-grensene nøyaktig.",
)


def load_municipal_data(folder=None) -> tuple[pd.DataFrame, Provenance]:
    """The imported table 13470; DataMissing if it has not been imported."""
    folder = Path(folder or paths.cache_dir())
    csv, meta = folder / MUNICIPAL_FILE, folder / MUNICIPAL_FILE.replace(".csv", ".json")
    if not (csv.exists() and meta.exists()):
        raise DataMissing(f"Kommunetallene (SSB-tabell 13470) er ikke hentet. Kjør «python kurs.py data --ssb» "
                          "med internett.")
    frame = pd.read_csv(csv, dtype={"municipality": str, "county": str, "industry": str},
                        keep_default_na=False, na_values={"employment": [""]})
    return frame[MUNICIPAL_COLUMNS], Provenance.from_json(meta)


def counties_from_municipalities(frame: pd.DataFrame) -> pd.DataFrame:
    """County of 2024 × industry × year: the sum of the county's municipalities
    (missing if any of them is missing)."""
    keys = ["county", "industry", "industry_name", "year"]
    grouped = frame.groupby(keys, dropna=False).employment
    sums = grouped.sum(min_count=1).where(grouped.count() == grouped.size())
    result = sums.reset_index()
    result.insert(1, "county_name", result.county.map(COUNTIES_2024))
    return result
