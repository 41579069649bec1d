"""View for «Ranger regionens styrker», the course's main exercise."""

import ipywidgets as w

from exercises.core.errors import InputError
from exercises.core.feedback import Feedback
from exercises.data.dataset import Dataset
from exercises.models.ranking import CRITERIA, SCALE, RankingExercise
from exercises.reports import analysis_report
from exercises.views.common import LABEL_STYLE, WIDE, CountyView, show_feedback
from exercises.workbook.store import Workbook

WIDE_LABEL = {"description_width": "16rem"}


class RankingView(CountyView):
    def __init__(self, dataset: Dataset, workbook: Workbook | None = None, county: str | None = None):
        super().__init__(dataset, workbook, county)
        years = dataset.years[:-1]
        self.start = w.Dropdown(options=years, value=years[0], description="Vekst fra år", style=LABEL_STYLE)
        self.weights = {c.key: w.IntSlider(value=1, min=0, max=SCALE, description=c.label, style=WIDE_LABEL,
                                           layout=WIDE, tooltip=c.explanation) for c in CRITERIA}
        own = [c for c in CRITERIA if c.own_judgement]
        self.judged = w.Dropdown(description="Næring", style=LABEL_STYLE, layout=WIDE)
        levels = [("Ikke vurdert", None)] + [(str(n), n) for n in range(SCALE + 1)]
        self.scores = {c.key: w.Dropdown(options=levels, value=None, description=c.label, style=WIDE_LABEL,
                                         layout=WIDE) for c in own}
        self.score_button = w.Button(description="Sett vurdering", icon="pencil", layout=w.Layout(width="auto"))
        self.show_all = w.Checkbox(value=False, description="Vis alle næringene", indent=False)
        self.table = w.HTML()
        self.moved = w.Dropdown(description="Flytt næring", style=LABEL_STYLE, layout=WIDE)
        self.position = w.BoundedIntText(value=1, min=1, max=len(dataset.industries()), description="til plass",
                                         style=LABEL_STYLE)
        self.move_reason = w.Text(description="Begrunnelse", placeholder="Hvorfor vet du bedre enn tallene her?",
                                  style=LABEL_STYLE, layout=WIDE)
        self.move_button = w.Button(description="Flytt", icon="arrows-v", layout=w.Layout(width="auto"))
        self.strengths = w.SelectMultiple(description="Styrker", rows=8, style=LABEL_STYLE, layout=WIDE)
        self.niches = w.SelectMultiple(description="Kandidatnisjer", rows=8, style=LABEL_STYLE, layout=WIDE)
        self.sensitivity = w.HTML()
        explain = "".join(f"<li><strong>{c.label}</strong>: {c.explanation}</li>" for c in CRITERIA)
        form = [
            self.start,
            w.HTML(f"<p><strong>1. Vekt kriteriene</strong> (0 = ikke med, {SCALE} = svært viktig):</p><ul>{explain}</ul>"),
            *self.weights.values(),
            w.HTML("<p><strong>2. Gi din egen vurdering</strong> av næringer du kjenner (0–5). "
                   "Næringer du ikke vurderer, rangeres på de andre kriteriene.</p>"),
            self.judged, *self.scores.values(), self.score_button,
            w.HTML("<p><strong>3. Rangeringen</strong> oppdateres med en gang:</p>"), self.show_all, self.table,
            w.HTML("<p><strong>4. Flytt en næring</strong> hvis du mener tallene gir et galt bilde, og si hvorfor:</p>"),
            self.moved, self.position, self.move_reason, self.move_button,
            w.HTML("<p><strong>5. Marker styrker og kandidatnisjer</strong> (hold Ctrl eller Shift for å velge flere):</p>"),
            self.strengths, self.niches, self.sensitivity,
        ]
        self.start.observe(self.on_county, names="value")
        for slider in self.weights.values():
            slider.observe(self.on_weights, names="value")
        self.judged.observe(self.on_judged, names="value")
        self.show_all.observe(self.refresh, names="value")
        self.strengths.observe(self.on_marks, names="value")
        self.niches.observe(self.on_marks, names="value")
        self.score_button.on_click(self.on_score)
        self.move_button.on_click(self.on_move)
        self.lay_out(*form)

    # reacting to the learner ------------------------------------------------
    def on_county(self, _=None):
        self.exercise = RankingExercise(self.dataset, self.county.value, start=self.start.value)
        self.state = self.exercise.starting_state(self.workbook)
        options = sorted((name, code) for code, name in self.exercise.names.items())
        self._quietly(lambda: self._set_options(options))
        self.on_judged()
        self.feedback.value = ""
        self.refresh()

    def _set_options(self, options):
        for slider_key, slider in self.weights.items():
            slider.value = int(round(self.state.weights.get(slider_key, 0)))
        self.judged.options = options
        self.moved.options = options
        self.strengths.options = options
        self.niches.options = options
        self.strengths.value = tuple(self.state.strengths)
        self.niches.value = tuple(self.state.niches)

    def _quietly(self, change):
        """Change widgets without each change redrawing the table."""
        self._busy = True
        try:
            change()
        finally:
            self._busy = False

    def on_weights(self, _=None):
        if getattr(self, "_busy", False):
            return
        self.state.weights = {k: s.value for k, s in self.weights.items()}
        self.refresh()

    def on_judged(self, _=None):
        for key, slider in self.scores.items():
            slider.value = self.state.scores.get(key, {}).get(self.judged.value)

    def on_score(self, _=None):
        try:
            for key, slider in self.scores.items():
                self.state = self.exercise.set_score(self.state, key, self.judged.value, slider.value)
        except InputError as error:
            return show_feedback(self.feedback, Feedback(errors=[str(error)]))
        self.refresh()

    def on_move(self, _=None):
        try:
            self.state = self.exercise.move(self.state, self.moved.value, self.position.value, self.move_reason.value)
        except InputError as error:
            return show_feedback(self.feedback, Feedback(errors=[str(error)]))
        self.move_reason.value = ""
        self.feedback.value = ""
        self.refresh()

    def on_marks(self, _=None):
        if getattr(self, "_busy", False):
            return
        self.state.strengths = list(self.strengths.value)
        self.state.niches = list(self.niches.value)
        self.refresh()

    def refresh(self, _=None):
        try:
            ranked = self.exercise.ranked(self.state)
        except InputError as error:
            self.table.value = ""
            self.sensitivity.value = ""
            return show_feedback(self.feedback, Feedback(errors=[str(error)]))
        top = None if self.show_all.value else 15
        self.table.value = analysis_report.ranking_table(self.exercise, ranked, self.state, top)
        self.sensitivity.value = analysis_report.sensitivity_table(self.exercise, self.state)

    def on_save(self, _=None):
        show_feedback(self.feedback, self.exercise.save(self.workbook, self.state))
