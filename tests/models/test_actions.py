"""Exercise «Tiltak og aktører» (Gjennomføre): actions per priority, with right,
wrong, empty and too long answers, and the view."""

import pytest
from workbooks import ACTIONS as RIGHT
from workbooks import PRIORITIES, with_priorities

from exercises.models.actions import MAX_ACTIONS, MAX_RESPONSIBLE, MAX_TEXT, ActionsExercise
from exercises.views.actions_view import ActionsView
from exercises.workbook.store import Workbook

FIRST = PRIORITIES[0]["title"]


@pytest.fixture
def exercise(workbook):
    return ActionsExercise(with_priorities(workbook))


def test_right_answer(exercise):
    result = exercise.check(FIRST, RIGHT)
    assert result.ok, result.errors
    assert result.notes == [
        "Tiltakene dine er av 3 typer: en blanding av virkemidler, slik veilederen anbefaler.",
        "«Pilot: sporing av levende sjømat til kunden» kan komme raskt i gang. Små seire kan gi positive spiraler."]


def test_one_kind_no_quick_win_no_discovery_project(exercise):
    notes = exercise.check(FIRST, [("Tilskudd til produktutvikling", "virkemiddel", "Innovasjon Norge", False),
                                   ("Lån til nye fartøy", "Virkemiddel (tilskudd, lån, rådgivning)",
                                    "Innovasjon Norge", False)]).notes
    assert notes[0].startswith("Alle tiltakene er av typen «Virkemiddel (tilskudd, lån, rådgivning)»")
    assert "Små seire kan gi positive spiraler: hva kan dere starte med i år?" in notes[1]
    assert notes[2].startswith("Det er ikke noe oppdagelsesprosjekt blant tiltakene")


def test_responsible_outside_the_map_and_a_county_that_does_everything(exercise):
    notes = exercise.check(FIRST, [("Kurs i eksport", "kompetanse", "Fylkeskommunen", True),
                                   ("Søke EU-midler", "virkemiddel", "fylkeskommunens EU-kontor", False)]).notes
    assert any(n.startswith("«fylkeskommunens EU-kontor» står ikke i aktørkartet ditt. Legg dem til i «Organisere»")
               for n in notes)
    assert any(n.startswith("Fylkeskommunen har ansvaret for alle tiltakene") for n in notes)


def test_empty_answer(exercise):
    assert exercise.check(FIRST, [("", "virkemiddel", "", False)] * 5).errors == [
        "Skriv minst ett tiltak, med type og hvem som har ansvaret."]


@pytest.mark.parametrize("priority,rows,message", [
    (FIRST, [("Kurs", "virkemiddel", "", False)], "hvem har ansvaret?"),
    (FIRST, [("x" * (MAX_TEXT + 1), "virkemiddel", "Siva", False)], f"høyst {MAX_TEXT}"),
    (FIRST, [("Kurs", "virkemiddel", "x" * (MAX_RESPONSIBLE + 1), False)], f"høyst {MAX_RESPONSIBLE}"),
    (FIRST, [("Kurs", "lobbyisme", "Siva", False)], "«lobbyisme» er ikke et av valgene"),
    (FIRST, [("Kurs", "virkemiddel", "Siva", "ja")], "kryss av eller la stå tomt"),
    (FIRST, [("", "virkemiddel", "Siva", False)], "Tiltak 1: feltet er tomt"),
    (FIRST, [(f"Tiltak {n}", "virkemiddel", "Siva", False) for n in range(MAX_ACTIONS + 1)], f"høyst {MAX_ACTIONS}"),
    (FIRST, "Kurs", "Tiltakene må være en liste"),
    ("Reiseliv", RIGHT, "«Reiseliv» er ikke en av prioriteringene dine"),
    ("", RIGHT, "Velg en av prioriteringene dine"),
])
def test_wrong_answers_say_what_to_do(exercise, priority, rows, message):
    result = exercise.check(priority, rows)
    assert not result.ok
    assert any(message in e for e in result.errors), result.errors


def test_without_priorities_the_feedback_points_to_prioritere(workbook):
    result = ActionsExercise(workbook).check("Sjømat", RIGHT)
    assert result.errors == ["Du har ingen lagrede prioriteringer. Lag dem i «Prioritere» først."]


def test_save_keeps_the_other_priorities_and_names_those_left(exercise, workbook):
    result = exercise.save(workbook, FIRST, RIGHT)
    assert result.saved.startswith("Tiltak for «Sjømat med merkevare» er lagret")
    assert result.notes[-1] == ("Du har ennå ikke lagret tiltak for «Sporbar sjømat med IKT» og «Grønne verft». "
                                "Velg dem i lista øverst i øvelsen.")
    exercise.save(workbook, "Grønne verft", RIGHT[:1])
    stored = Workbook(workbook.path).value("tiltak")["by_priority"]
    assert list(stored) == ["sjømat med merkevare", "grønne verft"]
    assert stored["sjømat med merkevare"]["actions"][1] == {
        "text": "Pilot: sporing av levende sjømat til kunden", "kind": "oppdagelse", "responsible": "Havbruk AS",
        "quick": True}
    assert [a.text for a in exercise.saved_rows(Workbook(workbook.path), FIRST)] == [r[0] for r in RIGHT]


def test_invalid_answer_is_not_saved(exercise, workbook):
    before = workbook.path.read_bytes()
    assert not exercise.save(workbook, FIRST, [("Kurs", "virkemiddel", "", False)]).ok
    assert workbook.path.read_bytes() == before


def test_view_per_priority(workbook):
    view = ActionsView(with_priorities(workbook))
    assert view.priority.options == tuple(p["title"] for p in PRIORITIES)
    assert "Havbruk AS" in view.responsible[0].options and "Innovasjon Norge" in view.responsible[0].options
    for n, (text, kind, responsible, quick) in enumerate(RIGHT):
        view.texts[n].value, view.kinds[n].value = text, kind
        view.responsible[n].value, view.quick[n].value = responsible, quick
    view.button.click()
    assert "er lagret i arbeidsboka" in view.feedback.value
    view.priority.value = "Grønne verft"
    assert [t.value for t in view.texts] == [""] * MAX_ACTIONS and view.feedback.value == ""
    view.texts[0].value = "Kurs"
    view.button.click()
    assert "hvem har ansvaret?" in view.feedback.value
    view.priority.value = FIRST
    assert [t.value for t in view.texts][:3] == [r[0] for r in RIGHT] and view.quick[1].value is True


def test_view_without_priorities_says_what_to_do_first(workbook):
    view = ActionsView(workbook)
    assert "Lag dem i kapitlet «Prioritere»" in view.widget.children[1].value
    assert view.priority.disabled
    view.button.click()
    assert "Du har ingen lagrede prioriteringer" in view.feedback.value
