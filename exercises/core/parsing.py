"""Reading what a learner typed or picked into values the exercises can use.

Pure functions shared by every exercise; each raises InputError with a
Norwegian message that says what to do."""

import math
import re

from exercises.core.errors import InputError


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == ()


def as_rows(value, fields: tuple[str, ...], what: str) -> tuple[list[dict | None], list[str]]:
    """Turn a learner's rows (dicts, or tuples in the order of ``fields``)
    into dicts. A row that is neither becomes None with an error; a value
    that is not a list gives one error and no rows."""
    if not isinstance(value, (list, tuple)):
        return [], [f"{what} må være en liste med rader."]
    rows, errors = [], []
    for number, row in enumerate(value, start=1):
        if isinstance(row, dict):
            rows.append({f: row.get(f) for f in fields})
        elif isinstance(row, (list, tuple)) and len(row) == len(fields):
            rows.append(dict(zip(fields, row)))
        else:
            rows.append(None)
            errors.append(f"{what}, rad {number}: fyll ut feltene i raden på nytt.")
    return rows, errors


def filled_rows(raw: list[dict | None], fields: tuple[str, ...]) -> list[tuple[int, dict]]:
    """(row number, row) for each well-formed row with any of ``fields``
    filled in; rows the learner left blank are skipped."""
    return [(n, row) for n, row in enumerate(raw, start=1)
            if row is not None and not all(blank(row[f]) for f in fields)]


def parse_each(rows: list[tuple[int, dict]], parse_one) -> tuple[list, list[str]]:
    """Apply ``parse_one(number, row)`` to each row; collect what checks out
    and the messages for what does not."""
    parsed, errors = [], []
    for number, row in rows:
        try:
            parsed.append(parse_one(number, row))
        except InputError as error:
            errors.append(str(error))
    return parsed, errors


def repeated(items: list, key, what) -> list[str]:
    """Messages for items whose ``key`` repeats an earlier one (``what`` names them)."""
    seen, errors = set(), []
    for item in items:
        k = key(item)
        if k in seen:
            errors.append(what(item))
        seen.add(k)
    return errors


def choice(value, options: dict, field: str):
    """The key of ``options`` the learner chose, given as key or label."""
    if isinstance(value, bool):
        value = None  # True/False are never a choice, even where keys are numbers
    if isinstance(value, (str, int)) and value in options:
        return value
    if isinstance(value, str):
        text = " ".join(value.split()).casefold()
        for key, label in options.items():
            if text in {str(key).casefold(), label.casefold()}:
                return key
    listed = ", ".join(f"«{label}»" for label in options.values())
    if blank(value):
        raise InputError(f"{field}: velg ett av disse: {listed}.")
    raise InputError(f"{field}: «{str(value)[:60]}» er ikke et av valgene. Velg ett av disse: {listed}.")


def picks(value, known: dict, field: str) -> list[str]:
    """Several keys of ``known`` (key -> label), given as keys or labels,
    without repeats and in the learner's order."""
    if blank(value):
        return []
    if isinstance(value, str) or not isinstance(value, (list, tuple, set)):
        raise InputError(f"{field}: velg fra lista (fikk {type(value).__name__}).")
    chosen = []
    for item in value:
        key = choice(item, known, field)
        if key not in chosen:
            chosen.append(key)
    return chosen


_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def parse_number(value, field: str) -> float:
    """A number typed the Norwegian way («12 345,6», «12,5 %») or given as one."""
    if isinstance(value, bool):
        raise InputError(f"{field}: skriv et tall, ikke ja/nei.")
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        text = re.sub(r"[\s\u00a0\u202f]", "", value).removesuffix("%").replace(",", ".")
        if not text:
            raise InputError(f"{field}: feltet er tomt. Skriv et tall, for eksempel 120 eller 12,5.")
        if not _NUMBER.match(text):
            raise InputError(f"{field}: «{value.strip()[:40]}» er ikke et tall. "
                             "Skriv bare tallet, for eksempel 120 eller 12,5, og beskriv enheten i navnet.")
        number = float(text)
    else:
        raise InputError(f"{field}: skriv et tall (fikk {type(value).__name__}).")
    if not math.isfinite(number) or abs(number) > 1e15:
        raise InputError(f"{field}: tallet er for stort. Skriv et vanlig tall.")
    return number


def parse_year(value, field: str, *, low: int = 1990, high: int = 2100, required: bool = True) -> int | None:
    """A year between ``low`` and ``high``; None for an empty optional field."""
    if blank(value):
        if required:
            raise InputError(f"{field}: skriv et årstall, for eksempel 2030.")
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InputError(f"{field}: skriv et årstall med fire sifre (fikk {type(value).__name__}).")
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}", text):
        raise InputError(f"{field}: «{text[:40]}» er ikke et årstall. Skriv fire sifre, for eksempel 2030.")
    year = int(text)
    if not low <= year <= high:
        raise InputError(f"{field}: {year} er utenfor det kurset godtar ({low}–{high}).")
    return year


def flag(value, field: str) -> bool:
    """A yes/no box."""
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InputError(f"{field}: kryss av eller la stå tomt (fikk {type(value).__name__}).")
    return value


def listing(names, quote: bool = True) -> str:
    """«a», «b» og «c» (without ``quote``: a, b og c)."""
    quoted = [f"«{n}»" if quote else str(n) for n in names]
    if len(quoted) < 2:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " og " + quoted[-1]


def collect(errors: list[str], parse, *args, **kwargs):
    """``parse(*args, **kwargs)``; if it raises InputError, its message is
    added to ``errors`` and the result is None. For forms that report every
    problem at once."""
    try:
        return parse(*args, **kwargs)
    except InputError as error:
        errors.append(str(error))
        return None


def answer_or_errors(answer: dict, errors: list[str]) -> tuple[dict | None, list[str]]:
    """What a parse returns: the answer if nothing is wrong, else None and the messages."""
    return (None, errors) if errors else (answer, [])
