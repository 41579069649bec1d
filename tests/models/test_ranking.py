"""The main exercise «Ranger regionens styrker»: weights, ties, overrides,
missing data, invalid weights, marks, sensitivity and saving."""

import numpy as np
import pandas as pd
import pytest

from exercises.core.errors import InputError
from exercises.models.ranking import CRITERIA, RankingExercise, RankingState, apply_moves, check_weights, score
from exercises.workbook.store import Workbook


@pytest.fixture
def kystby(fjordland):
    return RankingExercise(fjordland, "F1")


TABLE = pd.DataFrame({
    "name": ["Alfa", "Beta", "Gamma"],
    "masse": [10.0, 20.0, 30.0],
    "spesialisering": [3.0, 2.0, 1.0],
    "vekst": [0.1, np.nan, 0.3],
    "produktivitet": [1.0, 1.0, 1.0],
    "beslektethet": [0.5, 0.5, 0.5],
}, index=["a", "b", "c"])


def test_one_criterion_orders_by_it():
    assert list(score(TABLE, {"masse": 1}).index) == ["c", "b", "a"]
    assert list(score(TABLE, {"spesialisering": 1}).index) == ["a", "b", "c"]


def test_weights_blend_percentile_ranks():
    result = score(TABLE, {"masse": 1, "spesialisering": 3})
    # percentile ranks: masse a 1/3, b 2/3, c 1; spesialisering a 1, b 2/3, c 1/3
    assert result.loc["a", "score"] == pytest.approx((1 / 3 + 3 * 1) / 4)
    assert result.index[0] == "a"


def test_ties_share_a_rank_and_keep_alphabetical_order():
    result = score(TABLE, {"produktivitet": 1})
    assert list(result.index) == ["a", "b", "c"]
    assert (result["rank"] == 1).all()


def test_missing_data_scores_on_the_other_criteria():
    result = score(TABLE, {"vekst": 1, "masse": 1})
    assert result.loc["b", "score"] == pytest.approx(2 / 3)  # masse only
    assert result.loc["b", "missing"] == ["Vekst"]
    assert result.loc["a", "missing"] == []


def test_too_little_data_gives_no_score():
    result = score(TABLE, {"vekst": 3, "masse": 1})
    assert np.isnan(result.loc["b", "score"]) and result.index[-1] == "b"
    assert result.loc["b", "missing"] == ["Vekst"]


def test_own_judgement_counts_only_where_given():
    result = score(TABLE, {"masse": 1, "fou": 1}, {"fou": {"a": 5}})
    assert result.loc["a", "score"] == pytest.approx((1 / 3 + 1) / 2)
    assert result.loc["b", "score"] == pytest.approx(2 / 3)


@pytest.mark.parametrize("weights,message", [
    ({"masse": -1}, "negativ"), ({"masse": 0, "vekst": 0}, "Minst ett"), ({"masse": "mye"}, "et tall"),
    ({"masse": float("nan")}, "et tall"), ({"ukjent": 1}, "Ukjent kriterium"), ([1, 2], "per kriterium"),
    ({"masse": True}, "et tall"),
])
def test_invalid_weights_get_a_message(weights, message):
    with pytest.raises(InputError, match=message):
        check_weights(weights)


def test_weights_are_normalised():
    assert check_weights({"masse": 2, "vekst": 6, "fou": 0}) == {"masse": 0.25, "vekst": 0.75}


def test_moves_put_an_industry_at_a_position():
    from exercises.models.ranking import Move
    assert apply_moves(["a", "b", "c", "d"], [Move("d", 1, "x")]) == ["d", "a", "b", "c"]
    assert apply_moves(["a", "b", "c", "d"], [Move("a", 3, "x"), Move("d", 1, "y")]) == ["d", "b", "c", "a"]


def test_move_needs_a_reason_and_a_valid_place(kystby):
    state = RankingState()
    moved = kystby.move(state, "reiseliv", 1, "Cruiseturismen vokser")
    ranked = kystby.ranked(moved)
    assert ranked.index[0] == "reiseliv" and ranked.loc["reiseliv", "moved"] == "Cruiseturismen vokser"
    assert ranked.loc["reiseliv", "rank"] > 1  # the computed rank is kept beside the learner's place
    for industry, place, reason, message in [("reiseliv", 1, "", "feltet er tomt"),
                                             ("reiseliv", 0, "x", "fra 1 til 12"),
                                             ("reiseliv", "1", "x", "helt tall"),
                                             ("gruve", 1, "x", "Velg næringen"),
                                             ("reiseliv", 1, "x" * 301, "høyst 300")]:
        with pytest.raises(InputError, match=message):
            kystby.move(state, industry, place, reason)


def test_own_scores_are_checked(kystby):
    state = kystby.set_score(RankingState(), "fou", "ikt", 5)
    assert state.scores == {"fou": {"ikt": 5}}
    assert kystby.set_score(state, "fou", "ikt", None).scores == {}  # back to «not judged»
    for criterion, industry, value in [("fou", "ikt", 6), ("fou", "ikt", 2.5), ("masse", "ikt", 3), ("fou", "x", 1)]:
        with pytest.raises(InputError):
            kystby.set_score(state, criterion, industry, value)


def test_marks_are_checked(kystby):
    assert "minst én næring som styrke" in kystby.check(RankingState()).errors[0]
    both = RankingState(strengths=["fiske"], niches=["fiske"])
    assert any("både styrke og kandidatnisje" in e for e in kystby.check(both).errors)
    many = RankingState(strengths=list(kystby.names.index[:9]))
    assert any("høyst 8" in e for e in kystby.check(many).errors)
    assert any("Ukjente" in e for e in kystby.check(RankingState(strengths=["x"])).errors)


def test_feedback_teaches(kystby):
    state = RankingState(strengths=["sjomat", "jordbruk"], niches=["skogbruk"])
    notes = " ".join(kystby.check(state).notes)
    assert "«Jordbruk» har LQ 0,50" in notes
    assert "Kandidatnisjen «Skogbruk» ligger langt fra det fylket er spesialisert i" in notes  # as in Beslektet mangfold
    assert "Du har ikke gitt egne vurderinger" in notes


def test_sensitivity_lists_each_weighted_criterion(kystby):
    table = kystby.sensitivity(RankingState(), top=5)
    assert list(table.columns) == ["Nå"] + [f"Uten {c.label.lower()}" for c in CRITERIA if not c.own_judgement]
    assert len(table) == 5 and (table["Nå"].values == sorted(table["Nå"].values)).all()


def test_save_and_continue_later(kystby, workbook):
    state = kystby.move(kystby.set_score(RankingState(), "fou", "ikt", 4), "reiseliv", 2, "Cruise")
    state.strengths, state.niches = ["sjomat", "fiske"], ["ikt"]
    result = kystby.save(workbook, state)
    assert result.ok and "lagret i arbeidsboka" in result.saved
    saved = Workbook(workbook.path).value("analyse")
    assert saved["county"] == "F1" and saved["strengths"][0] == {"industry": "sjomat", "name": "Sjømatindustri"}
    assert saved["niches"] == [{"industry": "ikt", "name": "IKT-tjenester"}]
    assert saved["ranking"][1]["industry"] == "reiseliv" and saved["ranking"][1]["reason"] == "Cruise"
    again = kystby.starting_state(Workbook(workbook.path))
    assert again.strengths == ["sjomat", "fiske"] and again.scores == {"fou": {"ikt": 4}}
    assert again.moves[0].industry == "reiseliv"


def test_starts_from_earlier_picks(fjordland, workbook):
    workbook.put("spesialisering", {"county": "F1", "picks": [{"industry": "fiske", "reason": "a"}]})
    workbook.put("nisjer", {"county": "F1", "niches": [{"industry": "ikt", "reason": "b"}]})
    state = RankingExercise(fjordland, "F1").starting_state(Workbook(workbook.path))
    assert state.strengths == ["fiske"] and state.niches == ["ikt"]
    assert RankingExercise(fjordland, "F2").starting_state(Workbook(workbook.path)).strengths == []


def test_invalid_period_and_county(fjordland):
    with pytest.raises(InputError):
        RankingExercise(fjordland, "F1", start=2023)
    with pytest.raises(InputError):
        RankingExercise(fjordland, "Atlantis")


def test_real_county(real):
    exercise = RankingExercise(real, "11")
    ranked = exercise.ranked(RankingState(weights={"spesialisering": 1}))
    assert ranked.index[0] in {"olje_gass_utvinning", "olje_gass_tjenester"}
    assert exercise.start == 2008 and exercise.end == 2019


def test_a_clear_strength_marked_as_niche_is_judged_as_in_beslektet_mangfold(kystby):
    """One judgement for both chapters: LQ at or above the line is «en styrke mer
    enn en ny nisje», whatever its density, never «ligger langt fra»."""
    from exercises.analysis.indicators import CLEARLY_SPECIALISED
    from exercises.models import judgements

    table = kystby.table
    clear = [i for i in table.index if table.loc[i, "spesialisering"] >= CLEARLY_SPECIALISED]
    assert clear
    state = RankingState(strengths=[i for i in table.index if i not in clear][:1], niches=clear[:1])
    notes = " ".join(kystby.check(state).notes)
    expected = judgements.niche_already_strength(f"Kandidatnisjen «{kystby.names[clear[0]]}»",
                                                 table.loc[clear[0], "spesialisering"])
    assert expected in notes and "ligger langt fra" not in notes
