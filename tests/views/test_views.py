"""The widget views driven as a learner does: set values, click buttons."""

from exercises.data.counties import COUNTIES_2024
from exercises.views.profile_view import ProfileView
from exercises.views.specialisation_view import SpecialisationView
from exercises.views.vision_view import VisionView
from exercises.workbook.store import Workbook


def test_profile_view_saves_county_and_role(workbook):
    view = ProfileView(COUNTIES_2024, workbook)
    view.county.value = "46"
    view.role.value = "Deltaker på workshop"
    view.button.click()
    assert "Lagret: 46 Vestland" in view.feedback.value
    assert Workbook(workbook.path).value("profil") == {
        "county": "46", "county_name": "Vestland", "role": "Deltaker på workshop"}
    again = ProfileView(COUNTIES_2024, Workbook(workbook.path))
    assert (again.county.value, again.role.value) == ("46", "Deltaker på workshop")


def test_profile_view_shows_a_damaged_workbook(tmp_path):
    path = tmp_path / "arbeidsbok.json"
    path.write_text("{ødelagt", encoding="utf-8")
    view = ProfileView(COUNTIES_2024, Workbook(path))
    assert "kunne ikke leses" in view.widget.children[0].value


def fill(view, rows):
    for (industry, reason), pick, text in zip(rows, view.picks, view.reasons):
        pick.value, text.value = industry, reason


def test_specialisation_view_end_to_end(fjordland, workbook):
    view = SpecialisationView(fjordland, workbook, county="F1")
    assert "Næringer i Kystby 2023" in view.profile.value
    assert 'alt="Liggende stolpediagram' in view.profile.value
    assert "Fiktive undervisningsdata" in view.profile.value
    fill(view, [("sjomat", "Foredling"), ("fiske", "Kystfiske"), ("ikt", "<script>alert(1)</script>")])
    view.button.click()
    assert "Tilbakemelding" in view.feedback.value and "er lagret i arbeidsboka" in view.feedback.value
    assert "<script>" not in view.feedback.value
    stored = Workbook(workbook.path).value("spesialisering")
    assert [p["reason"] for p in stored["picks"]][2] == "<script>alert(1)</script>"


def test_specialisation_view_errors_are_shown_and_nothing_saved(fjordland, workbook):
    view = SpecialisationView(fjordland, workbook, county="F1")
    fill(view, [("fiske", "")])
    view.button.click()
    assert "Rett opp dette" in view.feedback.value
    assert "feltet er tomt" in view.feedback.value
    assert not workbook.path.exists()


def test_changing_county_updates_the_profile_and_restores_saved_picks(fjordland, workbook):
    view = SpecialisationView(fjordland, workbook, county="F1")
    fill(view, [("sjomat", "a"), ("fiske", "b"), ("verft", "c")])
    view.button.click()
    view.county.value = "F6"
    assert "Næringer i Sletteby 2023" in view.profile.value
    assert [p.value for p in view.picks] == ["", "", "", "", ""]
    assert view.feedback.value == ""
    view.county.value = "F1"
    assert [p.value for p in view.picks][:3] == ["sjomat", "fiske", "verft"]
    assert [r.value for r in view.reasons][:3] == ["a", "b", "c"]


def test_view_starts_from_the_county_in_the_workbook(real, workbook):
    workbook.put("profil", {"county": "18"})
    view = SpecialisationView(real, Workbook(workbook.path))
    assert view.county.value == "18"
    assert "Næringer i Nordland 2019" in view.profile.value
    assert "Kilde: Statistisk sentralbyrå (SSB), tabell 11713" in view.profile.value


def test_odd_characters_in_every_field_are_saved_cleanly_and_later_saves_work(workbook):
    """A lone surrogate, NUL or Word's line break (U+000B) typed into a field."""
    view = VisionView(workbook)
    odd = "Grønn\ud800 vekst\x00 langs\x0b kysten"
    for field in [view.statement, *view.parts.values(), view.goals[0]]:
        field.value = odd
    view.years[0].value = "2030"
    view.button.click()
    assert "lagret" in view.feedback.value, view.feedback.value
    stored = Workbook(workbook.path).value("visjon")
    assert stored["statement"] == "Grønn vekst langs kysten"
    view.statement.value = "Neste lagring virker"
    view.button.click()
    assert Workbook(workbook.path).value("visjon")["statement"] == "Neste lagring virker"


def test_a_field_with_only_zero_width_characters_counts_as_empty(workbook):
    view = VisionView(workbook)
    view.statement.value = "\u200b\u200b \ufeff"
    view.button.click()
    assert "feltet er tomt" in view.feedback.value and Workbook(workbook.path).value("visjon") is None
