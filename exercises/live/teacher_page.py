"""The teacher's page of a group, shared by the workshop server
(:mod:`exercises.live.server`, ``/laerer``) and the teacher's view on
JupyterHub (:mod:`exercises.live.hub_service`): a plain page in bokmål, the
group summary from :mod:`exercises.models.workshop` as HTML, and its
downloads as Markdown and Word (:mod:`exercises.reports.group_summary`).
Nothing is loaded from another host."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from exercises.models.workshop import GroupSummary
from exercises.reports import group_summary

DOWNLOADS = {
    ".md": ("text/markdown; charset=utf-8", "workshop-sammendrag.md"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "workshop-sammendrag.docx"),
}


def page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>
<meta name="color-scheme" content="light dark">
<style>body{{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
label{{display:block;margin:.8rem 0 .2rem;font-weight:600}} input{{font-size:1.1rem;padding:.3rem}}
button{{font-size:1rem;margin-top:1rem;padding:.4rem 1rem;background:#1f5f8b;color:#fff;border:0;border-radius:.2rem}}
.feil{{border-left:.3rem solid #a4000f;padding:.3rem .8rem}} table{{border-collapse:collapse}}
td,th{{border-bottom:1px solid #999;padding:.2rem .5rem;text-align:left}}</style></head>
<body><main>{body}</main></body></html>"""


def summary_page(summary: GroupSummary, base: str, heading: str = "Gruppa nå", before: str = "") -> str:
    """The teacher's page: ``heading``, links to refresh and to the downloads
    at ``base`` + ``/sammendrag.md`` and ``.docx``, and the summary. ``before``
    is trusted HTML put above the links (e.g. a link back)."""
    base = html.escape(base, quote=True)
    return page("Lærersiden", f"""{before}<h1>{html.escape(heading)}</h1>
<p>Siden viser det deltakerne har lagret så langt. <a href="{base}">Oppdater</a> ·
<a href="{base}/sammendrag.md" download>Last ned som Markdown (.md)</a> ·
<a href="{base}/sammendrag.docx" download>Last ned som Word (.docx)</a></p>
{group_summary.summary_html(summary)}""")


def download(summary: GroupSummary, kind: str) -> tuple[str, str, bytes]:
    """(content type, file name, content) of the summary as ``kind``, a key of DOWNLOADS."""
    content_type, filename = DOWNLOADS[kind]
    if kind == ".md":
        return content_type, filename, group_summary.summary_markdown(summary).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        data = group_summary.summary_docx(summary, Path(folder) / "sammendrag.docx").read_bytes()
    return content_type, filename, data


def send_download(handler, summary: GroupSummary, kind: str) -> None:
    """Finish a tornado request with the summary as a file to download."""
    content_type, filename, data = download(summary, kind)
    handler.set_header("Content-Type", content_type)
    handler.set_header("Content-Disposition", f'attachment; filename="{filename}"')
    handler.finish(data)
