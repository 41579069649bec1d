"""View for «Egenvurdering» (chapter Fylkeskommunens roller)."""

from html import escape

import ipywidgets as w

from exercises.models.self_assessment import ELEMENTS, MAX_COMMENT, SCALE, save_assessment, saved_assessment
from exercises.reports.learner_tables import radar
from exercises.views.common import ExerciseView, dropdown, save_button, show_feedback, text_input
from exercises.workbook.readers import profile
from exercises.workbook.store import Workbook

OPTIONS = {score: f"{score} – {label}" for score, label in SCALE.items()}


class SelfAssessmentView(ExerciseView):
    def __init__(self, workbook: Workbook | None = None):
        self.workbook = workbook or Workbook()
        saved = saved_assessment(self.workbook) or {"scores": {}, "comment": ""}
        self.scores, parts = {}, []
        for key, element in ELEMENTS.items():
            self.scores[key] = dropdown(OPTIONS, saved["scores"].get(key, ""), element.label, blank=True)
            parts += [w.HTML(f"<p>{escape(element.question)}</p>"), self.scores[key]]
        self.comment = text_input("Begrunnelse", f"Hva bygger vurderingen på? (høyst {MAX_COMMENT} tegn)",
                                  saved["comment"], lines=3)
        self.chart = w.HTML(radar(saved["scores"], self.county_name()) if saved["scores"] else "")
        self.button = save_button("Tegn hjulet og lagre")
        self.feedback = w.HTML()
        self.lay_out(*parts, self.comment, after=(self.chart,))

    def county_name(self) -> str | None:
        return profile(self.workbook).county_name or None

    def on_save(self, _=None):
        result = save_assessment(self.workbook, {k: d.value for k, d in self.scores.items()}, self.comment.value)
        show_feedback(self.feedback, result)
        if result.ok:
            self.chart.value = radar(saved_assessment(self.workbook)["scores"], self.county_name())
