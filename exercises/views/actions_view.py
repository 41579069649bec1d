"""View for «Tiltak og aktører» (chapter Gjennomføre)."""

import ipywidgets as w

from exercises.models.actions import KINDS, MAX_ACTIONS, MAX_TEXT, ActionsExercise
from exercises.views.common import LABEL_STYLE, WIDE, PerPriorityView, dropdown, heading, text_input
from exercises.workbook.store import Workbook


class ActionsView(PerPriorityView):
    def __init__(self, workbook: Workbook | None = None):
        workbook = workbook or Workbook()
        exercise = ActionsExercise(workbook)
        self.texts = [text_input(f"Tiltak {n + 1}", f"Hva skal gjøres? (høyst {MAX_TEXT} tegn)", lines=2)
                      for n in range(MAX_ACTIONS)]
        self.kinds = [dropdown(KINDS, "", "Type") for _ in range(MAX_ACTIONS)]
        self.responsible = [w.Combobox(options=exercise.responsible_options(), ensure_option=False,
                                       placeholder="Skriv eller velg en aktør", description="Ansvarlig",
                                       style=LABEL_STYLE, layout=WIDE) for _ in range(MAX_ACTIONS)]
        self.quick = [w.Checkbox(description="Kan komme i gang i år (en liten seier)", indent=False)
                      for _ in range(MAX_ACTIONS)]
        form = [w.VBox([heading(f"Tiltak {n + 1}"), t, k, r, q]) for n, (t, k, r, q)
                in enumerate(zip(self.texts, self.kinds, self.responsible, self.quick))]
        super().__init__(exercise, workbook, form)

    def fill(self, priority: str) -> None:
        saved = self.exercise.saved_rows(self.workbook, priority) if priority else []
        for n, (t, k, r, q) in enumerate(zip(self.texts, self.kinds, self.responsible, self.quick)):
            action = saved[n] if n < len(saved) else None
            t.value = action.text if action else ""
            k.value = action.kind if action else next(iter(KINDS))
            r.value = action.responsible if action else ""
            q.value = action.quick if action else False

    def answer(self) -> tuple:
        return ([(t.value, k.value, r.value, q.value)
                 for t, k, r, q in zip(self.texts, self.kinds, self.responsible, self.quick)],)
