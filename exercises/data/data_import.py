"""Import SSB table 11713 from a mirror folder into the course's cache.

Usage: ``python -m exercises.data.data_import [--speil MAPPE]`` (default: the
folder named by the environment variable SSB_SPEIL). The result is the
canonical form described in ``exercises.data.dataset``, with the 19 counties before
2020 summed into the 15 counties of 2024 (approximately; see counties.py).
"""

import argparse
import datetime as dt
import io
import json
import os
import sys
from pathlib import Path

import pandas as pd

from exercises.core import paths
from exercises.core.atomic import remove_temporary, write_all_atomic, write_atomic
from exercises.data import import_check as check
from exercises.data.counties import COUNTIES_2024, OLD_TO_2024, county_name, old_parts
from exercises.data.dataset import COLUMNS, COUNTIES_SUM, MAP_FILE, NATION, REAL_DATA_FILE, TOTAL_LEVEL, DataMissing, read_canonical
from exercises.data.dataset import TOTAL as DATA_TOTAL
from exercises.data.import_check import BadData, Problem
from exercises.data.provenance import SSB_11713, Provenance

MIRROR_FILE = "11713_fylkesfordelt_nasjonalregnskap_2008-2019.csv"
MUNICIPAL_MIRROR_FILE = "13470_sysselsatte_telemark_kommuner_2016-2025.csv"
REQUIRED_13470 = ["region", "næring (SN2007)", "år", "value"]
MAP_MIRROR_FILE = "fylker_2024.geojson"
MAP_CREDIT = "Kart: © Kartverket, fylker 2024 (CC BY 4.0), forenklet."
SOURCE_MEASURES = {"sysselsatte_1000_personer": "employment",
                   "bruttoprodukt_lopende_mill_kr": "value_added"}
REQUIRED_11713 = ["region_code", "naering", "year", *SOURCE_MEASURES]
TOTAL = "Totalt for næringer"
FIRST_YEAR = 1990
TOLERANCE = 1.0  # thousand persons: SSB rounds each cell to one decimal


def check_11713(path: Path) -> pd.DataFrame:
    """Read and check the mirror's table 11713; BadData lists every problem.

    Returns the rows with ``region_code`` as text ("0" = Hele landet), ``year``
    as integer and the measures as numbers (SSB's markers read as missing).
    """
    name = Path(path).name
    raw = check.read_csv(path, REQUIRED_11713)
    problems: list[Problem] = []
    code = raw.region_code.str.zfill(2).replace({"00": NATION})
    for i in raw.index[~code.isin([NATION, *OLD_TO_2024])]:
        problems.append(Problem(f"Ukjent regionkode «{check._short(raw.region_code[i])}». Tabell 11713 har 0 "
                                "(Hele landet) og fylkene før 2020 (01–20, 50) eller fra 2024.", int(raw.at[i, check.ROW]), "region_code"))
    this_year = dt.date.today().year
    year = check.numbers(raw, "year", problems, integer=True, allow_missing=False,
                         minimum=FIRST_YEAR, maximum=this_year)
    measures = {c: check.numbers(raw, c, problems) for c in SOURCE_MEASURES}
    if problems:
        raise BadData(name, problems)
    frame = raw.assign(region_code=code, year=year.astype(int), naering=raw.naering.str.strip(), **measures)
    check_11713_frame(frame, name)
    return frame


def check_11713_frame(frame: pd.DataFrame, name: str) -> None:
    """The checks of table 11713 that do not depend on how it was stored:
    no negative employment, no duplicate keys, every old county present where
    its 2024 county is, totals consistent. BadData lists every problem."""
    problems: list[Problem] = []
    employment = "sysselsatte_1000_personer"
    for i in frame.index[frame[employment] < 0]:
        problems.append(Problem(f"{frame.at[i, employment]:g} er negativt. Antall sysselsatte kan ikke være "
                                "negativt; rett tallet.", int(frame.at[i, check.ROW]), employment))
    check.duplicates(frame, ["region_code", "naering", "year"], problems, "region, næring og år")
    if problems:
        raise BadData(name, problems)
    _check_counties_and_totals(frame, problems)
    if problems:
        raise BadData(name, problems)


def _check_counties_and_totals(frame: pd.DataFrame, problems: list[Problem]) -> None:
    employment = "sysselsatte_1000_personer"
    total = frame[(frame.naering == TOTAL) & frame[employment].notna()]
    if total.empty:
        problems.append(Problem(f"Filen har ingen rader med «{TOTAL}». Uten totalene kan ikke importen se "
                                "hvilke fylker som fantes hvert år. Bruk hele tabell 11713.", column="naering"))
        return
    years = sorted(frame.year.unique())
    present = {y: set(total.region_code[total.year == y]) for y in years}
    missing: dict[tuple[str, str], list[int]] = {}
    for y in years:
        if NATION not in present[y]:
            missing.setdefault((NATION, ""), []).append(y)
        for county in COUNTIES_2024:
            parts = old_parts(county)
            have = present[y] & set().union(*parts)
            if have not in parts:
                best = max(parts, key=lambda p: len(p & have))
                for old in sorted(best - have):
                    missing.setdefault((old, county), []).append(y)
    for (old, county), in_years in missing.items():
        when = _years(in_years)
        if old == NATION:
            problems.append(Problem(f"«{TOTAL}» for Hele landet (0) mangler for {when}.", column="region_code"))
            continue
        problems.append(Problem(
            f"{county_name(old)} ({old}) mangler for {when}, men den hører til {COUNTIES_2024[county]} ({county}) "
            f"i 2024. Uten den blir {COUNTIES_2024[county]} for lite. Bruk hele tabellen, med alle fylkene.",
            column="region_code"))
    mains = set(industry_metadata().query("level == '0'").industry_name)
    by_region = frame[frame.naering.isin(mains)].groupby(["region_code", "year"])[employment].sum()
    rows = total.set_index(["region_code", "year"])
    for (region, y), parts_sum in by_region.items():
        if (region, y) in rows.index and parts_sum > rows.at[(region, y), employment] + TOLERANCE:
            problems.append(Problem(
                f"Næringene i region {region} i {y} har til sammen {parts_sum:.1f} tusen sysselsatte, mer enn "
                f"«{TOTAL}» ({rows.at[(region, y), employment]:.1f}). Noen rader er doble eller feil.",
                int(rows.at[(region, y), check.ROW]), employment))
    counties = total[total.region_code != NATION].groupby("year")[employment].sum()
    nation = total[total.region_code == NATION].set_index("year")[employment]
    for y, value in counties.items():
        if y in nation.index and value > nation[y] + TOLERANCE:
            problems.append(Problem(
                f"Fylkene har til sammen {value:.1f} tusen sysselsatte i {y}, mer enn Hele landet ({nation[y]:.1f}). "
                "Noen fylker er doble eller feil.", column=employment))


def _years(years: list[int]) -> str:
    years = sorted(years)
    if len(years) > 2 and years[-1] - years[0] == len(years) - 1:
        return f"årene {years[0]}–{years[-1]}"
    return "år " + ", ".join(map(str, years)) if len(years) == 1 else "årene " + ", ".join(map(str, years))


def industry_metadata() -> pd.DataFrame:
    return pd.read_csv(paths.DATA_DIR / "naeringer_11713.csv", dtype=str, keep_default_na=False)


def tidy_11713(raw: pd.DataFrame) -> pd.DataFrame:
    """Raw mirror table -> canonical form with the 15 counties of 2024.

    The published total for all industries is kept as industry ``TOTAL``
    (level -1), the divisor of every share; the other aggregates (mainland
    Norway, general government) are dropped. Region ``COUNTIES_SUM`` sums the
    published cells of the counties as the source gives them: the national
    reference. An old county that did not exist in a year (empty total) is left
    out of that year's sum; a suppressed cell in a county that did exist makes
    the 2024 county's cell missing, so no sum is silently too low.
    """
    meta = pd.concat([industry_metadata(), pd.DataFrame(
        [{"industry": DATA_TOTAL, "industry_name": TOTAL, "level": str(TOTAL_LEVEL), "parent": ""}])])
    raw = raw.assign(region_code=raw.region_code.astype(str).str.zfill(2).replace({"00": NATION}))
    total = raw[(raw.naering == "Totalt for næringer") & raw.sysselsatte_1000_personer.notna()]
    existed = set(zip(total.region_code, total.year))
    rows = raw.merge(meta, left_on="naering", right_on="industry_name", how="inner")
    rows = rows[[(r, y) in existed for r, y in zip(rows.region_code, rows.year)]]
    rows = rows.rename(columns=SOURCE_MEASURES)

    nation = rows[rows.region_code == NATION].assign(region=NATION, region_name="Hele landet")
    counties = rows[rows.region_code != NATION].assign(region=lambda d: d.region_code.map(OLD_TO_2024))
    measures = list(SOURCE_MEASURES.values())
    reference = (counties.groupby(["industry", "year"])[measures].sum(min_count=1).reset_index()
                 .assign(region=COUNTIES_SUM, region_name="Summen av fylkene").merge(meta, on="industry"))
    keys = ["region", "industry", "year"]
    summed = counties.groupby(keys)[list(SOURCE_MEASURES.values())].sum(min_count=1)
    complete = counties.groupby(keys)[list(SOURCE_MEASURES.values())].count()
    parts = counties.groupby(keys).size()
    summed = summed.where(complete.eq(parts, axis=0)).reset_index()
    summed["region_name"] = summed.region.map(COUNTIES_2024)
    summed = summed.merge(meta, on="industry")
    tidy = pd.concat([nation[COLUMNS], reference[COLUMNS], summed[COLUMNS]], ignore_index=True)
    tidy["level"] = tidy.level.astype(int)
    tidy["year"] = tidy.year.astype(int)
    return tidy.sort_values(["region", "year", "industry"]).reset_index(drop=True)


def write_table(frame: pd.DataFrame, provenance: Provenance, folder: Path, name: str = REAL_DATA_FILE) -> Path:
    """Write the table and its provenance next to each other, both or neither
    (core.atomic), once the table reads back whole from what will be written."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    for path in (target, target.with_suffix(".json")):
        remove_temporary(path)  # left by an import that was killed half-way
    table = frame.to_csv(index=False).encode("utf-8")
    written = read_canonical(io.BytesIO(table)) if name == REAL_DATA_FILE else pd.read_csv(io.BytesIO(table), dtype=str)
    if len(written) != len(frame):
        raise BadData(name, [Problem("Tabellen ble ikke skrevet helt. Sjekk at det er plass på disken, og prøv igjen.")])
    write_all_atomic({target.with_suffix(".json"): provenance.as_json(), target: table})
    return target


def import_from_mirror(mirror: Path, cache: Path | None = None) -> Path:
    """Read the mirror's table 11713, tidy it and write it to the cache."""
    source = Path(mirror) / MIRROR_FILE
    if not source.is_file():
        raise DataMissing(f"Fant ikke {MIRROR_FILE} i speilmappen {mirror}. Sjekk {paths.MIRROR_ENV}.")
    tidy = tidy_11713(check_11713(source))
    retrieved = dt.date.fromtimestamp(source.stat().st_mtime).isoformat()
    provenance = Provenance(years=(int(tidy.year.min()), int(tidy.year.max())),
                            retrieved=retrieved, **SSB_11713)
    return write_table(tidy, provenance, Path(cache or paths.cache_dir()))


def import_13470_from_mirror(mirror: Path, cache: Path | None = None, klass=None) -> Path:
    """The mirror's table 13470 (Telemark's municipalities only, by name) into
    ``ssb_13470.csv``, with codes and counties from KLASS."""
    from exercises.data.klass import load_klass
    from exercises.data.municipal import MUNICIPAL_COLUMNS, MUNICIPAL_FILE, SN2007_17, SSB_13470

    source = Path(mirror) / MUNICIPAL_MIRROR_FILE
    if not source.is_file():
        raise DataMissing(f"Fant ikke {MUNICIPAL_MIRROR_FILE} i speilmappen {mirror}.")
    klass = klass or load_klass(Path(mirror).parent / "klass")
    raw = check.read_csv(source, REQUIRED_13470)
    problems: list[Problem] = []
    year = check.numbers(raw, "år", problems, integer=True, allow_missing=False, minimum=FIRST_YEAR,
                         maximum=dt.date.today().year)
    value = check.numbers(raw, "value", problems, minimum=0)
    code = raw.region.map(klass.by_name)
    for i in raw.index[code.isna()]:
        problems.append(Problem(f"Ukjent kommune «{check._short(raw.region[i])}»: navnet finnes ikke (eller finnes flere "
                                "ganger) i KLASS-listen over dagens kommuner.", int(raw.at[i, check.ROW]), "region"))
    codes = {name: code for code, name in SN2007_17.items()}
    industry = raw["næring (SN2007)"].map(codes)
    for i in raw.index[industry.isna()]:
        problems.append(Problem(f"Ukjent næringsgruppe «{check._short(raw.at[i, 'næring (SN2007)'])}».",
                                int(raw.at[i, check.ROW]), "næring (SN2007)"))
    if problems:
        raise BadData(source.name, problems)
    frame = pd.DataFrame({"municipality": code, "municipality_name": raw.region, "municipality_2024": code,
                          "municipality_2024_name": raw.region, "county": code.map(klass.county),
                          "industry": industry, "industry_name": raw["næring (SN2007)"], "year": year.astype(int),
                          "employment": value, check.ROW: raw[check.ROW]})
    check.duplicates(frame, ["municipality", "industry", "year"], problems, "kommune, næring og år")
    if problems:
        raise BadData(source.name, problems)
    frame = frame.sort_values(["county", "municipality", "industry", "year"])[MUNICIPAL_COLUMNS]
    retrieved = dt.date.fromtimestamp(source.stat().st_mtime).isoformat()
    note = (f"{SSB_13470['note']} Speilet har bare kommunene i "
            f"{', '.join(sorted({COUNTIES_2024.get(c, c) for c in frame.county.dropna()}))}.")
    provenance = Provenance(years=(int(frame.year.min()), int(frame.year.max())), retrieved=retrieved,
                            **{**SSB_13470, "note": note})
    return write_table(frame.reset_index(drop=True), provenance, Path(cache or paths.cache_dir()), MUNICIPAL_FILE)


def simplify_counties(geojson: dict, digits: int = 2, min_points: int = 12) -> dict:
    """County outlines for a small map: outer rings only, coordinates rounded
    (0.01° is about 1 km), tiny islands left out; plus a point for the label
    (centroid of the largest ring)."""
    counties = {}
    for feature in geojson["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = []
        for polygon in polygons:
            ring = []
            for lon, lat in polygon[0]:
                point = [round(lon, digits), round(lat, digits)]
                if not ring or point != ring[-1]:
                    ring.append(point)
            if len(ring) >= min_points:
                rings.append(ring)
        largest = max(rings, key=lambda r: abs(_area(r)))
        code = str(feature["properties"]["fylkesnummer"]).zfill(2)
        counties[code] = {"name": feature["properties"]["fylkesnavn"], "polygons": rings,
                          "label_point": _centroid(largest)}
    return counties


def _area(ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / 2


def _centroid(ring) -> list[float]:
    a = _area(ring)
    pairs = list(zip(ring, ring[1:] + ring[:1]))
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairs) / (6 * a)
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairs) / (6 * a)
    return [round(cx, 3), round(cy, 3)]


def import_map(mirror: Path, cache: Path | None = None) -> Path:
    """Read Kartverket's county boundaries from the map mirror into the cache."""
    source = Path(mirror) / MAP_MIRROR_FILE
    if not source.is_file():
        raise DataMissing(f"Fant ikke {MAP_MIRROR_FILE} i kartmappen {mirror}.")
    counties = simplify_counties(json.loads(source.read_text(encoding="utf-8")))
    folder = Path(cache or paths.cache_dir())
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / MAP_FILE
    retrieved = dt.date.fromtimestamp(source.stat().st_mtime).isoformat()
    content = {"credit": MAP_CREDIT, "source": "Kartverket", "title": "Administrative enheter: fylker 2024",
               "licence": "CC BY 4.0", "retrieved": retrieved, "counties": counties}
    write_atomic(target, json.dumps(content, ensure_ascii=False).encode("utf-8"))
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Hent SSB-data fra en lokal kopi (speil) inn i kursets mellomlager.")
    parser.add_argument("--speil", default=os.environ.get(paths.MIRROR_ENV), help="mappen med SSB-filene")
    parser.add_argument("--kart", default=os.environ.get(paths.MAP_MIRROR_ENV),
                        help="mappen med Kartverkets fylkesgrenser (standard: «kart» ved siden av SSB-mappen)")
    parser.add_argument("--ssb", action="store_true", help="hent de nyeste tallene fra SSBs API (krever internett)")
    parser.add_argument("--fil", help="last inn egne data fra en CSV-fil (se data/README.md)")
    args = parser.parse_args(argv)
    if args.ssb:
        return _from_api()
    if args.fil:
        return _from_file(Path(args.fil))
    if not args.speil:
        moved = _refused_or(lambda: use_shipped(paths.cache_dir()))
        if moved is None:
            return 1
        print(f"Kurset bruker nå tallene som følger med kurset ({paths.snapshot_dir()}). "
              + (f"Tallene som lå i mellomlageret, er flyttet til {moved}." if moved.name else "")
              + f" Vil du lese SSB-speilet i stedet, sett {paths.MIRROR_ENV} til mappen med SSB-filene.")
        return 0
    target = _refused_or(lambda: import_from_mirror(Path(args.speil)))
    if target is None:
        return 1
    print(f"SSB-tabell 11713 er importert til {target}.")
    if (Path(args.speil) / MUNICIPAL_MIRROR_FILE).is_file():
        municipal = _refused_or(lambda: import_13470_from_mirror(Path(args.speil)))
        if municipal:
            print(f"SSB-tabell 13470 (kommunene i speilet) er importert til {municipal}.")
    else:
        print("Speilet har ingen kommunetall (tabell 13470); kommunevisningen trenger «python kurs.py data --ssb».")
    maps = Path(args.kart) if args.kart else Path(args.speil).parent / "kart"
    try:
        print(f"Fylkesgrensene er importert til {import_map(maps)}.")
    except DataMissing as error:
        print(f"{error} Kurset viser da søylediagram i stedet for kart.")
    except Exception as error:
        print(f"Fylkesgrensene kunne ikke leses ({type(error).__name__}). "
              "Kurset viser da søylediagram i stedet for kart.")
    return 0


def use_shipped(cache: Path) -> Path:
    """Go back to the snapshot shipped with the course: the imported figures
    in the cache are moved aside into a dated folder (never deleted), so the
    chapters read the snapshot. Returns that folder (Path("") if none moved)."""
    from exercises.data.municipal import MUNICIPAL_FILE

    names = {REAL_DATA_FILE, MUNICIPAL_FILE, MAP_FILE}
    files = sorted({f for n in names for f in (cache / n, (cache / n).with_suffix(".json")) if f.is_file()})
    if not files:
        return Path("")
    aside = cache / f"tidligere-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}"
    aside.mkdir()
    for f in files:
        f.rename(aside / f.name)
    return aside


def _refused_or(action):
    """Run an import; on any failure print one Norwegian message (never a
    traceback) and return None. The cache is left as it was."""
    from exercises.data.ssb_api import ApiUnavailable

    try:
        return action()
    except (DataMissing, BadData, ApiUnavailable) as error:
        print(error, file=sys.stderr)
    except OSError as error:
        print(cannot_write(error), file=sys.stderr)
    except Exception as error:  # never an English traceback for the learner
        print(unexpected(error), file=sys.stderr)
    return None


def _from_api() -> int:
    from exercises.data.api_import import import_from_api

    print("Henter tabell 11713 og 13470 fra SSBs API (PxWebApi v2) …", flush=True)
    result = _refused_or(lambda: import_from_api(progress=lambda text: print(f"  {text}", flush=True)))
    for target in result.written if result else []:
        print(f"Lagret i {target}.")
    return 0 if result and not result.failed else 1


def _from_file(path: Path) -> int:
    from exercises.data.own_data import import_own

    target = _refused_or(lambda: import_own(path, paths.cache_dir()))
    if target is None:
        return 1
    print(f"Dataene fra {path.name} er lastet inn i {target}. Kapitlene bruker dem nå; "
          "kjør «python kurs.py data» for å gå tilbake til SSBs tall.")
    return 0


def cannot_write(error: OSError) -> str:
    return (f"Kunne ikke skrive til mellomlageret {paths.cache_dir()} ({error.strerror or error}). "
            "Sjekk at det er plass på disken og at du har skrivetilgang, og prøv igjen. "
            "Dataene kurset hadde fra før, er beholdt.")


def unexpected(error: Exception) -> str:
    return (f"Importen stoppet på en uventet feil ({type(error).__name__}: {check._short(str(error), 200)}). "
            "Ingenting er endret: dataene kurset hadde fra før, er beholdt. "
            "Sjekk filen, og meld gjerne fra til kursansvarlig med denne meldingen.")


if __name__ == "__main__":
    sys.exit(main())
