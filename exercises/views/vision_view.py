"""View for «Utkast til visjon og mål» (chapter Visjon og mål)."""

import ipywidgets as w

from exercises.models.vision import MAX_GOALS, MAX_PART, MAX_STATEMENT, PARTS, VisionExercise
from exercises.views.common import ExerciseView, heading, row, save_button, show_feedback, text_input
from exercises.workbook.store import Workbook


class VisionView(ExerciseView):
    def __init__(self, workbook: Workbook | None = None):
        self.workbook = workbook or Workbook()
        self.exercise = VisionExercise(self.workbook)
        saved = self.exercise.saved(self.workbook)
        self.statement = text_input("Visjonen", f"Visjonen i én setning (høyst {MAX_STATEMENT} tegn)",
                                    saved["statement"], lines=2)
        self.parts = {key: text_input(label, f"{what[0].upper()}{what[1:]}, for eksempel {example} "
                                              f"(høyst {MAX_PART} tegn)", saved[key], lines=2)
                      for key, (label, what, example) in PARTS.items()}
        goals = saved["goals"] + [("", "")] * MAX_GOALS
        self.goals = [text_input(f"Mål {n + 1}", "Hva skal oppnås, og hvor mye?", goals[n][0], lines=2,
                                 width="30rem")  # two lines: a long goal wraps instead of being cut off
                      for n in range(MAX_GOALS)]
        self.years = [text_input("Innen år", "f.eks. 2030", goals[n][1], width="12rem") for n in range(MAX_GOALS)]
        self.button = save_button()
        self.feedback = w.HTML()
        self.lay_out(self.statement, *self.parts.values(), heading(f"Mål (1–{MAX_GOALS})"),
                     *(row(g, y) for g, y in zip(self.goals, self.years)))

    def reload(self) -> None:
        saved = self.exercise.saved(self.workbook)
        self.statement.value = saved["statement"]
        for key, field in self.parts.items():
            field.value = saved[key]
        goals = saved["goals"] + [("", "")] * len(self.goals)
        for (goal, year), (text, when) in zip(zip(self.goals, self.years), goals):
            goal.value, year.value = text, when

    def answer(self):
        return (self.statement.value, *(p.value for p in self.parts.values()),
                [(g.value, y.value) for g, y in zip(self.goals, self.years)])

    def on_save(self, _=None):
        show_feedback(self.feedback, self.exercise.save(self.workbook, *self.answer()))
