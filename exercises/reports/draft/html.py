"""The draft as HTML: a standalone file, or a part of a chapter page."""

from html import escape

from exercises.reports import display
from exercises.reports.draft.blocks import Bullets, Draft, Heading, Missing, PageBreak, Paragraph, Table

STYLE = ("body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
         "table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #888;padding:.3rem .5rem;"
         "text-align:left;vertical-align:top}caption{text-align:left;font-weight:bold}"
         ".kilde{font-size:.9em;color:#333}.mangler{border-left:4px solid #a15c00;padding:.3rem .7rem;"
         "background:#fff6e5}hr.sideskift{border:0;break-after:page;margin:2rem 0}")


def _lines(text: str) -> str:
    """Learner text, escaped, with its line breaks kept."""
    return "<br>".join(escape(line) for line in text.splitlines()) if text else ""


def to_html(draft: Draft, standalone: bool = True) -> str:
    out = []
    for block in draft.blocks:
        if isinstance(block, Heading):
            level = block.level if standalone else block.level + 2  # inside a chapter, below its sections
            out.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            label = f"<strong>{escape(block.label)}:</strong> " if block.label else ""
            out.append(f"<p>{label}{_lines(block.text)}</p>")
        elif isinstance(block, Bullets):
            out.append("<ul>" + "".join(f"<li>{_lines(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, PageBreak):
            out.append('<hr class="sideskift">')
        elif isinstance(block, Table):
            head = "".join(f'<th scope="col">{escape(h)}</th>' for h in block.header)
            body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in block.rows)
            out.append(display.table_frame(block.caption, f"<tr>{head}</tr>", body, display.source_text(block.source)))
        elif isinstance(block, Missing):  # the course's warning style on the website, STYLE in the file
            out.append(f'<p class="mangler kurs-banner advarsel"><strong>Mangler:</strong> {_lines(block.text)}</p>')
    body = "\n".join(out)
    if not standalone:
        return f'<div class="kurs-utkast">{body}</div>'
    return (f'<!DOCTYPE html>\n<html lang="nb-NO">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(draft.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")


