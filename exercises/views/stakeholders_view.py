"""View for «Aktørkart» (chapter Organisere)."""

import ipywidgets as w

from exercises.models.stakeholders import HELICES, LEVELS, MAX_ACTORS, save_actors, saved_actors
from exercises.reports.learner_tables import grid_html
from exercises.views.common import ExerciseView, dropdown, row, save_button, show_feedback, text_input
from exercises.workbook.store import Workbook


class StakeholdersView(ExerciseView):
    def __init__(self, workbook: Workbook | None = None):
        self.workbook = workbook or Workbook()
        saved = saved_actors(self.workbook)
        self.names, self.helices, self.influence, self.commitment = [], [], [], []
        rows = []
        for n in range(MAX_ACTORS):
            actor = saved[n] if n < len(saved) else None
            self.names.append(text_input(f"Aktør {n + 1}", "Navn, for eksempel en bedrift eller et universitet",
                                         actor.name if actor else "", width="22rem"))
            self.helices.append(dropdown(HELICES, actor.helix if actor else "", "Tråd", blank=True, width="15rem"))
            self.influence.append(dropdown(LEVELS, actor.influence if actor else 2, "Innflytelse", width="11rem"))
            self.commitment.append(dropdown(LEVELS, actor.commitment if actor else 2, "Engasjement", width="11rem"))
            rows.append(row(self.names[-1], self.helices[-1], self.influence[-1], self.commitment[-1]))
        self.grid = w.HTML(grid_html(saved))
        self.button = save_button()
        self.feedback = w.HTML()
        self.lay_out(*rows, after=(self.grid,))

    def rows(self):
        return [(n.value, h.value, i.value, c.value)
                for n, h, i, c in zip(self.names, self.helices, self.influence, self.commitment)]

    def on_save(self, _=None):
        result = save_actors(self.workbook, self.rows())
        show_feedback(self.feedback, result)
        if result.ok:
            self.grid.value = grid_html(saved_actors(self.workbook))
