"""Relatedness: co-occurrence, proximity, cosine, density and quadrants,
against a small hand-made example and invariants on real data."""

import numpy as np
import pandas as pd
import pytest

from exercises.analysis import relatedness as rl

# Four regions, three industries: a and b always together, c alone.
M = pd.DataFrame([[1, 1, 0], [1, 1, 0], [1, 0, 1], [0, 0, 1]], index=list("pqrs"), columns=list("abc"))


def test_cooccurrence_by_hand():
    C = rl.cooccurrence(M)
    assert C.loc["a", "b"] == 2 and C.loc["a", "a"] == 3 and C.loc["b", "c"] == 0


def test_proximity_is_the_smaller_conditional_probability():
    phi = rl.proximity(M)
    assert phi.loc["a", "b"] == pytest.approx(min(2 / 3, 2 / 2))
    assert phi.loc["a", "c"] == pytest.approx(min(1 / 3, 1 / 2))
    assert phi.loc["b", "c"] == 0
    assert (np.diag(phi) == 0).all()


def test_cosine_by_hand():
    cos = rl.cosine_similarity(M)
    assert cos.loc["a", "b"] == pytest.approx(2 / np.sqrt(3 * 2))


def test_density_by_hand():
    phi = rl.proximity(M)
    density = rl.relatedness_density(M, phi)
    # region s has only c: density of a = φ_ac / (φ_ab + φ_ac)
    assert density.loc["s", "a"] == pytest.approx((1 / 3) / (2 / 3 + 1 / 3))
    assert density.loc["p", "c"] == pytest.approx(1)  # p has a, c's only neighbour


def test_presence_uses_lq_of_one(fjordland):
    present = rl.presence(fjordland.matrix(2023))
    assert present.loc["F1", "fiske"] == 1 and present.loc["F1", "jordbruk"] == 0
    assert present.loc["F1", "reiseliv"] == 1  # LQ exactly 1 counts


def test_presence_of_a_region_divides_by_its_given_total():
    E = pd.DataFrame({"a": [10.0, 10.0], "b": [10.0, np.nan]}, index=["r", "s"])  # s hides b
    with_totals = rl.presence(E, totals=pd.Series({"r": 20.0, "s": 40.0}))
    assert with_totals.loc["s", "a"] == 0  # a is 25 % of s, against 30 % of all: not specialised
    assert rl.presence(E).loc["s", "a"] == 1  # divided by what happens to be published, s looks specialised


def test_invariants_on_real_data(real):
    Ms = real.pooled_presence
    assert len(Ms) == 15 * 12
    assert Ms.iloc[-15:].reset_index(drop=True).equals(real.presence(2019).reset_index(drop=True))
    for measure in (rl.proximity(Ms), rl.cosine_similarity(Ms)):
        assert np.allclose(measure, measure.T)
        assert ((measure.values >= 0) & (measure.values <= 1)).all()
    density = rl.relatedness_density(real.presence(2019), real.proximity)
    values = density.to_numpy()
    assert np.nanmin(values) >= 0 and np.nanmax(values) <= 1
    assert density.shape == (15, 35)


def test_quadrants():
    lq = pd.Series({"w": 2.0, "x": 1.5, "y": 0.5, "z": 0.2, "v": np.nan})
    density = pd.Series({"w": 0.9, "x": 0.1, "y": 0.8, "z": 0.2, "v": 0.5})
    q = rl.quadrant(lq, density)
    assert q.to_dict() == {"w": "Styrke med nære naboer", "x": "Styrke som står alene",
                           "y": "Mulighet nær styrkene", "z": "Fjern mulighet", "v": "Mangler data"}
