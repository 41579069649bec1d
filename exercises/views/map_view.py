"""A map of the counties coloured by an indicator the learner chooses."""

import ipywidgets as w

from exercises.data.dataset import Dataset
from exercises.reports import analysis_report
from exercises.views.common import LABEL_STYLE, WIDE, ExerciseView


class MapView(ExerciseView):
    def __init__(self, dataset: Dataset, industry: str | None = None):
        self.dataset = dataset
        industries = sorted((name, code) for code, name in dataset.industries().items())
        self.indicator = w.Dropdown(options=[(label, key) for key, label in analysis_report.MAP_INDICATORS.items()],
                                    description="Vis", style=LABEL_STYLE, layout=WIDE)
        self.industry = w.Dropdown(options=industries, value=industry or industries[0][1],
                                   description="Næring", style=LABEL_STYLE, layout=WIDE)
        self.map = w.HTML()
        self.widget = w.VBox([self.indicator, self.industry, self.map])
        self.indicator.observe(self.refresh, names="value")
        self.industry.observe(self.refresh, names="value")
        self.refresh()

    def refresh(self, _=None):
        needs_industry = self.indicator.value in ("lq", "growth")
        self.industry.disabled = not needs_industry
        self.map.value = analysis_report.map_figure(self.dataset, self.indicator.value, self.dataset.years[-1],
                                                    self.industry.value if needs_industry else None)
