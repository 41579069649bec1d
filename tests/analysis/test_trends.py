"""Entries and exits of a specialisation (exercises/analysis/trends.py): the
band 0.9–1.1, gaps, and the years whose national reference lacks hidden
cells, against series made by hand."""

import numpy as np
import pandas as pd
import pytest

from exercises.analysis.trends import ENTRY, EXIT, Crossing, always, crossings, reference_shortfall, side


def series(*values):
    return pd.Series(values, index=range(2008, 2008 + len(values)), dtype=float)


def test_an_entry_needs_a_year_below_the_band_then_one_above_it():
    # 0.85 (out) 0.95 (band) 1.05 (band) 1.12 (in): one entry in 2011, since 2008
    assert crossings(series(0.85, 0.95, 1.05, 1.12)) == [Crossing(ENTRY, 2011, 2008, 0.85, 1.12)]
    # starting in the band and rising: no entry, there was never a year below 0.9
    assert crossings(series(0.95, 1.05, 1.20, 1.40)) == []
    # wobbling around 1 inside the band: nothing
    assert crossings(series(0.92, 1.08, 0.91, 1.09, 0.95)) == []


def test_an_exit_and_a_return():
    found = crossings(series(1.3, 1.2, 0.85, 0.95, 1.15))
    assert found == [Crossing(EXIT, 2010, 2009, 1.2, 0.85), Crossing(ENTRY, 2012, 2010, 0.85, 1.15)]


def test_the_band_edges():
    assert side(1.1) is True and side(0.9) is None and side(0.8999) is False and side(np.nan) is None
    assert crossings(series(0.89, 1.1)) == [Crossing(ENTRY, 2009, 2008, 0.89, 1.1)]
    assert crossings(series(0.9, 1.1)) == []  # 0.9 is inside the band


def test_a_gap_is_skipped_never_read_as_zero():
    # hidden in 2009 and 2010: the exit is read across the gap, not at the gap
    found = crossings(series(1.5, np.nan, np.nan, 0.7))
    assert found == [Crossing(EXIT, 2011, 2008, 1.5, 0.7)]
    assert crossings(series(1.5, np.nan, 1.4)) == []  # a gap inside a strength is no exit
    assert always(series(1.5, np.nan, 1.4)) and not always(series(np.nan, np.nan)) and not always(series(1.5, 1.0))


def test_the_band_can_be_set_and_must_be_a_band():
    assert crossings(series(0.95, 1.05), enter=1.0, leave=1.0) == [Crossing(ENTRY, 2009, 2008, 0.95, 1.05)]
    with pytest.raises(ValueError):
        crossings(series(1.0), enter=0.9, leave=1.1)


def test_reference_shortfall_against_its_usual_level():
    # transport: the counties sum to the nation each year, but in 2010 a fifth is hidden;
    # oil: the counties always hold 70 % (the rest is on the shelf): no shortfall.
    reference = pd.DataFrame({2008: [100.0, 70.0], 2009: [100.0, 70.0], 2010: [80.0, 70.0]}, index=["transport", "olje"])
    national = pd.DataFrame({2008: [100.0, 100.0], 2009: [100.0, 100.0], 2010: [100.0, 100.0]},
                            index=["transport", "olje"])
    short = reference_shortfall(reference, national)
    assert short.loc["transport", 2010] == pytest.approx(0.2)
    assert short.loc["transport", 2008] == pytest.approx(0) and (short.loc["olje"] == 0).all()
