"""Exercise «Utkast til visjon og mål» (Visjon og mål): the model with right,
wrong, empty and too long answers, and the view."""

import pytest
from workbooks import VISION as RIGHT
from workbooks import vision as answer
from workbooks import with_analysis

from exercises.models.vision import MAX_GOALS, MAX_PART, MAX_STATEMENT, VisionExercise, _mentions, notes, parse_vision
from exercises.views.vision_view import VisionView
from exercises.workbook.store import Workbook


def test_right_answer_is_concrete(workbook):
    result = VisionExercise(with_analysis(workbook)).check(*answer())
    assert result.ok
    assert result.notes[0].startswith("Destinasjonen bygger på Sjømatindustri, som du fant i analysen")
    assert result.notes[1].startswith("Mål 1 er målbart og har et år (2030)")
    assert not any("mangler" in n or "kan ikke måles" in n for n in result.notes)


def test_missing_destination_purpose_and_values_are_explained(workbook):
    result = VisionExercise(workbook).check(*answer(destination="", purpose=" ", values=None))
    assert result.ok
    assert result.notes[0].startswith("Visjonen mangler destinasjon: hvor regionen skal, ganske konkret")
    assert "et underliggende verdisett" in result.notes[0]
    assert result.notes[1].startswith("Visjonen mangler formål")
    assert result.notes[2].startswith("Visjonen mangler verdier")


def test_destination_that_names_none_of_the_strengths(workbook):
    notes_ = VisionExercise(with_analysis(workbook)).check(*answer(destination="Norges mest attraktive region")).notes
    assert notes_[0].startswith("Destinasjonen nevner ingen av styrkene eller nisjene du fant i analysen "
                                "(Sjømatindustri, Verft, IKT og forretningstjenester)")


def test_short_destination_without_an_analysis(workbook):
    notes_ = VisionExercise(workbook).check(*answer(destination="Best i Norge")).notes
    assert any("Destinasjonen er svært kort" in n for n in notes_)


def test_goals_that_cannot_be_measured_or_have_no_year():
    vision, errors = parse_vision(*answer(goals=[("Flere gründere", ""), ("Styrke samarbeidet", "2020")]))
    assert not errors
    result = notes(vision, [], this_year=2026)
    assert result[0] == ("Mål 1 («Flere gründere») kan ikke måles slik det står: det sier ikke hvor mye. "
                         "Legg til et tall, for eksempel en andel, et antall eller et beløp; det mangler et år. "
                         "Skriv når målet skal være nådd.")
    assert "har året 2020, som allerede har vært" in result[1]


def test_empty_answer():
    _, errors = parse_vision("", "", "", "", [("", "")] * 3)
    assert errors == ["Visjonen i én setning: feltet er tomt. Skriv noen ord.",
                      "Skriv minst ett mål. Et mål sier hva dere vil oppnå, og helst hvor mye og innen når."]


@pytest.mark.parametrize("change,message", [
    (dict(statement="x" * (MAX_STATEMENT + 1)), f"høyst {MAX_STATEMENT}"),
    (dict(destination="x" * (MAX_PART + 1)), f"Destinasjon: teksten er {MAX_PART + 1} tegn"),
    (dict(statement=2030), "skriv tekst"),
    (dict(goals=[("Øke med 10 %", "tjue tretti")]), "«tjue tretti» er ikke et årstall"),
    (dict(goals=[("Øke med 10 %", "1999")]), "1999 er utenfor det kurset godtar"),
    (dict(goals=[("Øke med 10 %", 20.5)]), "skriv et årstall med fire sifre"),
    (dict(goals=[("", "2030")]), "Mål 1: feltet er tomt"),
    (dict(goals=[(f"Mål nummer {n}", "2030") for n in range(MAX_GOALS + 1)]), f"høyst {MAX_GOALS}"),
    (dict(goals="Øke eksporten"), "Målene må være en liste"),
])
def test_wrong_answers_say_what_to_do(change, message):
    _, errors = parse_vision(*answer(**change))
    assert any(message in e for e in errors), errors


def test_industry_names_are_found_in_other_forms():
    assert _mentions("Havbruket skal vokse", "Fiske og havbruk")
    assert not _mentions("Reiselivet skal vokse", "Fiske og havbruk")


def test_save_and_read_back(workbook):
    result = VisionExercise(workbook).save(workbook, *answer())
    assert "Visjonen og 2 mål er lagret" in result.saved
    stored = Workbook(workbook.path).value("visjon")
    assert stored["statement"] == RIGHT["statement"]
    assert stored["goals"] == [{"text": "Øke eksporten av foredlet sjømat med 30 prosent", "year": 2030},
                               {"text": "500 nye arbeidsplasser i sjømatindustrien", "year": 2032}]
    saved = VisionExercise.saved(Workbook(workbook.path))
    assert saved["goals"][1] == ("500 nye arbeidsplasser i sjømatindustrien", "2032")


def test_invalid_answer_is_not_saved(workbook):
    VisionExercise(workbook).save(workbook, *answer())
    before = workbook.path.read_bytes()
    assert not VisionExercise(workbook).save(workbook, *answer(statement="")).ok
    assert workbook.path.read_bytes() == before


def test_view_saves_and_fills_again(workbook):
    view = VisionView(workbook)
    view.statement.value = RIGHT["statement"]
    for key in ("destination", "purpose", "values"):
        view.parts[key].value = RIGHT[key]
    view.goals[0].value, view.years[0].value = "Øke eksporten med 30 prosent", "2030"
    view.goals[1].value = "<b>Flere gründere</b>"
    view.button.click()
    assert "er lagret i arbeidsboka" in view.feedback.value
    assert "&lt;b&gt;Flere gründere&lt;/b&gt;" in view.feedback.value and "<b>" not in view.feedback.value
    again = VisionView(Workbook(workbook.path))
    assert again.statement.value == RIGHT["statement"] and again.years[0].value == "2030"


def test_view_shows_errors_and_saves_nothing(workbook):
    view = VisionView(workbook)
    view.goals[0].value, view.years[0].value = "Øke eksporten", "snart"
    view.button.click()
    assert "Rett opp dette" in view.feedback.value and "ikke et årstall" in view.feedback.value
    assert not workbook.path.exists()


def test_a_destination_is_not_praised_for_a_strength_it_shares_only_a_generic_word_with():
    from exercises.models.vision import Vision, notes
    vision = Vision("Visjon", "havbruk, sjømatforedling og kraftkrevende industri", "formål", "verdier", ())
    said = " ".join(notes(vision, ["Oljeraffinering, kjemisk og farmasøytisk industri"], this_year=2026))
    assert "Destinasjonen bygger på" not in said and "nevner ingen av styrkene" in said
    said = " ".join(notes(vision, ["Fiske, fangst og akvakultur", "Havbruk"], this_year=2026))
    assert "Destinasjonen bygger på Havbruk," in said
