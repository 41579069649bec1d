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

import io
import os
import re
from pathlib import Path
from urllib.parse import parse_qs

from exercises.core.paths import WORKSHOP_ENV

KEY_PARAMETER = "deltaker"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _warm_up() -> None:
    """Import the heavy parts and load the data before the page is requested.

    Every module of the course is imported (the chapters import their views
    and reports), matplotlib draws one figure (its fonts are loaded once),
    and the data set is loaded once and shared by the chapter: the kernel
    lives for one page, and the data do not change while it runs."""
    import importlib
    import pkgutil

    import ipywidgets  # noqa: F401
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import exercises
    from exercises import chapter
    from exercises.data import dataset as data

    for module in pkgutil.walk_packages(exercises.__path__, "exercises."):
        if not module.name.startswith("exercises.live"):
            try:
                importlib.import_module(module.name)
            except Exception:  # noqa: BLE001 - a module that cannot load now fails later, in its chapter
                pass
    figure, axes = plt.subplots()
    axes.plot([0, 1], [0, 1])
    figure.savefig(io.BytesIO(), format="png")
    plt.close(figure)
    dataset = data.load_course_data()
    chapter.load_course_data = lambda: dataset
    _remember_maps(dataset)


def _remember_maps(dataset) -> None:
    """The county map is the same for every learner: draw the one «Analysere»
    opens with now, before the request, and keep every map drawn in this
    kernel, so the page needs only the county's own figures when a learner
    arrives (a third of the chapter's work; see benchmarks/live.py)."""
    import functools

    from exercises.reports import analysis_report

    draw = analysis_report.map_figure

    @functools.lru_cache(maxsize=32)
    def remembered(indicator, year, industry, start):
        return draw(dataset, indicator, year, industry, start)

    def map_figure(shown, indicator, year, industry=None, start=None):
        if shown is not dataset:
            return draw(shown, indicator, year, industry, start)
        return remembered(indicator, year, industry, start)

    analysis_report.map_figure = map_figure
    map_figure(dataset, next(iter(analysis_report.MAP_INDICATORS)), dataset.years[-1])


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
