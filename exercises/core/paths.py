"""Where the course keeps its files. Every location can be moved with an
environment variable, so that a teacher or a test can point elsewhere."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"

MIRROR_ENV = "SSB_SPEIL"
MAP_MIRROR_ENV = "KART_SPEIL"
CACHE_ENV = "KURSDATA"
SNAPSHOT_ENV = "KURSDATA_MED_KURSET"
WORKBOOK_ENV = "ARBEIDSBOK"
WORKSHOP_ENV = "KURS_VERKSTED"  # set by the workshop server to its folder of participants' workbooks


def cache_dir() -> Path:
    """Git-ignored folder that the import step fills with real data."""
    return Path(os.environ.get(CACHE_ENV) or DATA_DIR / "cache")


def snapshot_dir() -> Path:
    """The real figures shipped with the course (made from the mirror by
    ``python -m exercises.data.snapshot``): used when the cache has none."""
    return Path(os.environ.get(SNAPSHOT_ENV) or DATA_DIR / "snapshot")


def data_folders() -> list[Path]:
    """Where the chapters look for real figures, first match wins: the cache
    (a newer import: the mirror, SSB's API or the learner's own file), then
    the snapshot shipped with the course."""
    return [cache_dir(), snapshot_dir()]


def workbook_path() -> Path:
    """The learner's workbook file (git-ignored folder by default)."""
    return Path(os.environ.get(WORKBOOK_ENV) or ROOT / "arbeidsbok" / "arbeidsbok.json")


def in_workshop() -> bool:
    """The course is served to a workshop: the data are the teacher's to choose."""
    return bool(os.environ.get(WORKSHOP_ENV))


def running_in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def mirror_dir() -> Path | None:
    """The mirror's SSB folder named by SSB_SPEIL, if set."""
    value = os.environ.get(MIRROR_ENV)
    return Path(value) if value else None
