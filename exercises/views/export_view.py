"""View for «Ditt utkast»: write the draft as Markdown, HTML and Word."""

import ipywidgets as w

from ..export import build_draft, save_draft, to_html
from ..workbook import Workbook
from .common import ExerciseView, save_button, show_feedback, text_input, workbook_notice
from .transfer_view import TransferView


class ExportView(ExerciseView):
    def __init__(self, workbook: Workbook | None = None):
        self.workbook = workbook or Workbook()
        self.template = text_input("Word-mal", "Valgfritt: stien til fylkets egen mal (.docx)")
        self.button = save_button("Lag utkastet (Markdown, HTML og Word)")
        self.feedback = w.HTML()
        self.preview = w.HTML(to_html(build_draft(self.workbook), standalone=False))
        self.connect_save()
        self.transfer = TransferView(self.workbook, on_upload=self.show_preview)
        self.widget = w.VBox([workbook_notice(self.workbook), self.template, self.button, self.feedback,
                              self.transfer.widget,
                              w.HTML("<p><strong>Slik ser utkastet ut nå:</strong></p>"), self.preview])

    def on_save(self, _=None):
        template = self.template.value.strip().strip('"') or None  # a path pasted from Windows may have quotes
        result, draft = save_draft(self.workbook, template=template)
        show_feedback(self.feedback, result)
        if draft is not None:
            self.preview.value = to_html(draft, standalone=False)
        self.transfer.refresh()

    def show_preview(self) -> None:
        self.preview.value = to_html(build_draft(self.workbook), standalone=False)
