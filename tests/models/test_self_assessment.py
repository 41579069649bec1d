"""Exercise «Egenvurdering» (Fylkeskommunens roller): the model with right,
wrong, empty, too long and wrong-type answers, the radar chart, and the view
driven as a learner does."""

import re

import pytest
from workbooks import COMMENT
from workbooks import SELF_ASSESSMENT as SCORES

from exercises.models.self_assessment import (
    ELEMENTS,
    MAX_COMMENT,
    check_assessment,
    save_assessment,
    saved_assessment,
    weakest,
)
from exercises.reports.learner_tables import radar
from exercises.views.self_assessment_view import SelfAssessmentView
from exercises.workbook.store import Workbook


def test_feedback_names_the_weakest_elements_and_the_chapters_that_help():
    result = check_assessment(SCORES, COMMENT)
    assert result.ok
    assert result.notes[0] == "Gjennomsnittet er 2,2 av 5. Poengene er ditt eget skjønn, ikke en måling."
    assert result.notes[1] == "Svakest: «Analysere» og «Måle og lære» (1, svak). Begynn gjerne der."
    assert result.notes[2].startswith("Analysere: kapitlet «Analysere» gir deg verktøy for dette.")
    assert result.notes[3].startswith("Måle og lære: kapitlet «Måle og lære» gir deg verktøy for dette.")
    assert len(result.notes) == 4  # a comment is written, no zeros, not all high


def test_every_element_points_to_a_chapter_of_the_course():
    for key, element in ELEMENTS.items():
        notes = check_assessment({**dict.fromkeys(ELEMENTS, 4), key: 2}, COMMENT).notes
        assert any(f"kapitlet «{element.label}»" in n for n in notes), notes
    assert weakest(dict.fromkeys(ELEMENTS, 5)) == []


def test_equal_high_and_unknown_scores_get_their_own_advice():
    equal = check_assessment(dict.fromkeys(ELEMENTS, 3), "").notes
    assert any(n.startswith("Alle elementene har samme poeng") for n in equal)
    assert equal[-1].startswith("Skriv gjerne hva vurderingen bygger på")
    high = check_assessment({**dict.fromkeys(ELEMENTS, 5), "male": 4}, COMMENT).notes
    assert any(n.startswith("Høye poeng overalt") for n in high)
    unknown = check_assessment({**SCORES, "visjon": 0, "male": 0}, COMMENT).notes
    assert any(n.startswith("Du har gitt 0 (ingen informasjon) på «Visjon og mål» og «Måle og lære»") for n in unknown)


def test_labels_and_digits_are_accepted_as_well_as_numbers():
    answer = {**SCORES, "organisere": "Middels", "analysere": " 1 ", "visjon": "bør forbedres"}
    assert check_assessment(answer, None).ok


def test_empty_answer():
    result = check_assessment({}, "")
    assert result.errors == [f"{e.label}: velg et tall fra 0 til 5." for e in ELEMENTS.values()]
    assert check_assessment({**SCORES, "male": ""}, "").errors == ["Måle og lære: velg et tall fra 0 til 5."]


@pytest.mark.parametrize("scores,comment,message", [
    ({**SCORES, "visjon": 6}, "", "Visjon og mål: «6» er ikke et av valgene"),
    ({**SCORES, "visjon": -1}, "", "Visjon og mål: «-1» er ikke et av valgene"),
    ({**SCORES, "visjon": 2.5}, "", "Visjon og mål: «2.5» er ikke et av valgene"),
    ({**SCORES, "visjon": True}, "", "Visjon og mål: velg ett av disse"),
    ({**SCORES, "visjon": "mye"}, "", "Visjon og mål: «mye» er ikke et av valgene"),
    ({**SCORES, "visjon": [3]}, "", "Visjon og mål: «[3]» er ikke et av valgene"),
    ({**SCORES, "roller": 3}, "", "Ukjent element: «roller»"),
    (SCORES, "x" * (MAX_COMMENT + 1), f"teksten er {MAX_COMMENT + 1} tegn, men kan være høyst {MAX_COMMENT}"),
    (SCORES, 42, "Hva bygger vurderingen på: skriv tekst (fikk int)"),
])
def test_wrong_answers_say_what_to_do(scores, comment, message):
    result = check_assessment(scores, comment)
    assert not result.ok
    assert any(message in e for e in result.errors), result.errors


def test_answer_of_the_wrong_type():
    assert check_assessment([3, 1, 2], "").errors == [
        "Poengene må komme fra skjemaet, ett tall 0–5 for hvert element."]


def test_save_and_read_back(workbook):
    workbook.put("profil", {"county": "18", "county_name": "Nordland"})
    result = save_assessment(workbook, SCORES, "  " + COMMENT + "  ")
    assert result.ok and "Egenvurderingen er lagret" in result.saved
    stored = Workbook(workbook.path).value("roller")
    assert stored == {"county": "18", "scores": SCORES, "comment": COMMENT}
    assert saved_assessment(Workbook(workbook.path)) == {"scores": SCORES, "comment": COMMENT}


def test_invalid_answer_is_not_saved(workbook):
    save_assessment(workbook, SCORES, COMMENT)
    before = workbook.path.read_bytes()
    assert not save_assessment(workbook, {**SCORES, "male": None}, COMMENT).ok
    assert workbook.path.read_bytes() == before


def test_a_damaged_saved_assessment_reads_as_none(workbook):
    workbook.put("roller", {"scores": {**SCORES, "male": 9}})
    assert saved_assessment(Workbook(workbook.path)) is None
    workbook.put("roller", "ødelagt")
    assert saved_assessment(Workbook(workbook.path)) is None


def test_radar_lists_every_score_in_the_alt_text_and_says_whose_judgement_it_is():
    html = radar(SCORES, "Nordland")
    alt = re.search(r'alt="([^"]*)"', html).group(1)
    assert alt.startswith("Radardiagram (edderkoppdiagram) over din egenvurdering av Nordland")
    for text in ("Organisere 3 (middels)", "Analysere 1 (svak)", "Visjon og mål 2 (bør forbedres)",
                 "Prioritere 4 (sterk)", "Gjennomføre 2 (bør forbedres)", "Måle og lære 1 (svak)"):
        assert text in alt
    assert 'src="data:image/svg+xml;base64,' in html
    caption = re.search(r"<figcaption>(.*)</figcaption>", html).group(1)
    assert caption.startswith("Kilde: din egen vurdering") and "ditt eget skjønn, ikke en måling" in caption


def test_view_draws_the_wheel_and_saves(workbook):
    workbook.put("profil", {"county": "46", "county_name": "Vestland"})
    view = SelfAssessmentView(Workbook(workbook.path))
    assert view.chart.value == "" and all(d.value == "" for d in view.scores.values())
    for key, score in SCORES.items():
        view.scores[key].value = score
    view.comment.value = "<b>Egen</b> vurdering"
    view.button.click()
    assert "Egenvurderingen er lagret" in view.feedback.value and "Svakest" in view.feedback.value
    assert "egenvurdering av Vestland" in view.chart.value and "Måle og lære 1 (svak)" in view.chart.value
    assert Workbook(workbook.path).value("roller")["comment"] == "<b>Egen</b> vurdering"
    again = SelfAssessmentView(Workbook(workbook.path))
    assert {k: d.value for k, d in again.scores.items()} == SCORES
    assert again.comment.value == "<b>Egen</b> vurdering" and "Radardiagram" in again.chart.value


def test_view_shows_errors_and_saves_nothing(workbook):
    view = SelfAssessmentView(workbook)
    view.scores["organisere"].value = 3
    view.button.click()
    assert "Rett opp dette" in view.feedback.value and "Analysere: velg et tall fra 0 til 5." in view.feedback.value
    assert view.chart.value == "" and not workbook.path.exists()
