"""Indicators against values computed by hand on Fjordland (2023: every
region has 100 000 employed, the nation 600 000) and against invariants."""

import math

import numpy as np
import pandas as pd
import pytest

from exercises.analysis import indicators as ind


@pytest.fixture
def E(fjordland):
    return fjordland.matrix(2023)


def test_shares_are_row_shares(E):
    s = ind.shares(E)
    assert s.loc["F1", "fiske"] == pytest.approx(0.10)
    assert np.allclose(s.sum(axis=1), 1)


def test_national_shares_from_sum_of_regions(E):
    assert ind.national_shares(E)["fiske"] == pytest.approx(30 / 600)
    assert ind.national_shares(E)["helse"] == pytest.approx(120 / 600)


def test_location_quotient_by_hand(E):
    lq = ind.location_quotient(E)
    assert lq.loc["F1", "fiske"] == pytest.approx(0.10 / 0.05)   # 2.0
    assert lq.loc["F4", "fiske"] == pytest.approx(0.12 / 0.05)   # 2.4
    assert lq.loc["F6", "ikt"] == pytest.approx(0.32 / 0.10)     # 3.2
    assert lq.loc["F3", "fiske"] == 0


def test_employment_weighted_mean_lq_is_one(E):
    weights = E.sum(axis=1) / E.values.sum()
    lq = ind.location_quotient(E)
    assert np.allclose(lq.mul(weights, axis=0).sum(axis=0), 1)


def test_location_quotient_with_published_national_total(E):
    national = E.sum(axis=0).copy()
    national["fiske"] += 60  # fishing outside every region: nation 90 of 660
    lq = ind.location_quotient(E, national)
    assert lq.loc["F1", "fiske"] == pytest.approx(0.10 / (90 / 660))
    assert lq.loc["F1", "ikt"] == pytest.approx(0.12 / (60 / 660))


def test_krugman_by_hand_and_bounds(E):
    k = ind.krugman_index(E)
    assert k["F1"] == pytest.approx(0.32)
    assert ((k >= 0) & (k <= 2)).all()
    same_as_nation = pd.DataFrame([[1, 2, 3], [2, 4, 6]], index=["a", "b"], columns=list("xyz"))
    assert np.allclose(ind.krugman_index(same_as_nation), 0)
    disjoint = pd.DataFrame([[5, 0], [0, 5]], index=["a", "b"], columns=["x", "y"])
    assert np.allclose(ind.krugman_index(disjoint), 1)  # half the mix differs from the nation


def test_herfindahl_by_hand_and_bounds(E):
    h = ind.herfindahl_index(E)
    shares_f1 = [.10, .02, .01, .12, .06, .01, .12, .06, .10, .19, .12, .09]
    assert h["F1"] == pytest.approx(sum(s * s for s in shares_f1))  # 0.1152
    assert (h >= 1 / E.shape[1] - 1e-12).all() and (h <= 1).all()


def test_entropy_even_and_concentrated():
    even = pd.DataFrame([[1, 1, 1, 1]], index=["a"], columns=list("wxyz"))
    one = pd.DataFrame([[0, 0, 7, 0]], index=["a"], columns=list("wxyz"))
    assert ind.entropy(even)["a"] == pytest.approx(2)          # log2(4)
    assert ind.entropy(even, base=math.e)["a"] == pytest.approx(math.log(4))
    assert ind.entropy(one)["a"] == 0


def test_entropy_by_hand(E):
    s = np.array([.10, .02, .01, .12, .06, .01, .12, .06, .10, .19, .12, .09])
    assert ind.entropy(E)["F1"] == pytest.approx(-(s * np.log2(s)).sum())


def test_missing_cells_are_left_out_not_zeroed():
    E = pd.DataFrame([[10, np.nan, 10], [10, 10, 20]], index=["a", "b"], columns=list("xyz"))
    s = ind.shares(E)
    assert s.loc["a", "x"] == pytest.approx(0.5)
    assert np.isnan(ind.location_quotient(E).loc["a", "y"])


# --- growth, productivity, shift-share, variety --------------------------------

@pytest.fixture
def E0(fjordland):
    return fjordland.matrix(2020)


def test_growth_by_hand(E0, E):
    g = ind.growth(E0, E)
    assert g.loc["F6", "ikt"] == pytest.approx((32 - 27) / 27)
    assert g.loc["F1", "fiske"] == 0
    assert np.isnan(g.loc["F3", "fiske"])  # nothing to grow from
    assert ind.annual_growth(E0, E, 3).loc["F6", "ikt"] == pytest.approx((32 / 27) ** (1 / 3) - 1)
    with pytest.raises(ValueError):
        ind.annual_growth(E0, E, 0)


def test_relative_productivity_by_hand(fjordland, E):
    VA = fjordland.matrix(2023, measure="value_added")
    rp = ind.relative_productivity(VA, E)
    # Sletteby's value added per person is 1.2 times the course's base; the nation's
    # IKT productivity is (12+6+3·0.9+2+5+32·1.2)·1400 / 60 per thousand employed.
    nation = (12 + 6 + 3 * 0.9 + 2 + 5 + 32 * 1.2) * 1400 / 60
    assert rp.loc["F6", "ikt"] == pytest.approx(1.2 * 1400 / nation)
    assert np.isnan(rp.loc["F3", "fiske"])


def test_shift_share_parts_sum_to_the_change(E0, E):
    parts = ind.shift_share(E0, E)
    total = parts["national"] + parts["mix"] + parts["regional"]
    assert np.allclose(total, parts["change"])
    g = E.values.sum() / E0.values.sum() - 1                       # 600 / 572 − 1
    g_ikt = 60 / 48 - 1
    assert parts["national"].loc["F6", "ikt"] == pytest.approx(27 * g)
    assert parts["mix"].loc["F6", "ikt"] == pytest.approx(27 * (g_ikt - g))
    assert parts["regional"].loc["F6", "ikt"] == pytest.approx(27 * ((32 / 27 - 1) - g_ikt))
    assert parts["regional"].sum(axis=0).abs().max() < 1e-9       # shifts cancel out nationally


def test_related_plus_unrelated_variety_is_total_entropy(fjordland, E):
    groups = fjordland.frame.drop_duplicates("industry").set_index("industry").parent
    v = ind.variety(E, groups)
    assert np.allclose(v.related + v.unrelated, v.total)
    assert np.allclose(v.total, ind.entropy(E))
    # Kystby by hand: groups primary 13, industry 19, private services 28, public 40 (of 100)
    P = np.array([.13, .19, .28, .40])
    assert v.loc["F1", "unrelated"] == pytest.approx(-(P * np.log2(P)).sum())


def test_variety_extremes():
    groups = pd.Series({"a": "g", "b": "g", "c": "h", "d": "h"})
    one_group = pd.DataFrame([[1, 1, 0, 0]], index=["r"], columns=list("abcd"))
    v = ind.variety(one_group, groups)
    assert v.loc["r", "unrelated"] == 0 and v.loc["r", "related"] == pytest.approx(1)
