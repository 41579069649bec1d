"""Table 11713 read straight from the SSB mirror's CSV with pandas alone, not
with the course's import, so that tests can recompute the course's numbers
by hand: employment of the 35 detailed industries and the published total
(«Totalt for næringer») of each county of 2024 and year, a county hidden
when any of the old counties it is made of is hidden (never 0), and the
national reference as the sum of the old counties' published cells."""

from pathlib import Path

import pandas as pd

FILE = "11713_fylkesfordelt_nasjonalregnskap_2008-2019.csv"
TOTAL = "Totalt for næringer"
NOT_DETAILED = {TOTAL, "Fastlands-Norge", "Offentlig forvaltning", "Industri",
                "Utvinning av råolje og naturgass, inkl. tjenester"}  # totals, a cross-cut, and parents


def read(mirror: Path) -> pd.DataFrame:
    frame = pd.read_csv(Path(mirror) / FILE, dtype={"region_code": str, "county2024_code_approx": str})
    frame = frame[(frame.region_code != "0") & (frame.naering_level <= 1) & ~frame.naering.isin(NOT_DETAILED - {TOTAL})]
    return frame.rename(columns={"county2024_code_approx": "county", "sysselsatte_1000_personer": "employment"})


def old_counties(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Old county (as published that year) × industry name, with the total as a column."""
    rows = frame[frame.year == year].pivot(index="region_code", columns="naering", values="employment")
    return rows[rows[TOTAL].notna()]  # counties not published that year (Trøndelag's parts) left out


def counties(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """County of 2024 × industry name (and the total): the sum of its old
    counties, missing if any of them is missing."""
    old = old_counties(frame, year)
    code = frame.drop_duplicates("region_code").set_index("region_code").county
    grouped = old.groupby(code.reindex(old.index))
    return grouped.sum(min_count=1).where(grouped.count().eq(grouped.size(), axis=0))


def shares(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each county's industries as shares of its published total."""
    table = counties(frame, year)
    return table.drop(columns=TOTAL).div(table[TOTAL], axis=0)


def lq(frame: pd.DataFrame, year: int, county: str, industry: str) -> float:
    """LQ = (E_ri / E_r) / (Σ published E_ci / Σ E_c) over the old counties."""
    old = old_counties(frame, year)
    return shares(frame, year).loc[county, industry] / (old[industry].sum() / old[TOTAL].sum())
