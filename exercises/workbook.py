"""The learner's workbook: one JSON file that keeps everything they write.

Rules that protect the learner's work:
- a save writes a temporary file in the same folder and renames it over the
  old one, so a crash never leaves half a file;
- a damaged file, or one written by a newer version of the course, is
  renamed aside (never overwritten) and the learner is told where it is;
- learner text is stored as JSON strings and never evaluated.
"""

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from . import paths
from .text import InputError

SCHEMA_VERSION = 1
MAX_BYTES = 5_000_000  # far above any real workbook; guards against a wrong file


class Workbook:
    """The file is read again whenever another kernel may have changed it
    (each chapter runs in its own kernel), and :meth:`put` changes only its
    own section of what is on disk, so two open chapters never undo each
    other's work."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else paths.workbook_path()
        self.messages: list[str] = []  # Norwegian notes for the learner
        self._seen = None
        self.data = self._read()
        self._seen = self._stamp()

    def _stamp(self):
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return None
        return info.st_mtime_ns, info.st_size

    def refresh(self) -> None:
        """Read the file again if it changed since this object last saw it."""
        stamp = self._stamp()
        if stamp != self._seen:
            self.data = self._read() if stamp else _empty()
            self._seen = self._stamp()

    # reading -----------------------------------------------------------
    def _read(self) -> dict:
        if not self.path.exists():
            return _empty()
        try:
            if self.path.stat().st_size > MAX_BYTES:
                raise ValueError("for stor")
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("sections"), dict):
                raise ValueError("feil oppbygning")
            version = data.get("schema_version")
            if not isinstance(version, int):
                raise ValueError("mangler versjonsnummer")
        except (ValueError, UnicodeDecodeError) as error:
            aside = self._set_aside("skadet")
            self.messages.append(
                f"Arbeidsboka i {self.path} kunne ikke leses ({error}). Den er flyttet til "
                f"{aside.name} i samme mappe, og du starter med en tom arbeidsbok. "
                "Ta kontakt med kursholder hvis du trenger hjelp til å hente fram innholdet."
            )
            return _empty()
        if version > SCHEMA_VERSION:
            aside = self._set_aside(f"versjon{version}")
            self.messages.append(
                f"Arbeidsboka i {self.path} er laget av en nyere versjon av kurset (versjon {version}). "
                f"Den er flyttet til {aside.name} og ikke endret. Oppdater kurset for å bruke den."
            )
            return _empty()
        return data

    def _set_aside(self, reason: str) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.stem}.{reason}-{stamp}{self.path.suffix}")
        n = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.stem}.{reason}-{stamp}-{n}{self.path.suffix}")
            n += 1
        os.replace(self.path, aside)
        return aside

    # the learner's content ----------------------------------------------
    def get(self, section: str, default=None):
        self.refresh()
        return self.data["sections"].get(section, default)

    def put(self, section: str, value) -> None:
        """Store ``value`` (JSON types only) under ``section`` and save."""
        if not isinstance(section, str) or not section:
            raise InputError("Intern feil: en del av arbeidsboka må ha et navn.")
        try:
            json.dumps(value, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise InputError(f"Kunne ikke lagre «{section}»: innholdet kan ikke skrives som tekst ({error}).") from error
        self.refresh()
        self.data["sections"][section] = {"saved": _now(), "value": value}
        self.save()

    def value(self, section: str, default=None):
        """The stored value of ``section`` without its time stamp."""
        entry = self.get(section)
        return entry["value"] if isinstance(entry, dict) and "value" in entry else default

    @property
    def county(self) -> str | None:
        profile = self.value("profil", {})
        return profile.get("county") if isinstance(profile, dict) else None

    # writing -------------------------------------------------------------
    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.data["schema_version"] = SCHEMA_VERSION
        self.data["updated"] = _now()
        text = json.dumps(self.data, ensure_ascii=False, indent=2, allow_nan=False)
        fd, tmp = tempfile.mkstemp(prefix=".arbeidsbok-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._seen = self._stamp()


def json_number(value, digits: int = 3):
    """A number as the workbook stores it: rounded, and None if missing."""
    if value is None or value != value:  # NaN is not equal to itself
        return None
    return round(float(value), digits)


def _empty() -> dict:
    return {"schema_version": SCHEMA_VERSION, "created": _now(), "sections": {}}


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")
