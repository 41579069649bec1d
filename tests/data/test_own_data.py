"""Your own data (issue 11, item 4): `kurs.py data --fil PATH` takes a CSV in
the documented format (data/README.md, data/eksempel_egne_data.csv); every bad
file gets a Norwegian message naming the row and column, and nothing is
half-loaded: the cache stays byte for byte as it was."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from exercises.core import paths
from exercises.data.dataset import load_real_data
from exercises.data.import_check import BadData
from exercises.data.own_data import check_own_csv, import_own

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "eksempel_egne_data.csv"


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)


def write(tmp_path, content) -> Path:
    path = tmp_path / "mine_data.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def replace_line(lines, number, old, new) -> str:
    """Row ``number`` (1 = header) with ``old`` replaced by ``new``."""
    assert old in lines[number - 1], (number, old)
    return "".join([*lines[:number - 1], lines[number - 1].replace(old, new, 1), *lines[number:]])


def test_the_example_file_loads_and_says_it_is_fictional(tmp_path):
    import_own(EXAMPLE, tmp_path)
    data = load_real_data(tmp_path)
    assert data.regions == {"F1": "Kystby", "F2": "Fjorddal", "F3": "Fjellheim"} and data.years == [2020, 2023]
    assert data.fictional and data.provenance.caption().startswith("Fiktive undervisningsdata (2020–2023)")
    E = data.matrix(2023)
    assert E.loc["F1", "fiske"] == 10 and (E.sum(axis=1) == 100).all()  # Fjordland's hand-checkable sums


def test_only_the_required_columns_are_needed(tmp_path):
    path = write(tmp_path, "region,region_name,industry,industry_name,year,employment\n"
                           "SE1,Region A,fisk,Fiske,2024,1.5\nSE2,Region B,fisk,Fiske,2024,0\n")
    frame = check_own_csv(path)
    assert list(frame.level) == [0, 0] and list(frame.parent) == ["", ""] and frame.value_added.isna().all()
    import_own(path, tmp_path / "c")
    caption = load_real_data(tmp_path / "c").provenance.caption(2024)
    assert caption.startswith("Kilde: Egne data, «mine_data.csv», 2024.") and "sjekket formen" in caption


BAD = [  # (what, make(lines) -> content, words the message must have)
    ("manglende kolonne", lambda l: "".join(x.replace(",employment,", ",ansatte,") for x in l),
     ["rad 1", "kolonne «employment»", "mangler"]),
    ("tekst der tall skal stå", lambda l: replace_line(l, 5, ",2020,1,", ",2020,mange,"),
     ["rad 5", "kolonne «employment»", "«mange» er ikke et tall"]),
    ("negativt tall", lambda l: replace_line(l, 5, ",2020,1,", ",2020,-1,"),
     ["rad 5", "kolonne «employment»", "negativt"]),
    ("ukjent kode", lambda l: replace_line(l, 3, ",1,primaer,", ",1,primær_x,"),
     ["rad 3", "kolonne «parent»", "Ukjent kode «primær_x»"]),
    ("ulovlig kode", lambda l: replace_line(l, 4, "F1,", "F 1,"), ["rad 4", "kolonne «region»", "«F 1»"]),
    ("feil tegnkoding", lambda l: "".join(l).encode("latin-1"), ["UTF-8", "Latin-1", "rad 2"]),
    ("semikolon", lambda l: "".join(x.replace(",", ";") for x in l), ["semikolon"]),
    ("doble rader", lambda l: "".join([*l, l[4]]), ["rad 5", "Radene 5, 98", "fjern de doble radene"]),
    ("to navn på samme kode", lambda l: replace_line(l, 6, "Kystby", "Kystbyen"), ["rad 6", "«Kystbyen»", "to navn"]),
    ("bare én region", lambda l: "".join([l[0], *(x for x in l[1:] if x.startswith("F1,"))]), ["minst to"]),
    ("ugyldig år", lambda l: replace_line(l, 7, ",2020,", ",2020.5,"), ["rad 7", "kolonne «year»", "helt tall"]),
    ("tom fil", lambda l: b"", ["tom"]),
    ("bare overskrift", lambda l: l[0], ["bare overskriftsraden"]),
    ("binærfil", lambda l: b"\x89PNG\r\n\x1a\n\x00\x00", ["binære data"]),
]


@pytest.mark.parametrize("what,make,words", BAD, ids=[b[0] for b in BAD])
def test_each_bad_file_gets_its_message_and_nothing_is_loaded(lines, tmp_path, what, make, words):
    cache = tmp_path / "cache"
    import_own(EXAMPLE, cache)
    before = {f.name: f.read_bytes() for f in cache.iterdir()}
    with pytest.raises(BadData) as info:
        import_own(write(tmp_path, make(lines)), cache)
    message = str(info.value)
    assert "mine_data.csv" in message and "er beholdt" in message
    for word in words:
        assert word in message, message
    assert {f.name: f.read_bytes() for f in cache.iterdir()} == before


def test_kurs_py_data_fil_from_the_command_line(lines, tmp_path):
    env = dict(os.environ, **{paths.CACHE_ENV: str(tmp_path / "cache")})
    command = [sys.executable, "-m", "exercises.data.data_import", "--fil"]
    bad = subprocess.run([*command, str(write(tmp_path, lines[0]))], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "bare overskriftsraden" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "cache" / "ssb_11713.csv").exists()
    good = subprocess.run([*command, str(EXAMPLE)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert good.returncode == 0 and "kurs.py data" in good.stdout, good.stderr
    missing = subprocess.run([*command, str(tmp_path / "finnes_ikke.csv")], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1 and "kan ikke leses" in missing.stderr and "Traceback" not in missing.stderr


def test_start_does_not_replace_own_data_with_the_mirror(real_cache, tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT))
    import kurs

    monkeypatch.setenv(paths.CACHE_ENV, str(real_cache))
    assert kurs.kept_source() == ""  # the mirror's import: `start` may refresh it
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    assert kurs.kept_source() == ""  # nothing imported yet
    import_own(EXAMPLE, tmp_path)
    assert kurs.kept_source() == "egne data (eksempel_egne_data.csv)"
