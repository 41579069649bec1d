"""Runs as the first (hidden) cell of every live chapter.

In self-study the kernel uses the learner's workbook (``ARBEIDSBOK`` or the
default path), so the county and the answers follow the learner from chapter
to chapter. In workshop mode the server sets ``KURS_VERKSTED`` to the
workshop's folder; the page's query string carries the participant key
(``?deltaker=...``), which the server has already checked against the
participant's signed cookie, and the kernel then works on
``<folder>/<key>.json`` and nothing else.

With Voilà's preheated kernels the notebook runs before anyone asks for it;
:func:`start` first imports what every chapter needs, then waits for the
request's query string (``voila.utils.get_query_string``), so the learner's
own workbook is read only after the page is requested.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs

WORKSHOP_ENV = "KURS_VERKSTED"
KEY_PARAMETER = "deltaker"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _warm_up() -> None:
    """Import the heavy parts before the page is requested."""
    import ipywidgets  # noqa: F401
    import pandas  # noqa: F401

    from exercises import chapter  # noqa: F401
    from exercises.data import load_course_data

    load_course_data()


def query_string() -> str:
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import get_query_string

        return get_query_string() or ""
    return os.environ.get("QUERY_STRING", "")


def participant_key(query: str) -> str | None:
    key = (parse_qs(query).get(KEY_PARAMETER) or [""])[0]
    return key if KEY_PATTERN.fullmatch(key) else None


def workbook_for(folder: str, query: str) -> Path:
    """The workbook of the participant named in the query string."""
    key = participant_key(query)
    if key is None:
        raise PermissionError("Denne siden må åpnes fra verkstedets startside.")
    return Path(folder) / f"{key}.json"


def start() -> None:
    _warm_up()
    query = query_string()
    folder = os.environ.get(WORKSHOP_ENV)
    if folder:
        os.environ["ARBEIDSBOK"] = str(workbook_for(folder, query))
