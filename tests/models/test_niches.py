"""Exercise «Hvilke nisjer ligger nær fylkets styrker?»."""

import pytest

from exercises.core.errors import InputError
from exercises.models.niches import NicheExercise
from exercises.workbook.store import Workbook


@pytest.fixture
def nordland(real):
    return NicheExercise(real, "18")


def test_strengths_and_neighbours(nordland):
    assert nordland.strengths()[0] == "fiske_havbruk"
    near = nordland.neighbours("fiske_havbruk", count=5)
    assert len(near) == 5 and "fiske_havbruk" not in near.index
    assert list(near.proximity) == sorted(near.proximity, reverse=True)


def test_right_answer_is_placed_in_the_quadrant(nordland):
    chance = nordland.table[nordland.table.quadrant == "Mulighet nær styrkene"].index[0]
    result = nordland.check([(chance, "Leverandører til havbruket")])
    assert result.ok and "mulighet nær fylkets styrker" in result.notes[0]
    assert "entreprenørielle oppdagelsesprosessen" in result.notes[-1]


def test_far_niche_and_existing_strength_are_questioned(nordland):
    far = nordland.table[nordland.table.quadrant == "Fjern mulighet"].index[0]
    result = nordland.check([(far, "En satsing"), ("fiske_havbruk", "Havbruk")])
    assert "ligger langt fra" in result.notes[0]
    assert "er en styrke mer enn en ny nisje" in result.notes[1]


@pytest.mark.parametrize("rows,message", [
    ([], "Velg mellom 1 og 5"), ([("", "")], "Velg mellom 1 og 5"), ([("ikt", "")], "feltet er tomt"),
    ([("ikt", "x" * 301)], "høyst 300"), ([("romfart", "a")], "ikke en næring"),
    ([("ikt", "a")] * 2, "valgt to ganger"), ([("ikt", str(n)) for n in range(6)], "Velg mellom 1 og 5"),
])
def test_wrong_answers(nordland, rows, message):
    result = nordland.check(rows)
    assert not result.ok and any(message in e for e in result.errors), result.errors


def test_unknown_county(real):
    with pytest.raises(InputError):
        NicheExercise(real, "99")


def test_save_and_read_back(nordland, workbook):
    assert nordland.save(workbook, [("ikt", "Digitalt havbruk")]).ok
    saved = Workbook(workbook.path).value("nisjer")
    assert saved["county"] == "18" and saved["niches"][0]["reason"] == "Digitalt havbruk"
    assert 0 <= saved["niches"][0]["density"] <= 1
    assert [p.industry for p in nordland.saved(Workbook(workbook.path))] == ["ikt"]


def test_neighbours_show_both_relatedness_measures(nordland):
    near = nordland.neighbours("fiske_havbruk", count=3)
    assert ((near.cosine >= near.proximity - 1e-12) & (near.cosine <= 1)).all()  # cosine ≥ min-conditional


def test_a_slight_strength_is_explained_not_given_as_bare_numbers(real):
    from exercises.analysis.indicators import CLEARLY_SPECIALISED
    seen = set()
    for county in real.regions:
        exercise = NicheExercise(real, county)
        t = exercise.table
        for industry, row in t[(t.lq >= 1) & (t.lq < CLEARLY_SPECIALISED)].iterrows():
            note = exercise.check([(industry, "En smal nisje")]).notes[0]
            assert "litt spesialisert i den, men ikke tydelig" in note
            assert ("Tettheten er høy" in note) == (row.quadrant == "Styrke med nære naboer")
            seen.add(row.quadrant)
    assert seen == {"Styrke med nære naboer", "Styrke som står alene"}
