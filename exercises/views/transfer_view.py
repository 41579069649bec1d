"""Downloads of the draft and the workbook, and the workbook upload, as
widgets for «Ditt utkast» (model: :mod:`exercises.workbook.transfer`)."""

import ipywidgets as w

from exercises.reports.draft.content import build_draft
from exercises.reports.draft.files import download_name
from exercises.reports.draft.html import to_html
from exercises.reports.draft.markdown import to_markdown
from exercises.reports.draft.word import TemplateError, to_docx
from exercises.views.common import ANSWER, show_feedback
from exercises.workbook.store import Workbook
from exercises.workbook.transfer import download_link, replace_workbook, restore_backup

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
        download_link(word_file, download_name(draft, "docx"), DOCX, "Last ned utkastet som Word (.docx)"),
        download_link(to_html(draft, standalone=True), download_name(draft, "html"), "text/html",
                      "Last ned utkastet som HTML (.html)"),
        download_link(to_markdown(draft), download_name(draft, "md"), "text/markdown",
                      "Last ned utkastet som Markdown (.md)"),
        download_link(workbook.path.read_bytes() if workbook.path.exists() else b"{}",
                      download_name(draft, "json", "arbeidsbok"), "application/json", "Last ned arbeidsboka"),
    ]
    return "<ul class=\"kurs-nedlastinger\">" + "".join(f"<li>{link}</li>" for link in links) + "</ul>"


class TransferView:
    """Download links (refreshed by ``refresh``), «Last opp arbeidsbok», and
    the backups of the workbook with «Hent tilbake»."""

    def __init__(self, workbook: Workbook, on_upload=None):
        self.workbook = workbook
        self.on_upload = on_upload
        self.links = w.HTML(draft_downloads(workbook))
        self.upload = w.FileUpload(accept=".json", multiple=False, description="Last opp arbeidsbok",
                                   layout=w.Layout(width="auto"))
        self.feedback = w.HTML()
        self.feedback.add_class(ANSWER)
        self.backups = w.Dropdown(description="Sikkerhetskopi", style={"description_width": "initial"},
                                  layout=w.Layout(width="min(100%, 40rem)"))
        self.restore_button = w.Button(description="Hent tilbake", icon="undo", layout=w.Layout(width="auto"))
        self.restore_feedback = w.HTML()
        self.restore_feedback.add_class(ANSWER)
        self.upload.observe(self._uploaded, names="value")
        self.restore_button.on_click(self._restore)
        self.show_backups()
        self.widget = w.VBox([
            w.HTML("<p><strong>Last ned</strong> (filene lagres i nedlastingsmappen på din egen maskin):</p>"),
            self.links,
            w.HTML("<p><strong>Har du en arbeidsbok fra før?</strong> Last den opp for å fortsette med den. "
                   "Den erstatter arbeidsboka som brukes nå; den du har nå, tas vare på som sikkerhetskopi.</p>"),
            self.upload, self.feedback,
            w.HTML("<p><strong>Sikkerhetskopier.</strong> Hver gang arbeidsboka erstattes (en opplasting, en "
                   "gjenoppretting, eller «Behold begge» etter en samtidig lagring), tas den forrige vare på her. "
                   "Velg en og trykk «Hent tilbake» for å bruke den igjen; arbeidsboka du har nå, tas da vare "
                   "på først.</p>"),
            self.backups, self.restore_button, self.restore_feedback])

    def refresh(self, template: bytes | None = None) -> None:
        self.links.value = draft_downloads(self.workbook, template)
        self.show_backups()

    def show_backups(self) -> None:
        found = self.workbook.backups()
        self.backups.options = [(b.label, str(b.path)) for b in found] or [("Ingen sikkerhetskopier ennå", "")]
        self.backups.value = self.backups.options[0][1]
        self.backups.disabled = self.restore_button.disabled = not found

    def _uploaded(self, change) -> None:
        files = change["new"]
        if not files:
            return
        content = bytes(files[0]["content"])
        result = replace_workbook(content, self.workbook.path)
        show_feedback(self.feedback, result)
        if result.ok:
            self._replaced()

    def _restore(self, _=None) -> None:
        result = restore_backup(self.workbook.path, self.backups.value)
        show_feedback(self.restore_feedback, result)
        if result.ok:
            self._replaced()

    def _replaced(self) -> None:
        self.workbook.refresh()
        self.refresh()
        if self.on_upload:
            self.on_upload()
