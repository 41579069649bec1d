"""Bad mirror files never replace a good cache (issue 8, item 3).

Each bad file is made here from the real mirror file (one fault at a time),
imported through the command line in a subprocess, as `kurs.py data` does:
a Norwegian message naming the file, row and column, exit code 1, no
traceback, the old cache kept byte for byte and no temporary file left.
"""

import csv
import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from exercises.core import atomic, paths
from exercises.data import data_import
from exercises.data.dataset import load_real_data
from exercises.data.import_check import BadData

ROOT = Path(__file__).resolve().parents[2]
NAME = data_import.MIRROR_FILE


@pytest.fixture(scope="module")
def lines(mirror) -> list[str]:
    return (mirror / NAME).read_text(encoding="utf-8").splitlines(keepends=True)


@pytest.fixture
def good_cache(real_cache, tmp_path) -> Path:
    """A cache that already holds a good import (copied from the session's)."""
    folder = tmp_path / "cache"
    folder.mkdir()
    for f in real_cache.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir())}


def write_mirror(tmp_path: Path, content: bytes | str) -> Path:
    folder = tmp_path / "speil"
    folder.mkdir(exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    (folder / NAME).write_bytes(data)
    return folder


def run_import(mirror: Path, cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, **{paths.CACHE_ENV: str(cache)})
    return subprocess.run([sys.executable, "-m", "exercises.data.data_import", "--speil", str(mirror),
                           "--kart", str(mirror / "ingen")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def row_index(lines, region, industry, year) -> int:
    """0-based index into ``lines`` (the file's row number is this + 1)."""
    for i, line in enumerate(lines):
        fields = next(csv.reader([line]))
        if fields[0] == region and fields[3] == industry and fields[4] == str(year):
            return i
    raise LookupError((region, industry, year))


def set_cell(lines, index, column, value) -> list[str]:
    header = next(csv.reader([lines[0]]))
    fields = next(csv.reader([lines[index]]))
    fields[header.index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(fields)
    return [*lines[:index], buffer.getvalue(), *lines[index + 1:]]


def drop_rows(lines, keep) -> str:
    return "".join([lines[0], *(line for line in lines[1:] if keep(next(csv.reader([line]))))])


def bad_files(lines):
    """(name, file content, words the message must contain)."""
    oslo_ind = row_index(lines, "03", "Industri", 2019)
    vestland = [line for line in lines if line.startswith(("12,", "14,")) and ",2019," in line]
    no_employment = io.StringIO()
    frame = pd.read_csv(io.StringIO("".join(lines)), dtype=str, keep_default_na=False)
    frame.drop(columns="sysselsatte_1000_personer").to_csv(no_employment, index=False)
    rng = random.Random(11713)
    return [
        ("doble rader", "".join(lines + vestland), ["samme region, næring og år", "fjern de doble radene"]),
        ("manglende gammelt fylke", drop_rows(lines, lambda f: f[0] != "12"),
         ["Hordaland (12) mangler", "Vestland (46)", "årene 2008–2019"]),
        ("negativ sysselsetting", "".join(set_cell(lines, oslo_ind, "sysselsatte_1000_personer", "-3.5")),
         [f"rad {oslo_ind + 1}", "kolonne «sysselsatte_1000_personer»", "negativt"]),
        ("tekst i tallkolonne", "".join(set_cell(lines, oslo_ind, "sysselsatte_1000_personer", "12,5")),
         [f"rad {oslo_ind + 1}", "«12,5» er ikke et tall", "punktum"]),
        ("manglende kolonne", no_employment.getvalue(), ["rad 1", "kolonne «sysselsatte_1000_personer»", "mangler"]),
        ("semikolon", "".join(line.replace(",", ";") for line in lines), ["semikolon", "komma"]),
        ("Latin-1", "".join(lines).encode("latin-1"), ["UTF-8", "Latin-1", "rad 2"]),
        ("tom", b"", ["tom"]),
        ("bare overskrift", lines[0], ["bare overskriftsraden"]),
        ("feil år", "".join(set_cell(lines, oslo_ind, "year", "20l9")),
         [f"rad {oslo_ind + 1}", "kolonne «year»", "«20l9» er ikke et tall"]),
        ("år i framtida", "".join(set_cell(lines, oslo_ind, "year", "2919")), [f"rad {oslo_ind + 1}", "kolonne «year»"]),
        ("ingen totaler", drop_rows(lines, lambda f: f[3] != "Totalt for næringer"), ["Totalt for næringer"]),
        ("totaler som ikke stemmer", "".join(set_cell(lines, oslo_ind, "sysselsatte_1000_personer", "900")),
         ["mer enn «Totalt for næringer»", "region 03 i 2019"]),
        ("tilfeldige bytes", bytes(rng.randrange(256) for _ in range(5000)), ["ikke"]),
        ("ukjent region", "".join(set_cell(lines, oslo_ind, "region_code", "99")), ["Ukjent regionkode «99»"]),
        ("ujevne rader", "".join([*lines[:5], "03,Oslo,03\n", *lines[5:]]), ["rad 6", "felt"]),
    ]


def test_every_bad_file_is_refused_and_the_old_cache_kept(lines, good_cache, tmp_path):
    before = snapshot(good_cache)
    assert {"ssb_11713.csv", "ssb_11713.json"} <= set(before)
    failures = []
    for label, content, words in bad_files(lines):
        result = run_import(write_mirror(tmp_path, content), good_cache)
        message = result.stderr
        problems = [w for w in [*words, "dataene kurset hadde fra før, er beholdt"] if w not in message]
        if result.returncode != 1 or "Traceback" in message or problems or NAME not in message:
            failures.append(f"{label}: rc={result.returncode} missing={problems} stderr={message[-600:]}")
        if snapshot(good_cache) != before:
            failures.append(f"{label}: the cache changed")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("marker", ["..", ".", ":", "-"])
def test_ssb_markers_read_as_missing(lines, tmp_path, marker):
    index = row_index(lines, "12", "Industri", 2019)
    mirror = write_mirror(tmp_path, "".join(set_cell(lines, index, "sysselsatte_1000_personer", marker)))
    data_import.import_from_mirror(mirror, tmp_path / "cache")
    real = load_real_data(tmp_path / "cache")
    assert real.frame.employment.dtype.kind == "f"
    E = real.matrix(2019, "main")
    assert pd.isna(E.loc["46", "industri"])  # Vestland = Hordaland + Sogn og Fjordane: not a half sum
    assert E.loc["15", "industri"] > 0


def test_a_failed_write_keeps_the_cache_and_leaves_no_temp_file(mirror, good_cache, monkeypatch):
    """The disk fills up while the table is written, after its provenance was:
    neither file changes (no new provenance beside an old table)."""
    before = snapshot(good_cache)
    (good_cache / ".ssb_11713-stale.tmp").write_text("left by a killed import")
    flushed = atomic._flushed_temporary

    def full_disk_at_the_table(path, data):
        if path.suffix == ".csv":
            raise OSError(28, "No space left on device")
        return flushed(path, data)

    monkeypatch.setattr(atomic, "_flushed_temporary", full_disk_at_the_table)
    with pytest.raises(OSError):
        data_import.import_from_mirror(mirror, good_cache)
    assert snapshot(good_cache) == before and not list(good_cache.glob("*.tmp"))


def test_a_good_import_replaces_the_cache_and_cleans_up(mirror, good_cache):
    (good_cache / ".ssb_11713-stale.tmp").write_text("left by a killed import")
    (good_cache / "ssb_11713.csv").write_text("old")
    result = run_import(mirror, good_cache)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert not list(good_cache.glob("*.tmp"))
    assert len(load_real_data(good_cache).frame) == 17 * 38 * 12


def test_messages_name_each_problem_and_stay_short(lines, tmp_path):
    for i in range(1, 40):
        lines = set_cell(lines, i, "year", "abc")
    with pytest.raises(BadData) as info:
        data_import.check_11713(write_mirror(tmp_path, "".join(lines)) / NAME)
    text = str(info.value)
    assert "kolonne «year»" in text and "rad 2," in text
    assert "feil til av samme slag" in text and text.count("\n- ") <= 13


def test_kurs_py_data_stops_with_the_norwegian_message(lines, good_cache, tmp_path):
    before = snapshot(good_cache)
    mirror = write_mirror(tmp_path, lines[0])
    env = dict(os.environ, **{paths.CACHE_ENV: str(good_cache), paths.MIRROR_ENV: str(mirror)})
    result = subprocess.run([sys.executable, str(ROOT / "kurs.py"), "data"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "bare overskriftsraden" in result.stderr and "Traceback" not in result.stderr + result.stdout
    assert snapshot(good_cache) == before
