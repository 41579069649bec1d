"""A «saved» line that no longer tells the truth goes away.

After a save the feedback ends with «✔ … er lagret». When the learner then
changes any field of the exercise, what is on screen is no longer what was
saved: the line is replaced by a short note that the change is not saved.
"""

import re

import ipywidgets as w

NOT_SAVED = ('<p class="kurs-ikke-lagret" role="status">Du har endret noe etter at du lagret. '
             "Lagre på nytt for å ta vare på endringen.</p>")
_SAVED = re.compile(r'<p class="kurs-lagret"[^>]*>.*?</p>', re.DOTALL)
_OUTPUTS = (w.HTML, w.HTMLMath, w.Label, w.Output, w.Image)


def inputs(widget: w.Widget) -> list[w.Widget]:
    """Every field the learner can change inside ``widget`` (a box that is
    one field, such as a list of check boxes, counts once)."""
    if getattr(widget, "is_field", False):
        return [widget]
    if isinstance(widget, w.Box):
        return [field for child in widget.children for field in inputs(child)]
    if isinstance(widget, _OUTPUTS) or not isinstance(widget, w.ValueWidget):
        return []
    return [widget]


def forget_saved_on_change(view) -> None:
    """Watch the fields of ``view.widget``; a change after a save replaces
    the «saved» line in ``view.feedback``."""
    def on_change(_=None):
        if 'class="kurs-lagret"' in view.feedback.value:
            view.feedback.value = _SAVED.sub(NOT_SAVED, view.feedback.value)

    for field in inputs(view.widget):
        field.observe(on_change, names="value")
