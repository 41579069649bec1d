"""View for «Hvilke nisjer ligger nær fylkets styrker?»."""

import ipywidgets as w

from exercises.data.dataset import Dataset
from exercises.models.niches import MAX_NICHES, MAX_REASON, NicheExercise
from exercises.reports import analysis_report
from exercises.views.common import LABEL_STYLE, WIDE, CountyView, show_feedback
from exercises.views.pick_rows import PickRows
from exercises.workbook.readers import picks
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook


class NicheView(CountyView):
    def __init__(self, dataset: Dataset, workbook: Workbook | None = None, county: str | None = None):
        super().__init__(dataset, workbook, county)
        self.strength = w.Dropdown(description="Styrke", style=LABEL_STYLE, layout=WIDE)
        self.neighbours = w.HTML()
        self.rows = PickRows(dataset.industries(), MAX_NICHES,
                             f"Hvorfor kan dette bli en nisje for fylket? (høyst {MAX_REASON} tegn)", label="Nisje")
        self.strength.observe(self.on_strength, names="value")
        self.lay_out(w.HTML("<p>Velg en av fylkets styrker (LQ ≥ 1) og se hvilke næringer som ligger nærmest:</p>"),
                     self.strength, self.neighbours,
                     w.HTML("<p><strong>Dine kandidatnisjer</strong> (1–5), med en kort begrunnelse:</p>"),
                     self.rows.widget)

    def on_county(self, _=None):
        self.exercise = NicheExercise(self.dataset, self.county.value)
        options = [(self.exercise.names[i], i) for i in self.exercise.strengths()]
        first = self._first_strength([code for _, code in options])
        self.strength.unobserve(self.on_strength, names="value")
        self.strength.options = options
        self.strength.value = first
        self.strength.observe(self.on_strength, names="value")
        self.on_strength()
        self.rows.fill(self.exercise.saved(self.workbook))
        self.feedback.value = ""

    def _first_strength(self, codes: list[str]) -> str | None:
        """Start from the learner's first pick in «Region og spesialisering»."""
        chosen = [p.industry for p in picks(self.workbook, Section.SPECIALISATION).of(self.exercise.county)]
        return next((code for code in chosen if code in codes), codes[0] if codes else None)

    def on_strength(self, _=None):
        industry = self.strength.value
        self.neighbours.value = analysis_report.neighbours_table(self.exercise, industry) if industry else ""

    def on_save(self, _=None):
        show_feedback(self.feedback, self.exercise.save(self.workbook, self.rows.values()))
