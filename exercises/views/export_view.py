"""View for «Ditt utkast»: write the draft as Markdown, HTML and Word."""

import ipywidgets as w

from exercises.reports.draft.content import build_draft
from exercises.reports.draft.files import save_draft
from exercises.reports.draft.html import to_html
from exercises.views.common import ANSWER, ExerciseView, save_button, show_feedback, workbook_notice
from exercises.views.transfer_view import TransferView
from exercises.workbook.store import Workbook


class ExportView(ExerciseView):
    def __init__(self, workbook: Workbook | None = None):
        self.workbook = workbook or Workbook()
        # An upload, not a path: in the live course the server may be another machine
        self.template = w.FileUpload(accept=".docx", multiple=False, description="Word-mal (valgfritt)",
                                     layout=w.Layout(width="auto"))
        self.button = save_button("Lag utkastet (Markdown, HTML og Word)")
        self.feedback = w.HTML()
        self.feedback.add_class(ANSWER)
        self.preview = w.HTML(to_html(build_draft(self.workbook), standalone=False))
        self.connect_save()
        self.transfer = TransferView(self.workbook, on_upload=self.show_preview)
        self.widget = w.VBox([workbook_notice(self.workbook), self.template, self.button, self.feedback,
                              self.transfer.widget,
                              w.HTML("<p><strong>Slik ser utkastet ut nå:</strong></p>"), self.preview])

    def on_save(self, _=None):
        result, draft = save_draft(self.workbook, template=self.county_template())
        show_feedback(self.feedback, result)
        if draft is not None:
            self.preview.value = to_html(draft, standalone=False)
        self.transfer.refresh(self.county_template())

    def county_template(self) -> bytes | None:
        """The county's Word template the learner uploaded, if any."""
        return bytes(self.template.value[0]["content"]) if self.template.value else None

    def show_preview(self) -> None:
        self.preview.value = to_html(build_draft(self.workbook), standalone=False)
