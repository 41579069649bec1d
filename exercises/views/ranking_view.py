"""View for «Ranger regionens styrker», the course's main exercise."""

from html import escape

import ipywidgets as w

from exercises.core.errors import InputError
from exercises.core.feedback import Feedback
from exercises.data.dataset import Dataset
from exercises.models.ranking import CRITERIA, SCALE, Move, RankingExercise
from exercises.reports import analysis_report
from exercises.views.choices import ChoiceList
from exercises.views.common import ANSWER, LABEL_STYLE, WIDE, CountyView, show_feedback
from exercises.workbook.store import Workbook

WIDE_LABEL = {"description_width": "16rem"}
LABELS = {c.key: c.label for c in CRITERIA}


def _answer() -> w.HTML:
    """Feedback right under the button that caused it (a live region)."""
    feedback = w.HTML()
    feedback.add_class(ANSWER)
    return feedback


def moves_text(before: dict[str, int], after: dict[str, int], names, industry: str) -> str:
    """How a change moved the ranking: the changed industry first, then the
    others that moved two places or more in the top 15."""
    def place(i, places):
        return places.get(i, "–")

    parts = []
    if place(industry, before) != place(industry, after):
        parts.append(f"«{names[industry]}» flyttet fra plass {place(industry, before)} til plass {place(industry, after)}.")
    else:
        parts.append(f"«{names[industry]}» står fortsatt på plass {place(industry, after)}.")
    others = [i for i in after if i != industry and i in before and abs(after[i] - before[i]) >= 2
              and min(after[i], before[i]) <= 15]
    if others:
        parts.append("Det flyttet også " + ", ".join(
            f"«{names[i]}» fra plass {before[i]} til {after[i]}" for i in sorted(others, key=after.get)[:3])
            + ": en vurdering gir den vurderte næringen et kriterium til, og de andre flytter når den går forbi dem "
              "eller faller bak dem. Næringer du ikke vurderer, rangeres på de andre kriteriene.")
    return " ".join(parts)


class RankingView(CountyView):
    # what only picks what to look at or to change; the ranking itself is in the state
    untracked = ("judged", "scores", "moved", "position", "move_reason", "show_all")

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
        self.score_feedback = _answer()
        self.ratings = w.HTML()
        self.show_all = w.Checkbox(value=False, description="Vis alle næringene", indent=False)
        self.table = w.HTML()
        self.moved = w.Dropdown(description="Flytt næring", style=LABEL_STYLE, layout=WIDE)
        self.position = w.BoundedIntText(value=1, min=1, max=len(dataset.industries()), description="til plass",
                                         style=LABEL_STYLE)
        self.move_reason = w.Text(description="Begrunnelse", placeholder="Hvorfor vet du bedre enn tallene her?",
                                  style=LABEL_STYLE, layout=WIDE)
        self.move_button = w.Button(description="Flytt", icon="arrows-v", layout=w.Layout(width="auto"))
        self.move_feedback = _answer()
        self.strengths = ChoiceList(description="Styrker")
        self.niches = ChoiceList(description="Kandidatnisjer")
        self.sensitivity = w.HTML()
        explain = "".join(f"<li><strong>{c.label}</strong>: {c.explanation}</li>" for c in CRITERIA)
        form = [
            self.start,
            w.HTML(f"<p><strong>1. Vekt kriteriene</strong> (0 = ikke med, {SCALE} = svært viktig):</p><ul>{explain}</ul>"),
            *self.weights.values(),
            w.HTML("<p><strong>2. Gi din egen vurdering</strong> av næringer du kjenner (0–5). "
                   "Næringer du ikke vurderer, rangeres på de andre kriteriene.</p>"),
            self.judged, *self.scores.values(), self.score_button, self.score_feedback, self.ratings,
            w.HTML("<p><strong>3. Rangeringen</strong> oppdateres med en gang:</p>"), self.show_all, self.table,
            w.HTML("<p><strong>4. Flytt en næring</strong> hvis du mener tallene gir et galt bilde, og si hvorfor:</p>"),
            self.moved, self.position, self.move_reason, self.move_button, self.move_feedback,
            w.HTML("<p><strong>5. Marker styrker og kandidatnisjer</strong>: kryss av for hver næring du vil "
                   "markere. Det du har valgt, står over boksene.</p>"),
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
        self.feedback.value = self.score_feedback.value = self.move_feedback.value = ""
        self.show_ratings()
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
        industry = self.judged.value
        chosen = {key: box.value for key, box in self.scores.items()}
        had = {key for key in chosen if industry in self.state.scores.get(key, {})}
        if all(value is None for value in chosen.values()) and not had:
            return show_feedback(self.score_feedback, Feedback(errors=[
                f"Du har ikke valgt noen vurdering for «{self.exercise.names.get(industry, '')}». Velg et tall "
                "fra 0 til 5 i minst én av listene over, og trykk «Sett vurdering» igjen."]))
        before = self._places()
        try:
            state = self.state
            for key, value in chosen.items():
                state = self.exercise.set_score(state, key, industry, value)
        except InputError as error:
            return show_feedback(self.score_feedback, Feedback(errors=[str(error)]))
        self.state = state
        self.refresh()
        name = self.exercise.names[industry]
        set_text = ", ".join(f"{value}/{SCALE} på {LABELS[key]}" for key, value in chosen.items() if value is not None)
        what = f"Vurderingen av «{name}» er satt: {set_text}." if set_text else f"Vurderingen av «{name}» er fjernet."
        show_feedback(self.score_feedback, Feedback(saved=f"{what} {moves_text(before, self._places(), self.exercise.names, industry)} "
                                                         "Trykk «Sjekk og lagre» nederst for å lagre rangeringen."))
        self.show_ratings()
        self.update_unsaved()

    def show_ratings(self) -> None:
        """The learner's own ratings so far, by industry."""
        rows = {}
        for key, by_industry in self.state.scores.items():
            for industry, value in by_industry.items():
                rows.setdefault(industry, []).append(f"{LABELS.get(key, key)}: {value}/{SCALE}")
        if not rows:
            self.ratings.value = "<p>Du har ikke gitt egne vurderinger ennå.</p>"
            return
        items = "".join(f"<li><strong>{escape(self.exercise.names.get(i, i))}</strong>: {escape(', '.join(v))}</li>"
                        for i, v in sorted(rows.items(), key=lambda item: self.exercise.names.get(item[0], item[0])))
        self.ratings.value = f"<p>Dine vurderinger:</p><ul>{items}</ul>"

    def on_move(self, _=None):
        before = self._places()
        try:
            self.state = self.exercise.move(self.state, self.moved.value, self.position.value, self.move_reason.value)
        except InputError as error:
            return show_feedback(self.move_feedback, Feedback(errors=[str(error)]))
        self.move_reason.value = ""
        self.refresh()
        name = self.exercise.names[self.moved.value]
        show_feedback(self.move_feedback, Feedback(saved=(
            f"«{name}» er flyttet fra plass {before.get(self.moved.value, '–')} til plass {self.position.value}, "
            "med begrunnelsen din. Trykk «Sjekk og lagre» nederst for å lagre rangeringen.")))
        self.update_unsaved()

    def _places(self) -> dict[str, int]:
        try:
            return {i: int(p) for i, p in self.exercise.ranked(self.state)["position"].items()}
        except InputError:
            return {}

    def extra_state(self):
        state = getattr(self, "state", None)
        return None if state is None else (state.scores, [vars(m) for m in state.moves])

    def restore_extra(self, extra) -> None:
        scores, moves = extra
        self.state.scores = scores
        self.state.moves = [Move(**m) for m in moves]
        self.show_ratings()
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
