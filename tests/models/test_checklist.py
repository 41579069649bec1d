"""The two checklist exercises: «Sjekk fylkeskommunens strategi mot EUs sju kriterier»
(Smart spesialisering i Norge og EU) and «Vurder fylkeskommunens roller»
(Fylkeskommunens roller). The models with right, wrong and empty answers,
and the views driven as a learner does."""

import pytest

from exercises.models.checklist import EU_CRITERIA, MAX_EVIDENCE, ROLES
from exercises.views.checklist_view import EUCriteriaView, RolesView
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook

PLAN = "Regional plan for innovasjon 2021–2033, kap. 3"
EU = {"analyse": "ja", "ansvar": "ja", "overvaking": "delvis", "samarbeid": "nei", "system": "ja",
      "omstilling": "ikke_relevant", "utland": "vet_ikke"}
EU_EVIDENCE = {"analyse": PLAN, "ansvar": "Handlingsprogrammet 2025", "system": ""}


def test_eu_criteria_are_the_seven_of_the_regulation_and_point_to_chapters():
    assert len(EU_CRITERIA.items) == 7 and len(ROLES.items) == 9
    for checklist in (EU_CRITERIA, ROLES):
        assert all(isinstance(item.helps, Section) for item in checklist.items.values())
    assert [k for k, i in EU_CRITERIA.items.items() if i.optional] == ["omstilling"]


def test_eu_feedback_counts_lists_gaps_once_and_asks_for_evidence():
    result = EU_CRITERIA.check(EU, EU_EVIDENCE, "Har lest planstrategien.")
    assert result.ok
    assert result.notes[0].startswith("3 av 6 kriteriene er på plass")  # «ikke relevant» is not counted
    gaps = [n for n in result.notes if n.startswith("Dette mangler helt eller delvis:")]
    assert len(gaps) == 1
    assert "3 Overvåking og evaluering (delvis oppfylt): se kapitlet «Måle og lære»" in gaps[0]
    assert "4 Samarbeid med aktørene (ikke oppfylt)" in gaps[0]
    assert any("uten å si hvor det står" in n and "5 Tiltak" in n and "1 Oppdatert" not in n for n in result.notes)
    assert any(n.startswith("Du vet ikke ennå om dette finnes: 7 Samarbeid") for n in result.notes)


def test_all_in_place_asks_for_a_second_opinion_and_a_comment():
    notes = ROLES.check(dict.fromkeys(ROLES.items, "godt"), dict.fromkeys(ROLES.items, "Årsrapport 2024")).notes
    assert notes[0].startswith("9 av 9 rollene er på plass")
    assert any(n.startswith("Alt er på plass") for n in notes)
    assert notes[-1].startswith("Skriv gjerne en kommentar")
    assert not any(n.startswith("Dette mangler") for n in notes)


def test_labels_are_accepted_as_well_as_keys():
    answers = {**EU, "analyse": "Oppfylt", "samarbeid": "  ikke   oppfylt "}
    assert EU_CRITERIA.check(answers, EU_EVIDENCE).ok


@pytest.mark.parametrize("statuses, message", [
    ({}, "Du har ikke vurdert noen av kriteriene ennå"),
    (dict.fromkeys(EU, ""), "Du har ikke vurdert noen av kriteriene ennå"),
    ("ja", "Svarene må komme fra skjemaet"),
    ({**EU, "analyse": ""}, "1 Oppdatert analyse: velg ett av disse"),
    ({**EU, "ansvar": "kanskje"}, "2 Ansvarlig organ: «kanskje» er ikke et av valgene"),
    ({**EU, "analyse": "ikke_relevant"}, "1 Oppdatert analyse: «Ikke relevant» kan bare brukes"),
    ({**EU, "nytt": "ja"}, "Ukjent punkt: «nytt»"),
])
def test_wrong_and_empty_answers_get_a_message_and_are_not_saved(statuses, message, workbook):
    result = EU_CRITERIA.save(workbook, statuses, EU_EVIDENCE)
    assert not result.ok and any(message in e for e in result.errors), result.errors
    assert workbook.value("eu_kriterier") is None


def test_too_long_evidence_and_wrong_types_are_errors():
    long = EU_CRITERIA.check(EU, {"analyse": "x" * (MAX_EVIDENCE + 1)})
    assert long.errors == [f"1 Oppdatert analyse, hvor står det: teksten er {MAX_EVIDENCE + 1} tegn, men kan være "
                           f"høyst {MAX_EVIDENCE}. Kort den ned."]
    assert not EU_CRITERIA.check(EU, "plan").ok
    assert not ROLES.check(dict.fromkeys(ROLES.items, "godt"), None, 42).ok


def test_save_and_read_back(workbook):
    result = EU_CRITERIA.save(workbook, EU, EU_EVIDENCE, "Kommentar")
    assert result.ok and result.saved.startswith("Vurderingen er lagret i arbeidsboka")
    stored = Workbook(workbook.path).value("eu_kriterier")
    assert stored["answers"]["analyse"] == {"status": "ja", "evidence": PLAN}
    assert EU_CRITERIA.saved(Workbook(workbook.path))["answers"]["utland"]["status"] == "vet_ikke"
    assert ROLES.saved(workbook) is None


def test_a_damaged_saved_entry_is_not_shown(workbook):
    workbook.put("rollevurdering", {"answers": {"analyser": {"status": "kanskje"}}})
    assert ROLES.saved(workbook) is None
    workbook.put("rollevurdering", "tekst")
    assert ROLES.saved(workbook) is None


def test_eu_view_saves_what_the_learner_chose_and_shows_it_again(workbook):
    view = EUCriteriaView(Workbook(workbook.path))
    for key, status in EU.items():
        view.statuses[key].value = status
    view.evidence["analyse"].value = PLAN
    view.comment.value = "Sjekket mot planstrategien."
    view.button.click()
    assert "Vurderingen er lagret" in view.feedback.value and "Dette mangler helt eller delvis" in view.feedback.value
    again = EUCriteriaView(Workbook(workbook.path))
    assert again.statuses["samarbeid"].value == "nei" and again.evidence["analyse"].value == PLAN
    assert again.comment.value == "Sjekket mot planstrategien."


def test_roles_view_empty_and_wrong_answers_show_messages(workbook):
    view = RolesView(workbook)
    view.button.click()
    assert "Du har ikke vurdert noen av rollene ennå" in view.feedback.value
    view.statuses["analyser"].value = "godt"
    view.button.click()
    assert "2 Legge til rette for dialog: velg ett av disse" in view.feedback.value
    assert workbook.value("rollevurdering") is None
    for dropdown in view.statuses.values():
        dropdown.value = "delvis"
    view.button.click()
    assert "Vurderingen er lagret" in view.feedback.value
    assert workbook.value("rollevurdering")["answers"]["blikk"]["status"] == "delvis"


def test_the_draft_shows_a_saved_checklist_and_is_silent_without_one(workbook):
    from exercises.reports.draft.content import build_draft
    from exercises.reports.draft.markdown import to_markdown

    before = to_markdown(build_draft(workbook))
    assert "Sjekk mot EUs sju kriterier" not in before and "Sjekk mot EUs" not in "".join(build_draft(workbook).missing)
    assert EU_CRITERIA.save(workbook, EU, EU_EVIDENCE, "Sjekket mot planstrategien").ok
    text = to_markdown(build_draft(Workbook(workbook.path)))
    assert "## Sjekk mot EUs sju kriterier" in text
    first = EU_CRITERIA.items["analyse"].label
    assert f"| {first} | Oppfylt | {PLAN} |" in text
    assert "**Kommentar:** Sjekket mot planstrategien" in text
