"""Municipal figures (table 13470): the mirror's Telemark file, the overview
in the 2024 structure, relatedness from co-location, and the view."""

import pandas as pd
import pytest

from exercises.data import data_import
from exercises.data.import_check import BadData
from exercises.data.klass import load_klass
from exercises.data.municipal import counties_from_municipalities, load_municipal_data, overview, related_industries
from exercises.views.municipal_view import MunicipalView


@pytest.fixture(scope="module")
def telemark(mirror, tmp_path_factory):
    folder = tmp_path_factory.mktemp("kommuner")
    data_import.import_13470_from_mirror(mirror, folder)
    return folder


def test_the_mirror_file_is_imported_with_codes_and_counties(telemark, mirror):
    frame, provenance = load_municipal_data(telemark)
    raw = pd.read_csv(mirror / data_import.MUNICIPAL_MIRROR_FILE)
    assert len(frame) == len(raw) == 17 * 17 * 10
    assert set(frame.county) == {"40"} and frame.municipality.str.startswith("40").all()
    assert frame.employment.sum() == raw.value.sum()
    assert provenance.table == "13470" and "bare kommunene i Telemark" in provenance.note
    porsgrunn = frame[(frame.municipality_2024_name == "Porsgrunn") & (frame.year == 2025)].employment.sum()
    assert porsgrunn == raw[(raw.region == "Porsgrunn") & (raw["år"] == 2025)].value.sum()


def test_the_county_is_the_sum_of_its_municipalities(telemark, mirror):
    frame, _ = load_municipal_data(telemark)
    counties = counties_from_municipalities(frame).set_index(["industry_name", "year"])
    raw = pd.read_csv(mirror / data_import.MUNICIPAL_MIRROR_FILE)
    expected = raw.groupby(["næring (SN2007)", "år"]).value.sum()
    assert (counties.employment.reindex(expected.index).values == expected.values).all()


def test_overview_by_hand(telemark):
    frame, _ = load_municipal_data(telemark)
    table = overview(frame, "40", "10-33", 2025, 2016)
    assert len(table) == 17 and table.loc["4001", "Kommune"] == "Porsgrunn"
    now = frame[(frame.year == 2025) & (frame.industry != "00")]
    then = frame[(frame.year == 2016) & (frame.industry != "00")]
    p_now = now[now.municipality == "4001"].employment.sum()
    p_ind = now[(now.municipality == "4001") & (now.industry == "10-33")].employment.sum()
    lq = (p_ind / p_now) / (now[now.industry == "10-33"].employment.sum() / now.employment.sum())
    change = p_now / then[then.municipality == "4001"].employment.sum() - 1
    row = table.loc["4001"]
    assert row["Sysselsatte 2025"] == p_now and row["I næringen 2025"] == p_ind
    assert row["LQ"] == pytest.approx(lq) and row["Endring siden 2016"] == pytest.approx(change)


def test_related_industries_by_co_location(telemark):
    frame, _ = load_municipal_data(telemark)
    related = related_industries(frame, "10-33", 2025, top=16)
    assert "10-33" not in related.index and "00" not in related.index and len(related) == 15
    assert ((related >= 0) & (related <= 1)).all() and related.is_monotonic_decreasing


def test_a_bad_municipal_file_names_row_and_column(mirror, tmp_path):
    lines = (mirror / data_import.MUNICIPAL_MIRROR_FILE).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace("Porsgrunn", "Porsgrun", 1)
    (tmp_path / "ssb").mkdir()
    (tmp_path / "ssb" / data_import.MUNICIPAL_MIRROR_FILE).write_text("".join(lines), encoding="utf-8")
    with pytest.raises(BadData, match="rad 4, kolonne «region»: Ukjent kommune «Porsgrun»"):
        data_import.import_13470_from_mirror(tmp_path / "ssb", tmp_path / "cache", load_klass(mirror.parent / "klass"))
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())


def test_the_view_shows_the_county_and_follows_the_choice(telemark):
    view = MunicipalView("40", telemark)
    html = view.output.value
    assert "Kommunene i Telemark" in html and "Porsgrunn" in html and "Kilde: Statistisk sentralbyrå (SSB), tabell 13470" in html
    assert "17 næringsgrupper" in html
    view.industry.value = "86-88"
    assert "i næringen Helse- og sosialtjenester" in view.output.value


def test_the_view_without_municipal_data_says_what_to_do(tmp_path):
    view = MunicipalView("40", tmp_path)
    assert "kurs.py data --ssb" in view.output.value
