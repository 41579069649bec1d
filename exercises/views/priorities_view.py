"""View for «Utkast til prioriteringer» (chapter Prioritere)."""

import ipywidgets as w

from exercises.models.analysis_links import missing_analysis
from exercises.models.priorities import CRITERIA, MAX_PRIORITIES, MAX_REASON, MAX_TITLE, PrioritiesExercise
from exercises.reports.learner_tables import links_table
from exercises.views.common import ExerciseView, heading, multi_select, notice, save_button, show_feedback, text_input
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook

CRITERION_STYLE = {"description_width": "20rem"}


class PrioritiesView(ExerciseView):
    def __init__(self, workbook: Workbook | None = None):
        self.workbook = workbook or Workbook()
        self.exercise = PrioritiesExercise(self.workbook)
        analysis, actors = self.exercise.analysis, self.exercise.actors
        first = [w.HTML(links_table(analysis, self.workbook)) if analysis.links else notice(missing_analysis())]
        if not actors:
            first.append(notice(f"Aktørkartet ditt er tomt. Lagre aktører i kapitlet {Section.STAKEHOLDERS.chapter}, "
                                "og kjør dette kapitlet på nytt, så kan du velge hvem som skal drive hver prioritering."))
        links = {link.industry: link.label for link in analysis.links}
        saved = self.exercise.saved_rows(self.workbook)
        self.keys = [p.key for p in saved][:MAX_PRIORITIES]  # a slot keeps its priority's id when renamed
        self.titles, self.links, self.reasons, self.drivers, self.scores = [], [], [], [], []
        blocks = []
        for n in range(MAX_PRIORITIES):
            p = saved[n] if n < len(saved) else None
            self.titles.append(text_input("Navn", f"Kort navn på prioriteringen (høyst {MAX_TITLE} tegn)",
                                          p.title if p else ""))
            self.links.append(multi_select(links, p.links if p else (), "Bygger på"))
            self.reasons.append(text_input("Begrunnelse", f"Hvorfor denne? (høyst {MAX_REASON} tegn)",
                                           p.reason if p else "", lines=3))
            self.drivers.append(multi_select({a: a for a in actors}, p.drivers if p else (), "Drives av"))
            self.scores.append({key: w.IntSlider(value=p.scores[key] if p else 3, min=1, max=5, description=text,
                                                 style=CRITERION_STYLE, layout=w.Layout(width="min(100%, 40rem)"))
                                for key, text in CRITERIA.items()})
            blocks.append(w.VBox([heading(f"Prioritering {n + 1}"), self.titles[-1], self.links[-1],
                                  self.reasons[-1], self.drivers[-1], *self.scores[-1].values()]))
        self.button = save_button()
        self.feedback = w.HTML()
        self.lay_out(*first, *blocks)

    def reload(self) -> None:
        saved = self.exercise.saved_rows(self.workbook)
        self.keys = [p.key for p in saved][:MAX_PRIORITIES]
        for n, (title, links, reason, drivers, scores) in enumerate(
                zip(self.titles, self.links, self.reasons, self.drivers, self.scores)):
            p = saved[n] if n < len(saved) else None
            title.value, reason.value = (p.title, p.reason) if p else ("", "")
            links.value = tuple(i for i in (p.links if p else ()) if i in links.choice_keys)
            drivers.value = tuple(d for d in (p.drivers if p else ()) if d in drivers.choice_keys)
            for key, slider in scores.items():
                slider.value = p.scores[key] if p else 3

    def rows(self):
        keys = self.keys + [None] * (MAX_PRIORITIES - len(self.keys))
        return [{"title": title.value, "links": list(links.value), "reason": reason.value,
                 "drivers": list(drivers.value), "scores": {key: s.value for key, s in scores.items()}, "key": slot}
                for title, links, reason, drivers, scores, slot in
                zip(self.titles, self.links, self.reasons, self.drivers, self.scores, keys)]

    def on_save(self, _=None):
        result = self.exercise.save(self.workbook, self.rows())
        show_feedback(self.feedback, result)
        if result.ok:  # new priorities now have ids; the filled slots, in order, hold them
            saved = iter(self.exercise.saved_rows(self.workbook))
            self.keys = [getattr(next(saved, None), "key", None) if title.value.strip() else None
                         for title in self.titles]
