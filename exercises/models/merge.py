"""Exercise «Slå sammen arbeidsbøker» (chapter For lærere og workshopledere).

A teacher collects the learners' workbook files in one folder. This module
reads every ``.json`` file there and counts which strengths, niches and
priorities the group chose, and how many learners chose each.

The learners' files are only ever read: never renamed, moved or written,
even when damaged (unlike :class:`exercises.workbook.store.Workbook`, which sets
a damaged file of one's own aside). A file that cannot be used is skipped
with a message naming it: not JSON, nested too deep, NaN, too large, the
wrong shape, a symbolic link, a folder, a FIFO or a device (never opened).
Every string taken from a learner's file is cleaned (control characters,
lone surrogates) and cut to a sane length, so one hostile file cannot break
the teacher's summary or the teacher's own workbook. Pure apart from reading
the folder; the summary can be saved in the teacher's own workbook.

Also used by :mod:`exercises.models.workshop` (the live workshop's group summary).
"""

import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from exercises.core.errors import InputError
from exercises.core.feedback import Feedback
from exercises.core.text import clean_string, clean_text
from exercises.models.analysis_links import analysis_links
from exercises.models.per_priority import priority_key, saved_priorities
from exercises.models.stakeholders import HELICES
from exercises.workbook import readers
from exercises.workbook import store as workbook
from exercises.workbook.sections import Section
from exercises.workbook.shapes import number, text
from exercises.workbook.store import MAX_BYTES, SCHEMA_VERSION, Workbook, section_value

MAX_PATH = 500
MAX_FILES = 500
MAX_NAME = 200  # longest name or title kept from a learner's file
MAX_ITEMS = 100  # most strengths, niches, priorities or ranked industries kept per learner
MAX_SAVED = 100  # most rows per kind kept in the summary saved in the teacher's workbook
KINDS = {"strengths": "Styrker", "niches": "Nisjer", "priorities": "Prioriteringer"}


class Snapshot:
    """A learner's workbook as read from a file: it offers the ``value``
    that the exercises' readers use, and it cannot save."""

    def __init__(self, data: dict):
        self.data = data

    def value(self, section: str, default=None):
        return section_value(self.data, section, default)


def plain(value, max_length: int = MAX_NAME) -> str:
    """Text from someone else's file, safe for HTML escaping, JSON, UTF-8 and
    Word (see :func:`clean_string`), stripped, and cut to ``max_length``
    characters (with «…»)."""
    text = clean_string(value if isinstance(value, str) else str(value)).strip()
    return text if len(text) <= max_length else text[:max_length - 1].rstrip() + "…"


@dataclass(frozen=True)
class Learner:
    """What one learner's workbook says, cleaned. ``ranking`` is the final
    ranking from «Analysere» as (industry name, rank) pairs, best first; the
    ranks run 1, 2, 3 …, and industries the file gives the same rank share
    the mean of their places (1, 2.5, 2.5, 4). Empty if nothing is saved.
    ``helix`` is the strand of the quadruple helix the learner stated in
    «Velkommen» (a key of :data:`exercises.models.stakeholders.HELICES`), or "" if none."""
    file: str
    county: str | None
    strengths: tuple[str, ...]
    niches: tuple[str, ...]
    priorities: tuple[str, ...]
    ranking: tuple[tuple[str, float], ...] = ()
    helix: str = ""

    @property
    def key(self) -> str:
        """The file name without ``.json``: in a live workshop, the participant key."""
        return self.file[:-5] if self.file.endswith(".json") else self.file


def count(learners, kind: str) -> list[tuple[str, int]]:
    """(name, how many learners chose it), most chosen first. Names that
    differ only in case or spacing count as one (simple matching: no
    spelling or synonyms); the first spelling met is shown."""
    names, counter = {}, Counter()
    for learner in learners:
        for name in dict.fromkeys(priority_key(n) for n in getattr(learner, kind)):
            counter[name] += 1
        for name in getattr(learner, kind):
            names.setdefault(priority_key(name), name)
    return sorted(((names[k], n) for k, n in counter.items()), key=lambda item: (-item[1], item[0].casefold()))


@dataclass
class Merged:
    folder: Path
    learners: list[Learner] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one Norwegian message per file, naming it

    def counts(self, kind: str) -> list[tuple[str, int]]:
        """(name, how many learners chose it), most chosen first: see :func:`count`."""
        return count(self.learners, kind)


def parse_workbook(raw: bytes) -> dict:
    """The content of a workbook file, or ValueError saying (in Norwegian)
    why it cannot be used: the workbook's own checks, and the version."""
    data = workbook.parse_workbook(raw)
    if data["schema_version"] > SCHEMA_VERSION:
        raise ValueError(f"arbeidsboka er laget av en nyere versjon av kurset (versjon {data['schema_version']}); "
                         "oppdater kurset for å lese den")
    return data


def read_file(path: Path, dir_fd: int | None = None) -> bytes:
    """The bytes of a learner's file, or ValueError/OSError. Only a regular
    file is opened: a symbolic link, folder, FIFO (which would hang) or device
    is refused from ``lstat`` before anything is opened, and never more than
    the size limit is read. With ``dir_fd`` (an open folder), ``path`` is a
    name in that folder (see :func:`os.open`)."""
    info = os.lstat(path, dir_fd=dir_fd)
    if stat.S_ISLNK(info.st_mode):
        raise ValueError("filen er en snarvei (symbolsk lenke), ikke selve arbeidsboka; kopier selve filen hit")
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("dette er ikke en vanlig fil")
    if info.st_size > MAX_BYTES:
        raise ValueError("filen er for stor til å være en arbeidsbok")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags, dir_fd=dir_fd), "rb") as fh:  # the file may have been swapped since lstat
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise ValueError("dette er ikke en vanlig fil")
        raw = fh.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ValueError("filen er for stor til å være en arbeidsbok")
    return raw


def _names(values) -> tuple[str, ...]:
    return tuple(name for name in dict.fromkeys(plain(v) for v in list(values)[:MAX_ITEMS]) if name)


def ranking(book: Snapshot) -> tuple[tuple[str, float], ...]:
    """The saved final ranking from «Analysere», as described in :class:`Learner`.
    Rows without a name or a finite number are left out; a name met twice
    keeps its first rank."""
    given: dict[str, float] = {}
    for row in readers.ranking(book).rows[:MAX_ITEMS]:
        if number(row, "rank") is not None and plain(text(row, "name")):
            given.setdefault(plain(row["name"]), float(row["rank"]))
    ranks = fractional_ranks(given)
    return tuple(sorted(ranks.items(), key=lambda item: (item[1], item[0].casefold())))


def fractional_ranks(values: dict[str, float]) -> dict[str, float]:
    """Ranks 1..m of ``values`` (smaller value, better rank); equal values
    share the mean of their places: {a: 3, b: 7, c: 7, d: 9} -> 1, 2.5, 2.5, 4."""
    ordered = sorted(values, key=values.get)
    result, place = {}, 1
    while place <= len(ordered):
        tied = [name for name in ordered if values[name] == values[ordered[place - 1]]]
        result.update({name: place + (len(tied) - 1) / 2 for name in tied})
        place += len(tied)
    return result


def learner(name: str, data: dict) -> Learner:
    book = Snapshot(data)
    links = analysis_links(book).links
    profile = readers.profile(book)
    county = profile.county_name or profile.county
    return Learner(plain(name), (plain(county) or None) if county else None,
                   _names(link.name for link in links if link.kind == "styrke"),
                   _names(link.name for link in links if link.kind == "nisje"),
                   _names(p["title"] for p in saved_priorities(book)),
                   ranking(book), profile.helix if profile.helix in HELICES else "")


def folder_path(text) -> Path:
    """The folder the teacher typed, checked; InputError says what is wrong."""
    folder = Path(clean_text(text, "Mappe", max_length=MAX_PATH)).expanduser()
    if not folder.exists():
        raise InputError(f"Fant ikke mappen {folder}. Sjekk stavemåten, eller lim inn hele stien.")
    if not folder.is_dir():
        raise InputError(f"{folder} er en fil, ikke en mappe. Skriv stien til mappen som arbeidsbøkene ligger i.")
    return folder


def add_learner(merged: Merged, name: str, read) -> bool:
    """Read one learner's workbook with ``read()`` (its bytes, as
    :func:`read_file` gives them) into ``merged.learners``, or name it in
    ``merged.skipped`` with the reason if it cannot be used. False if skipped."""
    try:
        merged.learners.append(learner(name, parse_workbook(read())))
        return True
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        merged.skipped.append(f"{plain(name)} er hoppet over: {reason}. Filen er ikke endret.")
    except (RecursionError, TypeError, AttributeError, KeyError):  # a shape no reader foresaw
        merged.skipped.append(f"{plain(name)} er hoppet over: filen er ikke bygd opp som en arbeidsbok "
                              "fra kurset. Filen er ikke endret.")
    return False


def read_folder(folder: Path, own: Path | None = None) -> Merged:
    """Read every workbook file in ``folder`` (not its subfolders); skip
    ``own`` (the teacher's workbook) and every file that cannot be used."""
    merged = Merged(folder)
    files = sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))
    try:
        own_info = own.stat() if own is not None else None
    except OSError:
        own_info = None
    for path in files[:MAX_FILES]:
        try:
            if own_info is not None and os.path.samestat(path.lstat(), own_info):
                continue
        except OSError:
            pass  # reported when the file is read
        add_learner(merged, path.name, lambda path=path: read_file(path))
    if len(files) > MAX_FILES:
        merged.skipped.append(f"Mappen har {len(files)} arbeidsbøker; bare de {MAX_FILES} første (etter navn) er lest.")
    return merged


def mixed_counties(learners) -> list[str]:
    """A note if the learners worked with different counties, else nothing."""
    counties = Counter(person.county or "ikke valgt" for person in learners)
    if len(counties) < 2:
        return []
    listed = ", ".join(f"{c} ({k})" for c, k in sorted(counties.items(), key=lambda i: (-i[1], i[0])))
    return [f"Deltakerne har arbeidet med ulike fylker: {listed}. Styrker og nisjer gjelder hvert sitt "
            "fylke, så sammenlign dem med forsiktighet."]


def notes(merged: Merged) -> list[str]:
    n = len(merged.learners)
    result = [f"Leste {n} arbeidsbøker fra {merged.folder}. Filene er bare lest, ikke endret."]
    result += mixed_counties(merged.learners)
    empty = [p.file for p in merged.learners if not (p.strengths or p.niches or p.priorities)]
    if empty:
        result.append(f"{len(empty)} av arbeidsbøkene har ennå ingen styrker, nisjer eller prioriteringer: "
                      f"{', '.join(empty[:10])}{' …' if len(empty) > 10 else ''}.")
    for kind, label in KINDS.items():
        top = merged.counts(kind)[:1]
        if top and top[0][1] > 1:
            result.append(f"{label}: flest valgte «{top[0][0]}» ({top[0][1]} av {n}).")
    return result


def merge_folder(workbook: Workbook, folder_text) -> tuple[Feedback, Merged | None]:
    """Read the folder the teacher typed; save the summary in the teacher's
    own workbook (section «workshop»), never in the learners' files."""
    try:
        folder = folder_path(folder_text)
    except InputError as error:
        return Feedback(errors=[str(error)]), None
    merged = read_folder(folder, own=workbook.path)
    if not merged.learners:
        found = "ingen arbeidsbøker som kunne leses" if merged.skipped else "ingen arbeidsbøker (.json-filer)"
        return Feedback(errors=[f"Fant {found} i {folder}. Be deltakerne legge arbeidsbok.json der, gjerne "
                                "med navnet sitt i filnavnet.", *merged.skipped]), merged
    try:  # only the summary, each list cut short: the teacher's workbook stays far below its size limit
        workbook.put(Section.WORKSHOP, {
            "folder": plain(folder, MAX_PATH),
            "files": [person.file for person in merged.learners],
            **{kind: [[name, n] for name, n in merged.counts(kind)[:MAX_SAVED]] for kind in KINDS},
            "skipped": merged.skipped,
        })
    except InputError as error:  # the workbook's SaveError says what went wrong and what to do
        return Feedback(errors=[str(error)], notes=[*merged.skipped, *notes(merged)]), merged
    return Feedback(notes=[*merged.skipped, *notes(merged)],
                    saved=f"Oppsummeringen er lagret i din egen arbeidsbok ({workbook.path})."), merged
