"""The parts a draft is made of, shared by every output format."""

import datetime as dt
from dataclasses import dataclass, field, replace

from exercises.core.text import clean_string
from exercises.workbook.sections import Section


def clean(value) -> str:
    """Text every format can hold, Word and XML too (see
    :func:`~exercises.core.text.clean_string`: no NUL, no U+000B, no lone surrogates)."""
    return clean_string("" if value is None else str(value))


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str = ""


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str


@dataclass(frozen=True)
class PageBreak:
    """A new page in Word (and in print); nothing in Markdown."""


@dataclass(frozen=True)
class Missing:
    text: str


@dataclass
class Draft:
    title: str
    date: dt.date
    county: str = ""
    author: str = ""
    blocks: list = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def lack(self, part: str, section: Section, detail: str = "") -> None:
        """Note that ``part`` is missing and which chapter fills it."""
        text = detail or f"{part} mangler. Gjør kapitlet {section.chapter}."
        self.blocks.append(Missing(text))
        self.missing.append(f"{part}: gjøres i kapitlet {section.chapter}")



def cleaned(block):
    """A block with every string in it cleaned, whatever path it came by."""
    if isinstance(block, (Heading, Paragraph, Missing)):
        return replace(block, **{k: clean(v) for k, v in vars(block).items() if isinstance(v, str)})
    if isinstance(block, Bullets):
        return Bullets(tuple(clean(i) for i in block.items))
    if isinstance(block, Table):
        return Table(clean(block.caption), tuple(clean(h) for h in block.header),
                     tuple(tuple(clean(c) for c in row) for row in block.rows), clean(block.source))
    return block


