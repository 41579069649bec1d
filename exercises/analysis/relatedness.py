"""Relatedness between industries from where they are co-located, and how
close each region is to each industry (relatedness density).

Two industries count as related when the same regions are specialised in
both (LQ ≥ 1). With 15 counties this is a coarse signal: each year gives
only 15 observations, so observations can be pooled over several years
(each region-year is one observation).
"""

import numpy as np
import pandas as pd

from exercises.analysis.indicators import location_quotient


def presence(E: pd.DataFrame, threshold: float = 1.0, totals: pd.Series | None = None) -> pd.DataFrame:
    """M_ri = 1 if LQ_ri ≥ threshold, else 0 (missing cells count as 0);
    LQ with region ``totals`` as in :func:`location_quotient`."""
    return (location_quotient(E, totals=totals) >= threshold).astype(int)


def pooled_presence(presences: list[pd.DataFrame]) -> pd.DataFrame:
    """Presence matrices (:func:`presence`) of several years stacked: one row per region-year."""
    return pd.concat(presences, ignore_index=True)


def cooccurrence(M: pd.DataFrame) -> pd.DataFrame:
    """C_ij = number of observations (regions or region-years) with both
    i and j present; the diagonal C_ii counts where i is present."""
    values = M.to_numpy(dtype=float)
    return pd.DataFrame(values.T @ values, index=M.columns, columns=M.columns)


def proximity(M: pd.DataFrame) -> pd.DataFrame:
    """Proximity φ_ij = min(P(i|j), P(j|i)) = C_ij / max(C_ii, C_jj)
    (Hidalgo, Klinger, Barabási & Hausmann 2007). Symmetric, in [0, 1];
    the diagonal is set to 0 so that an industry is not related to itself.

    Hidalgo, C. A. et al. (2007). The product space conditions the
    development of nations. Science 317(5837), 482–487.
    """
    C = cooccurrence(M).to_numpy()
    ubiquity = np.diag(C)
    larger = np.maximum.outer(ubiquity, ubiquity)
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(larger > 0, C / larger, 0.0)
    np.fill_diagonal(phi, 0.0)
    return pd.DataFrame(phi, index=M.columns, columns=M.columns)


def cosine_similarity(M: pd.DataFrame) -> pd.DataFrame:
    """Cosine normalisation of co-occurrence: C_ij / √(C_ii · C_jj), a
    common alternative to φ that is less harsh on rare industries
    (van Eck & Waltman 2009). Diagonal set to 0.

    van Eck, N. J. & Waltman, L. (2009). How to normalize co-occurrence
    data? JASIST 60(8), 1635–1651.
    """
    C = cooccurrence(M).to_numpy()
    norms = np.sqrt(np.outer(np.diag(C), np.diag(C)))
    with np.errstate(divide="ignore", invalid="ignore"):
        cos = np.where(norms > 0, C / norms, 0.0)
    np.fill_diagonal(cos, 0.0)
    return pd.DataFrame(cos, index=M.columns, columns=M.columns)


def relatedness_density(M: pd.DataFrame, phi: pd.DataFrame) -> pd.DataFrame:
    """Relatedness density RD_ri = Σ_j M_rj φ_ij / Σ_j φ_ij, in [0, 1]: the
    share of industry i's related industries (weighted by proximity) that
    region r is specialised in (Hidalgo et al. 2007; EconGeo's
    relatedness.density). Missing where industry i is related to nothing.
    """
    phi = phi.reindex(index=M.columns, columns=M.columns)
    weights = phi.sum(axis=0)
    density = M.to_numpy(dtype=float) @ phi.to_numpy()
    return pd.DataFrame(density, index=M.index, columns=M.columns) / weights.where(weights > 0)


QUADRANTS = {
    (True, True): "Styrke med nære naboer",
    (True, False): "Styrke som står alene",
    (False, True): "Mulighet nær styrkene",
    (False, False): "Fjern mulighet",
}


def quadrant(lq: pd.Series, density: pd.Series) -> pd.Series:
    """Place each industry of one region in a quadrant of presence (LQ ≥ 1)
    × relatedness density (above the region's median density), after
    Harvard Growth Lab's Metroverse. Missing LQ or density: «Mangler data»."""
    high = density > density.median()
    labels = [QUADRANTS[(bool(present), bool(close))] for present, close in zip(lq >= 1, high)]
    result = pd.Series(labels, index=lq.index)
    return result.where(lq.notna() & density.notna(), "Mangler data")
