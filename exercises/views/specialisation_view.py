"""View for «Finn fylkets spesialiseringer»."""

import ipywidgets as w

from .. import region_report
from ..data import Dataset
from ..specialisation import MAX_PICKS, MAX_REASON, SpecialisationExercise
from ..workbook import Workbook
from .common import LABEL_STYLE, WIDE, county_dropdown, save_button, show_feedback, workbook_notice

EMPTY = ("— velg næring —", "")


class SpecialisationView:
    def __init__(self, dataset: Dataset, workbook: Workbook | None = None, county: str | None = None):
        self.dataset = dataset
        self.workbook = workbook or Workbook()
        self.county = county_dropdown(dataset.regions, county or self.workbook.county)
        self.profile = w.HTML()
        industries = [EMPTY] + sorted(((n, c) for c, n in dataset.industries().items()))
        self.picks = [w.Dropdown(options=industries, value="", description=f"Valg {n}",
                                 style=LABEL_STYLE, layout=WIDE) for n in range(1, MAX_PICKS + 1)]
        self.reasons = [w.Textarea(placeholder=f"Hvorfor er dette en spesialisering? (høyst {MAX_REASON} tegn)",
                                   description="Begrunnelse", style=LABEL_STYLE,
                                   layout=w.Layout(width="min(100%, 40rem)", height="3.5rem"))
                        for _ in range(MAX_PICKS)]
        self.button = save_button()
        self.feedback = w.HTML()
        rows = [w.VBox([p, r]) for p, r in zip(self.picks, self.reasons)]
        self.widget = w.VBox([
            workbook_notice(self.workbook), self.county, self.profile,
            w.HTML("<p><strong>Dine valg</strong>, viktigst først (3–5):</p>"),
            *rows, self.button, self.feedback,
        ])
        self.county.observe(self.on_county, names="value")
        self.button.on_click(self.on_save)
        self.on_county()

    def on_county(self, _=None):
        self.exercise = SpecialisationExercise(self.dataset, self.county.value)
        year = self.exercise.year
        self.profile.value = (region_report.profile_table(self.dataset, self.county.value, year)
                              + region_report.profile_chart(self.dataset, self.county.value, year))
        saved = self.exercise.saved_picks(self.workbook)
        for n, (pick, reason) in enumerate(zip(self.picks, self.reasons)):
            pick.value = saved[n].industry if n < len(saved) and saved[n].industry in self.exercise.profile.index else ""
            reason.value = saved[n].reason if n < len(saved) else ""
        self.feedback.value = ""

    def rows(self):
        return [(p.value, r.value) for p, r in zip(self.picks, self.reasons)]

    def on_save(self, _=None):
        show_feedback(self.feedback, self.exercise.save(self.workbook, self.rows()))

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
