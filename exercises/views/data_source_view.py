"""View for «Hvilke tall kurset bruker» in Velkommen: fetch SSB's newest
figures or load a CSV file of one's own."""

from html import escape

import ipywidgets as w

from exercises.data.data_source import current_source, fetch_from_ssb, load_own_file
from exercises.views.common import ExerciseView


class DataSourceView(ExerciseView):
    def __init__(self, cache=None, **fetch_options):
        self.cache, self.fetch_options = cache, fetch_options
        self.status = w.HTML()
        self.fetch = w.Button(description="Hent de nyeste tallene fra SSB", icon="download",
                              tooltip="Henter tabell 11713 og 13470 fra SSBs åpne API (krever internett)",
                              layout=w.Layout(width="auto"))
        self.upload = w.FileUpload(accept=".csv,text/csv", multiple=False, description="Velg CSV-fil",
                                   layout=w.Layout(width="auto"))
        self.load = w.Button(description="Last inn filen", icon="upload", tooltip="Sjekker filen og laster den inn",
                             layout=w.Layout(width="auto"))
        self.progress = w.HTML()
        self.feedback = w.HTML()
        self.fetch.on_click(self.on_fetch)
        self.load.on_click(self.on_load)
        self.widget = w.VBox([self.status, w.HBox([self.fetch]), w.HBox([self.upload, self.load]), self.progress,
                              self.feedback])
        self._show_status()

    def _show_status(self):
        self.status.value = f"<p>{escape(current_source(self.cache))}</p>"

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
