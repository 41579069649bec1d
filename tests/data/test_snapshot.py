"""The real figures shipped with the course (data/snapshot/): what the
course's own import makes of the mirror, with provenance, small, never a
verbatim copy of the mirror, and never rewritten by a newer import."""

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from exercises.core import paths
from exercises.data import snapshot
from exercises.data.dataset import MAP_FILE, REAL_DATA_FILE, load_map, load_real_data, read_canonical
from exercises.data.klass import read_klass
from exercises.data.municipal import MUNICIPAL_FILE, load_municipal_data
from exercises.data.own_data import import_own

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "snapshot"
EXAMPLE = ROOT / "data" / "eksempel_egne_data.csv"


@pytest.fixture(scope="module")
def fresh(mirror, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("snapshot")
    snapshot.make_snapshot(mirror, folder)
    return folder


def without_retrieved(path: Path) -> dict:
    content = json.loads(path.read_text(encoding="utf-8"))
    content.pop("retrieved")
    return content


def test_the_shipped_snapshot_is_what_the_import_makes_of_the_mirror(fresh):
    assert sorted(f.name for f in fresh.iterdir()) == sorted(f.name for f in SHIPPED.iterdir() if f.name != "README.md")
    pd.testing.assert_frame_equal(read_canonical(SHIPPED / REAL_DATA_FILE), read_canonical(fresh / REAL_DATA_FILE))
    assert (SHIPPED / MUNICIPAL_FILE).read_bytes() == (fresh / MUNICIPAL_FILE).read_bytes()
    for name in ("ssb_11713.json", "ssb_13470.json", "klass.json", MAP_FILE):
        assert without_retrieved(SHIPPED / name) == without_retrieved(fresh / name), name
    assert read_klass(SHIPPED) == read_klass(fresh)


def test_every_shipped_file_says_where_it_comes_from_and_its_licence():
    for name in ("ssb_11713.json", "ssb_13470.json", "klass.json"):
        provenance = json.loads((SHIPPED / name).read_text(encoding="utf-8"))
        assert provenance["source"] == "Statistisk sentralbyrå (SSB)" and provenance["licence"] == "CC BY 4.0"
        assert provenance["table"] and provenance["retrieved"] and provenance["url"].startswith("https://www.ssb.no/")
    shapes = load_map(SHIPPED)
    assert shapes["licence"] == "CC BY 4.0" and "© Kartverket" in shapes["credit"] and len(shapes["counties"]) == 15
    readme = (SHIPPED / "README.md").read_text(encoding="utf-8")
    assert "Kilde: Statistisk sentralbyrå" in readme and "© Kartverket" in readme
    assert "python -m exercises.data.snapshot" in readme


def test_the_snapshot_is_small_and_no_file_of_the_mirror_is_copied_in(mirror):
    size = sum(f.stat().st_size for f in SHIPPED.iterdir())
    assert size < 2_000_000, f"{size / 1e6:.1f} MB"
    digest = lambda f: hashlib.sha256(f.read_bytes()).hexdigest()  # noqa: E731
    mirrored = {digest(f) for f in mirror.parent.rglob("*") if f.is_file()}
    assert not [f.name for f in SHIPPED.iterdir() if digest(f) in mirrored]


def test_the_snapshot_keeps_ssbs_values(real):
    shipped = load_real_data(SHIPPED)
    pd.testing.assert_frame_equal(shipped.frame, real.frame)  # the same as the mirror import the tests use
    assert shipped.shipped
    frame, provenance = load_municipal_data(SHIPPED)
    assert provenance.table == "13470" and set(frame.county) == {"40"}


def test_a_newer_import_wins_and_never_rewrites_the_shipped_files(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    before = {f.name: f.read_bytes() for f in SHIPPED.iterdir()}
    assert load_real_data().shipped
    import_own(EXAMPLE, tmp_path)
    data = load_real_data()
    assert not data.shipped and set(data.regions) == {"F1", "F2", "F3"}
    assert load_municipal_data()[1].table == "13470"  # what the newer import did not bring still comes from the snapshot
    assert {f.name: f.read_bytes() for f in SHIPPED.iterdir()} == before


def test_without_a_mirror_the_command_says_how(capsys, monkeypatch):
    monkeypatch.delenv(paths.MIRROR_ENV, raising=False)
    assert snapshot.main([]) == 2
    assert "--speil" in capsys.readouterr().err
