"""View for «Sjekk om du har forstått» (chapter Hva er smart spesialisering, og hvorfor i Norge?)."""

from html import escape

import ipywidgets as w

from exercises.models.quiz import QUESTIONS, Question, mark_html, save_quiz, saved_answers
from exercises.views.common import NARROW, ExerciseView, heading, save_button, show_feedback
from exercises.workbook.store import Workbook


class QuizView(ExerciseView):
    def __init__(self, workbook: Workbook | None = None):
        self.workbook = workbook or Workbook()
        saved = saved_answers(self.workbook)
        self.answers, self.marks, parts = {}, {}, []
        for number, question in enumerate(QUESTIONS, start=1):
            self.answers[question.key] = w.RadioButtons(
                options=[(label, key) for key, label in question.options.items()], value=saved.get(question.key),
                description=f"Svar {number}", style=NARROW, layout=w.Layout(width="min(100%, 44rem)"))
            self.marks[question.key] = w.HTML()
            parts += [heading(f"{number}. {question.text}"), *table(question), self.answers[question.key],
                      self.marks[question.key]]
        self.button = save_button("Sjekk svarene og lagre")
        self.feedback = w.HTML()
        self.lay_out(*parts)

    def on_save(self, _=None):
        result = save_quiz(self.workbook, {key: radio.value for key, radio in self.answers.items()})
        show_feedback(self.feedback, result.feedback)
        marks = {m.question: mark_html(m) for m in result.marks}
        for key, target in self.marks.items():
            target.value = marks.get(key, "")


def table(question: Question) -> list[w.HTML]:
    """The table a question asks the learner to read, with its source."""
    if not question.table:
        return []
    header, *rows = question.table
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in header)
    body = "".join("<tr>" + f'<th scope="row">{escape(r[0])}</th>' + "".join(f"<td>{escape(c)}</td>" for c in r[1:])
                   + "</tr>" for r in rows)
    return [w.HTML(f'<div class="kurs-tabell" role="region" tabindex="0" aria-label="Tabell til spørsmålet">'
                   f'<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
                   f'<p class="kilde">{escape(question.source)}</p>')]
