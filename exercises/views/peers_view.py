"""Views for «Fylker som ligner ditt», «Kommuner som ligner hverandre» and
«Styrker over tid» (chapter Analysere): thin widgets over
:mod:`exercises.models.peers` and :mod:`exercises.models.lq_trends`. They
show figures and save nothing."""

import ipywidgets as w

from exercises.data.counties import default_county
from exercises.data.dataset import Dataset
from exercises.models.lq_trends import SORTS, StrengthsOverTime
from exercises.models.peers import PeerComparison
from exercises.reports import peers_report
from exercises.views.common import LABEL_STYLE, WIDE, ExerciseView, county_dropdown, dropdown
from exercises.views.municipal_view import load_or_explain
from exercises.workbook.store import Workbook


class _OneCounty(ExerciseView):
    """A county dropdown that starts at ``county`` or the learner's own."""

    def __init__(self, dataset: Dataset, workbook: Workbook | None = None, county: str | None = None):
        self.dataset = dataset
        self.workbook = workbook or Workbook()
        self.county = county_dropdown(dataset.regions, default_county(dataset.regions, county or self.workbook.county))


class PeersView(_OneCounty):
    def __init__(self, dataset: Dataset, workbook: Workbook | None = None, county: str | None = None):
        super().__init__(dataset, workbook, county)
        years = list(reversed(dataset.years))
        self.year = w.Dropdown(options=years, value=years[0], description="År", style=LABEL_STYLE, layout=WIDE)
        self.peer = w.Dropdown(description="Sammenlign med", style=LABEL_STYLE, layout=WIDE)
        self.table, self.reading, self.gaps = w.HTML(), w.HTML(), w.HTML()
        self.widget = w.VBox([self.county, self.year, self.table, self.reading,
                              w.HTML("<p><strong>Hva er de spesialisert i som ikke fylket ditt er?</strong> "
                                     "Velg et av fylkene:</p>"), self.peer, self.gaps])
        self.county.observe(self.refresh, names="value")
        self.year.observe(self.refresh, names="value")
        self.peer.observe(self.show_gaps, names="value")
        self.refresh()

    def refresh(self, _=None):
        self.comparison = PeerComparison(self.dataset, self.county.value, self.year.value)
        self.table.value = peers_report.peers_table(self.comparison)
        self.reading.value = peers_report.peers_reading(self.comparison)
        peers = self.comparison.peers()
        options = list(zip(peers["name"], peers.index))
        current = self.peer.value
        self.peer.unobserve(self.show_gaps, names="value")
        self.peer.options = options
        self.peer.value = current if current in peers.index else options[0][1]
        self.peer.observe(self.show_gaps, names="value")
        self.show_gaps()

    def show_gaps(self, _=None):
        self.gaps.value = peers_report.gaps_table(self.comparison, self.peer.value)


class TrendsView(_OneCounty):
    def __init__(self, dataset: Dataset, workbook: Workbook | None = None, county: str | None = None):
        super().__init__(dataset, workbook, county)
        self.sort = dropdown(SORTS, "last", "Sorter etter")
        self.specialised_only = w.Checkbox(value=False, indent=False,
                                           description="Vis bare næringer som har hatt LQ minst 1 i minst ett år")
        self.reading, self.events, self.table = w.HTML(), w.HTML(), w.HTML()
        self.widget = w.VBox([self.county, self.reading, self.events, self.sort, self.specialised_only, self.table])
        self.county.observe(self.refresh, names="value")
        self.sort.observe(self.show_table, names="value")
        self.specialised_only.observe(self.show_table, names="value")
        self.refresh()

    def refresh(self, _=None):
        self.trend = StrengthsOverTime(self.dataset, self.county.value)
        self.reading.value = peers_report.trends_reading(self.trend)
        self.events.value = peers_report.events_table(self.trend)
        self.show_table()

    def show_table(self, _=None):
        self.table.value = peers_report.trend_table(self.trend, self.sort.value, self.specialised_only.value)


class MunicipalPeersView(ExerciseView):
    """The municipalities most like a chosen one (SSB table 13470), among those in the data."""

    def __init__(self, county: str | None = None, cache=None):
        if not load_or_explain(self, cache):
            return
        places = self.frame.drop_duplicates("municipality_2024").sort_values("municipality_2024")
        options = {m: f"{m} {name}" for m, name in zip(places.municipality_2024, places.municipality_2024_name)}
        own = places.municipality_2024[places.county == county]
        self.municipality = dropdown(options, own.iloc[0] if len(own) else None, "Kommune")
        self.municipality.observe(self.render, names="value")
        self.widget = w.VBox([self.municipality, self.output])
        self.render()

    def render(self, _=None):
        self.output.value = peers_report.municipal_peers_table(self.frame, self.provenance, self.municipality.value)
