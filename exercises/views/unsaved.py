"""Nothing the learner types is lost without a word.

A view remembers what its fields held when they were filled from the
workbook or saved (the *baseline*) and the revisions of the workbook it read
(:meth:`~exercises.workbook.store.Workbook.revisions`). From these:

- the view's widget carries the class ``kurs-ulagret`` while a field differs
  from the baseline; the live course's page asks before it is left while any
  widget has that class (``beforeunload`` in exercises/live/template);
- a view with a *selector* (the priority in Gjennomføre and Måle og lære, the
  county in the analysis chapters) keeps the unsaved fields of each choice
  as a draft when the learner switches, fills them back when the learner
  switches back, and lists the choices with drafts under the selector;
- a save is made based on the revisions read: if another tab, chapter or
  kernel saved the section since, the save is refused
  (:class:`~exercises.workbook.store.Conflict`) and two buttons offer to
  fetch what is saved or to keep both.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from html import escape

import ipywidgets as w

from exercises.core.errors import InputError
from exercises.reports import display
from exercises.views.stale import inputs
from exercises.workbook.store import Conflict

UNSAVED = "kurs-ulagret"  # on a view's widget while it holds unsaved changes
RELOAD_PAGE = "kurs-last-pa-nytt"  # a link the live page answers by loading itself again


def _frozen(value):
    return tuple(value) if isinstance(value, list | tuple) else value


class Tracking:
    """Mixed into ExerciseView. A view sets ``untracked`` (names of its
    attributes that only navigate, such as the selector) and may set
    ``selector`` (the name of a dropdown whose choices each have their own
    saved answer), ``draft_extra``/``restore_extra`` (state that is not in a
    field, such as the ranking's moves) and ``reload`` (fill the form from
    the workbook again)."""

    untracked: tuple[str, ...] = ()
    selector: str | None = None
    _filling = False

    # what is unsaved -------------------------------------------------------
    def watch_unsaved(self) -> None:
        skip = {id(getattr(self, name, None)) for name in (*self.untracked, *([self.selector] if self.selector else []))}
        for name in self.untracked:
            value = getattr(self, name, None)
            if isinstance(value, dict):
                skip |= {id(v) for v in value.values()}
        self._fields = [field for field in inputs(self.widget) if id(field) not in skip]
        self.drafts: dict = {}
        for field in self._fields:
            field.observe(self._changed, names="value")
        if self.selector:
            getattr(self, self.selector).observe(self._switched, names="value")
        self.mark_clean()

    def values(self) -> list:
        return [_frozen(field.value) for field in self._fields]

    def extra_state(self):
        """State outside the fields that is saved with them (None: none)."""
        return None

    def mark_clean(self) -> None:
        """What the fields hold now is what is saved: the new baseline."""
        for field in self._fields:
            if hasattr(field, "remember"):  # a list of choices names what was saved
                field.remember()
        self._baseline, self._extra = self.values(), copy.deepcopy(self.extra_state())
        self.base = self.workbook.revisions()
        self.update_unsaved()

    def changed_here(self) -> bool:
        """Whether the form shown differs from what was filled or saved."""
        return self.values() != self._baseline or self.extra_state() != self._extra

    def has_unsaved(self) -> bool:
        return self.changed_here() or bool(self.drafts)

    def update_unsaved(self) -> None:
        if self.has_unsaved():
            self.widget.add_class(UNSAVED)
        else:
            self.widget.remove_class(UNSAVED)
        if self.selector and hasattr(self, "drafts_note"):
            self.drafts_note.value = self._drafts_html()

    def _changed(self, _=None) -> None:
        if not self._filling:
            self.update_unsaved()

    @contextmanager
    def filling(self):
        """Fields set by the program, not the learner: not a change."""
        self._filling = True
        try:
            yield
        finally:
            self._filling = False

    # drafts per choice of the selector ---------------------------------------
    def _switched(self, change) -> None:
        if self._filling:
            return
        if self.changed_here():
            self.drafts[change["old"]] = (self.values(), copy.deepcopy(self.extra_state()))
        draft = self.drafts.pop(change["new"], None)
        with self.filling():
            self.fill_choice()
        self.mark_clean()
        if draft:
            values, extra = draft
            for field, value in zip(self._fields, values):
                field.value = value
            if extra is not None:
                self.restore_extra(extra)
        self.update_unsaved()

    def fill_choice(self) -> None:
        """Fill the form for the selector's current choice."""
        raise NotImplementedError

    def restore_extra(self, extra) -> None:
        raise NotImplementedError

    def _drafts_html(self) -> str:
        if not self.drafts:
            return ""
        labels = dict((key, label) for label, key in _pairs(getattr(self, self.selector).options))
        names = ", ".join(f"«{escape(str(labels.get(key, key)))}»" for key in self.drafts)
        return (f'<p class="kurs-ikke-lagret">Ikke lagret ennå: {names}. Det du skrev der, er tatt vare på '
                "på denne siden. Velg den i lista og trykk «Sjekk og lagre» for å lagre det.</p>")

    # saving based on what was read ---------------------------------------------
    def conflict_buttons(self) -> w.HBox:
        self.fetch_button = w.Button(description="Hent det som er lagret", icon="refresh",
                                     layout=w.Layout(width="auto"))
        self.keep_button = w.Button(description="Behold begge", icon="copy", layout=w.Layout(width="auto"))
        self.fetch_button.on_click(self._fetch)
        self.keep_button.on_click(lambda _=None: self.save_based(keep_other=True))
        # empty until a save is refused: no hidden buttons in the page's tab order
        self.conflict = w.HBox([], layout=w.Layout(display="none", flex_flow="row wrap"))
        return self.conflict

    def _show_choices(self, shown: bool) -> None:
        if hasattr(self, "conflict"):
            self.conflict.children = (self.fetch_button, self.keep_button) if shown else ()
            self.conflict.layout.display = "flex" if shown else "none"

    def save_based(self, keep_other: bool = False) -> None:
        """Run the save handler based on the revisions this page read; a
        Conflict shows the two choices; an InputError its message; a save
        makes the form the new baseline."""
        self._show_choices(False)
        try:
            with self.workbook.based_on(getattr(self, "base", None), keep_other=keep_other):
                self._handler()
        except Conflict as error:
            self.feedback.value = display.feedback([str(error)], [])
            self._show_choices(True)
            return
        except InputError as error:
            self.feedback.value = display.feedback([str(error)], [])
            return
        if 'class="kurs-lagret"' in self.feedback.value and hasattr(self, "_fields"):
            self.drafts.pop(getattr(self, self.selector).value if self.selector else None, None)
            self.mark_clean()

    def _fetch(self, _=None) -> None:
        self._show_choices(False)
        reload = getattr(self, "reload", None)
        if reload is None:  # no way to fill this form again: the page loads itself again
            self.feedback.value = (f'<p class="kurs-ikke-lagret"><a class="{RELOAD_PAGE}" href="#">Last inn siden '
                                   "på nytt</a> for å se det som er lagret. Det du har skrevet her, forkastes.</p>")
            return
        if self.selector:
            self.drafts.pop(getattr(self, self.selector).value, None)
        with self.filling():
            reload()
        self.mark_clean()
        self.feedback.value = ('<p class="kurs-lagret" role="status">Skjemaet viser nå det som er lagret. '
                               "Det du hadde skrevet her, er forkastet.</p>")


def _pairs(options) -> list[tuple]:
    return [option if isinstance(option, tuple) else (option, option) for option in options]
