"""How alike the industry structures of two regions are: small pure
functions on a regions × industries matrix of shares (s_ri, see
:mod:`exercises.analysis.indicators`).

Measure: Krugman's dissimilarity between two regions r and q,

    K_rq = Σ_i |s_ri − s_qi|,

the sum of the absolute differences between their industry shares: 0 when
the two have the same mix, 2 when they have no industry in common. Half of
it is the share of employment that would have to change industry for the
two regions to have the same mix. It is the course's Krugman index
(:func:`exercises.analysis.indicators.krugman_index`) with another region in
place of the nation: Krugman (1991) used it to compare pairs of regions
(US regions, EU countries). The most similar regions are those with the
smallest K. Comparing with structurally similar regions rather than with
the best performers follows the S3 Platform's regional benchmarking
(Navarro et al. 2014), which measures structure with many more variables
than the industry mix used here.

Missing cells (suppressed in the source) never count as 0: each pair is
compared on the industries published for both, and :func:`compared` says
how many that is. With fewer industries a pair has fewer terms in the sum,
so a pair with many hidden cells looks a little more alike than it is.

Krugman, P. (1991). Geography and Trade. MIT Press.
Navarro, M., Gibaja, J. J., Franco, S., Murciego, A., Gianelle, C., Hegyi,
F. B. & Kleibrink, A. (2014). Regional benchmarking in the smart
specialisation process: Identification of reference regions based on
structural similarity. S3 Working Paper Series 03/2014, European
Commission, Joint Research Centre.
"""

import numpy as np
import pandas as pd


def _published(S: pd.DataFrame) -> np.ndarray:
    return S.notna().to_numpy(dtype=float)


def krugman_dissimilarity(S: pd.DataFrame) -> pd.DataFrame:
    """K_rq for every pair of regions (rows of ``S``, a regions × industries
    matrix of shares), over the industries published for both; 0 on the
    diagonal. Missing where two regions have no industry in common."""
    values = S.to_numpy(dtype=float)
    both = _published(S)[:, None, :] * _published(S)[None, :, :]
    gaps = np.abs(np.nan_to_num(values)[:, None, :] - np.nan_to_num(values)[None, :, :]) * both
    K = gaps.sum(axis=2)
    K[both.sum(axis=2) == 0] = np.nan
    return pd.DataFrame(K, index=S.index, columns=S.index)


def compared(S: pd.DataFrame) -> pd.DataFrame:
    """How many industries each pair of regions is compared on: those published for both."""
    published = _published(S)
    return pd.DataFrame(published @ published.T, index=S.index, columns=S.index).astype(int)


def nearest(K: pd.DataFrame, region: str, count: int | None = None) -> pd.Series:
    """The other regions by their dissimilarity to ``region``, most similar
    (smallest K) first; equal K keep the order of the regions' codes."""
    others = K.loc[region].drop(region).dropna()
    order = sorted(others.index, key=lambda other: (others[other], str(other)))
    result = others.loc[order]
    return result if count is None else result.head(count)
