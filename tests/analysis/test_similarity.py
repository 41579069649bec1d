"""Krugman's dissimilarity between two regions (exercises/analysis/similarity.py)
against values computed by hand; a hidden cell is never read as 0."""

import numpy as np
import pandas as pd
import pytest

from exercises.analysis.similarity import compared, krugman_dissimilarity, nearest


@pytest.fixture
def shares():
    # three regions, three industries, shares of each region's total
    return pd.DataFrame({"a": [0.5, 0.4, 0.1], "b": [0.3, 0.4, 0.0], "c": [0.2, 0.2, 0.9]},
                        index=pd.Index(["R", "S", "T"], name="region"))


def test_the_sum_of_absolute_share_differences(shares):
    # R–S: |0.5-0.4| + |0.3-0.4| + |0.2-0.2| = 0.2
    # R–T: |0.5-0.1| + |0.3-0.0| + |0.2-0.9| = 1.4
    # S–T: |0.4-0.1| + |0.4-0.0| + |0.2-0.9| = 1.4
    K = krugman_dissimilarity(shares)
    assert K.loc["R", "S"] == pytest.approx(0.2) and K.loc["S", "R"] == pytest.approx(0.2)
    assert K.loc["R", "T"] == pytest.approx(1.4) and K.loc["S", "T"] == pytest.approx(1.4)
    assert np.diag(K).tolist() == [0, 0, 0]
    assert list(nearest(K, "R").index) == ["S", "T"]
    assert list(nearest(K, "T").index) == ["R", "S"]  # equal K: in the order of the codes
    assert list(nearest(K, "T", 1).index) == ["R"]


def test_a_hidden_cell_is_left_out_not_read_as_zero(shares):
    shares.loc["S", "b"] = np.nan  # hidden in S
    K = krugman_dissimilarity(shares)
    # R–S over a and c only: 0.1 + 0.0 = 0.1 (as 0 it would have been 0.1 + 0.3 + 0.0 = 0.4)
    assert K.loc["R", "S"] == pytest.approx(0.1)
    assert K.loc["R", "T"] == pytest.approx(1.4)  # R and T still compared on all three
    n = compared(shares)
    assert n.loc["R", "S"] == 2 and n.loc["R", "T"] == 3 and n.loc["S", "S"] == 2


def test_regions_with_nothing_published_in_common_are_not_compared():
    shares = pd.DataFrame({"a": [0.5, np.nan], "b": [np.nan, 0.5]}, index=["R", "S"])
    K = krugman_dissimilarity(shares)
    assert np.isnan(K.loc["R", "S"]) and nearest(K, "R").empty


def test_krugman_dissimilarity_of_a_region_and_the_nation_is_the_krugman_index(fjordland):
    from exercises.analysis import indicators

    E = fjordland.matrix(2023)
    with_nation = pd.concat([indicators.shares(E), indicators.national_shares(E).to_frame("landet").T])
    K = krugman_dissimilarity(with_nation)
    assert K.loc["F1", "landet"] == pytest.approx(indicators.krugman_index(E)["F1"])  # 0.32, as in the chapter
