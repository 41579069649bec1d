"""Benchmark of the data imports: prints the median time of the checked
mirror import (table 11713 with every validation), of checking alone, of the
SSB API import from a stub API on 127.0.0.1 (both tables, no network), and of
loading the example own-data file.

Run: SSB_SPEIL=../shared/data/ssb .venv/bin/python benchmarks/data_import.py
Target on a 2-core machine: each under 2 s (the learner waits for it once).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from api_fixtures import StubSSB, table_11713, table_13470  # noqa: E402

from exercises.data import (
    api_import,
    data_import,
    ssb_api,  # noqa: E402
)
from exercises.data.klass import load_klass  # noqa: E402
from exercises.data.own_data import import_own  # noqa: E402


def median_s(action, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    mirror = Path(os.environ.get("SSB_SPEIL") or ROOT.parent / "shared" / "data" / "ssb")
    klass = load_klass(mirror.parent / "klass")
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        check = median_s(lambda: data_import.check_11713(mirror / data_import.MIRROR_FILE))
        full = median_s(lambda: data_import.import_from_mirror(mirror, cache))
        tables = {"11713": table_11713(mirror, counties_2024_from=2019), "13470": table_13470(mirror, mirror.parent / "klass")}
        unlimited = {"maxCallsPerTimeWindow": 10_000, "timeWindow": 60}  # the import's own time, not SSB's 30 a minute
        with StubSSB(tables, {"maxDataCells": 20000, **unlimited}, limit=(10_000, 60.0)) as stub:
            def api():
                client = ssb_api.Client(stub.url, progress=None, cache_folder=cache / "http", retries=0)
                client.session.cache.clear()
                api_import.import_from_api(cache, client, klass, progress=lambda text: None)
            from_api = median_s(api)
        own = median_s(lambda: import_own(ROOT / "data" / "eksempel_egne_data.csv", cache))
    rows = [("sjekk av speilets tabell 11713 (10 584 rader)", check),
            ("import fra speilet (sjekk, omregning, atomisk skriving)", full),
            ("import fra SSBs API via lokal stub (11713 + 13470, HTTP-cache tømt)", from_api),
            ("egne data: eksempelfilen (96 rader)", own)]
    for label, seconds in rows:
        print(f"{label:72} {seconds * 1000:8.0f} ms (median av 5)")


if __name__ == "__main__":
    main()
