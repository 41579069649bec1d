"""View for «Finn fylkets spesialiseringer»."""

import ipywidgets as w

from exercises.data.dataset import Dataset
from exercises.models.specialisation import MAX_PICKS, MAX_REASON, SpecialisationExercise
from exercises.reports import region_report
from exercises.views.common import CountyView, show_feedback
from exercises.views.pick_rows import PickRows
from exercises.workbook.store import Workbook


class SpecialisationView(CountyView):
    def __init__(self, dataset: Dataset, workbook: Workbook | None = None, county: str | None = None):
        super().__init__(dataset, workbook, county)
        self.profile = w.HTML()
        self.rows = PickRows(dataset.industries(), MAX_PICKS,
                             f"Hvorfor er dette en spesialisering? (høyst {MAX_REASON} tegn)")
        self.picks, self.reasons = self.rows.picks, self.rows.reasons
        self.lay_out(self.profile, w.HTML("<p><strong>Dine valg</strong>, viktigst først (3–5):</p>"), self.rows.widget)

    def on_county(self, _=None):
        self.exercise = SpecialisationExercise(self.dataset, self.county.value)
        year = self.exercise.year
        self.profile.value = (region_report.profile_table(self.dataset, self.county.value, year)
                              + region_report.profile_chart(self.dataset, self.county.value, year))
        self.rows.fill(self.exercise.saved(self.workbook))
        self.feedback.value = ""

    def on_save(self, _=None):
        show_feedback(self.feedback, self.exercise.save(self.workbook, self.rows.values()))
