"""Exercise «Utkast til prioriteringer» (Prioritere): the analysis it links to,
the model with right, wrong, empty and too long answers, and the view.

The workbooks built here (``with_analysis``, ``with_priorities``) are used by
the tests of the chapters after this one."""

import pytest
from workbooks import ACTORS, ANALYSIS, with_analysis, with_priorities
from workbooks import PRIORITIES as RIGHT
from workbooks import PRIORITY_SCORES as SCORES

from exercises.core.errors import InputError
from exercises.models.analysis_links import analysis_links
from exercises.models.per_priority import put_for_priority, resolve_priority, saved_for_priority, saved_priorities
from exercises.models.priorities import MAX_REASON, MAX_TITLE, PrioritiesExercise
from exercises.models.stakeholders import save_actors
from exercises.views.priorities_view import PrioritiesView
from exercises.workbook.store import Workbook


def test_links_come_from_the_analysis(workbook):
    found = analysis_links(with_analysis(workbook))
    assert [(link.industry, link.kind) for link in found.links] == [
        ("sjomat", "styrke"), ("verft", "styrke"), ("ikt", "nisje")]
    assert found.sections == ["analyse"] and (found.county, found.year) == ("F1", 2023)
    assert found.where() == "«Analysere»"


def test_without_the_analysis_the_earlier_picks_and_niches_are_used(workbook):
    found = analysis_links(with_analysis(workbook, analysis=False))
    assert [(link.industry, link.kind) for link in found.links] == [
        ("sjomat", "styrke"), ("fiske", "styrke"), ("verft", "styrke"), ("ikt", "nisje")]
    assert found.where() == "«Region og spesialisering» og «Beslektet mangfold og entreprenørielle oppdagelser»"


def test_without_any_analysis_the_feedback_says_which_chapter_to_do_first(workbook):
    save_actors(workbook, ACTORS)
    result = PrioritiesExercise(workbook).check([{**p, "links": []} for p in RIGHT])
    assert result.ok
    assert result.notes[0].startswith("Du har ikke lagret styrker eller nisjer ennå. Gjør «Analysere» først")


def test_right_answer(workbook):
    result = PrioritiesExercise(with_analysis(workbook)).check(RIGHT)
    assert result.ok, result.errors
    assert result.notes[0] == "«Sjømat med merkevare» bygger på «Sjømatindustri» fra analysen."
    assert "kobler en styrke og en nisje" in result.notes[1]
    assert not any("ikke knyttet" in n or "Én helix" in n for n in result.notes)


def test_a_priority_with_no_link_is_flagged(workbook):
    rows = RIGHT[:2] + [{**RIGHT[2], "links": []}]
    result = PrioritiesExercise(with_analysis(workbook)).check(rows)
    assert result.ok
    assert "«Grønne verft» er ikke knyttet til noen styrke eller nisje fra analysen" in result.notes[2]


def test_one_helix_carrying_everything_is_flagged(workbook):
    rows = [{**p, "drivers": ["Havbruk AS"]} for p in RIGHT]
    rows[0]["drivers"] = ["Havbruk AS"]
    result = PrioritiesExercise(with_analysis(workbook)).check(rows)
    assert not any("Én helix" in n for n in result.notes)  # a single actor is not a helix carrying all
    save_actors(workbook, ACTORS + [("Gründer AS", "naeringsliv", 2, 3)])
    rows[1]["drivers"] = ["Gründer AS"]
    result = PrioritiesExercise(Workbook(workbook.path)).check(rows)
    assert any("Alle aktørene som skal drive prioriteringene, er fra næringsliv. Én tråd bærer alt." in n
               for n in result.notes)


def test_no_drivers_and_no_business_are_explained(workbook):
    rows = [{**RIGHT[0], "drivers": []}, {**RIGHT[1], "drivers": ["Fylkeskommunen"]}, RIGHT[2]]
    notes = PrioritiesExercise(with_analysis(workbook)).check(rows).notes
    assert "Du har ikke valgt hvem som skal drive den fram" in notes[0]
    assert "Ingen fra næringslivet skal drive den fram" in notes[1]


def test_scores_that_reorder_the_priorities_are_pointed_out(workbook):
    rows = [{**RIGHT[0], "scores": {k: 1 for k in SCORES}}] + RIGHT[1:]
    notes = PrioritiesExercise(with_analysis(workbook)).check(rows).notes
    assert any(n.startswith("Etter poengene dine blir rekkefølgen: Sporbar sjømat med IKT (15)") for n in notes)
    assert any("lav score på aktører" in n for n in notes)
    same = [{**p, "scores": SCORES} for p in RIGHT]
    assert any("samme sum av poeng" in n for n in PrioritiesExercise(workbook).check(same).notes)


def test_a_strength_used_twice_is_questioned(workbook):
    notes = PrioritiesExercise(with_analysis(workbook)).check(RIGHT).notes
    assert any(n.startswith("«Sjømatindustri» ligger under «Sjømat med merkevare» og «Sporbar sjømat med IKT»")
               for n in notes)


def test_empty_answer(workbook):
    result = PrioritiesExercise(with_analysis(workbook)).check([{}] * 5)
    assert result.errors == ["Lag mellom 3 og 5 prioriteringer (du har fylt ut 0)."]


@pytest.mark.parametrize("change,message", [
    (lambda rows: rows[:2], "du har fylt ut 2"),
    (lambda rows: rows + [{**RIGHT[0], "title": f"Ekstra {n}"} for n in range(3)], "høyst 5. Ingen region"),
    (lambda rows: [{**rows[0], "reason": "  "}] + rows[1:], "begrunnelsen mangler"),
    (lambda rows: [{**rows[0], "reason": "x" * (MAX_REASON + 1)}] + rows[1:], f"høyst {MAX_REASON}"),
    (lambda rows: [{**rows[0], "title": "x" * (MAX_TITLE + 1)}] + rows[1:], f"høyst {MAX_TITLE}"),
    (lambda rows: [{**rows[0], "title": ""}] + rows[1:], "Prioritering 1, navn: feltet er tomt"),
    (lambda rows: [{**rows[0], "links": ["gruvedrift"]}] + rows[1:], "«gruvedrift» er ikke et av valgene"),
    (lambda rows: [{**rows[0], "links": "sjomat"}] + rows[1:], "velg fra lista"),
    (lambda rows: [{**rows[0], "drivers": ["Ukjent AS"]}] + rows[1:], "«Ukjent AS» er ikke et av valgene"),
    (lambda rows: [{**rows[0], "scores": {**SCORES, "styrke": 7}}] + rows[1:], "et helt tall fra 1 til 5"),
    (lambda rows: [{**rows[0], "scores": {**SCORES, "pris": 3}}] + rows[1:], "ukjent kriterium «pris»"),
    (lambda rows: [{**rows[0], "scores": None}] + rows[1:], "gi poeng fra 1 til 5"),
    (lambda rows: rows + [{**rows[0], "title": "sjømat  med MERKEVARE"}], "Gi dem ulike navn"),
    (lambda rows: rows + ["en prioritering"], "rad 4: fyll ut feltene"),
])
def test_wrong_answers_say_what_to_do(workbook, change, message):
    result = PrioritiesExercise(with_analysis(workbook)).check(change([dict(p) for p in RIGHT]))
    assert not result.ok
    assert any(message in e for e in result.errors), result.errors


def test_answer_of_the_wrong_type(workbook):
    assert PrioritiesExercise(workbook).check("sjømat").errors[0] == "Prioriteringene må være en liste med rader."


def test_drivers_without_a_stakeholder_map_point_to_organisere(workbook):
    workbook.put("analyse", ANALYSIS)
    result = PrioritiesExercise(workbook).check(RIGHT)
    assert any("aktørkartet ditt er tomt. Lagre aktører i «Organisere» først" in e for e in result.errors)


def test_save_and_read_back(workbook):
    exercise = PrioritiesExercise(with_analysis(workbook))
    result = exercise.save(workbook, RIGHT)
    assert "3 prioriteringer er lagret" in result.saved and "«Gjennomføre» og «Måle og lære»" in result.saved
    stored = Workbook(workbook.path).value("prioriteringer")
    assert stored["county"] == "F1" and stored["analysis_from"] == ["analyse"]
    first = stored["priorities"][0]
    assert first["key"] == "sjømat med merkevare"
    assert first["links"] == [{"industry": "sjomat", "name": "Sjømatindustri", "kind": "styrke"}]
    assert first["drivers"][1] == {"name": "Universitetet i Fjordby", "helix": "kunnskap"}
    assert [p.title for p in exercise.saved_rows(Workbook(workbook.path))] == [p["title"] for p in RIGHT]


def test_invalid_answer_is_not_saved(workbook):
    exercise = PrioritiesExercise(with_priorities(workbook))
    before = workbook.path.read_bytes()
    assert not exercise.save(workbook, RIGHT[:1]).ok
    assert workbook.path.read_bytes() == before


def test_parts_per_priority_are_kept_when_another_is_saved_or_renamed(workbook):
    with_priorities(workbook)
    priorities = saved_priorities(workbook)
    assert resolve_priority(priorities, "grønne  VERFT")["title"] == "Grønne verft"
    put_for_priority(workbook, "tiltak", priorities[0], {"actions": [1]})
    put_for_priority(workbook, "tiltak", priorities[1], {"actions": [2]})
    assert saved_for_priority(workbook, "tiltak", priorities[0]["key"]) == {
        "priority": "Sjømat med merkevare", "actions": [1]}
    renamed = [dict(RIGHT[0], title="Sjømat med egen merkevare")] + RIGHT[1:]
    PrioritiesExercise(workbook).save(workbook, renamed)
    assert saved_for_priority(workbook, "tiltak", "sjømat med merkevare")["actions"] == [1]  # kept, not lost
    with pytest.raises(InputError, match="ikke en av prioriteringene dine"):
        resolve_priority(saved_priorities(workbook), "Sjømat med merkevare")
    with pytest.raises(InputError, match="Lag dem i «Prioritere» først"):
        resolve_priority([], "Grønne verft")


def test_view_saves_the_priorities(workbook):
    view = PrioritiesView(with_analysis(workbook))
    assert "Styrker og nisjer du har lagret" in view.widget.children[1].value
    assert "Kilde: dine valg i «Analysere»" in view.widget.children[1].value
    for n, p in enumerate(RIGHT):
        view.titles[n].value, view.reasons[n].value = p["title"], p["reason"]
        view.links[n].value, view.drivers[n].value = tuple(p["links"]), tuple(p["drivers"])
        for key, value in p["scores"].items():
            view.scores[n][key].value = value
    view.button.click()
    assert "3 prioriteringer er lagret" in view.feedback.value
    again = PrioritiesView(Workbook(workbook.path))
    assert [t.value for t in again.titles] == [p["title"] for p in RIGHT] + ["", ""]
    assert again.links[1].value == ("sjomat", "ikt") and again.scores[0]["styrke"].value == 5


def test_view_without_analysis_or_actors_says_what_to_do_first(workbook):
    view = PrioritiesView(workbook)
    shown = " ".join(child.value for child in view.widget.children[:3] if hasattr(child, "value"))
    assert "Gjør «Analysere» først" in shown and "Lagre aktører i kapitlet «Organisere»" in shown
    view.button.click()
    assert "Lag mellom 3 og 5 prioriteringer" in view.feedback.value
