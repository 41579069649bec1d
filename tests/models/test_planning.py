"""Exercise «Plasser arbeidet i plansystemet» (Smart spesialisering og plan- og
bygningsloven): right, wrong, empty and too long answers, and the view."""

import pytest
from workbooks import PLACEMENTS as BEST

from exercises.models.planning import ELEMENTS, MAX_NEXT, PLACES, check_placements, save_placements, saved_answer
from exercises.reports.learner_tables import placement_table
from exercises.views.planning_view import PlanningView
from exercises.workbook.store import Workbook


def test_right_answer_explains_each_place_with_the_law():
    result = check_placements(BEST, "plan", "Handlingsprogrammet rulleres i desember.")
    assert result.ok
    assert result.notes[0].startswith("6 av 6 plasseringer stemmer med kursets forslag")
    assert result.notes[1].startswith("Analysen av styrker og muligheter: Regional planstrategi (§ 7-1). Enig.")
    assert "rulleres årlig (§ 8-1)" in result.notes[5]
    assert "legges til grunn" in result.notes[7] and "(§ 8-2)" in result.notes[7]
    assert not any(n.startswith("Skriv gjerne neste steg") for n in result.notes)


def test_other_places_are_explained_not_just_marked_wrong():
    answer = {**BEST, "tiltak": "planstrategi", "analyse": "plan"}
    result = check_placements(answer, "strategi", "")
    assert result.notes[0].startswith("5 av 6")  # the analysis in the plan is also a fair place
    assert "Analysen av styrker og muligheter: Regional plan (§ 8-1) kan også passe" in result.notes[1]
    assert result.notes[5].startswith("Tiltak og ansvar: du valgte regional planstrategi (§ 7-1). "
                                      "Vurder handlingsprogram (§ 8-1) i stedet.")
    assert "§ 8-2" in result.notes[7] and "ikke forpliktet" in result.notes[7]
    assert result.notes[-1].startswith("Skriv gjerne neste steg")


def test_labels_are_accepted_as_well_as_keys():
    answer = {key: PLACES[place] for key, place in BEST.items()}
    assert check_placements(answer, "Regional strategi", None).ok


def test_empty_answer():
    result = check_placements({}, "", "")
    assert len(result.errors) == len(ELEMENTS) + 1
    assert result.errors[0].startswith("Analysen av styrker og muligheter: velg ett av disse: «Regional planstrategi")
    assert result.errors[-1].startswith("Plan eller strategi: velg ett av disse")


@pytest.mark.parametrize("placements,form,next_step,message", [
    ({**BEST, "tiltak": "kommuneplan"}, "plan", "", "«kommuneplan» er ikke et av valgene"),
    ({**BEST, "budsjett": "plan"}, "plan", "", "Ukjent del av arbeidet: budsjett"),
    (BEST, "forskrift", "", "Plan eller strategi: «forskrift» er ikke et av valgene"),
    (BEST, "plan", "x" * (MAX_NEXT + 1), f"høyst {MAX_NEXT}"),
    (BEST, "plan", 2027, "skriv tekst"),
    ("planstrategi", "plan", "", "ett valg for hver del av arbeidet"),
])
def test_wrong_answers_say_what_to_do(placements, form, next_step, message):
    result = check_placements(placements, form, next_step)
    assert not result.ok
    assert any(message in e for e in result.errors), result.errors


def test_save_and_read_back(workbook):
    result = save_placements(workbook, BEST, "plan", "Ny planstrategi høsten 2028")
    assert "er lagret i arbeidsboka" in result.saved
    assert saved_answer(Workbook(workbook.path)) == {"placements": BEST, "form": "plan",
                                                     "next_step": "Ny planstrategi høsten 2028"}
    before = workbook.path.read_bytes()
    assert not save_placements(workbook, {}, "plan", "").ok
    assert workbook.path.read_bytes() == before


def test_table_escapes_and_states_its_source():
    html = placement_table({"placements": BEST})
    assert html.count("Handlingsprogram (§ 8-1)") == 4  # two parts × (choice, suggestion)
    assert "Kilde: dine valg i arbeidsboka" in html


def test_view_saves_and_fills_again(workbook):
    view = PlanningView(workbook)
    assert view.table.value == ""
    for key, place in BEST.items():
        view.places[key].value = place
    view.form.value = "strategi"
    view.next_step.value = "<i>Rullering i desember</i>"
    view.button.click()
    assert "6 av 6" in view.feedback.value and "<i>" not in view.feedback.value
    assert "Arbeidet ditt i plansystemet" in view.table.value
    again = PlanningView(Workbook(workbook.path))
    assert {k: d.value for k, d in again.places.items()} == BEST and again.form.value == "strategi"
    assert again.next_step.value == "<i>Rullering i desember</i>"


def test_view_shows_errors_and_saves_nothing(workbook):
    view = PlanningView(workbook)
    view.button.click()
    assert "Rett opp dette" in view.feedback.value and "velg ett av disse" in view.feedback.value
    assert not workbook.path.exists()
