"""The course's sources: one BibTeX file and a Norwegian author-year style.

``book/referanser.bib`` holds every work the course cites. The website
cites through sphinxcontrib-bibtex (``book/_ext/bibliografi.py`` registers
the two styles below); the live course renders the same citations and
lists without Sphinx (``exercises/live/markdown.py``). Both use this module,
so a chapter's «Kilder» reads the same in both.

In-text citations (``{cite:t}`` and ``{cite:p}``):

- one author: «Boschma (2005)», two: «Carayannis og Campbell (2009)»,
  three or more: «Frenken mfl. (2007)»;
- no year: «u.å.»; works with the same author and year get a, b, c in the
  order they stand in the .bib file: «KMD (2018a)», «Kunnskapsdepartementet (u.å.b)»;
- ``shorthand`` (laws, statistics tables) replaces author and year:
  «(SSB, tabell 11713)»; ``label`` replaces a missing author.

Entries in the lists: «Forfatter, A. og Forfatter, B. (år). *Tittel*.
Utgiversted: Utgiver. <adresse>», with all authors, as the course wrote
them by hand before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pybtex.backends.html import Backend as HtmlBackend
from pybtex.backends.plaintext import Backend as TextBackend
from pybtex.database import BibliographyData, Entry, Person, parse_file
from pybtex.richtext import HRef, Tag, Text

ROOT = Path(__file__).resolve().parents[2]
BIB = ROOT / "book" / "referanser.bib"
NO_YEAR = "u.å."
# rich text is rendered with these; Text.render_as(name) looks the backend up
# among all installed entry points on every call, which is slow
PLAIN, HTML = TextBackend(), HtmlBackend()

# {cite:t}`key`, {cite:p}`key1,key2`, {cite:p}`{se}key{§ 2}`: the keys
CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]*)`")
CITE_TARGET = re.compile(r"\s*(?:\{(?P<pre>[^{}]+)\})?\s*(?P<key>[^{}\s,]+)\s*(?:\{(?P<post>[^{}]+)\})?\s*")


def load(path: Path = BIB) -> BibliographyData:
    """The bibliography, read again when the file changes."""
    path = Path(path)
    return _load(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load(path: Path, mtime: int) -> BibliographyData:
    return parse_file(str(path), "bibtex")


def cite_targets(text: str) -> list[tuple[str, str, str]]:
    """(pre, key, post) of one role's content, e.g. ``{se}pbl{§ 8-2}``."""
    found, pos = [], 0
    while pos < len(text):
        match = CITE_TARGET.match(text, pos)
        if not match or not match["key"]:
            raise ValueError(f"kan ikke lese kildehenvisningen «{text}»")
        found.append((match["pre"] or "", match["key"], match["post"] or ""))
        pos = match.end()
        if pos < len(text):
            if text[pos] != ",":
                raise ValueError(f"kan ikke lese kildehenvisningen «{text}»")
            pos += 1
    return found


def cited_keys(source: str) -> list[str]:
    """Every key cited in a chapter's MyST source, in order, once each."""
    keys: list[str] = []
    for match in CITE_ROLE.finditer(source):
        for _pre, key, _post in cite_targets(match[1]):
            if key not in keys:
                keys.append(key)
    return keys


# --- plain pieces -----------------------------------------------------------

def _plain(latex: str) -> str:
    """A field as plain text: braces gone, ``--`` as an en dash."""
    return Text.from_latex(latex.replace("{", "").replace("}", "")).render(PLAIN)


def _rich(latex: str) -> Text:
    """A field as rich text; ``\\emph{...}`` becomes italics."""
    parts = re.split(r"\\emph\{([^{}]*)\}", latex)
    return Text(*(Tag("em", _plain(p)) if i % 2 else _plain(p) for i, p in enumerate(parts) if p))


def _persons(entry: Entry) -> list[Person]:
    return entry.persons.get("author") or entry.persons.get("editor") or []


def _last(person: Person) -> str:
    return _plain(" ".join(person.prelast_names + person.last_names))


def _is_others(person: Person) -> bool:
    return _last(person) == "others"


def short_names(entry: Entry) -> str:
    """Names as they stand in the text: «Boschma», «van Eck og Waltman», «Hidalgo mfl.»."""
    persons = _persons(entry)
    if not persons:
        field = entry.fields.get("label") or entry.fields.get("title", entry.key)
        return _plain(field)
    if len(persons) >= 3 or any(_is_others(p) for p in persons):
        return f"{_last(persons[0])} mfl."
    return " og ".join(_last(p) for p in persons)


def _year(entry: Entry) -> str:
    return _plain(entry.fields.get("year", "")) or NO_YEAR


def year_labels(bib: BibliographyData) -> dict[str, str]:
    """Each key's year as cited, with a, b, c where author and year repeat."""
    groups: dict[tuple[str, str], list[str]] = {}
    for key, entry in bib.entries.items():
        if "shorthand" not in entry.fields:
            groups.setdefault((short_names(entry), _year(entry)), []).append(key)
    labels = {}
    for (_names, year), keys in groups.items():
        for number, key in enumerate(keys):
            labels[key] = year + ("abcdefghijklmnopqrstuvwxyz"[number] if len(keys) > 1 else "")
    return labels


def year_label(entry: Entry, bib: BibliographyData | None = None) -> str:
    bib = bib if bib is not None else load()
    labels = getattr(bib, "_year_labels", None)
    if labels is None:  # worked out once per loaded file
        labels = bib._year_labels = year_labels(bib)
    # an entry from elsewhere, or with a shorthand: no letter
    return labels.get(entry.key, _year(entry))


def _shorthand(entry: Entry) -> str | None:
    value = entry.fields.get("shorthand")
    return _plain(value) if value else None


def _attach(text: str, post: str) -> str:
    """Text after a citation: «§ 8-2» after a space, «, vedlegg IV» right after."""
    if not post:
        return text
    return text + post if post[0] in ",.;:" else f"{text} {post}"


def textual(entry: Entry, post: str = "", bib: BibliographyData | None = None) -> str:
    """«Frenken mfl. (2007)», «KMD (2018a, s. 3)», «SSB, tabell 11713»."""
    shorthand = _shorthand(entry)
    if shorthand:
        return _attach(shorthand, post)
    year = year_label(entry, bib)
    post = post.lstrip(",; ") if post else ""
    return f"{short_names(entry)} ({', '.join(p for p in (year, post) if p)})"


def parenthetical_inner(entry: Entry, pre: str = "", post: str = "", bib: BibliographyData | None = None) -> str:
    """One work inside parentheses: «KMD 2018a», «plan- og bygningsloven § 8-2»."""
    shorthand = _shorthand(entry)
    head = shorthand if shorthand else f"{short_names(entry)} {year_label(entry, bib)}"
    return " ".join(p for p in (pre, _attach(head, post)) if p)


def parenthetical(entries: list[tuple[Entry, str, str]], bib: BibliographyData | None = None) -> str:
    """«(KMD 2018a; KMD 2018b)» from (entry, pre, post) triples."""
    return "(" + "; ".join(parenthetical_inner(e, pre, post, bib) for e, pre, post in entries) + ")"


# --- the full entry -----------------------------------------------------------

def _full_name(person: Person) -> str:
    last = _last(person)
    if last == "others":
        return "mfl."
    first = _plain(" ".join(person.first_names + person.middle_names))
    return f"{last}, {first}" if first else last


def full_names(entry: Entry) -> str:
    """All authors: «Finne, H., Ramstad, L. S. og Vik, L. H.»; «Gianelle, C. mfl. (red.)»."""
    role = "author" if entry.persons.get("author") else "editor"
    persons = entry.persons.get(role) or []
    names = [_full_name(p) for p in persons]
    if names and names[-1] == "mfl.":
        text = ", ".join(names[:-1]) + " mfl."
    elif len(names) > 1:
        text = ", ".join(names[:-1]) + " og " + names[-1]
    else:
        text = "".join(names)
    if role == "editor" and text:
        text += " (red.)"
    return text


def _sentence(*parts) -> Text:
    """Parts joined by spaces, ending with a full stop (unless one is there)."""
    text = Text(*[p for part in parts if part for p in (part, " ")][:-1]) if any(parts) else Text()
    plain = text.render(PLAIN)
    return text if not plain or plain.endswith((".", "?", "!")) else Text(text, ".")


def format_entry(entry: Entry, bib: BibliographyData | None = None) -> Text:
    """The entry as it stands in «Kilder» and «Referanser»."""
    fields = entry.fields
    blocks: list[Text] = []
    shorthand = _shorthand(entry)
    if shorthand:
        blocks.append(_sentence(shorthand[:1].upper() + shorthand[1:]))
        if _persons(entry):
            blocks.append(_sentence(full_names(entry)))
    else:
        who = full_names(entry) or _plain(fields.get("label", ""))
        blocks.append(_sentence(Text(who, f" ({year_label(entry, bib)})") if who else f"({year_label(entry, bib)})"))
    # title: in italics, except an article's (then the journal is)
    title = _rich(fields.get("title", ""))
    if entry.type == "article":
        blocks.append(_sentence(title))
        journal = Text(Tag("em", _rich(fields.get("journal", ""))))
        volume = _plain(fields.get("volume", ""))
        if fields.get("number"):
            volume += f"({_plain(fields['number'])})"
        blocks.append(_sentence(Text(*[p for part in (journal, volume, _plain(fields.get("pages", "")))
                                       if part for p in (part, ", ")][:-1])))
    else:
        head = Text(Tag("em", title))
        if fields.get("titleaddon"):
            head = Text(head, " ", _rich(fields["titleaddon"]))
        if fields.get("chapter"):
            head = Text(head, ", ", _rich(fields["chapter"]))
        blocks.append(_sentence(head))
    series = " ".join(_plain(fields[f]) for f in ("series", "type", "number") if fields.get(f))
    if series and entry.type != "article":
        blocks.append(_sentence(series))
    if fields.get("note"):
        blocks.append(_sentence(_rich(fields["note"])))
    publisher = _plain(fields.get("publisher", "") or fields.get("institution", "") or fields.get("school", ""))
    if publisher:
        address = _plain(fields.get("address", ""))
        blocks.append(_sentence(f"{address}: {publisher}" if address else publisher))
    if fields.get("addendum"):
        blocks.append(_sentence(_rich(fields["addendum"])))
    url = fields.get("url") or (f"https://doi.org/{fields['doi']}" if fields.get("doi") else "")
    if url:
        link = Text("<", HRef(url, url), ">")
        if fields.get("urldate"):
            link = Text(link, f" (lest {_plain(fields['urldate'])})")
        blocks.append(link)
    return Text(*[p for block in blocks for p in (block, " ")][:-1])


def sort_key(entry: Entry, bib: BibliographyData | None = None) -> tuple:
    """Alphabetical by what the entry starts with, then by year («u.å.» first)."""
    head = _shorthand(entry) or full_names(entry) or _plain(entry.fields.get("label", ""))
    year = year_label(entry, bib)
    return (head.casefold(), "" if year.startswith(NO_YEAR) else year, year)


def entry_html(entry: Entry, bib: BibliographyData | None = None) -> str:
    return format_entry(entry, bib).render(HTML)


def entry_text(entry: Entry, bib: BibliographyData | None = None) -> str:
    return format_entry(entry, bib).render(PLAIN)


def sorted_entries(keys, bib: BibliographyData | None = None) -> list[Entry]:
    bib = bib if bib is not None else load()
    return sorted((bib.entries[k] for k in keys), key=lambda e: sort_key(e, bib))


# --- pybtex style, for sphinxcontrib-bibtex's lists ----------------------------

def _pybtex_style():
    from pybtex.style import FormattedEntry
    from pybtex.style.formatting import BaseStyle

    class NorwegianStyle(BaseStyle):
        """pybtex style ``norsk``: the entries as :func:`format_entry` writes them,
        sorted by :func:`sort_key`. Labels are not shown (author-year); each
        entry's key is its label, so they are unique."""

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            # BaseStyle sets these on the instance from its plugins
            self.sort = lambda entries: sorted(entries, key=sort_key)
            self.format_labels = lambda entries: [entry.key for entry in entries]

        def format_entry(self, label, entry, bib_data=None):
            return FormattedEntry(entry.key, format_entry(entry), label)

    return NorwegianStyle


def register_pybtex_style() -> None:
    """Make ``norsk`` known to pybtex (``bibtex_default_style: norsk``)."""
    import pybtex.plugin

    pybtex.plugin.register_plugin("pybtex.style.formatting", "norsk", _pybtex_style(), force=True)
