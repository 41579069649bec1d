"""Sphinx extension: the build never reads the learner's workbook.

The chapters that the build executes run in kernels started by this
process, and they inherit its environment. Pointing ``ARBEIDSBOK`` at a new,
empty file in the build folder means every page shows the exercises as they
look at the start, and no learner's text is published, however the build is
started (`kurs.py bygg`, a plain `jupyter-book build .`, or the tests).
"""

import os
from pathlib import Path

from exercises.core import paths


def use_fresh_workbook(app, config) -> None:
    path = Path(app.outdir).parent / "arbeidsbok-nettsted.json"
    path.unlink(missing_ok=True)
    os.environ[paths.WORKBOOK_ENV] = str(path)


def setup(app):
    app.connect("config-inited", use_fresh_workbook)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
