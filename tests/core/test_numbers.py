"""Numbers the Norwegian way, the same in every table, message and draft."""

import math

import numpy as np
import pandas as pd
import pytest

from exercises.core.numbers import NBSP, number, percent


@pytest.mark.parametrize("value, decimals, shown", [
    (12345.6, 1, f"12{NBSP}345,6"),
    (5.2249, 2, "5,22"),
    (-1234567, 0, f"-1{NBSP}234{NBSP}567"),
    (np.int64(7), 0, "7"),
    (np.float64(0.5), 2, "0,50"),
])
def test_numbers_have_a_decimal_comma_and_no_break_spaces(value, decimals, shown):
    assert number(value, decimals) == shown


@pytest.mark.parametrize("value", [None, math.nan, math.inf, -math.inf, pd.NA, "12", True, False, [1]])
def test_anything_but_a_finite_number_shows_as_a_dash(value):
    assert number(value) == "–" and percent(value) == "–"


def test_a_share_shows_as_percent():
    assert percent(0.125) == f"12,5{NBSP}%"
    assert percent(0.01, 0) == f"1{NBSP}%"
