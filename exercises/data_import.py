"""Import SSB table 11713 from a mirror folder into the course's cache.

Usage: ``python -m exercises.data_import [--speil MAPPE]`` (default: the
folder named by the environment variable SSB_SPEIL). The result is the
canonical form described in ``exercises.data``, with the 19 counties before
2020 summed into the 15 counties of 2024 (approximately; see counties.py).
"""

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

import pandas as pd

from . import paths
from .counties import COUNTIES_2024, OLD_TO_2024
from .data import COLUMNS, MAP_FILE, NATION, REAL_DATA_FILE, DataMissing, read_canonical
from .provenance import SSB_11713, Provenance

MIRROR_FILE = "11713_fylkesfordelt_nasjonalregnskap_2008-2019.csv"
MAP_MIRROR_FILE = "fylker_2024.geojson"
MAP_CREDIT = "Kart: © Kartverket, fylker 2024 (CC BY 4.0), forenklet."
SOURCE_MEASURES = {"sysselsatte_1000_personer": "employment",
                   "bruttoprodukt_lopende_mill_kr": "value_added"}


def industry_metadata() -> pd.DataFrame:
    return pd.read_csv(paths.DATA_DIR / "naeringer_11713.csv", dtype=str, keep_default_na=False)


def tidy_11713(raw: pd.DataFrame) -> pd.DataFrame:
    """Raw mirror table -> canonical form with the 15 counties of 2024.

    Aggregates (all industries, mainland Norway, general government) are
    dropped. An old county that did not exist in a year (empty total) is left
    out of that year's sum; a suppressed cell in a county that did exist makes
    the 2024 county's cell missing, so no sum is silently too low.
    """
    meta = industry_metadata()
    raw = raw.assign(region_code=raw.region_code.astype(str).str.zfill(2).replace({"00": NATION}))
    total = raw[(raw.naering == "Totalt for næringer") & raw.sysselsatte_1000_personer.notna()]
    existed = set(zip(total.region_code, total.year))
    rows = raw.merge(meta, left_on="naering", right_on="industry_name", how="inner")
    rows = rows[[(r, y) in existed for r, y in zip(rows.region_code, rows.year)]]
    rows = rows.rename(columns=SOURCE_MEASURES)

    nation = rows[rows.region_code == NATION].assign(region=NATION, region_name="Hele landet")
    counties = rows[rows.region_code != NATION].assign(region=lambda d: d.region_code.map(OLD_TO_2024))
    keys = ["region", "industry", "year"]
    summed = counties.groupby(keys)[list(SOURCE_MEASURES.values())].sum(min_count=1)
    complete = counties.groupby(keys)[list(SOURCE_MEASURES.values())].count()
    parts = counties.groupby(keys).size()
    summed = summed.where(complete.eq(parts, axis=0)).reset_index()
    summed["region_name"] = summed.region.map(COUNTIES_2024)
    summed = summed.merge(meta, on="industry")
    tidy = pd.concat([nation[COLUMNS], summed[COLUMNS]], ignore_index=True)
    tidy["level"] = tidy.level.astype(int)
    tidy["year"] = tidy.year.astype(int)
    return tidy.sort_values(["region", "year", "industry"]).reset_index(drop=True)


def _write_atomic(frame: pd.DataFrame, provenance: Provenance, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / REAL_DATA_FILE
    tmp_csv, tmp_json = target.with_suffix(".csv.tmp"), target.with_suffix(".json.tmp")
    frame.to_csv(tmp_csv, index=False)
    provenance.to_json(tmp_json)
    os.replace(tmp_json, target.with_suffix(".json"))
    os.replace(tmp_csv, target)
    return target


def import_from_mirror(mirror: Path, cache: Path | None = None) -> Path:
    """Read the mirror's table 11713, tidy it and write it to the cache."""
    source = Path(mirror) / MIRROR_FILE
    if not source.is_file():
        raise DataMissing(f"Fant ikke {MIRROR_FILE} i speilmappen {mirror}. Sjekk {paths.MIRROR_ENV}.")
    raw = pd.read_csv(source, dtype={"region_code": str})
    tidy = tidy_11713(raw)
    retrieved = dt.date.fromtimestamp(source.stat().st_mtime).isoformat()
    provenance = Provenance(years=(int(tidy.year.min()), int(tidy.year.max())),
                            retrieved=retrieved, **SSB_11713)
    target = _write_atomic(tidy, provenance, Path(cache or paths.cache_dir()))
    read_canonical(target)  # what we wrote must read back
    return target


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
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps({"credit": MAP_CREDIT, "counties": counties}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, target)
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Hent SSB-data fra en lokal kopi (speil) inn i kursets mellomlager.")
    parser.add_argument("--speil", default=os.environ.get(paths.MIRROR_ENV), help="mappen med SSB-filene")
    parser.add_argument("--kart", default=os.environ.get(paths.MAP_MIRROR_ENV),
                        help="mappen med Kartverkets fylkesgrenser (standard: «kart» ved siden av SSB-mappen)")
    args = parser.parse_args(argv)
    if not args.speil:
        print(f"Ingen speilmappe oppgitt. Sett {paths.MIRROR_ENV} til mappen med SSB-filene, "
              "eller bruk --speil MAPPE.", file=sys.stderr)
        return 2
    try:
        target = import_from_mirror(Path(args.speil))
    except DataMissing as error:
        print(error, file=sys.stderr)
        return 1
    print(f"SSB-tabell 11713 er importert til {target}.")
    maps = Path(args.kart) if args.kart else Path(args.speil).parent / "kart"
    try:
        print(f"Fylkesgrensene er importert til {import_map(maps)}.")
    except DataMissing as error:
        print(f"{error} Kurset viser da søylediagram i stedet for kart.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
