"""Specialisations that appear and disappear: the location quotient of one
region and industry over the years, and where it crosses 1 (pure).

An industry counts as a specialisation of a region when its LQ is at
least 1, as in the presence matrix of relatedness (Hidalgo et al. 2007).
Balland's EconGeo (``entry_mat``, ``exit_mat``) counts an *entry* when
that 0/1 presence goes from 0 to 1 between two periods and an *exit* when
it goes from 1 to 0 (Boschma, Balland & Kogler 2015). With one cut-off, an
industry whose LQ moves around 1 enters and exits year after year on noise
alone: SSB gives employment in thousands with one decimal, so an industry
of 500 employed can move 10 % from rounding only.

So this module asks for a clear step, with a band of tolerance around 1
(hysteresis): an industry *enters* in the first year its LQ is at least
``ENTER`` (1.1) after a year below ``LEAVE`` (0.9), and *exits* in the
first year its LQ is below ``LEAVE`` after a year at or above ``ENTER``.
A year inside the band changes nothing. The band of ±10 % is the course's
own choice, the size of the rounding in an industry of 500 employed.

Missing values (cells the source hides) are gaps: they are skipped, never
read as 0, and a crossing is found between the published years on either
side of a gap.

A hidden cell can also distort the national reference. The reference is
the sum of the regions' published cells; when SSB hides an industry in a
large region one year, the reference for that industry is too low that
year, and every region's LQ in it too high. :func:`reference_shortfall`
finds such years by comparing the reference with the published national
figure (which also holds the continental shelf, so the two differ by a
share that is stable for each industry): a year where the reference falls
more than ``SHORT`` (10 %: it then raises every LQ by 11 %, the width of
the band) further below the national figure
than the industry's median year is not comparable with the others, and is
treated as a gap.

Boschma, R., Balland, P.-A. & Kogler, D. F. (2015). Relatedness and
technological change in cities: the rise and fall of technological
knowledge in US metropolitan areas from 1981 to 2010. Industrial and
Corporate Change 24(1), 223–250.
Hidalgo, C. A., Klinger, B., Barabási, A.-L. & Hausmann, R. (2007). The
product space conditions the development of nations. Science 317, 482–487.
"""

from dataclasses import dataclass

import pandas as pd

ENTER = 1.1  # LQ at least this: clearly specialised
LEAVE = 0.9  # LQ below this: clearly not
ENTRY, EXIT = "inn", "ut"
SHORT = 0.1  # a reference this much below its usual level makes the year a gap


@dataclass(frozen=True)
class Crossing:
    """One entry or exit: ``kind`` is ENTRY or EXIT, ``year`` the first year
    on the new side of the band, ``since`` the last year on the old side,
    ``before`` and ``after`` the LQ in those two years."""
    kind: str
    year: int
    since: int
    before: float
    after: float


def side(lq: float, enter: float = ENTER, leave: float = LEAVE) -> bool | None:
    """True: specialised (LQ ≥ enter); False: not (LQ < leave); None: in the band or missing."""
    if pd.isna(lq):
        return None
    if lq >= enter:
        return True
    if lq < leave:
        return False
    return None


def crossings(series: pd.Series, enter: float = ENTER, leave: float = LEAVE) -> list[Crossing]:
    """Every entry and exit in one LQ series (index: years), in time order."""
    if not leave <= enter:
        raise ValueError("leave must not be above enter")
    events, state, last = [], None, None
    for year, lq in series.sort_index().items():
        now = side(lq, enter, leave)
        if now is None:
            continue
        if state is not None and now != state:
            events.append(Crossing(ENTRY if now else EXIT, int(year), int(last[0]), float(last[1]), float(lq)))
        state, last = now, (year, lq)
    return events


def always(series: pd.Series, enter: float = ENTER) -> bool:
    """Whether every published year has LQ ≥ ``enter`` (and at least one is published)."""
    known = series.dropna()
    return bool(len(known)) and bool((known >= enter).all())


def reference_shortfall(reference: pd.DataFrame, national: pd.DataFrame) -> pd.DataFrame:
    """How much lower the reference is than usual, industry × year: with
    r_iy = reference_iy / national_iy (the sum of the regions' published
    cells over the published national figure), 1 − r_iy / median_y(r_iy).
    About 0 in an ordinary year; 0.2 when a fifth of the usual reference is
    missing. Missing where either figure is missing or 0."""
    ratio = reference / national.where(national > 0)
    usual = ratio.median(axis=1)
    return 1 - ratio.div(usual.where(usual > 0), axis=0)
