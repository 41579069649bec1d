"""Your own data: a CSV file in the course's canonical form.

    python kurs.py data --fil MIN_FIL.csv

The format is described in data/README.md, with the example
``data/eksempel_egne_data.csv``. The file is checked whole before anything is
written; then it replaces the course's data in the cache (run
``python kurs.py data`` to go back to SSB's figures).
"""

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from exercises.data import import_check as check
from exercises.data.dataset import COLUMNS, NATION, REAL_DATA_FILE
from exercises.data.import_check import BadData, Problem
from exercises.data.provenance import Provenance

REQUIRED = ["region", "region_name", "industry", "industry_name", "year", "employment"]
OPTIONAL = {"level": "0", "parent": "", "value_added": "", "kilde": ""}
CODE = re.compile(r"^[0-9A-Za-zÆØÅæøå_.\-]{1,20}$")
FIRST_YEAR = 1900


def check_own_csv(path: Path) -> pd.DataFrame:
    """The file in canonical form, or BadData naming every problem."""
    name = Path(path).name
    raw = check.read_csv(path, REQUIRED)
    for column, default in OPTIONAL.items():
        if column not in raw:
            raw[column] = default
    problems: list[Problem] = []
    for column in ("region", "industry"):
        for i in raw.index[~raw[column].str.match(CODE)]:
            problems.append(Problem(f"«{check._short(raw.at[i, column])}» kan ikke brukes som kode. Bruk 1–20 bokstaver, "
                                    "sifre, punktum, bindestrek eller understrek.", _row(raw, i), column))
    for column in ("region_name", "industry_name"):
        for i in raw.index[raw[column] == ""]:
            problems.append(Problem("Navnet mangler. Skriv navnet på regionen eller næringen.", _row(raw, i), column))
    year = check.numbers(raw, "year", problems, integer=True, allow_missing=False,
                         minimum=FIRST_YEAR, maximum=dt.date.today().year)
    employment = check.numbers(raw, "employment", problems, minimum=0)
    value_added = check.numbers(raw, "value_added", problems)
    level = check.numbers(raw, "level", problems, integer=True, minimum=0, maximum=1)
    if problems:
        raise BadData(name, problems)
    frame = raw.assign(year=year.astype(int), employment=employment, value_added=value_added,
                       level=level.fillna(0).astype(int))
    check.duplicates(frame, ["region", "industry", "year"], problems, "region, næring og år")
    _same_name(frame, "region", "region_name", problems)
    _same_name(frame, "industry", "industry_name", problems)
    _parents(frame, problems)
    if frame.loc[frame.region != NATION, "region"].nunique() < 2:
        problems.append(Problem("Filen har bare én region (utenom «0», hele landet). Spesialisering måles mot andre "
                                "regioner: ta med minst to.", column="region"))
    if frame.employment.notna().sum() == 0:
        problems.append(Problem("Ingen rad har et tall for sysselsatte.", column="employment"))
    if problems:
        raise BadData(name, problems)
    frame["parent"] = frame.parent.where(frame.level == 1, "")
    return frame[COLUMNS].sort_values(["region", "year", "industry"]).reset_index(drop=True)


def _row(frame: pd.DataFrame, i) -> int:
    return int(frame.at[i, check.ROW])


def _same_name(frame, code: str, name: str, problems: list[Problem]) -> None:
    names = frame.groupby(code)[name].nunique()
    for value in names.index[names > 1]:
        rows = frame[frame[code] == value]
        first = rows[name].iloc[0]
        other = rows[rows[name] != first].iloc[0]
        problems.append(Problem(f"Koden «{value}» har to navn: «{first}» og «{other[name]}». Bruk samme navn på "
                                "alle radene.", int(other[check.ROW]), name))


def _parents(frame, problems: list[Problem]) -> None:
    """Level 1 rows name a level 0 industry of the file as parent."""
    main = set(frame.industry[frame.level == 0])
    for i in frame.index[frame.level == 1]:
        parent = frame.at[i, "parent"]
        if not parent:
            problems.append(Problem("Undergruppen (level 1) mangler hovednæring. Skriv koden til hovednæringen.",
                                    _row(frame, i), "parent"))
        elif parent not in main:
            problems.append(Problem(f"Ukjent kode «{check._short(parent)}»: ingen hovednæring (level 0) i filen har "
                                    "den koden.", _row(frame, i), "parent"))
    for i in frame.index[(frame.level == 0) & (frame.parent != "")]:
        problems.append(Problem("En hovednæring (level 0) skal ikke ha «parent». La cellen stå tom, eller sett "
                                "level til 1.", _row(frame, i), "parent"))


def source_of(path: Path) -> str:
    """The file's own «kilde» (first non-empty cell), if it has one."""
    raw = check.read_csv(path, REQUIRED)
    given = raw.get("kilde", pd.Series(dtype=str))
    given = given[given.str.strip() != ""]
    return check._short(given.iloc[0].strip(), 200) if len(given) else ""


def import_own(path: Path, cache: Path) -> Path:
    """Check the file, then let it replace the course's data. The column
    «kilde» says where the numbers come from; a «kilde» that calls them
    fictional («fiktiv») makes every caption say so."""
    from exercises.data.data_import import write_table

    path = Path(path)
    frame = check_own_csv(path)
    given = source_of(path)
    provenance = Provenance(
        source=given or "Egne data", title=path.name,
        licence="oppgitt av den som laget filen", years=(int(frame.year.min()), int(frame.year.max())),
        retrieved=dt.date.today().isoformat(), fictional="fiktiv" in given.casefold(),
        note="Tallene er lastet inn av brukeren selv; kurset har sjekket formen, ikke tallene.")
    return write_table(frame, provenance, Path(cache), REAL_DATA_FILE)
