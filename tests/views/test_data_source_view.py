"""The data-source view in Velkommen: fetch from SSB (a stub API on
127.0.0.1) or load one's own CSV, driven by setting values and clicking."""

import datetime as dt
from pathlib import Path

import pytest
from api_fixtures import StubSSB, closed_port, table_11713, table_13470

from exercises.core import paths
from exercises.data import ssb_api
from exercises.data.dataset import load_real_data
from exercises.views.data_source_view import DataSourceView

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "eksempel_egne_data.csv"


def upload(view, name: str, content: bytes):
    view.upload.value = ({"name": name, "type": "text/csv", "size": len(content), "content": memoryview(content),
                          "last_modified": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)},)


def test_without_any_data_it_says_the_course_uses_fjordland(tmp_path):
    view = DataSourceView(tmp_path)
    assert "fiktive undervisningsdataene (Fjordland)" in view.status.value


def test_fetch_from_ssb(mirror, tmp_path, monkeypatch):
    tables = {"11713": table_11713(mirror), "13470": table_13470(mirror, mirror.parent / "klass")}
    monkeypatch.setenv(paths.MIRROR_ENV, str(mirror))
    with StubSSB(tables) as stub:
        monkeypatch.setenv(ssb_api.API_ENV, stub.url)
        view = DataSourceView(tmp_path)
        view.fetch.click()
    assert "Fylkestallene (tabell 11713) er oppdatert" in view.feedback.value and 'role="status"' in view.feedback.value
    assert "Kommunetallene (tabell 13470) er oppdatert" in view.feedback.value
    assert "Last siden på nytt" in view.feedback.value and "Run All" not in view.feedback.value
    assert "tabell 11713" in view.status.value and "tabellen oppdatert 2025-11-20" in view.status.value
    assert load_real_data(tmp_path).provenance.version == "2025-11-20"


def test_fetch_offline_shows_the_message_and_keeps_the_data(tmp_path, monkeypatch):
    view = DataSourceView(tmp_path)
    upload(view, "eksempel.csv", EXAMPLE.read_bytes())
    view.load.click()
    before = (tmp_path / "ssb_11713.csv").read_bytes()
    monkeypatch.setenv(ssb_api.API_ENV, f"http://127.0.0.1:{closed_port()}/api")
    view.fetch.click()
    assert "Fikk ikke kontakt med SSB" in view.feedback.value and 'role="alert"' in view.feedback.value
    assert (tmp_path / "ssb_11713.csv").read_bytes() == before
    assert "Fiktive undervisningsdata" in view.status.value


@pytest.mark.parametrize("name,content,words", [
    ("", b"", ["Velg en CSV-fil først"]),
    ("feil.csv", b"region;region_name;industry;industry_name;year;employment\n", ["feil.csv", "semikolon"]),
    ("rar navn/../x.csv", b"region,region_name\n", ["x.csv", "kolonne «industry»"]),
])
def test_a_bad_upload_gets_a_message_and_nothing_changes(tmp_path, name, content, words):
    view = DataSourceView(tmp_path)
    if name:
        upload(view, name, content)
    view.load.click()
    for word in words:
        assert word in view.feedback.value
    assert not (tmp_path / "ssb_11713.csv").exists()


def test_a_good_upload_is_loaded(tmp_path):
    view = DataSourceView(tmp_path)
    upload(view, "eksempel_egne_data.csv", EXAMPLE.read_bytes())
    view.load.click()
    assert "er lastet inn" in view.feedback.value
    assert load_real_data(tmp_path).regions == {"F1": "Kystby", "F2": "Fjorddal", "F3": "Fjellheim"}


def test_on_a_fresh_clone_it_names_the_figures_shipped_with_the_course(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    view = DataSourceView()
    assert view.status.value.startswith("<p>Kurset bruker nå tallene som følger med kurset. Kilde: Statistisk "
                                        "sentralbyrå (SSB), tabell 11713")
    assert "2008–2019" in view.status.value and "Hentet " in view.status.value
    assert view.shipped.layout.display == "none"  # nothing to go back from


def test_back_to_the_shipped_figures_sets_the_newer_ones_aside(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    view = DataSourceView()
    upload(view, "eksempel_egne_data.csv", EXAMPLE.read_bytes())
    view.load.click()
    assert "egne data" in view.status.value and view.shipped.layout.display is None
    own = (tmp_path / "ssb_11713.csv").read_bytes()
    view.shipped.click()
    assert "Kurset bruker igjen tallene som følger med kurset" in view.feedback.value
    assert "tallene som følger med kurset" in view.status.value and view.shipped.layout.display == "none"
    aside = [f for f in tmp_path.glob("tidligere-*/ssb_11713.csv")]
    assert len(aside) == 1 and aside[0].read_bytes() == own  # moved, never deleted
    assert str(aside[0].parent) in view.feedback.value


def test_in_a_workshop_only_the_teacher_chooses_the_figures(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    monkeypatch.setenv(paths.WORKSHOP_ENV, str(tmp_path / "verksted"))
    view = DataSourceView()
    assert not hasattr(view, "fetch") and "kursholderen som velger tallene" in view.widget.children[1].value
    assert "tallene som følger med kurset" in view.status.value
