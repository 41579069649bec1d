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
- each section carries a revision (``rev``, counted up by every save); a
  page that says which revisions it read (:meth:`Workbook.based_on`) cannot
  save over a newer one: :class:`Conflict` says so, and nothing is written
  unless the learner chooses to keep both (the newer file is then kept as a
  backup first);
- a workbook that is replaced (an upload, a restore, «keep both») is always
  kept first as a dated backup in ``sikkerhetskopier/`` beside the file;
- learner text is stored as JSON strings and never evaluated.
"""

import datetime as dt
import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from exercises.core import paths
from exercises.core.atomic import remove_temporary, write_atomic
from exercises.core.errors import InputError
from exercises.core.text import clean_string
from exercises.workbook import readers
from exercises.workbook.sections import Section

SCHEMA_VERSION = 1
MAX_BYTES = 5_000_000  # far above any real workbook; guards against a wrong file
MAX_DEPTH = 32  # the course's own sections nest four or five levels
LOCK_SECONDS = 15  # a save takes milliseconds; waiting longer means something is stuck


class SaveError(InputError):
    """A save could not be made. Nothing was changed; the message is Norwegian
    and says what to do."""


class Conflict(SaveError):
    """A section was saved by someone else (another tab, chapter or kernel)
    after this page read it; nothing was changed."""

    def __init__(self, message: str, section: str):
        super().__init__(message)
        self.section = section


BACKUP_FOLDER = "sikkerhetskopier"
# why a backup was made -> how the learner sees it
BACKUP_REASONS = {"opplasting": "før opplasting", "samtidig": "den andre versjonen ved samtidig lagring",
                  "gjenoppretting": "før gjenoppretting"}


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
        self._base: dict[str, int] | None = None  # the revisions the page read; None: not checked
        self._keep_other = False
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

    def revision(self, section: str) -> int:
        """How many times ``section`` has been saved (0: never, or saved by a
        version of the course that did not count)."""
        self.refresh()
        return _revision(self.data, section)

    def revisions(self) -> dict[str, int]:
        """The revision of every saved section, as on disk now."""
        self.refresh()
        return {name: _revision(self.data, name) for name in self.data["sections"]}

    def based_on(self, revisions: dict[str, int] | None, keep_other: bool = False):
        """Saves inside this ``with`` block are refused (:class:`Conflict`)
        if the section on disk is newer than in ``revisions`` (a section not
        in it: revision 0). With ``keep_other`` they are made anyway, and the
        file as it was is kept as a backup first."""
        return _Based(self, revisions, keep_other)

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
            current = _revision(self.data, section)
            if self._base is not None and current != self._base.get(section, 0):
                if not self._keep_other:
                    raise Conflict(_conflict_message(section, self.data), section)
                self._backup("samtidig")
            self._write({**self.data, "schema_version": SCHEMA_VERSION, "updated": _now(),
                         "sections": {**self.data["sections"],
                                      section: {"saved": _now(), "value": value, "rev": current + 1}}}, section)

    def replace(self, content: bytes, reason: str = "opplasting") -> Path | None:
        """Put the workbook file ``content`` (an upload of one the learner
        downloaded, or a backup) in place of this one, whole, under the lock.
        The workbook it replaces is kept first as a dated backup (returned;
        None if there was no file). Raises InputError (Norwegian) if
        ``content`` is not a workbook of this version of the course, or if a
        section does not have the shape its reader expects (the section is
        named); then nothing has changed. Every section's revision ends up
        above what it was, so a page that read the old workbook cannot save
        over the new one."""
        try:
            data = parse_workbook(content)
        except Damaged as damage:
            raise InputError(f"Filen kan ikke brukes som arbeidsbok: {damage}. Arbeidsboka di er ikke endret.") from None
        if data["schema_version"] > SCHEMA_VERSION:
            raise InputError("Filen er laget av en nyere versjon av kurset. Oppdater kurset for å bruke den. "
                             "Arbeidsboka di er ikke endret.")
        problems = readers.shape_problems(data["sections"])
        if problems:
            raise InputError("Fila kan ikke brukes som arbeidsbok: " + " ".join(problems)
                             + " Arbeidsboka di er ikke endret.")
        if self.problem:
            raise SaveError(self.problem)
        with self._locked():
            self._sync(can_set_aside=True)
            old = self.data["sections"]
            sections = {name: {**entry, "rev": max(_revision(data, name), _revision(self.data, name)) + 1}
                        for name, entry in data["sections"].items()}
            sections.update({name: {"rev": _revision(self.data, name) + 1} for name in old if name not in sections})
            backup = self._backup(reason)
            self._write({**data, "sections": sections}, None)
            return backup

    # backups -------------------------------------------------------------
    def backups(self) -> list["Backup"]:
        """The dated backups of this workbook, newest first."""
        folder = self.path.parent / BACKUP_FOLDER
        found = []
        for path in folder.glob(f"{self.path.stem}.*{self.path.suffix}"):
            parts = path.stem[len(self.path.stem) + 1:].rsplit("-", 2)
            if len(parts) == 3 and parts[0] in BACKUP_REASONS:
                try:
                    when = dt.datetime.strptime(f"{parts[1]}-{parts[2][:6]}", "%Y%m%d-%H%M%S")
                except ValueError:
                    continue
                found.append(Backup(path, parts[0], when))
        return sorted(found, key=lambda b: (b.when, _mtime(b.path)), reverse=True)

    def restore(self, backup: Path) -> Path | None:
        """Put a backup of this workbook back in place (the current one is
        kept as a backup first); InputError if it cannot be used."""
        folder = (self.path.parent / BACKUP_FOLDER).resolve()
        backup = Path(backup)
        if backup.resolve().parent != folder or not backup.name.startswith(f"{self.path.stem}."):
            raise InputError("Sikkerhetskopien hører ikke til denne arbeidsboka.")
        try:
            content = backup.read_bytes()
        except OSError:
            raise InputError("Sikkerhetskopien finnes ikke lenger. Velg en annen.") from None
        return self.replace(content, reason="gjenoppretting")

    def _backup(self, reason: str) -> Path | None:
        """Copy the file as it is now (the caller holds the lock) to a dated
        backup; None if there is no file. SaveError if it cannot be written."""
        raw = _read_bytes(self.path)
        if not raw:
            return None
        folder = self.path.parent / BACKUP_FOLDER
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"{self.path.stem}.{reason}-{stamp}{self.path.suffix}"
        n = 1
        while target.exists():
            target = folder / f"{self.path.stem}.{reason}-{stamp}{n:02d}{self.path.suffix}"
            n += 1
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(target, raw)
        except OSError as error:
            raise SaveError(_why_not_saved(None, self.path, error)) from error
        return target

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


class _Based:
    def __init__(self, workbook: Workbook, revisions: dict[str, int] | None, keep_other: bool):
        self.workbook, self.revisions, self.keep_other = workbook, revisions, keep_other

    def __enter__(self):
        book = self.workbook
        self.before = book._base, book._keep_other
        book._base, book._keep_other = (dict(self.revisions) if self.revisions is not None else None), self.keep_other
        return book

    def __exit__(self, *exc):
        self.workbook._base, self.workbook._keep_other = self.before
        return False


@dataclass(frozen=True)
class Backup:
    path: Path
    reason: str  # a key of BACKUP_REASONS
    when: dt.datetime

    @property
    def label(self) -> str:
        """«2. desember 2026 kl. 13.05, før opplasting»"""
        return f"{norwegian_time(self.when)}, {BACKUP_REASONS[self.reason]}"


MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember")


def norwegian_time(when: dt.datetime) -> str:
    return f"{when.day}. {MONTHS[when.month - 1]} {when.year} kl. {when:%H.%M.%S}"


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _revision(data: dict, section: str) -> int:
    saved = data["sections"].get(section)
    rev = saved.get("rev") if isinstance(saved, dict) else None
    return rev if isinstance(rev, int) and not isinstance(rev, bool) and rev >= 0 else 0


def _conflict_message(section: str, data: dict) -> str:
    try:
        name = Section(section).chapter
    except ValueError:
        name = f"«{section}»"
    saved = data["sections"].get(section)
    when = ""
    if isinstance(saved, dict) and isinstance(saved.get("saved"), str):
        try:
            when = f" ({norwegian_time(dt.datetime.fromisoformat(saved['saved']))})"
        except ValueError:
            pass
    return (f"Ikke lagret: {name} er lagret på nytt et annet sted{when} etter at denne siden hentet den, "
            "for eksempel i en annen fane eller et annet vindu. Det du har skrevet her, står fortsatt i skjemaet. "
            "Velg «Hent det som er lagret» for å se den nyere versjonen (det du har skrevet her, forkastes), "
            "eller «Behold begge» for å lagre det du har skrevet; den andre versjonen tas da vare på som "
            "sikkerhetskopi, som du kan hente tilbake i kapitlet «Ditt utkast».")


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
