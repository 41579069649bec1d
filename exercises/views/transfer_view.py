"""Downloads of the draft and the workbook, and the workbook upload, as
widgets for «Ditt utkast» (model: :mod:`exercises.workbook.transfer`)."""

import ipywidgets as w

from exercises.reports.draft.content import build_draft
from exercises.reports.draft.html import to_html
from exercises.reports.draft.markdown import to_markdown
from exercises.reports.draft.word import TemplateError, to_docx
from exercises.views.common import show_feedback
from exercises.workbook.store import Workbook
from exercises.workbook.transfer import download_link, replace_workbook

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def draft_downloads(workbook: Workbook, template: bytes | None = None) -> str:
    """Links that save the draft (.docx, on the county's ``template`` if
    given; .html, .md) and the workbook in the browser."""
    workbook.refresh()
    draft = build_draft(workbook)
    try:
        word_file = to_docx(draft, template)
    except TemplateError:  # the export button has said why; offer the course's own layout
        word_file = to_docx(draft)
    links = [
        download_link(word_file, "utkast.docx", DOCX, "Last ned utkastet som Word (.docx)"),
        download_link(to_html(draft, standalone=True), "utkast.html", "text/html", "Last ned utkastet som HTML (.html)"),
        download_link(to_markdown(draft), "utkast.md", "text/markdown", "Last ned utkastet som Markdown (.md)"),
        download_link(workbook.path.read_bytes() if workbook.path.exists() else b"{}", "arbeidsbok.json",
                      "application/json", "Last ned arbeidsboka"),
    ]
    return "<ul class=\"kurs-nedlastinger\">" + "".join(f"<li>{link}</li>" for link in links) + "</ul>"


class TransferView:
    """Download links (refreshed by ``refresh``) and «Last opp arbeidsbok»."""

    def __init__(self, workbook: Workbook, on_upload=None):
        self.workbook = workbook
        self.on_upload = on_upload
        self.links = w.HTML(draft_downloads(workbook))
        self.upload = w.FileUpload(accept=".json", multiple=False, description="Last opp arbeidsbok",
                                   layout=w.Layout(width="auto"))
        self.feedback = w.HTML()
        self.upload.observe(self._uploaded, names="value")
        self.widget = w.VBox([
            w.HTML("<p><strong>Last ned</strong> (filene lagres i nedlastingsmappen på din egen maskin):</p>"),
            self.links,
            w.HTML("<p><strong>Har du en arbeidsbok fra før?</strong> Last den opp for å fortsette med den. "
                   "Den erstatter arbeidsboka som brukes nå.</p>"),
            self.upload, self.feedback])

    def refresh(self, template: bytes | None = None) -> None:
        self.links.value = draft_downloads(self.workbook, template)

    def _uploaded(self, change) -> None:
        files = change["new"]
        if not files:
            return
        content = bytes(files[0]["content"])
        result = replace_workbook(content, self.workbook.path)
        show_feedback(self.feedback, result)
        if result.ok:
            self.workbook.refresh()
            self.refresh()
            if self.on_upload:
                self.on_upload()
