"""Employed persons by municipality (SSB table 13470), and the counties of
2024 built from them.

Form of ``ssb_13470.csv``: one row per municipality × industry × year with
``MUNICIPAL_COLUMNS``; ``employment`` in persons (not thousands), ``county``
the county of 2024 the municipality lies in (from KLASS), ``industry`` SSB's
code of the 17 SN2007 groups. Summed over municipalities, the counties follow
the 2024 borders exactly, unlike the counties of table 11713 before 2020.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from exercises.analysis import indicators as ind
from exercises.analysis import relatedness as rel
from exercises.data.counties import COUNTIES_2024
from exercises.data.dataset import DataMissing, real_data_folder
from exercises.data.provenance import Provenance, ssb_table

MUNICIPAL_FILE = "ssb_13470.csv"
MUNICIPAL_COLUMNS = ["municipality", "municipality_name", "municipality_2024", "municipality_2024_name", "county",
                     "industry", "industry_name", "year", "employment"]
UNKNOWN_INDUSTRY = "00"  # «Uoppgitt»: left out of LQ and relatedness
# SSB's 17 groups of SN2007 in table 13470 (code -> name)
SN2007_17 = {
    "01-03": "Jordbruk, skogbruk og fiske", "05-09": "Bergverksdrift og utvinning", "10-33": "Industri",
    "35-39": "Elektrisitet, vann og renovasjon", "41-43": "Bygge- og anleggsvirksomhet",
    "45-47": "Varehandel, reparasjon av motorvogner", "49-53": "Transport og lagring",
    "55-56": "Overnattings- og serveringsvirksomhet", "58-63": "Informasjon og kommunikasjon",
    "64-66": "Finansiering og forsikring", "68-75": "Teknisk tjenesteyting, eiendomsdrift",
    "77-82": "Forretningsmessig tjenesteyting", "84": "Off.adm., forsvar, sosialforsikring", "85": "Undervisning",
    "86-88": "Helse- og sosialtjenester", "90-99": "Personlig tjenesteyting", "00": "Uoppgitt",
}

SSB_13470 = ssb_table(
    "13470", "Sysselsatte personer etter arbeidssted, kommune og næring (SN2007)",
    "Kommunene er plassert i fylkene fra 2024 med SSBs kommuneklassifikasjon (KLASS); fylkestallene er summer "
    "av kommunene og følger 2024-grensene nøyaktig.")


def load_municipal_data(folder=None) -> tuple[pd.DataFrame, Provenance]:
    """Table 13470: a newer import in the cache, else the snapshot shipped
    with the course; DataMissing if neither has it."""
    found = real_data_folder(MUNICIPAL_FILE, folder)
    csv, meta = (found or Path(".")) / MUNICIPAL_FILE, (found or Path(".")) / MUNICIPAL_FILE.replace(".csv", ".json")
    if found is None:
        raise DataMissing("Kommunetallene (SSB-tabell 13470) er ikke hentet. Kjør «python kurs.py data --ssb» "
                          "med internett.")
    frame = pd.read_csv(csv, dtype={"municipality": str, "municipality_2024": str, "county": str, "industry": str},
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


def matrix(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Municipality (2024 code) × industry, persons; «Uoppgitt» left out."""
    rows = frame[(frame.year == year) & (frame.industry != UNKNOWN_INDUSTRY)]
    return rows.pivot_table(index="municipality_2024", columns="industry", values="employment", aggfunc="sum",
                            min_count=1)


def lq_reference(frame: pd.DataFrame, county: str) -> tuple[list[str], str]:
    """The municipalities a municipal LQ is measured against, and a sentence
    saying which: the whole country when the data hold every county's
    municipalities, else the county itself (the sum of its municipalities),
    never whichever municipalities happen to be in the data."""
    counties = set(frame.county.dropna())
    if set(COUNTIES_2024) <= counties:
        return sorted(frame.municipality_2024.unique()), "LQ er regnet mot hele landet (alle kommunene i tabell 13470)."
    members = sorted(frame.loc[frame.county == county, "municipality_2024"].unique())
    name = COUNTIES_2024.get(county, county)
    return members, (f"LQ er regnet mot {name} (summen av fylkets {len(members)} kommuner), ikke mot hele landet, "
                     "fordi dataene ikke har kommunene i alle fylkene. Hent alle kommunene i «Velkommen».")


def overview(frame: pd.DataFrame, county: str, industry: str, year: int | None = None,
             since: int | None = None) -> pd.DataFrame:
    """The county's municipalities: employment in all industries and in
    ``industry``, its LQ against :func:`lq_reference`, and the change in
    employment since ``since`` (first year), all in the 2024 structure."""
    year = year or int(frame.year.max())
    since = since or int(frame.year.min())
    now, then = matrix(frame, year), matrix(frame, since)
    reference, _ = lq_reference(frame, county)
    lq = ind.location_quotient(now, national=now.reindex(reference).sum(axis=0))
    names = frame.drop_duplicates("municipality_2024").set_index("municipality_2024").municipality_2024_name
    members = sorted(frame.loc[frame.county == county, "municipality_2024"].unique())
    members = [m for m in members if m in now.index]
    total_now = now.loc[members].sum(axis=1, min_count=1)
    total_then = then.reindex(members).sum(axis=1, min_count=1)
    table = pd.DataFrame({
        "Kommune": [names[m] for m in members],
        f"Sysselsatte {year}": total_now.values,
        f"I næringen {year}": now.loc[members, industry].values if industry in now else np.nan,
        "LQ": lq.loc[members, industry].values if industry in lq else np.nan,
        f"Endring siden {since}": ((total_now - total_then) / total_then).values,
    }, index=pd.Index(members, name="Kommunenr."))
    return table


def related_industries(frame: pd.DataFrame, industry: str, year: int | None = None, top: int = 5) -> pd.Series:
    """The industries most related to ``industry`` by co-location: proximity
    (Hidalgo et al. 2007) from which industries are over-represented (LQ ≥ 1)
    in the same municipalities."""
    E = matrix(frame, year or int(frame.year.max())).fillna(0)
    phi = rel.proximity(rel.presence(E))
    if industry not in phi:
        return pd.Series(dtype=float)
    return phi[industry].drop(industry).sort_values(ascending=False).head(top)
