"""View for «Hvilke tall kurset bruker» in Velkommen: which figures the
chapters show (source, years, retrieved), and changing them: SSB's newest
figures, a CSV file of one's own, or back to the figures shipped with the
course. In a workshop the teacher chooses the data, so the page only shows them."""

from html import escape

import ipywidgets as w

from exercises.core import paths
from exercises.data.data_source import (
    current_source,
    fetch_from_ssb,
    load_own_file,
    shipped_in_use,
    use_shipped_numbers,
)
from exercises.views.common import ExerciseView

IN_WORKSHOP = ("I en workshop er det kursholderen som velger tallene, for alle deltakerne samtidig. "
               "Spør kursholderen hvis du vil ha nyere tall.")


class DataSourceView(ExerciseView):
    def __init__(self, cache=None, **fetch_options):
        self.cache, self.fetch_options = cache, fetch_options
        self.status = w.HTML()
        if paths.in_workshop():
            self.widget = w.VBox([self.status, w.HTML(f"<p>{escape(IN_WORKSHOP)}</p>")])
            self._show_status()
            return
        self.fetch = w.Button(description="Hent de nyeste tallene fra SSB", icon="download",
                              tooltip="Henter tabell 11713 og 13470 fra SSBs åpne API (krever internett)",
                              layout=w.Layout(width="auto"))
        self.upload = w.FileUpload(accept=".csv,text/csv", multiple=False, description="Velg CSV-fil",
                                   layout=w.Layout(width="auto"))
        self.load = w.Button(description="Last inn filen", icon="upload", tooltip="Sjekker filen og laster den inn",
                             layout=w.Layout(width="auto"))
        self.shipped = w.Button(description="Bruk tallene som følger med kurset", icon="undo",
                                tooltip="Går tilbake til SSB-tallene som følger med kurset; tallene du har hentet, "
                                        "flyttes til side, ikke slettet", layout=w.Layout(width="auto"))
        self.progress = w.HTML()
        self.feedback = w.HTML()
        self.fetch.on_click(self.on_fetch)
        self.load.on_click(self.on_load)
        self.shipped.on_click(self.on_shipped)
        self.widget = w.VBox([self.status, w.HBox([self.fetch]), w.HBox([self.upload, self.load]),
                              w.HBox([self.shipped]), self.progress, self.feedback])
        self._show_status()

    def _show_status(self):
        self.status.value = f"<p>{escape(current_source(self.cache))}</p>"
        if hasattr(self, "shipped"):
            self.shipped.layout.display = "none" if shipped_in_use(self.cache) else None

    def _show(self, outcome):
        css, role = ("kurs-lagret", "status") if outcome.ok else ("kurs-feil", "alert")
        lines = "<br>".join(escape(line) for line in outcome.message.splitlines())
        self.feedback.value = f'<div class="{css}" role="{role}">{lines}</div>'
        self.progress.value = ""
        self._show_status()

    def _progress(self, text: str):
        self.progress.value = f'<p role="status">{escape(text)}</p>'

    def on_fetch(self, _=None):
        self.feedback.value = ""
        self._progress("Kobler til SSB …")
        self._show(fetch_from_ssb(self.cache, progress=self._progress, **self.fetch_options))

    def on_load(self, _=None):
        files = self.upload.value or ()
        chosen = files[0] if files else {}
        self._show(load_own_file(chosen.get("name", ""), bytes(chosen.get("content", b"")), self.cache))

    def on_shipped(self, _=None):
        self._show(use_shipped_numbers(self.cache))
