"""View for «Plasser arbeidet i plansystemet» (chapter Smart spesialisering og plan- og bygningsloven)."""

import ipywidgets as w

from exercises.models.planning import ELEMENTS, FORMS, MAX_NEXT, PLACES, save_placements, saved_answer
from exercises.reports.learner_tables import placement_table
from exercises.views.common import LABEL_STYLE, WIDE, ExerciseView, dropdown, save_button, show_feedback, text_input
from exercises.workbook.store import Workbook

ELEMENT_STYLE = {"description_width": "18rem"}


class PlanningView(ExerciseView):
    def __init__(self, workbook: Workbook | None = None):
        self.workbook = workbook or Workbook()
        saved = saved_answer(self.workbook)
        self.places = {key: dropdown(PLACES, saved["placements"].get(key, ""), e.label, blank=True)
                       for key, e in ELEMENTS.items()}
        for widget in self.places.values():
            widget.style = ELEMENT_STYLE
            widget.layout = w.Layout(width="min(100%, 44rem)")
        self.form = w.RadioButtons(options=[(label, key) for key, label in FORMS.items()], value=saved["form"],
                                   description="Plan eller strategi", style=LABEL_STYLE, layout=WIDE)
        self.next_step = text_input("Neste steg", "Når rulleres handlingsprogrammet i ditt fylke, og når kommer neste "
                                                  f"regionale planstrategi? (høyst {MAX_NEXT} tegn)",
                                    saved["next_step"], lines=3)
        self.table = w.HTML(placement_table(saved) if len(saved["placements"]) == len(ELEMENTS) else "")
        self.button = save_button()
        self.feedback = w.HTML()
        self.lay_out(*self.places.values(), self.form, self.next_step, after=(self.table,))

    def on_save(self, _=None):
        result = save_placements(self.workbook, {k: d.value for k, d in self.places.items()},
                                 self.form.value, self.next_step.value)
        show_feedback(self.feedback, result)
        if result.ok:
            self.table.value = placement_table(saved_answer(self.workbook))
