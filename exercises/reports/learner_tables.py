"""Tables and figures drawn from what the learner saved (their own answers,
not the statistics), as accessible HTML with a source line."""

import math
from html import escape

import pandas as pd

from exercises.data.provenance import OwnWork
from exercises.models import planning, self_assessment
from exercises.models.analysis_links import Analysis, data_source
from exercises.models.merge import KINDS, Merged
from exercises.models.stakeholders import HELICES, LEVELS, Actor
from exercises.reports import display
from exercises.reports.charts import COLOURS, LINE, plt  # charts sets matplotlib up (no display, fonts)
from exercises.workbook.shapes import entry
from exercises.workbook.store import Workbook


# the priorities' links to the analysis ------------------------------------------------------------
def links_table(analysis: Analysis, workbook: Workbook) -> str:
    """The strengths and niches a priority can link to, with where they come from."""
    rows = "".join(f"<tr><td>{escape(link.name)}</td><td>{link.kind}</td></tr>" for link in analysis.links)
    sources = " ".join(dict.fromkeys(data_source(entry(workbook, s)) for s in analysis.sections))
    return display.table_frame("Styrker og nisjer du har lagret",
                               '<tr><th scope="col">Næring</th><th scope="col">Styrke eller nisje</th></tr>', rows,
                               display.source_text(f"Kilde: dine valg i {analysis.where()}. {sources}"))


# the placements in the planning system ------------------------------------------------------------
def placement_table(answer: dict) -> str:
    """Where the learner put each part, next to the course's suggestion."""
    rows = "".join(
        f'<tr><th scope="row">{escape(e.label)}</th>'
        f'<td>{escape(planning.PLACES.get(answer["placements"].get(k), "–"))}</td>'
        f"<td>{escape(planning.PLACES[e.best])}</td></tr>" for k, e in planning.ELEMENTS.items())
    return display.table_frame(
        "Arbeidet ditt i plansystemet",
        '<tr><th scope="col">Del av arbeidet</th><th scope="col">Ditt valg</th><th scope="col">Kursets forslag</th></tr>',
        rows, display.source_text("Kilde: dine valg i arbeidsboka; kursets forslag bygger på plan- og bygningsloven "
                                  "§§ 4-1, 7-1, 8-1 og 8-2 og KMDs veileder i smart spesialisering."))


# the stakeholder map ------------------------------------------------------------------------------
def grid_html(actors: list[Actor]) -> str:
    """The map as a table: influence (rows, high first) × commitment."""
    short = {"naeringsliv": "N", "kunnskap": "F", "offentlig": "O", "sivilsamfunn": "S"}
    head = "".join(f'<th scope="col">Engasjement: {LEVELS[c].lower()}</th>' for c in LEVELS)
    body = []
    for influence in sorted(LEVELS, reverse=True):
        cells = []
        for commitment in LEVELS:
            names = [f"{escape(a.name)} ({short[a.helix]})" for a in actors
                     if a.influence == influence and a.commitment == commitment]
            cells.append(f"<td>{'<br>'.join(names) or '–'}</td>")
        body.append(f'<tr><th scope="row">Innflytelse: {LEVELS[influence].lower()}</th>{"".join(cells)}</tr>')
    key = ", ".join(f"{s} = {HELICES[h].lower()}" for h, s in short.items())
    return display.table_frame(f"Aktørkart: innflytelse og engasjement ({key})", f"<tr><td></td>{head}</tr>",
                               "".join(body), display.source_text("Kilde: dine egne vurderinger, lagret i arbeidsboka."))


# the self-assessment -------------------------------------------------------------------------------------
def radar(scores: dict[str, int], county: str | None = None) -> str:
    """The scores as a radar chart, with the score written at each point
    and every score in the alt text, so it can be read without the shape."""
    keys = list(self_assessment.ELEMENTS)
    angles = [2 * math.pi * n / len(keys) for n in range(len(keys))]
    values = [scores[k] for k in keys]
    fig = plt.figure(figsize=(6.5, 6.5))
    ax = fig.add_subplot(projection="polar")
    ax.set_theta_offset(math.pi / 2)  # the first element at the top, then clockwise
    ax.set_theta_direction(-1)
    ax.plot(angles + angles[:1], values + values[:1], color=COLOURS["blue"], linewidth=2, marker="o")
    ax.fill(angles + angles[:1], values + values[:1], color=COLOURS["blue"], alpha=0.15)
    for angle, value in zip(angles, values):
        ax.annotate(str(value), (angle, value), xytext=(0, 7), textcoords="offset points", ha="center",
                    fontsize=10, fontweight="bold", color=LINE)
    ax.set_xticks(angles, [f"{self_assessment.ELEMENTS[k].label}\n({self_assessment.SCALE[scores[k]].lower()})" for k in keys], fontsize=9)
    ax.set_ylim(0, 5.6)
    ax.set_yticks(range(6), [str(n) for n in range(6)], fontsize=8, color=LINE)
    ax.set_rlabel_position(180 / len(keys))
    ax.tick_params(axis="x", pad=12)
    where = f" i {county}" if county else ""
    ax.set_title(f"Egenvurdering av arbeidet med smart spesialisering{where} (0–5)", fontsize=11, pad=24)
    alt = ("Radardiagram (edderkoppdiagram) over din egenvurdering" + (f" av {county}" if county else "") + ", 0–5 på hvert av veilederens seks "
           "elementer: " + "; ".join(self_assessment.score_text(k, scores[k]) for k in keys) + ".")
    html = display.figure(fig, alt, self_assessment.OWN)
    plt.close(fig)
    return html


# the teacher's merge of workbooks -----------------------------------------------------------------
def merged_choices_html(merged: Merged) -> str:
    """One table per kind: what the group chose, and how many chose each."""
    source = OwnWork(f"Kilde: {len(merged.learners)} deltakeres arbeidsbøker i mappen {merged.folder}. "
                     "Valgene er deltakernes egne; hver deltaker telles én gang per valg.")
    parts = []
    singular = {"strengths": "Styrke", "niches": "Nisje", "priorities": "Prioritering"}
    for kind, label in KINDS.items():
        counts = merged.counts(kind)
        if not counts:
            parts.append(f"<p>{label}: ingen av deltakerne har lagret noen ennå.</p>")
            continue
        frame = pd.DataFrame({"Antall deltakere": [n for _, n in counts]},
                             index=pd.Index([name for name, _ in counts], name=singular[kind]))
        parts.append(display.table(frame, f"{label} gruppen valgte", source, formats={"Antall deltakere": str}))
    return "".join(parts)
