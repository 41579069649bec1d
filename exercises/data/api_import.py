"""Tables 11713 and 13470 from SSB's API into the course's cache.

11713 ends in the same canonical form and file as the mirror import (so every
chapter runs on either); 13470 in ``ssb_13470.csv`` (see ``municipal.py``).
Each table is fetched and checked whole before its file is replaced, and the
two land independently: a failed 13470 keeps a good new 11713, and the
result says what was not updated.
"""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from exercises.core import paths
from exercises.data import data_import
from exercises.data import import_check as check
from exercises.data.counties import COUNTIES_2024, OLD_TO_2024, old_parts
from exercises.data.dataset import NATION, REAL_DATA_FILE, DataMissing
from exercises.data.import_check import BadData
from exercises.data.klass import Klass, klass_folder, klass_from_api, load_klass, shipped_klass
from exercises.data.municipal import MUNICIPAL_COLUMNS, MUNICIPAL_FILE, SN2007_17, SSB_13470
from exercises.data.provenance import SSB_11713, Provenance
from exercises.data.ssb_api import (
    ApiUnavailable,
    Client,
    changed,
    codelists_of,
    dimensions,
    find_contents,
    find_dimension,
    plain_code,
    retrieved_now,
    role,
    to_frame,
    updated,
    years_of,
)

EMPLOYMENT, VALUE_ADDED = "sysselsatte_1000_personer", "bruttoprodukt_lopende_mill_kr"


def _roles(meta: dict, table: str) -> tuple[str, str, str]:
    time_dim = role(meta, "time") or find_dimension(meta, table, "tid")
    metric = role(meta, "metric") or find_dimension(meta, table, "contentscode", "statistikkvariabel")
    region = find_dimension(meta, table, "region")
    return time_dim, metric, region


def _year(code: str) -> int:
    return int(code[:4])


def fetch_11713(client: Client) -> tuple[pd.DataFrame, Provenance]:
    """Every year, region and industry SSB offers, in the canonical form."""
    table = "11713"
    meta = client.metadata(table)
    time_dim, metric, region = _roles(meta, table)
    industry = find_dimension(meta, table, "nace", "næring", exclude={time_dim, metric, region})
    employment = find_contents(meta, table, ["sysselsatte"])
    value_added = find_contents(meta, table, ["bruttoprodukt", "løpende"], ["volum", "endring", "prosent"])
    dims = dimensions(meta)
    if data_import.TOTAL not in dims[industry].labels.values():
        raise changed(table, f"Næringen «{data_import.TOTAL}» finnes ikke.")
    selection = {region: dims[region].codes, industry: dims[industry].codes,
                 metric: [employment, value_added], time_dim: years_of(meta, table)}
    docs = client.data(table, selection, split_on=time_dim, everything=frozenset({region, industry}))
    cells = pd.concat([to_frame(doc) for doc in docs])
    wide = cells.set_index([region, industry, time_dim, metric]).value.unstack(metric).reset_index()
    code = wide[region].astype(str).map(plain_code).str.zfill(2).replace({"00": NATION})
    frame = pd.DataFrame({
        "region_code": code, "naering": wide[industry].map(dims[industry].labels).str.strip(),
        "year": wide[time_dim].map(_year),
        EMPLOYMENT: wide[employment] / _per_thousand(dims[metric].units.get(employment, {})),
        VALUE_ADDED: wide[value_added],
    })
    frame = frame[frame.region_code.isin([NATION, *OLD_TO_2024])]
    frame, structure = _complete_years(frame)
    if frame.empty:
        raise changed(table, "Ingen år har alle fylkene.")
    frame = frame.reset_index(drop=True)
    frame[check.ROW] = frame.index + 1
    data_import.check_11713_frame(frame, f"SSBs svar for tabell {table}")
    tidy = data_import.tidy_11713(frame)
    provenance = Provenance(years=(int(tidy.year.min()), int(tidy.year.max())), retrieved=retrieved_now(),
                            version=updated(meta), **{**SSB_11713, "note": _structure_note(structure)})
    return tidy, provenance


def _per_thousand(unit: dict) -> float:
    """1 if the unit is thousands of persons, else 1000 (persons)."""
    base = str(unit.get("base", "")).replace(" ", "").replace("\u00a0", "")
    return 1.0 if "1000" in base else 1000.0


def _complete_years(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[int, str]]:
    """Keep the years in which every county of 2024 is there, either as such
    ("exact") or as its old counties ("approx"); where a year has both, the
    2024 counties are used."""
    total = frame[(frame.naering == data_import.TOTAL) & frame[EMPLOYMENT].notna()]
    keep, structure = [], {}
    for year, rows in total.groupby("year"):
        present = set(rows.region_code)
        if NATION not in present:
            continue
        if set(COUNTIES_2024) <= present:
            chosen = {county: {county} for county in COUNTIES_2024}
        else:
            chosen = {county: present & set().union(*old_parts(county)) for county in COUNTIES_2024}
            if any(have not in old_parts(county) for county, have in chosen.items()):
                continue  # e.g. the counties of 2020–2023, which cannot be split
        keep.append(frame[(frame.year == year) & frame.region_code.isin({NATION}.union(*chosen.values()))])
        structure[int(year)] = "exact" if all(have == {c} for c, have in chosen.items()) else "approx"
    return (pd.concat(keep) if keep else frame.iloc[:0]), structure


def _span(years: list[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def _structure_note(structure: dict[int, str]) -> str:
    exact = sorted(y for y, s in structure.items() if s == "exact")
    approx = sorted(y for y, s in structure.items() if s == "approx")
    if not approx:
        return "Fylkene er SSBs egne tall for inndelingen fra 2024."
    if not exact:
        return SSB_11713["note"]
    return (f"For {_span(exact)} er fylkene SSBs egne tall for inndelingen fra 2024; for {_span(approx)} er de "
            "regnet om fra fylkene før 2020, og det er omtrentlig, fordi noen kommuner har byttet fylke.")


def industry_groups(client: Client, meta: dict, table: str, industry: str) -> tuple[str, dict]:
    """The codelist of ``industry`` that gives SSB's 17 groups of SN2007
    (``agg_NACE2007arb11`` today), and the metadata with it applied. Table
    13470's own values are the 5-digit industries: asking for all of them
    exceeds SSB's cell limit, and they are not the groups the course shows."""
    lists = codelists_of(meta, industry)
    lists.sort(key=lambda c: ("arb11" not in c["id"].casefold(), c.get("type") != "Aggregation"))
    for codelist in lists:
        applied = client.metadata(table, {industry: codelist["id"]})
        codes = set(dimensions(applied)[industry].codes)
        if codes <= set(SN2007_17) and len(codes) >= len(SN2007_17) - 1:
            return codelist["id"], applied
    offered = ", ".join(c["id"] for c in lists) or "ingen"
    raise changed(table, f"Fant ingen kodeliste med SSBs 17 næringsgrupper for {industry} (tabellen tilbyr: {offered}).")


def fetch_13470(client: Client, klass: Klass | None = None, progress=print) -> tuple[pd.DataFrame, Provenance, str]:
    """Employed persons by municipality of work, industry (the 17 groups)
    and year; each municipality placed in its county of 2024 with KLASS
    (``klass``, or the lists :func:`_klass` finds from the first data year).
    Returns the table, its provenance and a Norwegian line on what could not
    be placed."""
    table = "13470"
    meta = client.metadata(table)
    time_dim, metric, region = _roles(meta, table)
    industry = find_dimension(meta, table, "nace", "næring", exclude={time_dim, metric, region})
    codelist, grouped = industry_groups(client, meta, table, industry)
    employment = find_contents(meta, table, ["sysselsatte"])
    dims = dimensions(grouped)
    municipal = {c: plain_code(c) for c in dims[region].codes if len(plain_code(c)) == 4 and plain_code(c).isdigit()}
    if not municipal:
        raise changed(table, "Tabellen har ingen kommuner.")
    years = years_of(meta, table)
    klass = klass or _klass(client, progress, _year(years[0]))
    selection = {region: dims[region].codes, industry: dims[industry].codes, metric: [employment], time_dim: years}
    docs = client.data(table, selection, split_on=[time_dim, region], everything=frozenset({region, industry}),
                       codelists={industry: codelist})
    cells = pd.concat([to_frame(doc) for doc in docs])
    unknown = sorted(set(cells[industry]) - set(SN2007_17))
    if unknown:
        raise changed(table, f"SSB svarte med næringskoder utenfor de 17 gruppene: {', '.join(unknown[:8])}.")
    cells = cells[(cells[metric] == employment) & cells[region].isin(municipal)]
    cells = cells.assign(label=cells[region].map(dims[region].labels), **{region: cells[region].map(municipal)})
    # a municipality code without any number in a year did not exist that year
    existed = cells.groupby([region, time_dim]).value.transform(lambda v: v.notna().any())
    cells = cells[existed]
    frame = pd.DataFrame({
        "municipality": cells[region].values,
        "municipality_name": cells.label.fillna(cells[region]).values,
        "municipality_2024": cells[region].map(klass.current).values,
        "municipality_2024_name": cells[region].map(klass.current).map(klass.name).values,
        "county": cells[region].map(klass.county).values,
        "industry": cells[industry].values,
        "industry_name": cells[industry].map(dims[industry].labels).values,
        "year": cells[time_dim].map(_year).values,
        "employment": cells.value.values,
    })
    unplaced = frame[frame.county.isna()]
    report = ""
    if not unplaced.empty:
        codes = ", ".join(sorted(unplaced.municipality.unique())[:10])
        report = (f"{unplaced.municipality.nunique()} kommunenummer ({codes}) kunne ikke plasseres i et fylke fra "
                  f"2024 og er utelatt ({unplaced.employment.sum():.0f} sysselsatte i alt).")
    frame = frame[frame.county.notna()].sort_values(["county", "municipality", "industry", "year"])
    years = (int(frame.year.min()), int(frame.year.max()))
    provenance = Provenance(years=years, retrieved=retrieved_now(), version=updated(meta),
                            **{**SSB_13470, "note": " ".join(filter(None, [SSB_13470["note"], report]))})
    return frame[MUNICIPAL_COLUMNS].reset_index(drop=True), provenance, report


def _klass(client: Client, progress, first_year: int) -> Klass:
    """The mirror's KLASS files if SSB_SPEIL names a mirror (offline, the
    same every time); else KLASS online, from the first data year; else, if
    KLASS cannot be reached, the lists shipped with the course."""
    if klass_folder() is not None:
        try:
            return load_klass()
        except DataMissing:
            pass
    progress("Henter kommunelisten fra SSBs klassifikasjonsdatabase (KLASS) …")
    try:
        return klass_from_api(client.get, dt.date.today().isoformat(), first_year)
    except (ApiUnavailable, DataMissing) as error:
        try:
            shipped = shipped_klass()
        except DataMissing:
            raise error from None
        progress("KLASS svarte ikke; bruker kommunelisten som følger med kurset (per 1. januar 2026).")
        return shipped


@dataclass
class ApiImport:
    """What :func:`import_from_api` did: the files written, and for each
    table that was not updated, why (Norwegian)."""
    written: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        done = {"11713": "Fylkestallene (tabell 11713)", "13470": "Kommunetallene (tabell 13470)"}
        lines = [f"{done[t]} er oppdatert." for t in done if t not in self.failed and self.written]
        lines += [f"{done[t]} ble ikke oppdatert; tallene fra før er beholdt. {why}" for t, why in self.failed.items()]
        return "\n".join(lines)


def import_from_api(cache: Path | None = None, client: Client | None = None, klass: Klass | None = None,
                    progress=print) -> ApiImport:
    """Fetch each table, check it, and replace its cache files only when it
    is whole; a table that fails leaves its files as they were. Raises the
    error if neither table could be updated."""
    folder = Path(cache or paths.cache_dir())
    client = client or Client(progress=progress, cache_folder=folder)
    result, errors = ApiImport(), []
    for table, fetch, name in (("11713", lambda: fetch_11713(client), REAL_DATA_FILE),
                               ("13470", lambda: fetch_13470(client, klass, progress)[:2], MUNICIPAL_FILE)):
        try:
            frame, provenance = fetch()
        except (ApiUnavailable, BadData, DataMissing) as error:
            result.failed[table] = str(error)
            errors.append(error)
            continue
        result.written.append(data_import.write_table(frame, provenance, folder, name))
    if not result.written:
        raise errors[0]
    for line in result.summary().splitlines():
        progress(line)
    return result
