"""Exercise «Indikatorer for hver prioritering» (Måle og lære): the checks of an
indicator (measurable, baseline year, target year, source), with right, wrong,
empty and too long answers, the number parsing, and the view."""

import pytest
from workbooks import ASSUMPTION, OUTCOME, OUTPUT, PRIORITIES, with_priorities

from exercises.core.errors import InputError
from exercises.core.parsing import parse_number
from exercises.models.monitoring import MAX_ASSUMPTION, MAX_INDICATORS, MAX_NAME, MAX_SOURCE, MonitoringExercise
from exercises.views.monitoring_view import MonitoringView
from exercises.workbook.store import Workbook

FIRST = PRIORITIES[0]["title"]


@pytest.fixture
def exercise(workbook):
    return MonitoringExercise(with_priorities(workbook), this_year=2026)


def test_right_answer(exercise):
    result = exercise.check(FIRST, [OUTPUT, OUTCOME], ASSUMPTION)
    assert result.ok, result.errors
    assert result.notes[0] == ("«Bedrifter som bruker merkevaren (antall)», nivå resultat (output): fra 0,0 i 2023 "
                               "til 25,0 i 2028, en endring på 25,0 over 5 år. Er det realistisk?")
    assert "en endring på 1,5 (25,0\u00a0%) over 7 år" in result.notes[1]
    assert result.notes[2].startswith("Du har skrevet ned antakelsen")


def test_only_activity_or_only_outcome_and_no_assumption(exercise):
    notes = exercise.check(FIRST, [OUTPUT]).notes
    assert any(n.startswith("Ingen indikator måler effekt (outcome)") for n in notes)
    assert any(n.startswith("Skriv ned den antatte sammenhengen") for n in notes)
    only_outcome = exercise.check(FIRST, [OUTCOME], ASSUMPTION).notes
    assert any(n.startswith("Alle indikatorene måler effekt") for n in only_outcome)


def test_unchanged_target_and_a_target_year_that_has_passed(workbook):
    exercise = MonitoringExercise(with_priorities(workbook), this_year=2031)
    notes = exercise.check(FIRST, [{**OUTCOME, "target": "6"}], ASSUMPTION).notes
    assert notes[0].startswith("«Sysselsatte i sjømatindustrien (1000 personer)»: målet er det samme som "
                               "utgangsverdien")
    assert "målåret 2030 har allerede vært" in notes[1]


def test_empty_answer(exercise):
    assert exercise.check(FIRST, [{}] * 4, "").errors == [
        "Skriv minst én indikator: hva dere måler, utgangsverdi og år, mål og år, og kilde."]


@pytest.mark.parametrize("change,message", [
    ({"baseline": "mange"}, "«mange» er ikke et tall"),
    ({"baseline": ""}, "utgangsverdi: feltet er tomt"),
    ({"target": True}, "skriv et tall, ikke ja/nei"),
    ({"target": [25]}, "skriv et tall (fikk list)"),
    ({"baseline_year": ""}, "år for utgangsverdien: skriv et årstall"),
    ({"baseline_year": "2027"}, "(2027) har ikke kommet ennå"),
    ({"target_year": "2023"}, "året for målet (2023) må komme etter året for utgangsverdien (2023)"),
    ({"target_year": "om fem år"}, "«om fem år» er ikke et årstall"),
    ({"source": " "}, "kilden mangler"),
    ({"source": "x" * (MAX_SOURCE + 1)}, f"høyst {MAX_SOURCE}"),
    ({"name": "x" * (MAX_NAME + 1)}, f"høyst {MAX_NAME}"),
    ({"name": ""}, "Indikator 1, hva dere måler: feltet er tomt"),
    ({"level": "samfunn"}, "«samfunn» er ikke et av valgene"),
])
def test_wrong_answers_say_what_to_do(exercise, change, message):
    result = exercise.check(FIRST, [{**OUTPUT, **change}], ASSUMPTION)
    assert not result.ok
    assert any(message in e for e in result.errors), result.errors


def test_too_many_indicators_and_too_long_assumption(exercise):
    assert any(f"høyst {MAX_INDICATORS}" in e for e in exercise.check(FIRST, [OUTPUT] * (MAX_INDICATORS + 1)).errors)
    assert any(f"høyst {MAX_ASSUMPTION}" in e
               for e in exercise.check(FIRST, [OUTPUT], "x" * (MAX_ASSUMPTION + 1)).errors)


@pytest.mark.parametrize("text,number", [("12 345,6", 12345.6), ("12,5 %", 12.5), ("-3", -3.0),
                                         ("1\u00a0200", 1200.0), (7, 7.0), (2.5, 2.5)])
def test_numbers_typed_the_norwegian_way(text, number):
    assert parse_number(text, "Tall") == number


@pytest.mark.parametrize("value", ["1.234,5", "ca. 10", "10-20", float("nan"), float("inf"), None])
def test_values_that_are_not_numbers(value):
    with pytest.raises(InputError, match="Tall: "):
        parse_number(value, "Tall")


def test_save_and_read_back(exercise, workbook):
    result = exercise.save(workbook, FIRST, [OUTPUT, OUTCOME], ASSUMPTION)
    assert result.saved.startswith("Indikatorer for «Sjømat med merkevare» er lagret")
    stored = Workbook(workbook.path).value("indikatorer")["by_priority"]["sjømat med merkevare"]
    assert stored["assumption"] == ASSUMPTION
    assert stored["indicators"][1] == {"name": "Sysselsatte i sjømatindustrien (1000 personer)", "level": "effekt",
                                       "baseline": 6.0, "baseline_year": 2023, "target": 7.5, "target_year": 2030,
                                       "source": "Fjordland-dataene (fiktive)"}


def test_invalid_answer_is_not_saved(exercise, workbook):
    before = workbook.path.read_bytes()
    assert not exercise.save(workbook, FIRST, [{**OUTPUT, "source": ""}]).ok
    assert workbook.path.read_bytes() == before


def test_view_per_priority(workbook):
    view = MonitoringView(with_priorities(workbook))
    view.assumption.value = ASSUMPTION
    for row, fields in zip([OUTPUT, OUTCOME], view.fields):
        for key, value in row.items():
            fields[key].value = value if key == "level" else str(value)
    view.button.click()
    assert "er lagret i arbeidsboka" in view.feedback.value
    view.priority.value = "Grønne verft"
    assert view.assumption.value == "" and view.fields[0]["name"].value == ""
    view.fields[0]["name"].value, view.fields[0]["baseline"].value = "Fartøy bygget", "mange"
    view.button.click()
    assert "Rett opp dette" in view.feedback.value and "er ikke et tall" in view.feedback.value
    view.priority.value = FIRST
    assert view.fields[1]["baseline"].value == "6" and view.fields[1]["target"].value == "7,5"
    assert view.fields[1]["level"].value == "effekt"
