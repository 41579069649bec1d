"""Where the course keeps its files. Every location can be moved with an
environment variable, so that a teacher or a test can point elsewhere."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"

MIRROR_ENV = "SSB_SPEIL"
MAP_MIRROR_ENV = "KART_SPEIL"
CACHE_ENV = "KURSDATA"
WORKBOOK_ENV = "ARBEIDSBOK"


def cache_dir() -> Path:
    """Git-ignored folder that the import step fills with real data."""
    return Path(os.environ.get(CACHE_ENV) or DATA_DIR / "cache")


def workbook_path() -> Path:
    """The learner's workbook file (git-ignored folder by default)."""
    return Path(os.environ.get(WORKBOOK_ENV) or ROOT / "arbeidsbok" / "arbeidsbok.json")


def running_in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def mirror_dir() -> Path | None:
    """The mirror's SSB folder named by SSB_SPEIL, if set."""
    value = os.environ.get(MIRROR_ENV)
    return Path(value) if value else None
