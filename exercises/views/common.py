"""Widgets shared by the exercise views."""

from html import escape

import ipywidgets as w

from exercises.core.feedback import Feedback
from exercises.data.counties import default_county
from exercises.reports import display
from exercises.views.choices import ChoiceList
from exercises.views.stale import forget_saved_on_change
from exercises.views.unsaved import Tracking
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook

WIDE = w.Layout(width="min(100%, 40rem)")
LABEL_STYLE = {"description_width": "9rem"}
ANSWER = "kurs-svar"  # feedback next to a control; the live page makes it a live region (aria-live)


def county_dropdown(regions: dict[str, str], value: str | None) -> w.Dropdown:
    options = [(f"{code} {name}", code) for code, name in regions.items()]
    if value not in regions:
        value = options[0][1]
    return w.Dropdown(options=options, value=value, description="Fylke", style=LABEL_STYLE, layout=WIDE)


def workbook_notice(workbook: Workbook) -> w.HTML:
    """Messages about a damaged or newer workbook file, if any."""
    return w.HTML(display.feedback(workbook.messages, []) if workbook.messages else "")


def show_feedback(target: w.HTML, result: Feedback) -> None:
    target.value = display.feedback(result.errors, result.notes, result.saved)


def save_button(text: str = "Sjekk og lagre") -> w.Button:
    return w.Button(description=text, button_style="primary", icon="check",
                    tooltip=text, layout=w.Layout(width="auto"))


# Added for the chapters Organisere … Ditt utkast ---------------------------
BLANK = ("— velg —", "")
NARROW = {"description_width": "initial"}


class ExerciseView(Tracking):
    """Base of the views: shows ``self.widget`` when the view is the last
    thing in a notebook cell. A view makes its ``button`` and ``feedback``,
    then its widget with :meth:`lay_out`, which connects the save button
    with :meth:`connect_save`, so that a save that fails is shown to the
    learner, and watches the fields for unsaved changes
    (:mod:`exercises.views.unsaved`)."""

    workbook: Workbook
    widget: w.Widget
    button: w.Button
    feedback: w.HTML

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def lay_out(self, *parts: w.Widget, after: tuple[w.Widget, ...] = ()) -> None:
        """Make ``self.widget``: the notice about the workbook file, ``parts``,
        the save button, its feedback (a live region, read out when it
        changes) and the choices after a refused save, then ``after``. The
        button runs ``on_save``; a change to any field after a save replaces
        the «saved» line (:func:`~exercises.views.stale.forget_saved_on_change`)."""
        self.feedback.add_class(ANSWER)
        self.widget = w.VBox([workbook_notice(self.workbook), *parts, self.button, self.feedback,
                              self.conflict_buttons(), *after])
        self.connect_save()
        forget_saved_on_change(self)
        with self.filling():
            self.first_fill()
        self.watch_unsaved()

    def first_fill(self) -> None:
        """Fill the form after it is laid out (a view that fills it while
        building it does nothing here)."""

    def connect_save(self, handler=None) -> None:
        """Run ``handler`` (default ``self.on_save``) when the button is
        clicked, based on the workbook revisions this page read. If the save
        cannot be made (a full disk, a read-only folder, a busy workbook, a
        newer version saved elsewhere), its Norwegian message is shown in
        ``self.feedback`` and the widgets keep what the learner typed."""
        self._handler = handler or self.on_save
        self.button.on_click(lambda _=None: self.save_based())


class CountyView(ExerciseView):
    """Base of the views of one county's figures: a subclass calls this
    ``__init__`` (the dataset, the workbook, a county dropdown that starts at
    ``county`` or the learner's county, a save button), builds its form and
    calls :meth:`lay_out` with it; ``on_county`` fills the form for the
    county chosen, at the start and whenever the learner changes it (what
    was not saved for the county left is kept as a draft)."""

    selector = "county"

    def __init__(self, dataset, workbook: Workbook | None = None, county: str | None = None):
        self.dataset = dataset
        self.workbook = workbook or Workbook()
        self.county = county_dropdown(dataset.regions, default_county(dataset.regions, county or self.workbook.county))
        self.drafts_note = w.HTML()
        self.button = save_button()
        self.feedback = w.HTML()

    def lay_out(self, *parts: w.Widget, after: tuple[w.Widget, ...] = ()) -> None:
        super().lay_out(self.county, self.drafts_note, *parts, after=after)

    def first_fill(self) -> None:
        self.on_county()

    def fill_choice(self) -> None:
        self.on_county()

    def reload(self) -> None:
        self.on_county()

    def on_county(self, _=None) -> None:
        raise NotImplementedError


def dropdown(options, value, description: str, blank: bool = False, width: str | None = None) -> w.Dropdown:
    """A dropdown from ``options`` (key -> label, or a list of labels that
    are their own keys); an unknown ``value`` falls back to the first."""
    pairs = [(label, key) for key, label in options.items()] if isinstance(options, dict) else [(o, o) for o in options]
    if blank:
        pairs.insert(0, BLANK)
    keys = [key for _, key in pairs]
    return w.Dropdown(options=pairs, value=value if value in keys else keys[0], description=description,
                      style=NARROW if width else LABEL_STYLE,
                      layout=w.Layout(min_width=width, width="auto") if width else WIDE)  # never cuts a choice


def text_input(description: str, placeholder: str = "", value: str = "", lines: int = 1,
               width: str | None = None) -> w.Text | w.Textarea:
    """A text field; ``lines`` > 1 gives a text area that tall."""
    layout = w.Layout(width=width) if width else w.Layout(width="min(100%, 40rem)")
    if lines > 1:
        layout.height = f"{1.6 * lines + 0.6:.1f}rem"
        return w.Textarea(value=value, placeholder=placeholder, description=description,
                          style=NARROW if width else LABEL_STYLE, layout=layout)
    return w.Text(value=value, placeholder=placeholder, description=description,
                  style=NARROW if width else LABEL_STYLE, layout=layout)


def multi_select(options: dict, value, description: str) -> ChoiceList:
    """Several choices (key -> label) as check boxes, all in sight (see
    :class:`~exercises.views.choices.ChoiceList`)."""
    pairs = [(label, key) for key, label in options.items()]
    return ChoiceList(pairs, tuple(v for v in (value or ()) if v in options), description)


def row(*widgets: w.Widget) -> w.HBox:
    """Widgets side by side, wrapping on a narrow screen."""
    return w.HBox(list(widgets), layout=w.Layout(flex_flow="row wrap"))


def heading(text: str) -> w.HTML:
    return w.HTML(f"<p><strong>{escape(text)}</strong></p>")


def notice(text: str) -> w.HTML:
    """A note for the learner, such as which chapter to do first."""
    return w.HTML(f'<div class="kurs-banner" role="note">{escape(text)}</div>')


def priority_dropdown(priorities: list[dict]) -> w.Dropdown:
    """The learner's saved priorities, by title."""
    if not priorities:
        return w.Dropdown(options=[("— ingen prioriteringer lagret —", "")], value="", disabled=True,
                          description="Prioritering", style=LABEL_STYLE, layout=WIDE)
    titles = [p["title"] for p in priorities]
    return w.Dropdown(options=titles, value=titles[0], description="Prioritering", style=LABEL_STYLE, layout=WIDE)


class PerPriorityView(ExerciseView):
    """Base of the views that fill a part (actions, indicators) for each
    saved priority: a dropdown of the priorities, the form, a save button.
    A subclass builds its form widgets, then calls this ``__init__``, and
    says how to fill the form (``fill``) and read it (``answer``). What the
    learner typed for one priority is kept when another is chosen."""

    selector = "priority"

    def __init__(self, exercise, workbook: Workbook, form: list[w.Widget]):
        self.exercise, self.workbook = exercise, workbook
        self.priority = priority_dropdown(exercise.priorities)
        self.drafts_note = w.HTML()
        self.button = save_button()
        self.feedback = w.HTML()
        first = [] if exercise.priorities else [notice(
            f"Du har ingen lagrede prioriteringer ennå. Lag dem i kapitlet {Section.PRIORITIES.chapter}, "
            "og kjør dette kapitlet på nytt (Run → Run All Cells).")]
        self.lay_out(*first, self.priority, self.drafts_note, *form)

    def first_fill(self) -> None:
        self.fill_choice()

    def fill_choice(self) -> None:
        self.fill(self.priority.value)
        self.feedback.value = ""

    def reload(self) -> None:
        self.fill(self.priority.value)

    def on_save(self, _=None):
        show_feedback(self.feedback, self.exercise.save(self.workbook, self.priority.value, *self.answer()))

    def fill(self, priority: str) -> None:
        raise NotImplementedError

    def answer(self) -> tuple:
        raise NotImplementedError
