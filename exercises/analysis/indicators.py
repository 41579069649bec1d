"""Specialisation indicators: small pure functions on pandas objects.

Notation: E is a regions × industries matrix of employment (or another
additive measure), E_ri one cell, E_r = Σ_i E_ri a region's total,
E_i = Σ_r E_ri an industry's total and E = Σ_r Σ_i E_ri the grand total.
s_ri = E_ri / E_r and s_i = E_i / E.

National reference: every function that compares with the nation takes
``national``. Left as None, s_i is computed from the sum of the regions in E.
Given a Series of published national figures by industry (SSB's «Hele
landet», which also holds the continental shelf), s_i is computed from it.
Missing cells (suppressed in the source) are left out of the sums.

Region totals: every function that takes ``totals`` divides by them (E_r as
published, e.g. SSB's «Totalt for næringer») instead of by Σ_i E_ri. Where the
source hides cells, Σ_i E_ri is below the published total, and dividing by it
would inflate every other share of that region.
"""

import numpy as np
import pandas as pd

# The course's line for «clearly specialised» (LQ at least this); the literature has no fixed rule.
CLEARLY_SPECIALISED = 1.25


def shares(E: pd.DataFrame, totals: pd.Series | None = None) -> pd.DataFrame:
    """Industry shares of each region: s_ri = E_ri / E_r, with E_r = Σ_i E_ri,
    or the region's total from ``totals`` if given."""
    return E.div(E.sum(axis=1) if totals is None else totals.reindex(E.index), axis=0)


def national_shares(E: pd.DataFrame, national: pd.Series | None = None,
                    totals: pd.Series | None = None, national_total: float | None = None) -> pd.Series:
    """Industry shares of the nation: s_i = E_i / E.

    Reference: the sum of the regions in ``E``, or ``national`` if given
    (the nation's figures by industry, with ``national_total`` its published
    total; without it, their sum). With ``totals`` (each region's total) and
    no ``national``, E is the sum of ``totals``.
    """
    industry = E.sum(axis=0) if national is None else national.reindex(E.columns)
    if national is not None:
        whole = industry.sum() if national_total is None else national_total
    else:
        whole = industry.sum() if totals is None else totals.reindex(E.index).sum()
    return industry / whole


def location_quotient(E: pd.DataFrame, national: pd.Series | None = None,
                      totals: pd.Series | None = None, national_total: float | None = None) -> pd.DataFrame:
    """Location quotient LQ_ri = s_ri / s_i.

    LQ > 1: the industry's share of the region's employment is larger than
    its share nationally. Reference as in :func:`national_shares`; region
    totals as in :func:`shares`. The course passes the sum of the main
    totals as ``totals`` (:meth:`Dataset.location_quotients`), so that an
    industry has the same LQ in a table of main groups and of detailed ones,
    and a hidden cell does not raise the others.
    The quotient is older than Balassa's index: it has been used in
    regional analysis since the 1940s (Crawley, Beynon & Munday 2013) and
    is set out in Isard (1960). Balassa (1965) applied the same ratio to
    exports («revealed comparative advantage»), its trade analogue.
    Crawley, A., Beynon, M. & Munday, M. (2013). Making location quotients
    more relevant as a policy aid in regional spatial analysis. Urban
    Studies 50(9), 1854–1869. doi:10.1177/0042098012466601
    Isard, W. (1960). Methods of Regional Analysis. MIT Press.
    Balassa, B. (1965). Trade liberalisation and «revealed» comparative
    advantage. The Manchester School 33(2), 99–123.
    """
    return shares(E, totals) / national_shares(E, national, totals, national_total)


def krugman_index(E: pd.DataFrame, national: pd.Series | None = None,
                  totals: pd.Series | None = None, national_total: float | None = None) -> pd.Series:
    """Krugman specialisation index K_r = Σ_i |s_ri − s_i|, the sum of the
    absolute differences, from 0 (same mix as the nation) to 2 (no industry
    in common).

    Krugman, P. (1991). Geography and Trade. MIT Press.
    Reference and totals as in :func:`location_quotient`.
    """
    return (shares(E, totals) - national_shares(E, national, totals, national_total)).abs().sum(axis=1)


def herfindahl_index(E: pd.DataFrame, totals: pd.Series | None = None) -> pd.Series:
    """Herfindahl index H_r = Σ_i s_ri², from 1/n (employment spread evenly
    over n industries) to 1 (all in one). Needs no national reference.

    Herfindahl, O. C. (1950). Concentration in the steel industry. PhD thesis,
    Columbia University; Hirschman, A. O. (1945). National Power and the
    Structure of Foreign Trade. University of California Press.
    """
    return (shares(E, totals) ** 2).sum(axis=1)


def entropy(E: pd.DataFrame, base: float = 2, totals: pd.Series | None = None) -> pd.Series:
    """Shannon entropy of each region's industry mix, −Σ_i s_ri log s_ri
    (0·log 0 = 0), in bits for base 2. High: diversified; 0: one industry.
    Needs no national reference.

    Shannon, C. E. (1948). A mathematical theory of communication. Bell
    System Technical Journal 27, 379–423; used for regional variety by
    Frenken, K., Van Oort, F. & Verburg, T. (2007). Related variety,
    unrelated variety and regional economic growth. Regional Studies 41(5).
    """
    s = shares(E, totals)
    logs = np.log(s.where(s > 0)) / np.log(base)
    return -(s * logs).sum(axis=1)


def growth(E_start: pd.DataFrame, E_end: pd.DataFrame) -> pd.DataFrame:
    """Relative change over a period: (E¹_ri − E⁰_ri) / E⁰_ri.

    Missing where the start value is 0 or missing."""
    return (E_end - E_start) / E_start.where(E_start != 0)


def annual_growth(E_start: pd.DataFrame, E_end: pd.DataFrame, years: int) -> pd.DataFrame:
    """Average annual growth rate over ``years`` years: (E¹/E⁰)^(1/years) − 1."""
    if years <= 0:
        raise ValueError("years must be positive")
    ratio = E_end / E_start.where(E_start > 0)
    return ratio.where(ratio > 0) ** (1 / years) - 1


def relative_productivity(VA: pd.DataFrame, E: pd.DataFrame,
                          national_VA: pd.Series | None = None,
                          national_E: pd.Series | None = None) -> pd.DataFrame:
    """Value added per employed person relative to the nation in the same
    industry: (VA_ri / E_ri) / (VA_i / E_i). Above 1: more productive than
    the industry nationally.

    Reference: the sum of the regions, or the published national figures if
    both ``national_VA`` and ``national_E`` are given. Value added is in
    current prices, so compare within one year only.
    """
    if national_VA is None or national_E is None:
        national_VA, national_E = VA.sum(axis=0), E.sum(axis=0)
    regional = VA / E.where(E > 0)
    nation = national_VA.reindex(VA.columns) / national_E.reindex(E.columns).where(lambda s: s > 0)
    return regional / nation


def shift_share(E_start: pd.DataFrame, E_end: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Shift-share decomposition of each cell's change ΔE_ri = E¹_ri − E⁰_ri:

        national growth  NS_ri = E⁰_ri · g
        industry mix     IM_ri = E⁰_ri · (g_i − g)
        regional shift   RS_ri = E⁰_ri · (g_ri − g_i)

    with g the growth of all employment, g_i of industry i nationally and
    g_ri of industry i in region r (reference: the sum of the regions). The
    three parts sum to ΔE_ri; RS is computed as the remainder, so that this
    also holds where E⁰_ri = 0. Cells missing in either year are left out.

    Dunn, E. S. (1960). A statistical and analytical technique for regional
    analysis. Papers in Regional Science 6(1), 97–112.
    """
    both = E_start.notna() & E_end.notna()
    E0, E1 = E_start.where(both), E_end.where(both)
    g = E1.values[both.values].sum() / E0.values[both.values].sum() - 1
    g_i = E1.sum(axis=0) / E0.sum(axis=0).where(lambda s: s != 0) - 1
    change = E1 - E0
    national = E0 * g
    mix = E0 * (g_i - g)
    return {"change": change, "national": national, "mix": mix, "regional": change - national - mix}


def variety(E: pd.DataFrame, groups: pd.Series, base: float = 2, totals: pd.Series | None = None) -> pd.DataFrame:
    """Entropy decomposition into unrelated and related variety (Frenken,
    Van Oort & Verburg 2007), for each region.

    With p_i the shares of the fine industries and P_g = Σ_{i∈g} p_i the
    shares of the broad groups (``groups`` maps industry -> group):

        unrelated variety  UV = Σ_g P_g log(1/P_g)
        related variety    RV = Σ_g P_g H_g,  H_g = Σ_{i∈g} (p_i/P_g) log(P_g/p_i)

    and UV + RV equals the entropy of the fine shares (column ``total``).
    Shares of ``totals`` if given (see :func:`shares`).
    Frenken, K., Van Oort, F. & Verburg, T. (2007). Regional Studies 41(5), 685–697.
    """
    p = shares(E, totals)
    P = p.T.groupby(groups.reindex(p.columns)).sum().T
    unrelated = entropy(P, base, totals=pd.Series(1.0, index=P.index))  # P is already a share
    within = p.T.groupby(groups.reindex(p.columns)).apply(lambda block: entropy(block.T, base)).T
    related = (P * within.reindex(columns=P.columns)).sum(axis=1)
    return pd.DataFrame({"total": entropy(E, base, totals), "unrelated": unrelated, "related": related})
