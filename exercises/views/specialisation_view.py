"""View for «Finn fylkets spesialiseringer»."""

import ipywidgets as w

from exercises.data.counties import default_county
from exercises.data.dataset import Dataset
from exercises.models.specialisation import MAX_PICKS, MAX_REASON, SpecialisationExercise
from exercises.reports import region_report
from exercises.views.common import ExerciseView, county_dropdown, save_button, show_feedback, workbook_notice
from exercises.views.pick_rows import PickRows
from exercises.views.stale import forget_saved_on_change
from exercises.workbook.store import Workbook


class SpecialisationView(ExerciseView):
    def __init__(self, dataset: Dataset, workbook: Workbook | None = None, county: str | None = None):
        self.dataset = dataset
        self.workbook = workbook or Workbook()
        self.county = county_dropdown(dataset.regions, default_county(dataset.regions, county or self.workbook.county))
        self.profile = w.HTML()
        self.rows = PickRows(dataset.industries(), MAX_PICKS,
                             f"Hvorfor er dette en spesialisering? (høyst {MAX_REASON} tegn)")
        self.picks, self.reasons = self.rows.picks, self.rows.reasons
        self.button = save_button()
        self.feedback = w.HTML()
        self.widget = w.VBox([
            workbook_notice(self.workbook), self.county, self.profile,
            w.HTML("<p><strong>Dine valg</strong>, viktigst først (3–5):</p>"),
            self.rows.widget, self.button, self.feedback,
        ])
        self.county.observe(self.on_county, names="value")
        self.connect_save()
        self.on_county()
        forget_saved_on_change(self)

    def on_county(self, _=None):
        self.exercise = SpecialisationExercise(self.dataset, self.county.value)
        year = self.exercise.year
        self.profile.value = (region_report.profile_table(self.dataset, self.county.value, year)
                              + region_report.profile_chart(self.dataset, self.county.value, year))
        self.rows.fill(self.exercise.saved(self.workbook))
        self.feedback.value = ""

    def on_save(self, _=None):
        show_feedback(self.feedback, self.exercise.save(self.workbook, self.rows.values()))
