"""The learner's workbook: one JSON file that keeps everything they write.

Rules that protect the learner's work:
- every save takes a lock on the file (``filelock``: fcntl on Linux and
  macOS, msvcrt on Windows), reads what is on disk, changes only its own
  section, and writes a temporary file that is flushed and renamed over the
  old one; so two chapters open in two kernels never undo each other's work,
  and a crash never leaves half a file;
- values are checked and cleaned before they touch memory or disk: a save
  that cannot be made raises :class:`SaveError` (Norwegian, says what to do)
  and changes nothing, neither in memory nor on disk;
- a damaged file, or one written by a newer version of the course, is
  renamed aside (never overwritten) and the learner is told where it is; a
  path that is not a file (a folder, a pipe, a device) is never opened;
- learner text is stored as JSON strings and never evaluated.
"""

import datetime as dt
import errno
import hashlib
import json
import os
import stat
from pathlib import Path

from filelock import FileLock, Timeout

from exercises.core import paths
from exercises.core.atomic import remove_temporary, write_atomic
from exercises.core.errors import InputError
from exercises.core.text import clean_string
from exercises.workbook import readers

SCHEMA_VERSION = 1
MAX_BYTES = 5_000_000  # far above any real workbook; guards against a wrong file
MAX_DEPTH = 32  # the course's own sections nest four or five levels
LOCK_SECONDS = 15  # a save takes milliseconds; waiting longer means something is stuck


class SaveError(InputError):
    """A save could not be made. Nothing was changed; the message is Norwegian
    and says what to do."""


class Damaged(ValueError):
    """A file's content cannot be used as a workbook; the message is a
    Norwegian reason without a final full stop («filen er …»)."""


class Workbook:
    """Open with ``Workbook()`` (the path in ``ARBEIDSBOK``, or the course's
    default) or ``Workbook(path)``. Messages for the learner about the file
    are collected in :attr:`messages`."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else paths.workbook_path()
        self.messages: list[str] = []  # Norwegian notes for the learner
        self.problem: str | None = None  # set when the path cannot hold a workbook
        self.data = _empty()
        self._digest: str | None = None
        self._lock = FileLock(self.path.with_name(f".{self.path.name}.lock"),
                              timeout=LOCK_SECONDS, preserve_lock_file=True)
        self.problem = _unusable(self.path)
        if self.problem:
            self.messages.append(self.problem)
            return
        try:
            with self._locked():
                remove_temporary(self.path)  # left by a save that was killed
                self._sync(can_set_aside=True)
        except SaveError as error:  # no lock, e.g. a read-only folder: reading still works
            try:
                self._sync(can_set_aside=False)
            except _NeedsSettingAside as damage:
                self._cannot_set_aside(str(damage))
            else:
                self.messages.append(str(error))

    # reading -----------------------------------------------------------
    def refresh(self) -> None:
        """Read the file again if its content changed since this object last
        saw it (another chapter saved)."""
        if self.problem:
            return
        try:
            self._sync(can_set_aside=False)
        except _NeedsSettingAside as damage:
            try:
                with self._locked():
                    self._sync(can_set_aside=True)
            except SaveError:
                self._cannot_set_aside(str(damage))

    def _sync(self, can_set_aside: bool) -> None:
        """Make :attr:`data` what the file holds. Setting a bad file aside
        needs the lock: without it, raise _NeedsSettingAside."""
        self.problem = self.problem or _unusable(self.path)
        if self.problem:
            if self.problem not in self.messages:
                self.messages.append(self.problem)
            return
        raw = _read_bytes(self.path)
        if raw is None:
            if self._digest is not None:  # the file was there and has been removed
                self.data, self._digest = _empty(), None
            return
        digest = hashlib.sha256(raw).hexdigest()
        if digest == self._digest:
            return
        try:
            data = parse_workbook(raw)
        except Damaged as damage:
            self._set_aside_or_tell("skadet", digest, can_set_aside,
                                    f"Arbeidsboka i {self.path} kunne ikke leses: {damage}.",
                                    "Ta kontakt med kursholder hvis du trenger hjelp til å hente fram innholdet.")
            return
        version = data["schema_version"]
        if version > SCHEMA_VERSION:
            self._set_aside_or_tell(f"versjon{version}", digest, can_set_aside,
                                    f"Arbeidsboka i {self.path} er laget av en nyere versjon av kurset (versjon {version}).",
                                    "Oppdater kurset for å bruke den.")
            return
        self.data, self._digest = data, digest

    def _set_aside_or_tell(self, reason: str, digest: str, can_set_aside: bool, what: str, todo: str) -> None:
        if not can_set_aside:
            raise _NeedsSettingAside(what)
        if _digest_of(self.path) != digest:  # changed again meanwhile: look once more
            return self._sync(can_set_aside=True)
        try:
            aside = self._set_aside(reason)
        except OSError:
            return self._cannot_set_aside(what)
        self.messages.append(f"{what} Den er flyttet til {aside.name} i samme mappe og ikke endret, "
                             f"og du starter med en tom arbeidsbok. {todo}")
        self.data, self._digest = _empty(), None

    def _cannot_set_aside(self, what: str) -> None:
        self.problem = (f"{what} Filen kan ikke flyttes til side, fordi mappen {self.path.parent} ikke kan "
                        "skrives i. Ingenting blir lagret, så filen blir ikke skrevet over. Sett miljøvariabelen "
                        f"{paths.WORKBOOK_ENV} til en fil i en mappe du kan skrive i, og start kurset på nytt.")
        self.messages.append(self.problem)
        self.data, self._digest = _empty(), None

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
    def value(self, section: str, default=None):
        """The stored value of ``section`` without its time stamp."""
        self.refresh()
        return section_value(self.data, section, default)

    @property
    def county(self) -> str | None:
        return readers.profile(self).county

    # writing -------------------------------------------------------------
    def put(self, section: str, value) -> None:
        """Store ``value`` (JSON types only; strings are cleaned) under
        ``section`` and save. Raises :class:`SaveError` (an InputError) if it
        cannot; then nothing has changed."""
        if not isinstance(section, str) or not section:
            raise InputError("Intern feil: en del av arbeidsboka må ha et navn.")
        value = checked(value, section)
        if self.problem:
            raise SaveError(self.problem)
        with self._locked():
            self._sync(can_set_aside=True)
            if self.problem:
                raise SaveError(self.problem)
            self._write({**self.data, "schema_version": SCHEMA_VERSION, "updated": _now(),
                         "sections": {**self.data["sections"], section: {"saved": _now(), "value": value}}}, section)

    def replace(self, content: bytes) -> None:
        """Put the workbook file ``content`` (an upload of one the learner
        downloaded) in place of this one, whole, under the lock. Raises
        InputError (Norwegian) if ``content`` is not a workbook of this
        version of the course; then nothing has changed."""
        try:
            data = parse_workbook(content)
        except Damaged as damage:
            raise InputError(f"Filen kan ikke brukes som arbeidsbok: {damage}. Arbeidsboka di er ikke endret.") from None
        if data["schema_version"] > SCHEMA_VERSION:
            raise InputError("Filen er laget av en nyere versjon av kurset. Oppdater kurset for å bruke den. "
                             "Arbeidsboka di er ikke endret.")
        if self.problem:
            raise SaveError(self.problem)
        with self._locked():
            self._write(data, None)

    def _write(self, data: dict, section: str | None) -> None:
        """Write ``data`` whole (the caller holds the lock) and make it what
        this object holds; SaveError, with nothing changed, if it cannot."""
        what = f"«{section}» ble ikke lagret" if section else "Arbeidsboka ble ikke lagret"
        encoded = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False).encode("utf-8")
        if len(encoded) > MAX_BYTES:
            raise SaveError(f"{what}: arbeidsboka ville blitt større enn {MAX_BYTES // 1_000_000} MB. "
                            "Kort ned teksten, eller ta kontakt med kursholder.")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, encoded)
        except OSError as error:
            raise SaveError(_why_not_saved(section, self.path, error)) from error
        self.data, self._digest = data, hashlib.sha256(encoded).hexdigest()

    def _locked(self):
        """The file's lock, or SaveError saying why it cannot be taken."""
        return _Locked(self)


class _Locked:
    def __init__(self, workbook: Workbook):
        self.workbook = workbook

    def __enter__(self):
        book = self.workbook
        try:
            book.path.parent.mkdir(parents=True, exist_ok=True)
            book._lock.acquire()
        except Timeout as error:
            raise SaveError(f"Arbeidsboka {book.path} er opptatt: et annet kapittel har holdt den i mer enn "
                            f"{LOCK_SECONDS} sekunder. Vent litt og trykk på knappen igjen.") from error
        except OSError as error:
            raise SaveError(_why_not_saved(None, book.path, error)) from error

    def __exit__(self, *exc):
        self.workbook._lock.release()
        return False


class _NeedsSettingAside(Exception):
    """Internal: the file must be set aside, which needs the lock."""


def checked(value, section: str = "innholdet"):
    """``value`` as it will be stored: JSON types only, every string cleaned
    (:func:`clean_string`), not deeper than :data:`MAX_DEPTH`. Raises
    InputError saying what is wrong; the input itself is not changed."""
    try:
        return _plain(value, 0)
    except _Refused as why:
        raise InputError(f"Kunne ikke lagre «{section}»: innholdet {why}.") from None


class _Refused(Exception):
    """Internal: why a value cannot be stored (Norwegian, after «innholdet»/«filen»)."""


def _plain(item, depth: int):
    if depth > MAX_DEPTH:
        raise _Refused("er nøstet for dypt")
    if isinstance(item, str):
        return clean_string(item)
    if item is None or isinstance(item, bool | int):
        return item
    if isinstance(item, float):
        if item != item or item in (float("inf"), float("-inf")):
            raise _Refused("har et tall som mangler eller er uendelig")
        return item
    if isinstance(item, list | tuple):
        return [_plain(x, depth + 1) for x in item]
    if isinstance(item, dict) and all(isinstance(k, str) for k in item):
        return {clean_string(k): _plain(v, depth + 1) for k, v in item.items()}
    raise _Refused(f"kan ikke skrives som tekst ({type(item).__name__})")


def section_value(data: dict, section: str, default=None):
    """The stored value of ``section`` in the workbook content ``data``
    (as :func:`parse_workbook` gives it), without its time stamp."""
    saved = data["sections"].get(section)
    return saved["value"] if isinstance(saved, dict) and "value" in saved else default


def json_number(value, digits: int = 3):
    """A number as the workbook stores it: rounded, and None if missing."""
    if value is None or value != value:  # NaN is not equal to itself
        return None
    return round(float(value), digits)


# files ---------------------------------------------------------------------
def _unusable(path: Path) -> str | None:
    """Why ``path`` cannot hold a workbook at all, or None. Never opens it."""
    for parent in path.parents:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                return (f"Arbeidsboka kan ikke ligge i {path}, fordi {parent} er en fil og ikke en mappe. "
                        f"Sett miljøvariabelen {paths.WORKBOOK_ENV} til en fil i en mappe, og start kurset på nytt.")
            break
    try:
        info = path.stat()  # follows a symbolic link to what it points at
    except FileNotFoundError:
        return None
    except OSError as error:
        return (f"Arbeidsboka {path} kan ikke leses ({_errno_text(error)}). Sett miljøvariabelen "
                f"{paths.WORKBOOK_ENV} til en annen fil, og start kurset på nytt.")
    if stat.S_ISDIR(info.st_mode):
        return (f"{path} er en mappe, ikke en fil. Sett miljøvariabelen {paths.WORKBOOK_ENV} til en fil, "
                f"for eksempel {path / 'arbeidsbok.json'}, og start kurset på nytt.")
    if not stat.S_ISREG(info.st_mode):
        return (f"{path} er ikke en vanlig fil (men for eksempel en spesialfil eller en lenke til en), så kurset "
                f"åpner den ikke. Sett miljøvariabelen {paths.WORKBOOK_ENV} til en vanlig fil, og start kurset på nytt.")
    return None


def _read_bytes(path: Path) -> bytes | None:
    """The file's bytes (at most one byte past the limit), None if there is
    none. Opened without blocking and checked after opening, so a pipe or a
    device put in its place is never read from."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""  # not a file: read as empty, i.e. damaged
        return fh.read(MAX_BYTES + 1)


def _digest_of(path: Path) -> str | None:
    raw = _read_bytes(path)
    return hashlib.sha256(raw).hexdigest() if raw is not None else None


def parse_workbook(raw: bytes) -> dict:
    """The workbook in ``raw``, or Damaged with a Norwegian reason. The
    version is not checked against :data:`SCHEMA_VERSION`."""
    if len(raw) > MAX_BYTES:
        raise Damaged(f"filen er større enn {MAX_BYTES // 1_000_000} MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Damaged(f"filen er ikke UTF-8-tekst (feil ved byte {error.start})") from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise Damaged(f"filen er ikke gyldig JSON (linje {error.lineno}, tegn {error.colno})") from None
    except RecursionError:
        raise Damaged("filen er nøstet for dypt") from None
    if not isinstance(data, dict) or not isinstance(data.get("sections"), dict):
        raise Damaged("filen har ikke arbeidsbokas oppbygning")
    if not isinstance(data.get("schema_version"), int) or isinstance(data["schema_version"], bool):
        raise Damaged("filen mangler versjonsnummer")
    try:
        return _plain(data, 0)  # text with characters that cannot be stored is cleaned, not refused
    except _Refused as why:
        raise Damaged(f"filen {why}") from None


def _no_constant(name: str):
    raise Damaged(f"filen inneholder verdien {name}, som ikke er et tall")


def _why_not_saved(section: str | None, path: Path, error: OSError) -> str:
    what = f"«{section}» ble ikke lagret" if section else "Arbeidsboka kan ikke lagres"
    return (f"{what}: {_errno_text(error)} ({path.parent}). Det du har skrevet, står fortsatt i skjemaet, og "
            "det som var lagret fra før, er i behold. Rett opp i dette og trykk på knappen igjen, eller sett "
            f"miljøvariabelen {paths.WORKBOOK_ENV} til en fil et annet sted.")


def _errno_text(error: OSError) -> str:
    return {
        errno.ENOSPC: "disken er full",
        errno.EFBIG: "filen får ikke plass på disken",
        errno.EDQUOT: "du har brukt opp plassen din på disken",
        errno.EACCES: "du har ikke lov til å skrive i mappen",
        errno.EPERM: "du har ikke lov til å skrive i mappen",
        errno.EROFS: "mappen er skrivebeskyttet",
        errno.ENOTDIR: "en del av stien er en fil, ikke en mappe",
        errno.EISDIR: "stien er en mappe, ikke en fil",
        errno.ENAMETOOLONG: "filnavnet er for langt",
    }.get(error.errno, f"filsystemet svarte med feilkode {error.errno}")


def _empty() -> dict:
    return {"schema_version": SCHEMA_VERSION, "created": _now(), "sections": {}}


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")
