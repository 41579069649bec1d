"""The real figures shipped with the course, in ``data/snapshot/``.

    python -m exercises.data.snapshot --speil MAPPE   (default: SSB_SPEIL)

runs the course's own imports on the mirror of SSB's and Kartverket's files
and writes what they produce, so that a fresh clone shows the learner's own
county on real numbers with no mirror and no network: SSB table 11713 for
every year in the 15 counties of 2024, table 13470 for the municipalities
the mirror has, KLASS's list of municipalities and code changes, and the
simplified county map, each with its provenance (table, retrieval date,
licence, credit). SSB's values are unchanged apart from the documented
county recoding. A newer import (``kurs.py data``) goes into the cache and
wins over the snapshot; nothing but this command writes here.
"""

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

from exercises.core import paths
from exercises.core.atomic import write_all_atomic
from exercises.data import data_import
from exercises.data.klass import MUNICIPALITIES_FILE, klass_files, load_klass
from exercises.data.provenance import ssb_table

KLASS_PROVENANCE = "klass.json"


def klass_provenance(folder: Path) -> bytes:
    source = folder / MUNICIPALITIES_FILE
    retrieved = dt.date.fromtimestamp(source.stat().st_mtime).isoformat()
    table = ssb_table("KLASS 131", "Standard for kommuneinndeling, med endringer",
                      "Kommunene per 1. januar 2026 med fylket fra 2024, og kodeendringene siden 2017.")
    table["url"] = "https://www.ssb.no/klass/klassifikasjoner/131"
    return json.dumps({**table, "retrieved": retrieved}, ensure_ascii=False, indent=2).encode("utf-8")


def make_snapshot(mirror: Path, target: Path | None = None, map_folder: Path | None = None) -> list[Path]:
    """Import the mirror into a scratch folder with the course's own imports,
    then replace the snapshot's files all at once (both or neither)."""
    mirror, target = Path(mirror), Path(target or paths.snapshot_dir())
    klass_dir = mirror.parent / "klass"
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        data_import.import_from_mirror(mirror, folder)
        data_import.import_13470_from_mirror(mirror, folder, load_klass(klass_dir))
        data_import.import_map(Path(map_folder) if map_folder else mirror.parent / "kart", folder)
        files = {target / f.name: f.read_bytes() for f in sorted(folder.iterdir()) if f.is_file()}
    files.update({target / name: content for name, content in klass_files(load_klass(klass_dir)).items()})
    files[target / KLASS_PROVENANCE] = klass_provenance(klass_dir)
    target.mkdir(parents=True, exist_ok=True)
    write_all_atomic(files)
    return sorted(files)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Lag tallene som følger med kurset (data/snapshot/) fra speilet.")
    parser.add_argument("--speil", default=os.environ.get(paths.MIRROR_ENV), help="mappen med SSB-filene")
    parser.add_argument("--til", default=None, help="mappen som skal skrives (standard: data/snapshot)")
    args = parser.parse_args(argv)
    if not args.speil:
        print(f"Oppgi speilmappen med --speil MAPPE eller miljøvariabelen {paths.MIRROR_ENV}.", file=sys.stderr)
        return 2
    written = data_import._refused_or(lambda: make_snapshot(Path(args.speil), Path(args.til) if args.til else None))
    if written is None:
        return 1
    size = sum(p.stat().st_size for p in written)
    print(f"Skrev {len(written)} filer ({size / 1e6:.1f} MB) til {written[0].parent}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
