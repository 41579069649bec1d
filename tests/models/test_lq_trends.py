"""«Styrker over tid» (exercises/models/lq_trends.py): the LQ series against
values computed by hand (Kystby) and recomputed from the SSB mirror
(Nordland), hidden cells as gaps, years whose national reference lacks
hidden cells, the entries and exits, the reading and the ranking's notes."""

import mirror_by_hand
import numpy as np
import pytest

from exercises.analysis import trends
from exercises.models.lq_trends import StrengthsOverTime, ranking_notes, spans
from exercises.models.ranking import RankingExercise, RankingState


def test_kystbys_ict_by_hand_and_no_entry_from_inside_the_band(fjordland):
    # 2020: Kystby 8 of 91 employed in ICT, Fjordland 48 of 572: LQ = (8/91)/(48/572) = 1.0476…
    # 2023: 12/100 over 60/600 = 1.20. Up, but never below 0.9: no new specialisation.
    trend = StrengthsOverTime(fjordland, "F1")
    assert trend.years == [2020, 2023]
    assert trend.lq.loc["ikt"].tolist() == pytest.approx([(8 / 91) / (48 / 572), 1.2])
    assert trend.change()["ikt"] == pytest.approx(1.2 - (8 / 91) / (48 / 572))
    assert trend.events == [] and not trend.short.any().any()  # Fjordland has no national figures to compare
    reading = " ".join(trend.reading())
    assert "Ingen næring i Kystby gikk fra under 0,9 til minst 1,1" in reading
    assert "Størst økning i LQ fra 2020 til 2023: IKT-tjenester (1,05 til 1,20)" in reading
    assert "Sjømatindustri (2,33–2,40)" in reading  # LQ ≥ 1.1 in both years


def test_nordlands_fishing_lq_recomputed_from_the_mirror(real, mirror):
    frame = mirror_by_hand.read(mirror)
    trend = StrengthsOverTime(real, "18")
    by_hand = [mirror_by_hand.lq(frame, y, "18", "Fiske, fangst og akvakultur") for y in trend.years]
    assert trend.lq.loc["fiske_havbruk"].tolist() == pytest.approx(by_hand)
    assert round(by_hand[0], 2) == 5.36 and round(by_hand[-1], 2) == 4.99  # 2008 and 2019
    mining = [mirror_by_hand.lq(frame, y, "18", "Bergverksdrift") for y in (2008, 2019)]
    assert [round(v, 2) for v in mining] == [3.09, 4.44]  # the chapter's example


def test_a_hidden_cell_is_a_gap_and_a_short_reference_is_not_comparable(real):
    trend = StrengthsOverTime(real, "18")
    assert trend.hidden_years("transport") == [2019] and np.isnan(trend.lq.loc["transport", 2019])
    # 2019: SSB hides transport and post in Nordland, Akershus and Telemark, so the counties' sum
    # falls about a fifth below «Hele landet», where it is otherwise about equal
    assert sorted(trend.short.index[trend.short[2019]]) == ["post", "transport"]
    assert trend.shortfall.loc["transport", 2019] == pytest.approx(0.23, abs=0.01)
    assert trend.shortfall.loc["post", 2019] == pytest.approx(0.20, abs=0.01)
    assert trend.short.loc["ind_tekstil", 2018] and trend.short.sum().sum() == 3
    # On the counties' short sum, Trøndelag would «enter» transport in 2019 (LQ 1,2); on the estimated
    # reference its LQ stays where it was (0,92 in 2018, 0,95 in 2019), and the year is still not compared
    trondelag = StrengthsOverTime(real, "50")
    assert round(trondelag.lq.loc["transport", 2019], 2) == 0.95
    assert trends.crossings(trondelag.lq.loc["transport"]) == []
    published, _ = real._published_reference
    shares, _ = real.shares(2019)
    assert shares.loc["50", "transport"] / (published.loc["transport", 2019] / real.reference(2019)[1]) > 1.1
    assert not [e for e in trondelag.events if e.industry in ("transport", "post")]


def test_nordlands_entries_and_exits(real):
    trend = StrengthsOverTime(real, "18")
    assert [(e.industry, e.crossing.kind, e.crossing.year) for e in trend.events] == [
        ("ind_trykking", "inn", 2012), ("ind_trykking", "ut", 2014), ("ind_trykking", "inn", 2015),
        ("ind_trykking", "ut", 2019)]
    assert all(e.small for e in trend.events)  # 100–300 employed
    assert trend.employment.loc["ind_trykking"].max() == pytest.approx(0.3)
    steady = [i for i in trend.names.index if trends.always(trend.comparable.loc[i])]
    assert {"fiske_havbruk", "bergverk", "ind_metaller"} <= set(steady)
    reading = " ".join(trend.reading())
    assert "Nye spesialiseringer i Nordland 2008–2019 (LQ fra under 0,9 til minst 1,1): Trykking og " \
           "reproduksjon av innspilte opptak (2012 og 2015)." in reading
    assert "Størst økning i LQ fra 2008 til 2019: Bergverksdrift (3,09 til 4,44)" in reading
    assert "Post og distribusjonsvirksomhet 2019 (summen av fylkene mangler 20\u00a0%)" in reading
    assert "Boligtjenester, egen bolig 2008–2018" in reading
    assert trend.order("last")[0] == "fiske_havbruk" and trend.order("change")[0] == "bergverk"
    assert set(trend.order("name", specialised_only=True)) < set(trend.names.index)


def test_spans():
    assert spans([2008, 2009, 2010, 2019]) == "2008–2010 og 2019"
    assert spans([2012]) == "2012"


def test_the_ranking_feedback_cites_entries_and_exits(real):
    ranking = RankingExercise(real, "11")  # Rogaland: hotels and restaurants lost its specialisation in 2015
    notes = " ".join(ranking.check(RankingState(strengths=["overnatting_servering"])).notes)
    assert ("Styrken «Overnattings- og serveringsvirksomhet» var en spesialisering, men LQ falt fra 1,16 i 2009 til "
            "0,87 i 2015 (se «Styrker over tid»)") in notes
    trend = StrengthsOverTime(real, "18")
    printing = ranking_notes(trend, [], ["ind_trykking"])
    assert printing[0].startswith("Kandidatnisjen «Trykking og reproduksjon av innspilte opptak» var en spesialisering")
    assert "under 500 sysselsatte" in printing[0]
    assert ranking_notes(trend, ["fiske_havbruk"], []) == []  # steady: nothing to say
