"""«Fylker som ligner ditt» (exercises/models/peers.py): the peers and what
they are specialised in, against values computed by hand on Fjordland and
recomputed from the SSB mirror for Nordland; the municipalities most like
one another in table 13470."""

import mirror_by_hand
import numpy as np
import pytest

from exercises.analysis import relatedness
from exercises.core import paths
from exercises.data.municipal import load_municipal_data
from exercises.models.peers import CLOSE, PeerComparison, municipal_peers, municipal_scope


def test_kystbys_peers_by_hand(fjordland):
    # 2023, every region 100 (thousand) employed, so a share is the number / 100. Kystby (F1) against:
    #   Fjorddal  |10-6|+|2-3|+|1-2|+|12-8|+|6-10|+|1-2|+|12-6|+|6-7|+|10-10|+|19-21|+|12-14|+|9-11|  = 28
    #   Øyrike    |10-12|+0+|1-0|+|12-9|+|6-4|+|1-0|+|12-2|+|6-8|+|10-6|+|19-24|+|12-17|+|9-16|       = 42
    #   Skogland  10+5+7+12+4+8+7+3+0+3+6+7 = 72;  Sletteby 8+0+0+11+4+1+20+6+18+8+0+0 = 76;
    #   Fjellheim 10+6+5+12+6+5+9+6+2+4+5+8 = 78
    peers = PeerComparison(fjordland, "F1", 2023).peers()
    assert list(peers["name"]) == ["Fjorddal", "Øyrike", "Skogland", "Sletteby", "Fjellheim"]
    assert peers.K.tolist() == pytest.approx([0.28, 0.42, 0.72, 0.76, 0.78])
    assert peers.moved.tolist()[0] == pytest.approx(0.14) and set(peers.compared) == {12}


def test_what_fjorddal_is_specialised_in_and_kystby_is_not(fjordland):
    # LQ 2023 (Fjordland has no published totals: shares of the sum, the nation the sum of the regions):
    #   Fjorddal: verft 10/100 / (24/600) = 2.5, reiseliv 7/100 / (36/600) = 1.17, helse 21/100 / (120/600) = 1.05
    #   Kystby:   verft 1.5, reiseliv 6/100 / (36/600) = 1.00, helse 19/100 / (120/600) = 0.95
    # So Fjorddal is specialised in helse (and verft, reiseliv) and Kystby only not in helse.
    comparison = PeerComparison(fjordland, "F1", 2023)
    gaps = comparison.gaps("F2")
    assert list(gaps.index) == ["helse"]
    assert gaps.loc["helse", "peer_lq"] == pytest.approx(1.05) and gaps.loc["helse", "own_lq"] == pytest.approx(0.95)
    density = relatedness.relatedness_density(fjordland.presence(2023), fjordland.proximity).loc["F1", "helse"]
    assert gaps.loc["helse", "density"] == pytest.approx(density)
    assert comparison.unknown("F2") == []
    assert len(comparison.reading(3)) == 3 and comparison.reading(1)[0].startswith("Fjorddal (K = 0,28: 14 prosent")


def test_nordlands_most_similar_county_recomputed_from_the_mirror(real, mirror):
    # By hand from the mirror: shares of each county's published total, Krugman's dissimilarity to
    # Nordland (18) over the industries published for both, smallest first.
    frame = mirror_by_hand.read(mirror)
    shares = mirror_by_hand.shares(frame, 2019)
    nordland = shares.loc["18"]
    by_hand = {}
    for county in shares.index.drop("18"):
        both = nordland.notna() & shares.loc[county].notna()
        by_hand[county] = (nordland[both] - shares.loc[county][both]).abs().sum()
    order = sorted(by_hand, key=by_hand.get)
    assert order[:3] == ["55", "34", "56"]  # Troms, Innlandet, Finnmark
    peers = PeerComparison(real, "18", 2019).peers(len(order))
    assert list(peers.index) == order
    assert peers.K.tolist() == pytest.approx([by_hand[c] for c in order])
    assert round(by_hand["55"], 2) == 0.13 and round(by_hand["34"], 2) == 0.15 and round(by_hand["56"], 2) == 0.16
    # the hidden cells of Nordland (transport, post) are left out of every pair, never read as 0
    assert peers.loc["55", "compared"] == int((nordland.notna() & shares.loc["55"].notna()).sum()) == 33


def test_what_innlandet_has_that_nordland_has_not(real):
    comparison = PeerComparison(real, "18", 2019)
    gaps = comparison.gaps("34")
    assert (gaps.peer_lq >= 1).all() and (gaps.own_lq < 1).all() and len(gaps) == 4
    close = gaps[gaps.quadrant == CLOSE]
    assert list(close["name"]) == ["Produksjon av metallvarer, elektrisk utstyr og maskiner",
                                   "Trelast-, trevare- og papirvareindustri"]
    assert gaps.density.is_monotonic_decreasing
    # Innlandet's transport LQ is 0,77 on the estimated reference (1,0 on the counties' short sum): not a gap
    assert comparison.unknown("34") == ["Post og distribusjonsvirksomhet"]
    assert list(comparison.short.index) == ["post", "transport"]  # 2019: the reference is estimated


def test_the_municipalities_most_like_porsgrunn():
    frame, _ = load_municipal_data(paths.snapshot_dir())  # the shipped snapshot: Telemark's 17
    year = int(frame.year.max())
    peers = municipal_peers(frame, "4001", year)
    E = frame[(frame.year == year) & (frame.industry != "00")].pivot_table(
        index="municipality_2024", columns="industry", values="employment", aggfunc="sum")
    shares = E.div(E.sum(axis=1), axis=0)
    by_hand = (shares.drop("4001") - shares.loc["4001"]).abs().sum(axis=1).sort_values()
    assert list(peers.index) == list(by_hand.index[:5])
    assert peers.K.tolist() == pytest.approx(by_hand.values[:5].tolist())
    assert set(peers.county) == {"Telemark"} and np.all(peers.compared == 16)
    assert "bare kommunene i Telemark (17 kommuner)" in municipal_scope(frame)
