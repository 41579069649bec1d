"""View for «Slå sammen arbeidsbøker» (chapter For lærere og workshopledere)."""

from html import escape

import ipywidgets as w

from exercises.core import paths

from exercises.models.merge import MAX_PATH, merge_folder
from exercises.models.workshop import summarise
from exercises.reports.group_summary import roles_html
from exercises.reports.learner_tables import merged_choices_html
from exercises.views.common import ExerciseView, save_button, show_feedback, text_input, workbook_notice
from exercises.workbook.readers import workshop_folder
from exercises.workbook.store import Workbook


IN_WORKSHOP = ("I en workshop på kursholderens maskin ser kursholderen gruppa på lærersiden (/laerer, med "
               "lærerkoden). Her slår du sammen arbeidsbøker når deltakerne har arbeidet hver på sin maskin; "
               "en deltaker i workshopen kan ikke lese mapper på kursholderens maskin.")


class MergeView(ExerciseView):
    def __init__(self, workbook: Workbook | None = None):
        self.workbook = workbook or Workbook()
        if paths.in_workshop():  # a participant must not read folders on the teacher's machine
            self.widget = w.VBox([w.HTML(f'<p class="kurs-tilbakemelding">{escape(IN_WORKSHOP)}</p>')])
            return
        self.folder = text_input("Mappe", f"Full sti til mappen med deltakernes arbeidsbøker (høyst {MAX_PATH} tegn)",
                                 workshop_folder(self.workbook))
        self.button = save_button("Les arbeidsbøkene")
        self.feedback = w.HTML()
        self.summary = w.HTML()
        self.connect_save(self.on_read)
        self.widget = w.VBox([workbook_notice(self.workbook), self.folder, self.button, self.feedback, self.summary])

    def on_read(self, _=None):
        result, merged = merge_folder(self.workbook, self.folder.value)
        show_feedback(self.feedback, result)
        self.summary.value = (merged_choices_html(merged) + roles_html(summarise(merged.learners))
                              if result.ok and merged else "")
