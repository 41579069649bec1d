"""Sphinx extension: chapters run again when the course's code or data change.

The book is built with `execute_notebooks: cache`: a chapter runs again only
when its own code cells change, so a rebuild after editing one chapter runs
that chapter alone. But every chapter imports the `exercises` package, reads
the data and runs on the locked packages (constraints.txt), and jupyter-cache
sees none of those. This extension keeps a fingerprint of them next to the
cache; when it changes, the cache is emptied and every page is read again, so
no page shows results of old code or old packages.
"""

import hashlib
import shutil
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
STAMP = "kurs-kode.sha256"


def _inputs() -> list[Path]:
    from exercises.core import paths  # the data folder may be moved by KURSDATA

    files = sorted((ROOT / "exercises").rglob("*.py"))
    files += [p for p in [ROOT / "constraints.txt"] if p.exists()]  # the locked package versions
    files += sorted((ROOT / "data").glob("*.csv")) + sorted((ROOT / "data" / "undervisning").glob("*"))
    files += sorted(p for p in paths.cache_dir().glob("*") if p.is_file())
    return files


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in _inputs():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _cache_dir(app) -> Path:
    configured = getattr(app.config, "nb_execution_cache_path", "") or ""
    return Path(configured) if configured else Path(app.outdir).parent / ".jupyter_cache"


def check_fingerprint(app):
    app._kurs_rerun_all = False
    cache = _cache_dir(app)
    stamp = cache / STAMP
    current = fingerprint()
    if stamp.exists() and stamp.read_text() == current:
        return
    if stamp.exists() or (cache.exists() and any(cache.iterdir())):
        logger.info("kurs: the exercises package or the data changed: every chapter runs again")
        shutil.rmtree(cache)
        app._kurs_rerun_all = True
    cache.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)


def read_everything_again(app, env, added, changed, removed):
    return sorted(env.found_docs) if getattr(app, "_kurs_rerun_all", False) else []


def setup(app):
    app.connect("builder-inited", check_fingerprint, priority=100)
    app.connect("env-get-outdated", read_everything_again)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
