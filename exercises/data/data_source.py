"""Which numbers the course uses, and changing them from Velkommen: the
newest figures from SSB's API, or a CSV file of one's own. Pure functions
that return a Norwegian outcome; the view (views/data_source_view.py) shows it."""

import tempfile
from dataclasses import dataclass
from pathlib import Path

from exercises.core import paths
from exercises.data.dataset import SSB, DataMissing, load_real_data
from exercises.data.import_check import BadData

MAX_UPLOAD = 50 * 1024 * 1024


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str


RELOAD = "Last siden på nytt (F5) for å se dem i kapitlene."


def current_source(cache: Path | None = None) -> str:
    """One sentence on the numbers the chapters use now: which, from where,
    which years, when retrieved (the source line of every table)."""
    try:
        data = load_real_data(cache)
    except DataMissing:
        return "Kurset bruker nå de fiktive undervisningsdataene (Fjordland), fordi ingen virkelige tall er hentet."
    except (OSError, ValueError):
        return "Dataene i mellomlageret kan ikke leses. Hent dem på nytt med en av knappene under."
    p = data.provenance
    what = ("tallene som følger med kurset" if data.shipped else
            "nyere tall fra SSBs API" if p.version else
            "tallene fra SSB-speilet" if p.source == SSB else "egne data")
    return f"Kurset bruker nå {what}. {p.caption()}"


def shipped_in_use(cache: Path | None = None) -> bool:
    """Whether the chapters show the snapshot that comes with the course."""
    try:
        return load_real_data(cache).shipped
    except (DataMissing, OSError, ValueError):
        return False


def use_shipped_numbers(cache: Path | None = None) -> Outcome:
    """Back to the figures that come with the course; the imported ones are moved aside, not deleted."""
    from exercises.data.data_import import cannot_write, use_shipped

    try:
        moved = use_shipped(Path(cache or paths.cache_dir()))
    except OSError as error:
        return Outcome(False, cannot_write(error))
    kept = f" Tallene du hadde hentet, ligger i {moved}." if moved.name else ""
    return Outcome(True, f"Kurset bruker igjen tallene som følger med kurset.{kept} {RELOAD}")


def fetch_from_ssb(cache: Path | None = None, progress=None, **kwargs) -> Outcome:
    """Tables 11713 and 13470 from SSB's API into the cache (see api_import)."""
    from exercises.data.api_import import import_from_api
    from exercises.data.data_import import cannot_write, unexpected
    from exercises.data.ssb_api import ApiUnavailable

    try:
        result = import_from_api(cache, progress=progress or (lambda text: None), **kwargs)
    except (ApiUnavailable, BadData, DataMissing) as error:
        return Outcome(False, str(error))
    except OSError as error:
        return Outcome(False, cannot_write(error))
    except Exception as error:  # never a traceback for the learner
        return Outcome(False, unexpected(error))
    if result.failed:
        return Outcome(False, f"{result.summary()} {RELOAD if result.written else ''}".strip())
    return Outcome(True, f"{result.summary()} {RELOAD}")


def load_own_file(name: str, content: bytes, cache: Path | None = None) -> Outcome:
    """A CSV file uploaded in the browser: checked whole, then loaded."""
    from exercises.data.data_import import cannot_write, unexpected
    from exercises.data.own_data import import_own

    if not name:
        return Outcome(False, "Velg en CSV-fil først (knappen «Velg fil»).")
    if len(content) > MAX_UPLOAD:
        return Outcome(False, f"Filen {name} er større enn 50 MB. Ta bare med radene kurset trenger.")
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in Path(name).name)[:80] or "egne_data.csv"
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / safe
            path.write_bytes(bytes(content))
            import_own(path, Path(cache or paths.cache_dir()))
    except BadData as error:
        return Outcome(False, str(error))
    except OSError as error:
        return Outcome(False, cannot_write(error))
    except Exception as error:
        return Outcome(False, unexpected(error))
    return Outcome(True, f"Dataene fra {safe} er lastet inn. {RELOAD} Vil du tilbake til SSBs tall, bruk knappen "
                         "«Bruk tallene som følger med kurset».")
