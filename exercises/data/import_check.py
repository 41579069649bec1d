"""Checks that a table is sound before it may replace the course's cache.

Every problem names the file, the row (line number in the file, the header
being row 1) and the column, and says what to do, in Norwegian. Nothing here
writes anything: callers check first and write only a table that passed.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# SSB's symbols for a cell without a number: «..» not available, «.» cannot
# occur, «:» suppressed, «-» nil (published as a dash where nothing exists).
MISSING_MARKERS = ("", "..", ".", ":", "-", "…")
MAX_SHOWN = 12
ROW = "_rad"  # column holding each record's line number in the file


@dataclass(frozen=True)
class Problem:
    text: str
    row: int | None = None
    column: str | None = None

    def line(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"rad {self.row}")
        if self.column:
            where.append(f"kolonne «{self.column}»")
        return f"- {', '.join(where)}: {self.text}" if where else f"- {self.text}"


class BadData(ValueError):
    """A table that must not reach the cache. ``str()`` is the Norwegian
    message for the learner: the file, each problem and what happens now."""

    def __init__(self, source: str, problems: list[Problem], kept: str = ""):
        self.source, self.problems, self.kept = source, list(problems), kept
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        head = f"Filen {self.source} kan ikke brukes ({count} feil):" if count > 1 else \
            f"Filen {self.source} kan ikke brukes:"
        lines = [head, *(p.line() for p in self.problems[:MAX_SHOWN])]
        if count > MAX_SHOWN:
            lines.append(f"- … og {count - MAX_SHOWN} feil til av samme slag.")
        lines.append(self.kept or "Ingenting er importert; dataene kurset hadde fra før, er beholdt.")
        return "\n".join(lines)


def read_text(path: Path) -> str:
    """The file as UTF-8 text, or BadData saying why it cannot be."""
    name = Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        why = {FileNotFoundError: "den finnes ikke", IsADirectoryError: "det er en mappe",
               PermissionError: "du har ikke lesetilgang"}.get(type(error), "den kan ikke åpnes")
        raise BadData(name, [Problem(f"Filen kan ikke leses: {why}. Sjekk navnet og mappen, og prøv igjen.")]) from None
    if not data.strip():
        raise BadData(name, [Problem("Filen er tom. Lagre tabellen på nytt med overskriftsrad og data.")])
    if b"\x00" in data:
        row = data[:data.index(b"\x00")].count(b"\n") + 1
        raise BadData(name, [Problem("Filen inneholder binære data og er ikke en tekstfil (CSV). "
                                     "Velg riktig fil, eller eksporter tabellen som CSV.", row)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[:error.start].count(b"\n") + 1
        char = data[error.start:error.start + 1].decode("cp1252", errors="replace")
        hint = f" (tegnet «{char}» ser ut som Latin-1/Windows-1252)" if char.isprintable() else ""
        raise BadData(name, [Problem(f"Filen er ikke lagret som UTF-8{hint}. Lagre den på nytt som "
                                     "«CSV UTF-8» (i Excel: Lagre som → CSV UTF-8).", row)]) from None


def read_csv(path: Path, required: list[str]) -> pd.DataFrame:
    """A comma-separated UTF-8 file with a header row, all cells as text,
    plus the column ``_rad`` with each record's line number."""
    name = Path(path).name
    text = read_text(path)
    try:
        records = list(_records(text))
    except csv.Error as error:
        raise BadData(name, [Problem(f"Filen kan ikke leses som CSV ({error}). Sjekk anførselstegnene på raden.")]) from None
    header = [h.strip() for h in records[0][1]]
    missing = [c for c in required if c not in header]
    if missing:
        first_line = text.splitlines()[0]
        for sep, label in ((";", "semikolon (;)"), ("\t", "tabulator")):
            if sep in first_line and all(c in [h.strip() for h in first_line.split(sep)] for c in required):
                raise BadData(name, [Problem(f"Filen bruker {label} som skilletegn; kurset leser komma. "
                                             "Lagre den som CSV med komma som skilletegn (og punktum som desimaltegn).", 1)])
        raise BadData(name, [Problem(f"Kolonnen mangler. Overskriftsraden må ha kolonnene {', '.join(required)}.", 1, c)
                             for c in missing])
    if len(set(header)) < len(header):
        twice = sorted({h for h in header if header.count(h) > 1})
        raise BadData(name, [Problem("Kolonnen står to ganger i overskriftsraden. Fjern den ene.", 1, c) for c in twice])
    rows, problems = [], []
    for line, fields in records[1:]:
        if not any(f.strip() for f in fields):
            continue  # blank line
        if len(fields) != len(header):
            problems.append(Problem(f"Raden har {len(fields)} felt, men overskriften har {len(header)}. "
                                    "Sjekk skilletegn og anførselstegn på raden.", line))
            continue
        rows.append([*(f.strip() for f in fields), line])
    if problems:
        raise BadData(name, problems)
    if not rows:
        raise BadData(name, [Problem("Filen har bare overskriftsraden og ingen data. Ta med radene med tall.")])
    return pd.DataFrame(rows, columns=[*header, ROW]).astype({c: str for c in header})


def _records(text: str):
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    for fields in reader:
        yield reader.line_num, fields


def numbers(frame: pd.DataFrame, column: str, problems: list[Problem], *, integer: bool = False,
            allow_missing: bool = True, minimum: float | None = None, maximum: float | None = None) -> pd.Series:
    """The column as numbers; SSB's markers (and empty cells) become missing.
    Anything else that is not a number is added to ``problems``."""
    raw = frame[column].str.strip()
    missing = raw.isin(MISSING_MARKERS)
    values = pd.to_numeric(raw.where(~missing), errors="coerce")
    for i in frame.index[values.isna() & ~missing]:
        hint = " Bruk punktum som desimaltegn." if "," in raw[i] else ""
        problems.append(Problem(f"«{_short(raw[i])}» er ikke et tall.{hint} Skriv et tall, eller «..» der tallet mangler.",
                                int(frame.at[i, ROW]), column))
    if not allow_missing:
        for i in frame.index[missing]:
            problems.append(Problem("Cellen er tom, men må ha en verdi.", int(frame.at[i, ROW]), column))
    if integer:
        for i in frame.index[values.notna() & (values % 1 != 0)]:
            problems.append(Problem(f"«{raw[i]}» er ikke et helt tall.", int(frame.at[i, ROW]), column))
    if minimum is not None:
        for i in frame.index[values < minimum]:
            problems.append(Problem(f"{raw[i]} er mindre enn {minimum:g}. Tallet kan ikke være negativt; rett det."
                                    if minimum == 0 else f"{raw[i]} er mindre enn {minimum:g}, og det kan ikke stemme. Rett tallet.",
                                    int(frame.at[i, ROW]), column))
    if maximum is not None:
        for i in frame.index[values > maximum]:
            problems.append(Problem(f"{raw[i]} er større enn {maximum:g}, og det kan ikke stemme. Rett tallet.",
                                    int(frame.at[i, ROW]), column))
    return values


def duplicates(frame: pd.DataFrame, keys: list[str], problems: list[Problem], what: str) -> None:
    """One problem per repeated key: the rows that share it."""
    dup = frame[frame.duplicated(keys, keep=False)]
    for key, group in dup.groupby(keys, sort=False):
        rows = ", ".join(str(r) for r in group[ROW])
        problems.append(Problem(f"Radene {rows} gjelder samme {what} ({' / '.join(map(str, key))}). "
                                "Hver kombinasjon skal stå én gang: fjern de doble radene.", int(group[ROW].iloc[0])))


def _short(value: str, limit: int = 40) -> str:
    value = "".join(c if c.isprintable() else "�" for c in value)
    return value if len(value) <= limit else value[:limit] + "…"
