"""Benchmark of the workbook under concurrent saves: two processes (as two
chapters' kernels) save new sections to one workbook at the same time for
30 s, and the figures the issue asked for are printed: saves acknowledged per
process, saves per second, and how many acknowledged saves are missing from
the file afterwards (must be 0).

tests/workbook/test_workbook_faults.py runs the same race for a few seconds, with the
same checks; this is the long run.

Run: .venv/bin/python benchmarks/workbook.py [SECONDS]   (default 30)
"""

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from workbook_worker import race  # noqa: E402


def main(argv: list[str]) -> int:
    seconds = float(argv[0]) if argv else 30.0
    names = ("gjennomfore", "male")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "arbeidsbok.json"
        start = time.perf_counter()
        saved, lost = race(path, seconds, names)
        elapsed = time.perf_counter() - start
        size = path.stat().st_size
    total = sum(map(len, saved))
    print(f"to prosesser i {seconds:g} s ({elapsed:.1f} s med oppstart): {total} lagringer bekreftet, "
          f"{len(lost)} tapt; {total / seconds:.0f} lagringer per sekund; arbeidsboka til slutt {size / 1024:.0f} KB")
    for name, each in zip(names, saved):
        print(f"  {name}: {len(each)} lagringer ({len(each) / seconds:.0f} per sekund)")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
