"""Several choices as check boxes: every option and every choice in sight.

A list box (SelectMultiple) hides options below its last row and replaces
every earlier choice on an ordinary click; on a phone, Ctrl and Shift do
not exist. Here one click changes one choice, the choices are named above
the boxes, and a choice that was saved and is now unticked is named until
the form is saved again.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w


class ChoiceList(w.VBox, w.ValueWidget):
    """``options``: (label, key) pairs; ``value``: the keys ticked (a tuple),
    in the order of the options. Observe ``value`` as for a SelectMultiple
    (ValueWidget's ``value`` is not sent to the browser: the boxes are)."""

    is_field = True  # one field for exercises.views.stale.inputs

    def __init__(self, options=(), value=(), description: str = ""):
        self.description = description
        self.heading = w.HTML(f'<p class="kurs-valg-tittel"><strong>{escape(description)}</strong></p>')
        self.summary = w.HTML()
        self.summary.add_class("kurs-svar")
        self.boxes = w.VBox(layout=w.Layout(width="100%"))
        self.boxes.add_class("kurs-avkrysninger")
        self._saved: tuple = ()
        self._options: list[tuple[str, str]] = []
        self._setting = False
        super().__init__([self.heading, self.summary, self.boxes], layout=w.Layout(width="min(100%, 40rem)"),
                         value=())
        self.add_class("kurs-avkrysning")
        self.observe(self._value_set, names="value")
        self.options = options
        self.value = tuple(v for v in value if v in self.choice_keys)
        self.remember()

    @property
    def options(self) -> list[tuple[str, str]]:
        return list(self._options)

    @options.setter
    def options(self, options) -> None:
        self._options = [o if isinstance(o, tuple) else (o, o) for o in options]
        boxes = []
        for label, _ in self._options:
            box = w.Checkbox(value=False, description=str(label), indent=False, layout=w.Layout(width="auto"))
            box.observe(self._ticked, names="value")
            boxes.append(box)
        self.boxes.children = boxes
        kept = tuple(v for v in self.value if v in self.choice_keys)
        if kept != self.value:
            self.value = kept
        else:
            self._show()

    @property
    def choice_keys(self) -> list[str]:
        return [key for _, key in self._options]

    def remember(self) -> None:
        """What is ticked now is what is saved."""
        self._saved = self.value
        self._describe()

    def _ticked(self, _=None) -> None:
        if not self._setting:
            self.value = tuple(key for (_, key), box in zip(self._options, self.boxes.children) if box.value)

    def _value_set(self, _=None) -> None:
        self._show()

    def _show(self) -> None:
        self._setting = True
        try:
            for (_, key), box in zip(self._options, self.boxes.children):
                box.value = key in self.value
        finally:
            self._setting = False
        self._describe()

    def _describe(self) -> None:
        names = dict((key, label) for label, key in self._options)
        chosen = ", ".join(escape(str(names[k])) for k in self.value if k in names)
        text = f"Valgt ({len(self.value)}): {chosen}." if self.value else "Ingen valgt ennå."
        dropped = [names.get(k, k) for k in self._saved if k not in self.value]
        if dropped:
            text += (" <strong>Tatt bort, men ikke lagret ennå:</strong> "
                     + ", ".join(escape(str(d)) for d in dropped)
                     + ". Lagre for å ta dem bort, eller kryss dem av igjen.")
        self.summary.value = f'<p class="kurs-valgt">{text}</p>'
