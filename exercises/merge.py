"""Exercise «Slå sammen arbeidsbøker» (chapter For lærere og workshopledere).

A teacher collects the learners' workbook files in one folder. This module
reads every ``.json`` file there and counts which strengths, niches and
priorities the group chose, and how many learners chose each.

The learners' files are only ever read: never renamed, moved or written,
even when damaged (unlike :class:`exercises.workbook.Workbook`, which sets
a damaged file of one's own aside). A file that cannot be used is skipped
with a message naming it. Pure apart from reading the folder; the summary
can be saved in the teacher's own workbook.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import display
from .feedback import Feedback
from .priorities import analysis_links, priority_key, saved_priorities
from .provenance import OwnWork
from .text import InputError, clean_text
from .workbook import MAX_BYTES, SCHEMA_VERSION, Workbook

SECTION = "workshop"
MAX_PATH = 500
MAX_FILES = 500
KINDS = {"strengths": "Styrker", "niches": "Nisjer", "priorities": "Prioriteringer"}


class Snapshot:
    """A learner's workbook as read from a file: it offers the ``value``
    that the exercises' readers use, and it cannot save."""

    def __init__(self, data: dict):
        self.data = data

    def value(self, section: str, default=None):
        entry = self.data["sections"].get(section)
        return entry["value"] if isinstance(entry, dict) and "value" in entry else default


@dataclass(frozen=True)
class Learner:
    file: str
    county: str | None
    strengths: tuple[str, ...]
    niches: tuple[str, ...]
    priorities: tuple[str, ...]


@dataclass
class Merged:
    folder: Path
    learners: list[Learner] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one Norwegian message per file, naming it

    def counts(self, kind: str) -> list[tuple[str, int]]:
        """(name, how many learners chose it), most chosen first. Priorities
        whose titles differ only in case or spacing count as one."""
        names, counter = {}, Counter()
        for learner in self.learners:
            for name in dict.fromkeys(getattr(learner, kind)):
                key = priority_key(name)
                names.setdefault(key, name)
                counter[key] += 1
        return sorted(((names[k], n) for k, n in counter.items()), key=lambda item: (-item[1], item[0].casefold()))


def parse_workbook(raw: bytes) -> dict:
    """The content of a workbook file, or ValueError saying (in Norwegian)
    why it cannot be used."""
    if len(raw) > MAX_BYTES:
        raise ValueError("filen er for stor til å være en arbeidsbok")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ValueError("filen er ikke tekst (UTF-8)") from error
    except json.JSONDecodeError as error:
        raise ValueError(f"filen er skadet: ikke gyldig JSON (linje {error.lineno})") from error
    if not isinstance(data, dict) or not isinstance(data.get("sections"), dict) \
            or not isinstance(data.get("schema_version"), int) or isinstance(data["schema_version"], bool):
        raise ValueError("filen er ikke en arbeidsbok fra kurset")
    if data["schema_version"] > SCHEMA_VERSION:
        raise ValueError(f"arbeidsboka er laget av en nyere versjon av kurset (versjon {data['schema_version']}); "
                         "oppdater kurset for å lese den")
    return data


def learner(name: str, data: dict) -> Learner:
    book = Snapshot(data)
    links = analysis_links(book).links
    profile = book.value("profil", {})
    county = (profile.get("county_name") or profile.get("county")) if isinstance(profile, dict) else None
    return Learner(name, str(county) if county else None,
                   tuple(link.name for link in links if link.kind == "styrke"),
                   tuple(link.name for link in links if link.kind == "nisje"),
                   tuple(p["title"] for p in saved_priorities(book)))


def folder_path(text) -> Path:
    """The folder the teacher typed, checked; InputError says what is wrong."""
    folder = Path(clean_text(text, "Mappe", max_length=MAX_PATH)).expanduser()
    if not folder.exists():
        raise InputError(f"Fant ikke mappa {folder}. Sjekk stavemåten, eller lim inn hele stien.")
    if not folder.is_dir():
        raise InputError(f"{folder} er en fil, ikke en mappe. Skriv stien til mappa som arbeidsbøkene ligger i.")
    return folder


def read_folder(folder: Path, own: Path | None = None) -> Merged:
    """Read every workbook file in ``folder`` (not its subfolders); skip
    ``own`` (the teacher's workbook) and every file that cannot be used."""
    merged = Merged(folder)
    files = sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))
    for path in files[:MAX_FILES]:
        if own is not None and path.resolve() == own.resolve():
            continue
        try:
            if not path.is_file():
                raise ValueError("dette er ikke en vanlig fil")
            if path.stat().st_size > MAX_BYTES:
                raise ValueError("filen er for stor til å være en arbeidsbok")
            merged.learners.append(learner(path.name, parse_workbook(path.read_bytes())))
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            merged.skipped.append(f"{path.name} er hoppet over: {reason}. Filen er ikke endret.")
    if len(files) > MAX_FILES:
        merged.skipped.append(f"Mappa har {len(files)} arbeidsbøker; bare de {MAX_FILES} første (etter navn) er lest.")
    return merged


def notes(merged: Merged) -> list[str]:
    n = len(merged.learners)
    result = [f"Leste {n} arbeidsbøker fra {merged.folder}. Filene er bare lest, ikke endret."]
    counties = Counter(person.county or "ikke valgt" for person in merged.learners)
    if len(counties) > 1:
        listed = ", ".join(f"{c} ({k})" for c, k in sorted(counties.items(), key=lambda i: (-i[1], i[0])))
        result.append(f"Deltakerne har arbeidet med ulike fylker: {listed}. Styrker og nisjer gjelder hvert sitt "
                      "fylke, så sammenlign dem med forsiktighet.")
    empty = [p.file for p in merged.learners if not (p.strengths or p.niches or p.priorities)]
    if empty:
        result.append(f"{len(empty)} av arbeidsbøkene har ennå ingen styrker, nisjer eller prioriteringer: "
                      f"{', '.join(empty[:10])}{' …' if len(empty) > 10 else ''}.")
    for kind, label in KINDS.items():
        top = merged.counts(kind)[:1]
        if top and top[0][1] > 1:
            result.append(f"{label}: flest valgte «{top[0][0]}» ({top[0][1]} av {n}).")
    return result


def summary_html(merged: Merged) -> str:
    """One table per kind: what the group chose, and how many chose each."""
    source = OwnWork(f"Kilde: {len(merged.learners)} deltakeres arbeidsbøker i mappa {merged.folder}. "
                     "Valgene er deltakernes egne; hver deltaker telles én gang per valg.")
    parts = []
    singular = {"strengths": "Styrke", "niches": "Nisje", "priorities": "Prioritering"}
    for kind, label in KINDS.items():
        counts = merged.counts(kind)
        if not counts:
            parts.append(f"<p>{label}: ingen av deltakerne har lagret noen ennå.</p>")
            continue
        frame = pd.DataFrame({"Antall deltakere": [n for _, n in counts]},
                             index=pd.Index([name for name, _ in counts], name=singular[kind]))
        parts.append(display.table(frame, f"{label} gruppen valgte", source, formats={"Antall deltakere": str}))
    return "".join(parts)


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
    workbook.put(SECTION, {
        "folder": str(folder),
        "files": [person.file for person in merged.learners],
        **{kind: [[name, n] for name, n in merged.counts(kind)] for kind in KINDS},
        "skipped": merged.skipped,
    })
    return Feedback(notes=[*merged.skipped, *notes(merged)],
                    saved=f"Oppsummeringen er lagret i din egen arbeidsbok ({workbook.path})."), merged
