"""Exercise «Sjekk om du har forstått» (Hva er smart spesialisering, og hvorfor
i Norge?): feedback per question with right, wrong, empty, too long and
wrong-type answers, saving, and the view driven as a learner does."""

from pathlib import Path

import pytest

from exercises.models.quiz import BY_KEY, QUESTIONS, check_quiz, mark, mark_html, save_quiz, saved_answers
from exercises.reports import references
from exercises.views.quiz_view import QuizView
from exercises.workbook.store import Workbook

RIGHT = {q.key: q.right for q in QUESTIONS}


def test_a_short_quiz_with_three_options_per_question():
    assert 5 <= len(QUESTIONS) <= 8 and len(BY_KEY) == len(QUESTIONS)
    assert all(len(q.options) == 3 for q in QUESTIONS)
    assert len({q.right for q in QUESTIONS}) > 1  # the right answer is not always in the same place


def test_right_answers_are_confirmed_with_the_reason_and_its_source():
    result = check_quiz(RIGHT)
    assert result.feedback.ok
    assert result.feedback.notes == [
        f"Du har {len(QUESTIONS)} av {len(QUESTIONS)} riktige. Godt jobbet. "
        "Neste kapittel er «Region og spesialisering»."]
    assert [m.correct for m in result.marks] == [True] * len(QUESTIONS)
    for m, question in zip(result.marks, QUESTIONS):
        assert m.text == f"Riktig. {question.why}"
        assert "(" in question.why and ")" in question.why  # every reason names its source


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.key for q in QUESTIONS])
def test_every_wrong_option_is_explained_before_the_right_answer(question):
    for option in set(question.options) - {question.right}:
        m = check_quiz({question.key: option}).marks[QUESTIONS.index(question)]
        assert m.correct is False
        assert m.text.startswith(f"Ikke riktig. {question.wrong[option]}")
        assert f"Riktig svar: «{question.options[question.right]}»" in m.text and m.text.endswith(question.why)


def test_the_sources_of_the_reasons_are_in_the_chapter():
    chapter = (Path(__file__).resolve().parents[2] / "book" / "hva-er-smart-spesialisering.md").read_text("utf-8")
    cited = references.cited_keys(chapter)  # «Kilder» lists what the chapter cites
    for key in ("kmd2018a", "kmd2018b", "stavanger2018", "foray2012", "ec2010"):
        assert key in cited


def test_a_mix_counts_right_wrong_and_unanswered():
    answers = {**RIGHT, "metode": "a", "melding": None, "elementer": ""}
    result = check_quiz(answers)
    assert result.feedback.notes[0] == f"Du har {len(QUESTIONS) - 3} av {len(QUESTIONS)} riktige. " \
                                       "2 spørsmål er ikke besvart ennå."
    assert "Du kan endre svarene" in result.feedback.notes[1]
    marks = {m.question: m for m in result.marks}
    assert marks["metode"].correct is False and marks["melding"].correct is None
    assert marks["melding"].text == "Ikke besvart ennå."


def test_labels_are_accepted_as_well_as_keys():
    answers = {q.key: q.options[q.right].upper() for q in QUESTIONS}
    assert all(m.correct for m in check_quiz(answers).marks)


def test_empty_answer():
    for empty in ({}, {q.key: None for q in QUESTIONS}, {q.key: "  " for q in QUESTIONS}):
        result = check_quiz(empty)
        assert result.feedback.errors == [
            "Du har ikke svart på noen av spørsmålene ennå. Velg ett svar på hvert spørsmål."]
        assert result.marks == []


@pytest.mark.parametrize("answers,message", [
    ({"metode": "x" * 10_000}, "Spørsmål 1: «" + "x" * 60 + "» er ikke et av valgene"),  # too long: not echoed whole
    ({"metode": "d"}, "Spørsmål 1: «d» er ikke et av valgene. Velg ett av disse: «Å finne de største"),
    ({"samfunnsutvikler": 2}, "Spørsmål 2: «2» er ikke et av valgene"),
    ({"melding": True}, "Spørsmål 3: velg ett av disse"),
    ({"melding": ["c"]}, "Spørsmål 3: «['c']» er ikke et av valgene"),
    ({**RIGHT, "spørsmål 99": "a"}, "Ukjent spørsmål: «spørsmål 99»"),
])
def test_wrong_answers_say_what_to_do(answers, message):
    result = check_quiz(answers)
    assert not result.feedback.ok and result.marks == []
    assert any(e.startswith(message) for e in result.feedback.errors), result.feedback.errors
    assert all(len(e) < 1000 for e in result.feedback.errors)


def test_answers_of_the_wrong_type():
    assert check_quiz(["b", "a"]).feedback.errors == ["Svarene må komme fra skjemaet, ett valg per spørsmål."]


def test_save_and_read_back(workbook):
    result = save_quiz(workbook, {**RIGHT, "metode": "c", "elementer": None})
    assert result.feedback.ok and "lagret i arbeidsboka" in result.feedback.saved
    stored = Workbook(workbook.path).value("quiz")
    assert stored["score"] == len(QUESTIONS) - 2 and stored["answered"] == len(QUESTIONS) - 1
    assert stored["total"] == len(QUESTIONS) and stored["answers"]["metode"] == "c"
    assert stored["answers"]["elementer"] is None
    assert saved_answers(Workbook(workbook.path)) == {k: v for k, v in {**RIGHT, "metode": "c"}.items()
                                                      if k != "elementer"}


def test_invalid_answer_is_not_saved(workbook):
    save_quiz(workbook, RIGHT)
    before = workbook.path.read_bytes()
    assert not save_quiz(workbook, {"metode": 7}).feedback.ok
    assert not save_quiz(workbook, {}).feedback.ok
    assert workbook.path.read_bytes() == before


def test_damaged_saved_answers_are_ignored(workbook):
    workbook.put("quiz", {"answers": {"metode": "z", "melding": "c", "ukjent": "a"}})
    assert saved_answers(Workbook(workbook.path)) == {"melding": "c"}
    workbook.put("quiz", ["b"])
    assert saved_answers(Workbook(workbook.path)) == {}


def test_each_result_says_right_or_wrong_in_words():
    right, wrong = check_quiz({"metode": "b", "melding": "a"}).marks[0:3:2]
    assert "✔ Riktig." in mark_html(right) and "✘ Ikke riktig." in mark_html(wrong)


def test_view_shows_a_result_under_each_question_and_saves(workbook):
    view = QuizView(workbook)
    assert all(radio.value is None for radio in view.answers.values())
    for key, radio in view.answers.items():
        radio.value = RIGHT[key]
    view.answers["fallgruver"].value = "a"
    view.button.click()
    assert "lagret i arbeidsboka" in view.feedback.value
    assert f"Du har {len(QUESTIONS) - 1} av {len(QUESTIONS)} riktige" in view.feedback.value
    assert "✔ Riktig." in view.marks["metode"].value
    assert "✘ Ikke riktig. Det var omvendt: analysen av regionens muligheter" in view.marks["fallgruver"].value
    again = QuizView(Workbook(workbook.path))
    assert again.answers["fallgruver"].value == "a" and again.answers["metode"].value == RIGHT["metode"]


def test_view_with_nothing_answered_saves_nothing(workbook):
    view = QuizView(workbook)
    view.button.click()
    assert "Rett opp dette" in view.feedback.value and "ikke svart på noen" in view.feedback.value
    assert all(m.value == "" for m in view.marks.values())
    assert not workbook.path.exists()


def test_the_lq_question_shows_its_table_with_source_and_its_misconceptions_explained(workbook):
    question = BY_KEY["lq_tabell"]
    view = QuizView(workbook)
    shown = "".join(c.value for c in view.widget.children if isinstance(getattr(c, "value", None), str))
    assert "<table>" in shown and "Tjenester tilknyttet utvinning av råolje og naturgass" in shown
    assert "Kilde: Statistisk sentralbyrå (SSB), tabell 11713, 2019" in shown
    view.answers["lq_tabell"].value = "c"
    view.button.click()
    assert "ikke at næringen er stor" in view.marks["lq_tabell"].value
    assert mark(question, "a").text.startswith("Ikke riktig. Helse og omsorg er den største")
