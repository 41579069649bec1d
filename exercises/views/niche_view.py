"""View for «Hvilke nisjer ligger nær fylkets styrker?»."""

import ipywidgets as w

from exercises.data.counties import default_county
from exercises.data.dataset import Dataset
from exercises.models.niches import MAX_NICHES, MAX_REASON, NicheExercise
from exercises.reports import analysis_report
from exercises.views.common import (
    LABEL_STYLE,
    WIDE,
    ExerciseView,
    county_dropdown,
    save_button,
    show_feedback,
    workbook_notice,
)
from exercises.views.pick_rows import PickRows
from exercises.views.stale import forget_saved_on_change
from exercises.workbook.readers import picks
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook


class NicheView(ExerciseView):
    def __init__(self, dataset: Dataset, workbook: Workbook | None = None, county: str | None = None):
        self.dataset = dataset
        self.workbook = workbook or Workbook()
        self.county = county_dropdown(dataset.regions, default_county(dataset.regions, county or self.workbook.county))
        self.strength = w.Dropdown(description="Styrke", style=LABEL_STYLE, layout=WIDE)
        self.neighbours = w.HTML()
        self.rows = PickRows(dataset.industries(), MAX_NICHES,
                             f"Hvorfor kan dette bli en nisje for fylket? (høyst {MAX_REASON} tegn)", label="Nisje")
        self.button = save_button()
        self.feedback = w.HTML()
        self.widget = w.VBox([
            workbook_notice(self.workbook), self.county,
            w.HTML("<p>Velg en av fylkets styrker (LQ ≥ 1) og se hvilke næringer som ligger nærmest:</p>"),
            self.strength, self.neighbours,
            w.HTML("<p><strong>Dine kandidatnisjer</strong> (1–5), med en kort begrunnelse:</p>"),
            self.rows.widget, self.button, self.feedback,
        ])
        self.county.observe(self.on_county, names="value")
        self.strength.observe(self.on_strength, names="value")
        self.connect_save()
        self.on_county()
        forget_saved_on_change(self)

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
