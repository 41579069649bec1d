"""Widgets shared by the exercise views."""

import ipywidgets as w

from .. import display
from ..feedback import Feedback
from ..workbook import Workbook

WIDE = w.Layout(width="min(100%, 40rem)")
LABEL_STYLE = {"description_width": "9rem"}


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
