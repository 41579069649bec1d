"""Municipality -> county of 2024, from SSB's classification service KLASS.

Offline the course reads the mirror's copies (``klass/kommuner_2026.csv``:
today's municipalities and their county; ``klass/regionendringer_2020-2025.csv``:
the code changes of 2020 and 2024), or the same lists in the snapshot shipped
with the course (``klass_kommuner.csv``, ``klass_endringer.csv``). Online it
asks KLASS's API for JSON (``Accept: application/json``; the ``.json`` suffix
is deprecated there). A municipality code of an earlier structure is followed
through the changes to today's code(s); if these lie in different counties
the code is ambiguous and maps to nothing.
"""

import csv
import io
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from exercises.core import paths
from exercises.data.counties import COUNTIES_2024
from exercises.data.dataset import DataMissing

KLASS_URL = "https://data.ssb.no/api/klass/v1"
KLASS_ENV = "SSB_KLASS_API"  # another address for KLASS (a test server)
MUNICIPALITY_CLASSIFICATION = 131
MUNICIPALITIES_FILE = "kommuner_2026.csv"
CHANGES_FILE = "regionendringer_2020-2025.csv"
SNAPSHOT_MUNICIPALITIES, SNAPSHOT_CHANGES = "klass_kommuner.csv", "klass_endringer.csv"
JSON = {"Accept": "application/json"}


@dataclass(frozen=True)
class Klass:
    municipalities: dict[str, tuple[str, str]]  # code -> (name, county of 2024)
    changes: dict[str, list[str]]  # old municipality code -> newer code(s)

    def county(self, code: str) -> str | None:
        """The county of 2024 that municipality ``code`` (any structure since 2017) lies in."""
        counties = {self.municipalities[c][1] for c in self.successors(code)}
        return counties.pop() if len(counties) == 1 else None

    def current(self, code: str) -> str:
        """Today's code of municipality ``code``, or ``code`` itself if it
        became several (or none)."""
        found = self.successors(code)
        return found.pop() if len(found) == 1 else code

    def name(self, code: str) -> str:
        return self.municipalities.get(code, (code, ""))[0]

    def successors(self, code: str, _depth: int = 0) -> set[str]:
        if code in self.municipalities:
            return {code}
        if _depth > 5 or code not in self.changes:
            return set()
        return set().union(*(self.successors(c, _depth + 1) for c in self.changes[code]))

    @cached_property
    def by_name(self) -> dict[str, str]:
        """Today's municipality name -> code (names that occur once)."""
        names: dict[str, list[str]] = {}
        for code, (name, _) in self.municipalities.items():
            names.setdefault(name, []).append(code)
        return {name: codes[0] for name, codes in names.items() if len(codes) == 1}


def klass_folder() -> Path | None:
    """The mirror's ``klass`` folder next to the SSB folder, if there is one."""
    mirror = paths.mirror_dir()
    return mirror.parent / "klass" if mirror else None


def klass_from_api(get, today: str, first_year: int) -> Klass:
    """KLASS online: today's municipalities (classification 131; a
    municipality number starts with its county's) and the code changes since
    ``first_year`` began. KLASS leaves out a change that takes effect on the
    ``from`` date itself, so asking from 1 January of the first data year
    keeps the mergers of the next New Year. ``get(url, params, headers) -> dict``
    is the API client's call."""
    base = f"{os.environ.get(KLASS_ENV) or KLASS_URL}/classifications/{MUNICIPALITY_CLASSIFICATION}"
    codes = get(f"{base}/codesAt", {"date": today}, JSON).get("codes", [])
    municipalities = {c["code"]: (c["name"], c["code"][:2]) for c in codes
                      if len(c.get("code", "")) == 4 and c["code"][:2] in COUNTIES_2024}
    if not municipalities:
        raise DataMissing("KLASS ga ingen kommuner. Prøv igjen senere, eller bruk speilet (python kurs.py data).")
    changes: dict[str, list[str]] = {}
    for change in get(f"{base}/changes", {"from": f"{first_year}-01-01", "to": today}, JSON).get("codeChanges", []):
        old, new = change.get("oldCode"), change.get("newCode")
        if old and new and old != new:
            changes.setdefault(old, []).append(new)
    return Klass(municipalities, changes)


def load_klass(folder: Path | None = None) -> Klass:
    """KLASS's lists from the mirror's ``klass`` folder (``folder``, or the one
    beside SSB_SPEIL), else from the snapshot shipped with the course."""
    folder = Path(folder) if folder else klass_folder()
    if folder is not None and (folder / MUNICIPALITIES_FILE).is_file():
        return _from_mirror(folder)
    return shipped_klass()


def shipped_klass() -> Klass:
    """The lists in the snapshot shipped with the course; DataMissing if it has none."""
    snapshot = paths.snapshot_dir()
    if not (snapshot / SNAPSHOT_MUNICIPALITIES).is_file():
        raise DataMissing(f"Fant ikke kommunelisten fra KLASS ({MUNICIPALITIES_FILE}). "
                          f"Sett {paths.MIRROR_ENV} til speilmappen (med «klass» ved siden av), og prøv igjen.")
    return read_klass(snapshot)


def _from_mirror(folder: Path) -> Klass:
    with open(folder / MUNICIPALITIES_FILE, encoding="utf-8", newline="") as f:
        municipalities = {r["kommunenummer"].zfill(4): (r["kommunenavn"], r["fylkesnummer"].zfill(2))
                          for r in csv.DictReader(f)}
    changes: dict[str, list[str]] = {}
    if (folder / CHANGES_FILE).is_file():
        with open(folder / CHANGES_FILE, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                if r["level"] == "municipality":
                    changes.setdefault(r["from_id"].zfill(4), []).append(r["to_id"].zfill(4))
    return Klass(municipalities, changes)


def klass_files(klass: Klass) -> dict[str, bytes]:
    """The course's own form of the lists: today's municipalities (code, name,
    county of 2024) and every code change (old code, new code)."""
    def table(header: list[str], rows) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue().encode("utf-8")

    return {SNAPSHOT_MUNICIPALITIES: table(["code", "name", "county"],
                                           ((c, n, f) for c, (n, f) in sorted(klass.municipalities.items()))),
            SNAPSHOT_CHANGES: table(["old_code", "new_code"],
                                    ((old, new) for old, news in sorted(klass.changes.items()) for new in news))}


def read_klass(folder: Path) -> Klass:
    """The lists written by :func:`klass_files`."""
    with open(folder / SNAPSHOT_MUNICIPALITIES, encoding="utf-8", newline="") as f:
        municipalities = {r["code"]: (r["name"], r["county"]) for r in csv.DictReader(f)}
    changes: dict[str, list[str]] = {}
    with open(folder / SNAPSHOT_CHANGES, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            changes.setdefault(r["old_code"], []).append(r["new_code"])
    return Klass(municipalities, changes)
