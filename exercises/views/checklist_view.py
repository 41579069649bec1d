"""View for the checklists (chapters Smart spesialisering i Norge og EU and
Fylkeskommunens roller): one choice and one «where is it written» field per item."""

from html import escape

import ipywidgets as w

from exercises.models.checklist import EU_CRITERIA, MAX_COMMENT, MAX_EVIDENCE, ROLES, Checklist
from exercises.views.common import ExerciseView, dropdown, heading, save_button, show_feedback, text_input
from exercises.workbook.store import Workbook


class ChecklistView(ExerciseView):
    def __init__(self, checklist: Checklist, workbook: Workbook | None = None, button: str = "Sjekk og lagre"):
        self.checklist = checklist
        self.workbook = workbook or Workbook()
        saved = checklist.saved(self.workbook) or {"answers": {}, "comment": ""}
        self.statuses, self.evidence, parts = {}, {}, []
        for key, item in checklist.items.items():
            answer = saved["answers"].get(key, {})
            self.statuses[key] = dropdown(checklist.scale, answer.get("status", ""), "Vurdering", blank=True)
            self.evidence[key] = text_input(checklist.evidence_label,
                                            f"Dokument, side eller eksempel (høyst {MAX_EVIDENCE} tegn)",
                                            answer.get("evidence", ""))
            parts += [heading(item.label), w.HTML(f"<p>{escape(item.question)}</p>"),
                      self.statuses[key], self.evidence[key]]
        self.comment = text_input("Kommentar", f"Hva har du sett på? (høyst {MAX_COMMENT} tegn)",
                                  saved["comment"], lines=3)
        self.button = save_button(button)
        self.feedback = w.HTML()
        self.lay_out(*parts, self.comment)

    def on_save(self, _=None):
        show_feedback(self.feedback, self.checklist.save(
            self.workbook, {k: d.value for k, d in self.statuses.items()},
            {k: t.value for k, t in self.evidence.items()}, self.comment.value))


def EUCriteriaView(workbook: Workbook | None = None) -> ChecklistView:  # noqa: N802 (reads like a class in a chapter)
    return ChecklistView(EU_CRITERIA, workbook)


def RolesView(workbook: Workbook | None = None) -> ChecklistView:  # noqa: N802
    return ChecklistView(ROLES, workbook)
