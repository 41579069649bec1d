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
"""

import numpy as np
import pandas as pd


def shares(E: pd.DataFrame) -> pd.DataFrame:
    """Industry shares of each region: s_ri = E_ri / Σ_i E_ri."""
    return E.div(E.sum(axis=1), axis=0)


def national_shares(E: pd.DataFrame, national: pd.Series | None = None) -> pd.Series:
    """Industry shares of the nation: s_i = E_i / E.

    Reference: the sum of the regions in ``E``, or ``national`` if given.
    """
    totals = E.sum(axis=0) if national is None else national.reindex(E.columns)
    return totals / totals.sum()


def location_quotient(E: pd.DataFrame, national: pd.Series | None = None) -> pd.DataFrame:
    """Location quotient LQ_ri = s_ri / s_i (Balassa 1965).

    LQ > 1: the industry's share of the region's employment is larger than
    its share nationally. Reference as in :func:`national_shares`.
    Balassa, B. (1965). Trade liberalisation and «revealed» comparative
    advantage. The Manchester School 33(2), 99–123.
    """
    return shares(E) / national_shares(E, national)


def krugman_index(E: pd.DataFrame, national: pd.Series | None = None) -> pd.Series:
    """Krugman specialisation index K_r = Σ_i |s_ri − s_i|, from 0 (same mix
    as the nation) to 2 (no industry in common).

    Krugman, P. (1991). Geography and Trade. MIT Press.
    Reference as in :func:`national_shares`.
    """
    return (shares(E) - national_shares(E, national)).abs().sum(axis=1)


def herfindahl_index(E: pd.DataFrame) -> pd.Series:
    """Herfindahl index H_r = Σ_i s_ri², from 1/n (employment spread evenly
    over n industries) to 1 (all in one). Needs no national reference.

    Herfindahl, O. C. (1950). Concentration in the steel industry. PhD thesis,
    Columbia University; Hirschman, A. O. (1945). National Power and the
    Structure of Foreign Trade. University of California Press.
    """
    return (shares(E) ** 2).sum(axis=1)


def entropy(E: pd.DataFrame, base: float = 2) -> pd.Series:
    """Shannon entropy of each region's industry mix, −Σ_i s_ri log s_ri
    (0·log 0 = 0), in bits for base 2. High: diversified; 0: one industry.
    Needs no national reference.

    Shannon, C. E. (1948). A mathematical theory of communication. Bell
    System Technical Journal 27, 379–423; used for regional variety by
    Frenken, K., Van Oort, F. & Verburg, T. (2007). Related variety,
    unrelated variety and regional economic growth. Regional Studies 41(5).
    """
    s = shares(E)
    logs = np.log(s.where(s > 0)) / np.log(base)
    return -(s * logs).sum(axis=1)
