"""The county's municipalities (SSB table 13470): employment, LQ and change
since the first year in the 2024 structure, and the industries most related
to the chosen one by co-location across all municipalities in the data."""

from html import escape

import ipywidgets as w

from exercises.core.numbers import number, percent
from exercises.data.counties import COUNTIES_2024
from exercises.data.dataset import DataMissing
from exercises.data.municipal import UNKNOWN_INDUSTRY, load_municipal_data, lq_reference, overview, related_industries
from exercises.reports import display
from exercises.views.common import ExerciseView, dropdown

LIMITS = ("Tabell 13470 har bare 17 næringsgrupper. Den viser hvor folk jobber, men skiller ikke for eksempel "
          "fiske fra jordbruk eller olje fra bergverk; til det trengs fylkestallene i tabell 11713. Beslektethet "
          "regnet av så grove grupper sier mest om hvilke brede næringer som finnes sammen.")


class MunicipalView(ExerciseView):
    def __init__(self, county: str | None = None, cache=None):
        self.output = w.HTML()
        try:
            self.frame, self.provenance = load_municipal_data(cache)
        except DataMissing as error:
            self.frame = None
            self.output.value = f'<p class="kurs-tilbakemelding">{escape(str(error))}</p>'
            self.widget = w.VBox([self.output])
            return
        counties = {c: COUNTIES_2024.get(c, c) for c in sorted(self.frame.county.dropna().unique())}
        industries = (self.frame[self.frame.industry != UNKNOWN_INDUSTRY]
                      .drop_duplicates("industry").set_index("industry").industry_name.to_dict())
        self.county = dropdown(counties, county, "Fylke")
        self.industry = dropdown(industries, "10-33", "Næring")
        for control in (self.county, self.industry):
            control.observe(lambda _: self.render(), names="value")
        self.widget = w.VBox([self.county, self.industry, self.output])
        self.render()

    def render(self):
        year, since = int(self.frame.year.max()), int(self.frame.year.min())
        table = overview(self.frame, self.county.value, self.industry.value, year, since)
        name = self.industry.label
        caption = (f"Kommunene i {self.county.label}, {year}: sysselsatte etter arbeidssted (uten «uoppgitt»), "
                   f"i næringen {name}, LQ for næringen og endring i alle næringer siden {since}. "
                   f"{lq_reference(self.frame, self.county.value)[1]}")
        html = display.table(table, caption, self.provenance, formats={
            f"Sysselsatte {year}": lambda v: number(v, 0),
            f"I næringen {year}": lambda v: number(v, 0),
            "LQ": lambda v: number(v, 2),
            f"Endring siden {since}": percent,
        })
        related = related_industries(self.frame, self.industry.value, year)
        names = self.frame.drop_duplicates("industry").set_index("industry").industry_name
        items = "".join(f"<li>{escape(names.get(code, code))}: {number(phi, 2)}</li>"
                        for code, phi in related.items())
        self.output.value = (
            html + f"<p>Næringene som oftest er overrepresentert (LQ ≥ 1) i de samme kommunene som {escape(name)} "
            f"(nærhet φ, 0–1, {year}, regnet av de {self.frame.municipality_2024.nunique()} kommunene i dataene):"
            f"</p><ol>{items}</ol>" + display.source_line(self.provenance, year)
            + f"<p>{escape(LIMITS)}</p>")
