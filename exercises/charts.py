"""Figures drawn with matplotlib, each returned as accessible HTML."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from . import display  # noqa: E402
from .provenance import Provenance  # noqa: E402

BAR = "#1f5f8b"   # contrast 7:1 on white
LINE = "#333333"


def lq_bar_chart(lq, title: str, provenance: Provenance, year: int, alt: str) -> str:
    """Horizontal bars of location quotients (a Series named by industry),
    with a labelled reference line at LQ = 1 and the value on each bar."""
    lq = lq.dropna().sort_values()
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(lq) + 1.2))
    ax.barh(list(lq.index), lq.values, color=BAR)
    ax.axvline(1, color=LINE, linestyle="--", linewidth=1)
    ax.text(1, len(lq) - 0.3, " LQ = 1 (som landet)", va="bottom", fontsize=9, color=LINE)
    for y, value in enumerate(lq.values):
        ax.text(value, y, " " + display.number(value, 2), va="center", fontsize=9)
    ax.set_xlabel("Lokaliseringskvotient (LQ)")
    ax.set_title(title, fontsize=11, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", labelsize=9)
    ax.set_xlim(0, max(lq.max() * 1.15, 1.3))
    html = display.figure(fig, alt, provenance, year)
    plt.close(fig)
    return html
