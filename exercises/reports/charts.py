"""Figures drawn with matplotlib, each returned as accessible HTML."""

import matplotlib

from exercises.core.numbers import number

matplotlib.use("Agg")
# Text stays text in SVG (a third of the size of drawn glyphs), in fonts every reader has.
matplotlib.rcParams["svg.fonttype"] = "none"
matplotlib.rcParams["font.family"] = "sans-serif"
matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans", "Arial", "Helvetica", "Liberation Sans"]
import matplotlib.pyplot as plt  # noqa: E402

from exercises.data.provenance import Provenance  # noqa: E402
from exercises.reports import display  # noqa: E402

BAR = "#1f5f8b"   # contrast 7:1 on white
LINE = "#333333"


def _label_bars(ax, values) -> None:
    """The value written at the end of each horizontal bar, so it reads without the axis."""
    for y, value in enumerate(values):
        ax.text(value, y, " " + number(value, 2), va="center", fontsize=9)


def _finish(fig, ax, title: str, alt: str, provenance: Provenance, year: int, *, frame: bool = True,
            **figure_options) -> str:
    """Every chart ends the same way: the title at the left, no box around
    the plot (``frame``), and the figure as accessible HTML with its source."""
    ax.set_title(title, fontsize=11, loc="left")
    if frame:
        ax.spines[["top", "right"]].set_visible(False)
    try:
        return display.figure(fig, alt, provenance, year, **figure_options)
    finally:
        plt.close(fig)


def lq_bar_chart(lq, title: str, provenance: Provenance, year: int, alt: str, note: str = "") -> str:
    """Horizontal bars of location quotients (a Series named by industry),
    with a labelled reference line at LQ = 1 and the value on each bar.
    Every chart says ``note`` (e.g. the national reference) after its source."""
    lq = lq.dropna().sort_values()
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(lq) + 1.2))
    ax.barh(list(lq.index), lq.values, color=BAR)
    ax.axvline(1, color=LINE, linestyle="--", linewidth=1)
    ax.text(1, len(lq) - 0.3, " LQ = 1 (som landet)", va="bottom", fontsize=9, color=LINE)
    _label_bars(ax, lq.values)
    ax.set_xlabel("Lokaliseringskvotient (LQ)")
    ax.tick_params(axis="y", labelsize=9)
    ax.set_xlim(0, max(lq.max() * 1.15, 1.3))
    return _finish(fig, ax, title, alt, provenance, year, extra_credit=note)


# Okabe–Ito colours (safe for colour blindness); shapes and labels carry the
# meaning too, never colour alone.
COLOURS = {"blue": "#0072B2", "orange": "#D55E00", "green": "#009E73", "grey": "#555555", "purple": "#CC79A7"}
QUADRANT_STYLE = {
    "Styrke med nære naboer": ("o", COLOURS["blue"]),
    "Styrke som står alene": ("s", COLOURS["orange"]),
    "Mulighet nær styrkene": ("^", COLOURS["green"]),
    "Fjern mulighet": ("x", COLOURS["grey"]),
}


def quadrant_chart(table, title: str, provenance: Provenance, year: int, alt: str, label: int = 6,
                   note: str = "") -> str:
    """LQ (log scale) against relatedness density, one marker shape per
    quadrant; the industries of highest LQ and the closest opportunities
    are named."""
    data = table.dropna(subset=["lq", "density"])
    data = data[data.lq > 0]
    fig, ax = plt.subplots(figsize=(8, 5.5))
    for name, (marker, colour) in QUADRANT_STYLE.items():
        part = data[data.quadrant == name]
        ax.scatter(part.lq, part.density, marker=marker, color=colour, s=45, label=f"{name} ({len(part)})")
    ax.set_xscale("log")
    ticks = [t for t in (0.1, 0.25, 0.5, 1, 2, 4, 8) if data.lq.min() / 1.5 <= t <= data.lq.max() * 1.5]
    ax.set_xticks(ticks, [number(t, 2 if t < 0.5 else 1 if t < 1 else 0) for t in ticks])
    ax.minorticks_off()
    ax.axvline(1, color=LINE, linestyle="--", linewidth=1)
    ax.axhline(data.density.median(), color=LINE, linestyle=":", linewidth=1)
    chances = data[data.quadrant == "Mulighet nær styrkene"]
    named = data.sort_values("lq", ascending=False).head(label // 2).index.union(
        chances.sort_values("density", ascending=False).head(label // 2).index)
    for industry in named:
        row = data.loc[industry]
        ax.annotate(_short(row["name"]), (row.lq, row.density), fontsize=8, xytext=(4, 3), textcoords="offset points")
    ax.set_xlabel("Spesialisering: LQ (logaritmisk skala, stiplet linje = 1)")
    ax.set_ylabel("Relatert tetthet (prikket linje = fylkets median)")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, frameon=False)
    return _finish(fig, ax, title, alt, provenance, year, extra_credit=note)


def paired_bars(frame, labels: tuple[str, str], title: str, xlabel: str, provenance: Provenance,
                year: int, alt: str, note: str = "") -> str:
    """Two horizontal bars per row (e.g. county share and national share);
    the second is hatched so the pair reads without colour."""
    frame = frame.iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(frame) + 1.2))
    y = range(len(frame))
    ax.barh([v + 0.2 for v in y], frame.iloc[:, 0], height=0.4, color=COLOURS["blue"], label=labels[0])
    ax.barh([v - 0.2 for v in y], frame.iloc[:, 1], height=0.4, color="white", edgecolor=COLOURS["orange"],
            hatch="///", label=labels[1])
    ax.set_yticks(list(y), [_short(n, 45) for n in frame.index], fontsize=9)
    ax.set_xlabel(xlabel)
    ax.legend(fontsize=9, frameon=False, loc="lower right")
    return _finish(fig, ax, title, alt, provenance, year, extra_credit=note)


def shift_share_chart(parts, title: str, provenance: Provenance, year: int, alt: str, note: str = "") -> str:
    """Stacked bars of the three shift-share parts per industry, with the
    total change marked by a black diamond."""
    parts = parts.iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.42 * len(parts) + 1.4))
    styles = [("national", "Nasjonal vekst", COLOURS["grey"], ""),
              ("mix", "Næringsstruktur", COLOURS["blue"], "\\\\"),
              ("regional", "Regional forskyvning", COLOURS["orange"], "///")]
    y = list(range(len(parts)))
    positive, negative = [0.0] * len(parts), [0.0] * len(parts)
    for column, label, colour, hatch in styles:
        values = parts[column].fillna(0).tolist()
        left = [p if v >= 0 else n for v, p, n in zip(values, positive, negative)]
        ax.barh(y, values, left=left, color=colour, hatch=hatch, edgecolor="white", label=label)
        positive = [p + max(v, 0) for v, p in zip(values, positive)]
        negative = [n + min(v, 0) for v, n in zip(values, negative)]
    ax.scatter(parts["change"], y, marker="D", color="black", zorder=3, label="Endring i alt")
    ax.axvline(0, color=LINE, linewidth=0.8)
    ax.set_yticks(y, [_short(n, 45) for n in parts.index], fontsize=9)
    ax.set_xlabel("Endring i sysselsatte (1000 personer)")
    ax.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.4, -0.08), ncol=4)
    return _finish(fig, ax, title, alt, provenance, year, extra_credit=note)


def choropleth(values, shapes: dict, title: str, legend: str, provenance: Provenance, year: int,
               alt: str, map_credit: str, note: str = "") -> str:
    """Counties coloured by a value (light = low, dark = high), each
    labelled with its value, so the map can be read without colour."""
    from matplotlib import cm, colors
    from matplotlib.patches import Polygon

    fig, ax = plt.subplots(figsize=(7, 8))
    scale = colors.Normalize(vmin=values.min(), vmax=values.max())
    palette = plt.get_cmap("Blues")
    for code, shape in shapes.items():
        value = values.get(code)
        fill = palette(0.15 + 0.8 * scale(value)) if value is not None and value == value else "#eeeeee"
        for ring in shape["polygons"]:
            ax.add_patch(Polygon(ring, closed=True, facecolor=fill, edgecolor="white", linewidth=0.4))
        lon, lat = shape["label_point"]
        text = number(value, 2) if value is not None and value == value else "–"
        ax.annotate(text, (lon, lat), ha="center", va="center", fontsize=8,
                    bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
    ax.autoscale_view()
    ax.set_aspect(2.2)  # about 1/cos(63°): longitude degrees are shorter this far north
    ax.axis("off")
    bar = fig.colorbar(cm.ScalarMappable(norm=scale, cmap=palette), ax=ax, shrink=0.5)
    bar.set_label(legend)
    bar.ax.yaxis.set_major_formatter(lambda v, _: number(v, 2))
    return _finish(fig, ax, title, alt, provenance, year, frame=False, format="png",
                   extra_credit=" ".join(filter(None, [note, map_credit])))


def _short(name: str, width: int = 32) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def value_bars(values, title: str, xlabel: str, provenance: Provenance, year: int, alt: str, note: str = "") -> str:
    """One bar per region, sorted, with the value written on each bar."""
    values = values.dropna().sort_values()
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(values) + 1.2))
    ax.barh(list(values.index), values.values, color=BAR)
    _label_bars(ax, values.values)
    ax.set_xlabel(xlabel)
    return _finish(fig, ax, title, alt, provenance, year, extra_credit=note)


def heatmap(matrix, title: str, provenance: Provenance, year: int, alt: str) -> str:
    """A square matrix (e.g. proximity φ) as a heat map, every cell labelled
    with its value, so that it can be read without telling colours apart."""
    n = len(matrix)
    fig, ax = plt.subplots(figsize=(0.6 * n + 3, 0.6 * n + 2))
    image = ax.imshow(matrix.values, cmap="Blues", vmin=0, vmax=1)
    labels = [_short(name, 28) for name in matrix.index]
    ax.set_xticks(range(n), labels, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(n), labels, fontsize=8)
    for i in range(n):
        for j in range(n):
            value = matrix.values[i, j]
            if i != j:
                ax.text(j, i, number(value, 2), ha="center", va="center", fontsize=7,
                        color="white" if value > 0.7 else "black")
    bar = fig.colorbar(image, ax=ax, shrink=0.6)
    bar.set_label("Nærhet φ (0–1)")
    bar.ax.yaxis.set_major_formatter(lambda v, _: number(v, 1))
    return _finish(fig, ax, title, alt, provenance, year, frame=False)
