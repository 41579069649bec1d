"""HTML for tables, figures, banners and feedback. Pure functions returning
strings; learner text is always escaped."""

import base64
import io
from html import escape

import pandas as pd
from PIL import Image

from exercises.core.numbers import number
from exercises.data.dataset import Dataset
from exercises.data.provenance import Provenance


def source_line(provenance: Provenance, year: int | None = None) -> str:
    css = "kilde fiktiv" if provenance.fictional else "kilde"
    return f'<p class="{css}">{escape(provenance.caption(year))}</p>'


def table(frame: pd.DataFrame, caption: str, provenance: Provenance, year: int | None = None,
          formats: dict | None = None, hidden=(), missing: str = "skjult av SSB") -> str:
    """An accessible HTML table: caption, header cells, and the source under it.

    ``formats`` maps a column to a function that turns a value into text. In
    the rows labelled in ``hidden`` (cells the source hides), a missing
    number reads ``missing``, e.g. «skjult av SSB»; elsewhere «–»."""
    formats, hidden = formats or {}, set(hidden)
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in frame.columns)
    body = []

    def cell(value, column, label) -> str:
        if label in hidden and isinstance(value, float) and pd.isna(value):
            return f'<td class="mangler">{escape(missing)}</td>'
        return f"<td>{escape(formats.get(column, _plain)(value))}</td>"

    for label, row in frame.iterrows():
        cells = "".join(cell(row[c], c, label) for c in frame.columns)
        body.append(f'<tr><th scope="row">{escape(str(label))}</th>{cells}</tr>')
    index_name = escape(str(frame.index.name or ""))
    return table_frame(caption, f'<tr><th scope="col">{index_name}</th>{head}</tr>', "".join(body),
                       source_line(provenance, year))


def table_frame(caption: str, head: str, body: str, source: str) -> str:
    """The frame of every table in the course: a named region that takes
    keyboard focus (a wide table scrolls inside it without a mouse), the
    caption, the header and body rows (HTML), and the source line (HTML,
    see :func:`source_line` and :func:`source_text`)."""
    return (f'<div class="kurs-tabell" role="region" tabindex="0" aria-label="{escape(caption)}">'
            f'<table><caption>{escape(caption)}</caption><thead>{head}</thead><tbody>{body}</tbody></table>'
            f'{source}</div>')


def source_text(text: str) -> str:
    """A source line from plain text, for tables of the learner's own work."""
    return f'<p class="kilde">{escape(text)}</p>'


def _plain(value) -> str:
    if isinstance(value, float):
        return number(value, 2)
    return "–" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def figure(fig, alt: str, provenance: Provenance, year: int | None = None,
           format: str = "svg", extra_credit: str = "") -> str:
    """A matplotlib figure as an inline image with alt text and source.

    SVG stays sharp; PNG is smaller for figures with many points (maps)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format=format, bbox_inches="tight", dpi=110)
    data = buffer.getvalue()
    if format == "png":  # a palette of 64 colours is plenty for a chart, and a quarter of the size
        small = io.BytesIO()
        Image.open(io.BytesIO(data)).convert("RGB").quantize(colors=64).save(small, "PNG", optimize=True)
        data = small.getvalue()
    encoded = base64.b64encode(data).decode("ascii")
    mime = "image/svg+xml" if format == "svg" else f"image/{format}"
    credit = f" {extra_credit}" if extra_credit else ""
    return (
        f'<figure class="kurs-figur"><img src="data:{mime};base64,{encoded}" '
        f'alt="{escape(alt)}"/><figcaption>{escape(provenance.caption(year) + credit)}</figcaption></figure>'
    )


def banner(dataset: Dataset) -> str:
    """A notice shown at the top of chapters that use data."""
    if dataset.fallback:
        return (
            '<div class="kurs-banner advarsel" role="note"><strong>Du ser fiktive undervisningsdata.</strong> '
            "De ekte tallene fra SSB som følger med kurset (mappen <code>data/snapshot</code>), mangler, så "
            "fylkene er erstattet av det oppdiktede landet Fjordland. Hent kurset på nytt, eller kjør "
            "<code>python kurs.py data</code> (se README), og last siden på nytt for å se ditt eget fylke.</div>"
        )
    if dataset.fictional:
        return ('<div class="kurs-banner" role="note"><strong>Fiktive undervisningsdata.</strong> '
                "Fjordland finnes ikke; tallene er laget for at du skal kunne regne etter for hånd.</div>")
    return ""


def feedback(errors: list[str], notes: list[str], saved: str | None = None) -> str:
    """Feedback to the learner: what must be fixed, what to think about, and
    whether the work was saved."""
    parts = []
    if errors:
        items = "".join(f"<li>{escape(e)}</li>" for e in errors)
        parts.append(f'<div class="kurs-feil" role="alert"><strong>Rett opp dette før du lagrer:</strong><ul>{items}</ul></div>')
    if notes:
        items = "".join(f"<li>{escape(n)}</li>" for n in notes)
        parts.append(f'<div class="kurs-tilbakemelding"><strong>Tilbakemelding:</strong><ul>{items}</ul></div>')
    if saved:
        parts.append(f'<p class="kurs-lagret" role="status">✔ {escape(saved)}</p>')
    return "".join(parts)
