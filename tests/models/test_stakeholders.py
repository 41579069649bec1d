"""Exercise «Aktørkart» (Organisere): the model with right, wrong, empty and
too long answers, and the view driven as a learner does."""

import pytest
from workbooks import ACTORS

from exercises.models.stakeholders import MAX_ACTORS, MAX_NAME, Actor, check_actors, save_actors, saved_actors
from exercises.reports.learner_tables import grid_html
from exercises.views.stakeholders_view import StakeholdersView
from exercises.workbook.store import Workbook


def test_right_answer_covers_every_helix():
    result = check_actors(ACTORS)
    assert result.ok
    assert result.notes[0] == ("Kartet ditt har 4 aktører: 1 fra næringsliv, 1 fra forskning og utdanning, "
                               "1 fra offentlig sektor, 1 fra sivilsamfunn.")
    assert not any(n.startswith("Ingen fra") for n in result.notes)
    assert any("Nøkkelaktører" in n and "«Havbruk AS»" in n for n in result.notes)


def test_missing_helices_are_named_with_examples():
    result = check_actors([("Havbruk AS", "naeringsliv", 3, 3), ("Kommunen", "offentlig", 2, 2)])
    missing = [n for n in result.notes if n.startswith("Ingen fra")]
    assert [n.split(".")[0] for n in missing] == ["Ingen fra forskning og utdanning", "Ingen fra sivilsamfunn"]
    assert "universiteter" in missing[0] and "organisasjoner" in missing[1]


def test_actors_to_win_over_and_a_public_sector_that_does_it_all():
    result = check_actors([("Departementet", "offentlig", 3, 1), ("Kommunen", "offentlig", 1, 3),
                           ("Statsetaten", "offentlig", 2, 2), ("Gründer", "naeringsliv", 1, 2)])
    text = " ".join(result.notes)
    assert "«Departementet» har stor innflytelse, men lavt engasjement" in text
    assert "«Kommunen» er engasjert, men har liten innflytelse" in text
    assert "Ingen aktør har både stor innflytelse og høyt engasjement" in text
    assert "Over halvparten av aktørene er fra offentlig sektor" in text
    assert "Ingen fra næringslivet har høyt engasjement" in text


def test_labels_are_accepted_as_well_as_keys():
    assert check_actors([("Havbruk AS", "Næringsliv", "Høy", "middels")]).ok


def test_empty_answer():
    assert check_actors([("", "", 2, 2)] * 3).errors == [
        "Fyll ut minst én aktør: navn, tråd, innflytelse og engasjement."]


@pytest.mark.parametrize("rows,message", [
    ([("x" * (MAX_NAME + 1), "kunnskap", 2, 2)], f"høyst {MAX_NAME}"),
    ([("", "kunnskap", 2, 2)], "Aktør 1, navn: feltet er tomt"),
    ([(42, "kunnskap", 2, 2)], "skriv tekst"),
    ([("Pressen", "media", 2, 2)], "«media» er ikke et av valgene"),
    ([("Pressen", "", 2, 2)], "tråd: velg ett av disse"),
    ([("Pressen", "sivilsamfunn", 4, 2)], "innflytelse"),
    ([("Pressen", "sivilsamfunn", True, 2)], "innflytelse: velg ett av disse"),
    ([("Pressen", "sivilsamfunn", 2, "veldig")], "engasjement"),
    (ACTORS + [("havbruk as", "naeringsliv", 1, 1)], "står to ganger"),
    ([(f"A{n}", "kunnskap", 2, 2) for n in range(MAX_ACTORS + 1)], f"høyst {MAX_ACTORS} aktører"),
    ([("Pressen",)], "rad 1: fyll ut feltene"),
])
def test_wrong_answers_say_what_to_do(rows, message):
    result = check_actors(rows)
    assert not result.ok
    assert any(message in e for e in result.errors), result.errors


def test_answer_of_the_wrong_type():
    assert check_actors("Havbruk AS").errors == ["Aktørene må være en liste med rader."]


def test_save_and_read_back(workbook):
    workbook.put("profil", {"county": "46"})
    result = save_actors(workbook, ACTORS)
    assert result.ok and "4 aktører er lagret" in result.saved
    stored = Workbook(workbook.path).value("aktorer")
    assert stored["county"] == "46"
    assert stored["actors"][0] == {"name": "Havbruk AS", "helix": "naeringsliv", "influence": 3, "commitment": 3}
    assert [a.name for a in saved_actors(Workbook(workbook.path))] == [a[0] for a in ACTORS]


def test_invalid_answer_is_not_saved(workbook):
    save_actors(workbook, ACTORS)
    before = workbook.path.read_bytes()
    assert not save_actors(workbook, [("", "", 2, 2)]).ok
    assert workbook.path.read_bytes() == before


def test_grid_places_actors_and_escapes_their_names():
    html = grid_html([Actor("<script>alert(1)</script>", "sivilsamfunn", 1, 3),
                      Actor("Havbruk AS", "naeringsliv", 3, 3)])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.index("Havbruk AS (N)") < html.index("&lt;script&gt;")  # high influence is the first row
    assert "Kilde: dine egne vurderinger" in html


def test_view_saves_the_map_and_shows_the_grid(workbook):
    view = StakeholdersView(workbook)
    for n, (name, helix, influence, commitment) in enumerate(ACTORS):
        view.names[n].value, view.helices[n].value = name, helix
        view.influence[n].value, view.commitment[n].value = influence, commitment
    view.button.click()
    assert "er lagret i arbeidsboka" in view.feedback.value
    assert "Havbruk AS (N)" in view.grid.value
    again = StakeholdersView(Workbook(workbook.path))
    assert [n.value for n in again.names[:4]] == [a[0] for a in ACTORS]
    assert again.helices[1].value == "kunnskap" and again.influence[2].value == 3


def test_view_shows_errors_and_saves_nothing(workbook):
    view = StakeholdersView(workbook)
    view.helices[0].value = "kunnskap"
    view.button.click()
    assert "Rett opp dette" in view.feedback.value and "feltet er tomt" in view.feedback.value
    assert not workbook.path.exists()
