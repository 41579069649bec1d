"""Safe getters for what a workbook holds.

A workbook file can be old, damaged or edited by hand, so nothing read from
it is trusted to have the shape the course saved: each getter returns the
value if it has the expected type, else an empty default, and never raises.
The section readers (:mod:`exercises.workbook.readers`) are built on these.
"""

import math
from numbers import Real


def entry(book, section: str) -> dict:
    """The saved value of ``section`` (from a Workbook, or anything with its
    ``value`` method), or {} if there is none or it is not a dict."""
    return as_dict(book.value(section))


def as_dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def mapping(item: dict, key: str) -> dict:
    """``item[key]`` if it is a dict, else {}."""
    return as_dict(item.get(key))


def dicts(item: dict, key: str) -> dict[str, dict]:
    """``item[key]`` if it is a dict, with only those of its values that are
    dicts; else {}."""
    return {k: v for k, v in mapping(item, key).items() if isinstance(v, dict)}


def records(item: dict, key: str) -> list[dict]:
    """The dicts in the list ``item[key]``; anything else in it is left out.
    Not a list: []."""
    value = item.get(key)
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


def text(item: dict, key: str) -> str:
    """``item[key]`` if it is a string, else ""."""
    value = item.get(key)
    return value if isinstance(value, str) else ""


def integer(item: dict, key: str) -> int | None:
    """``item[key]`` if it is a whole number (not True/False), else None."""
    value = item.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def number(item: dict, key: str) -> float | None:
    """``item[key]`` if it is a finite number (not True/False), else None."""
    value = item.get(key)
    return value if finite(value) else None


def finite(value) -> bool:
    """Whether ``value`` is a finite number (True/False are not numbers here)."""
    return not isinstance(value, bool) and isinstance(value, Real) and math.isfinite(value)
