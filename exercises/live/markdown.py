"""MyST Markdown to HTML for the live course, without Sphinx.

Why this route: the chapters' prose is MyST, and the website renders it with
Sphinx. Running Sphinx per chapter (or reading its built pages apart) is slow
and couples the live course to a full book build. myst_parser also ships a
plain docutils parser, which renders the same directives (admonitions, notes,
tables, figures, dollar math) in milliseconds. What docutils lacks are the
Sphinx-only parts; the course needs few of them, and they are registered
here as small docutils roles and one directive:

- ``{doc}`` and ``{ref}`` become links to the live chapter pages,
- ``{term}`` links to the glossary page, whose ``{glossary}`` directive is
  rendered as a definition list with the same ``term-...`` anchors Sphinx uses,
- ``{cite:t}`` and ``{cite:p}`` give the same «Forfatter (år)» text as the
  website (:mod:`exercises.reports.references`) and link to the entry in the page's
  «Kilder»; the ``{bibliography}`` directive lists the works the chapter
  cites (``:filter: docname in docnames``, plus keys listed in its body) or
  all of them (``:all:``), formatted by the same style as the website's lists;
- formulas become MathML through the site's own converter
  (``book/_ext/mathml.py``, latex2mathml), so they look as on the website.
"""

from __future__ import annotations

import html
import importlib.util
import re
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from docutils.core import publish_parts
from docutils.parsers.rst import Directive, directives, roles
from docutils.writers import html5_polyglot
from myst_parser.parsers.docutils_ import Parser

from exercises.reports import references

ROOT = Path(__file__).resolve().parents[2]
EXTENSIONS = ["colon_fence", "dollarmath", "deflist", "substitution"]


def _load_mathml():
    """The website's formula converter, loaded from book/_ext (not a package)."""
    spec = importlib.util.spec_from_file_location("kurs_mathml", ROOT / "book" / "_ext" / "mathml.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._mathml


_mathml = _load_mathml()


@dataclass
class Links:
    """What Sphinx roles point at: chapter titles by document name (``book/x``
    or ``x``), and labels ``(name)=`` by name, each to (page, anchor, title)."""

    titles: dict[str, str] = field(default_factory=dict)
    labels: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    glossary_page: str = "ordliste"
    cited: list[str] = field(default_factory=list)   # keys the chapter cites
    bibfile: Path = references.BIB

    def page(self, target: str) -> str | None:
        name = target.strip().removesuffix(".md").removeprefix("/").split("/")[-1]
        return name if name in self.titles else None


# The links of the document being rendered (docutils roles are global).
_current = Links()


def term_anchor(term: str) -> str:
    """Sphinx's anchor for a glossary term: ``term-`` and the term, spaces as dashes."""
    return "term-" + re.sub(r"\s+", "-", term.strip())


def _split(text: str) -> tuple[str, str]:
    """``Title <target>`` -> (title, target); ``target`` -> ("", target)."""
    match = re.fullmatch(r"\s*(.*?)\s*<([^<>]+)>\s*", text, flags=re.S)
    return (match[1], match[2]) if match else ("", text.strip())


def _link(rawtext, text, href, lineno, inliner):
    node = nodes.reference(rawtext, text, refuri=href)
    return [node], []


def _doc_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    title, target = _split(text)
    page = _current.page(target)
    if page is None:
        msg = inliner.reporter.warning(f"ukjent kapittel i {{doc}}: {target}", line=lineno)
        return [nodes.Text(title or target)], [msg]
    return _link(rawtext, title or _current.titles[page], f"{page}.ipynb", lineno, inliner)


def _ref_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    title, target = _split(text)
    found = _current.labels.get(target.strip())
    if found is None:
        msg = inliner.reporter.warning(f"ukjent henvisning i {{ref}}: {target}", line=lineno)
        return [nodes.Text(title or target)], [msg]
    page, anchor, heading = found
    return _link(rawtext, title or heading, f"{page}.ipynb#{anchor}", lineno, inliner)


def _term_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    title, target = _split(text)
    href = f"{_current.glossary_page}.ipynb#{term_anchor(target)}"
    return _link(rawtext, title or target, href, lineno, inliner)


def cite_anchor(key: str) -> str:
    return "cite-" + re.sub(r"[^\w-]", "-", key)


def _cite_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{cite:t}``, ``{cite:p}`` and their variants, as on the website."""
    kind = name.split(":", 1)[1] if ":" in name else "p"
    bib = references.load(_current.bibfile)
    try:
        targets = references.cite_targets(text)
    except ValueError as error:
        msg = inliner.reporter.warning(str(error), line=lineno)
        return [nodes.Text(text)], [msg]
    missing = [key for _pre, key, _post in targets if key not in bib.entries]
    if missing:
        msg = inliner.reporter.warning(f"ukjent kilde i {{cite}}: {', '.join(missing)}", line=lineno)
        return [nodes.Text(text)], [msg]
    parenthetical = "p" in kind
    # several works in one citation: in the order of the lists, as sphinxcontrib-bibtex does
    targets.sort(key=lambda target: references.sort_key(bib.entries[target[1]], bib))
    links = []
    for pre, key, post in targets:
        entry = bib.entries[key]
        if parenthetical:
            label = references.parenthetical_inner(entry, pre, post, bib)
        else:
            label = " ".join(p for p in (pre, references.textual(entry, post, bib)) if p)
        links.append(nodes.reference(rawtext, label, refuri=f"#{cite_anchor(key)}"))
    out: list[nodes.Node] = []
    for number, link in enumerate(links):
        if number:
            last = number == len(links) - 1
            out.append(nodes.Text("; " if parenthetical else (" og " if last else ", ")))
        out.append(link)
    if kind.startswith("c") and out:
        first = out[0]
        first.children[0] = nodes.Text(first.astext()[:1].upper() + first.astext()[1:])
    if parenthetical and kind != "alp":
        out = [nodes.Text("("), *out, nodes.Text(")")]
    return [nodes.inline(rawtext, "", *out, classes=["bibtex-citation"])], []


class Bibliography(Directive):
    """sphinxcontrib-bibtex's ``bibliography``: the chapter's works, or all."""

    has_content = True
    option_spec = {"all": directives.flag, "filter": directives.unchanged, "style": directives.unchanged}

    def run(self):
        bib = references.load(_current.bibfile)
        listed = [line.strip() for line in self.content if line.strip()]
        if "all" in self.options:
            keys = list(bib.entries)
        elif self.options.get("filter", "docname in docnames").strip() == "docname in docnames":
            keys = _current.cited + [k for k in listed if k not in _current.cited]
        else:
            raise self.error(f"ukjent filter i {{bibliography}}: {self.options['filter']}")
        missing = [key for key in keys if key not in bib.entries]
        if missing:
            raise self.error(f"ukjent kilde i {{bibliography}}: {', '.join(missing)}")
        items = "".join(
            f'<div class="citation" id="{cite_anchor(entry.key)}" role="listitem">'
            f"<p>{references.entry_html(entry, bib)}</p></div>"
            for entry in references.sorted_entries(keys, bib)
        )
        return [nodes.raw("", f'<div role="list" class="citation-list">{items}</div>', format="html")]


class Glossary(Directive):
    """Sphinx's ``glossary``: terms (unindented) with indented definitions."""

    has_content = True
    option_spec = {"sorted": directives.flag}

    def run(self):
        entries, term, body = [], None, []
        for line in list(self.content) + [""]:
            if line and not line[0].isspace():
                if term is not None:
                    entries.append((term, body))
                term, body = line.strip(), []
            elif term is not None:
                body.append(line.strip())
        if term is not None:
            entries.append((term, body))
        if "sorted" in self.options:
            entries.sort(key=lambda e: e[0].lower())
        dl = nodes.definition_list(classes=["glossary"])
        for term, body in entries:
            item = nodes.definition_list_item()
            term_node = nodes.term(term, "", ids=[term_anchor(term)])
            term_node += nodes.Text(term)
            definition = nodes.definition()
            self.state.nested_parse(self.content.__class__([line for line in body if line]), 0, definition)
            item += [term_node, definition]
            dl += item
        return [dl]


roles.register_canonical_role("doc", _doc_role)
roles.register_canonical_role("ref", _ref_role)
roles.register_canonical_role("term", _term_role)
directives.register_directive("glossary", Glossary)
directives.register_directive("bibliography", Bibliography)
for _kind in ("t", "p", "ps", "ts", "ct", "cts", "alp"):
    roles.register_canonical_role(f"cite:{_kind}", _cite_role)


class _Translator(html5_polyglot.HTMLTranslator):
    """Formulas as on the website: MathML from latex2mathml."""

    def visit_math(self, node, math_env=""):
        self.body.append(_mathml(node.astext(), "inline"))
        raise nodes.SkipNode

    def visit_math_block(self, node):
        self.body.append(f'<div class="math-display">{_mathml(node.astext(), "block")}</div>')
        raise nodes.SkipNode

    def visit_table(self, node):
        # the site's tables scroll sideways in a frame (kurs.css)
        self.body.append('<div class="kurs-tabell">')
        super().visit_table(node)

    def depart_table(self, node):
        super().depart_table(node)
        self.body.append("</div>")


class _Writer(html5_polyglot.Writer):
    def __init__(self):
        super().__init__()
        self.translator_class = _Translator


SETTINGS = {
    "myst_enable_extensions": EXTENSIONS,
    "myst_heading_anchors": 3,
    "report_level": 3,  # errors only, and those go to the build's messages
    "halt_level": 5,
    "warning_stream": False,
    "doctitle_xform": False,
    "section_self_link": False,
    "initial_header_level": 1,
    "embed_stylesheet": False,
    # each cell is rendered alone, so a cell may start at ##; the levels are
    # put back from the source in _heading_levels
    "myst_suppress_warnings": ["myst.header"],
}


class MarkdownError(ValueError):
    pass


def render(source: str, links: Links | None = None) -> str:
    """One Markdown cell of a chapter as an HTML fragment."""
    global _current
    _current = links or Links()
    messages: list[str] = []

    class Stream:
        def write(self, text):
            messages.append(text)

    parts = publish_parts(source, parser=Parser(), writer=_Writer(),
                          settings_overrides={**SETTINGS, "warning_stream": Stream(), "report_level": 2})
    problems = [m.strip() for m in messages if m.strip()]
    if problems:
        raise MarkdownError("; ".join(problems))
    return _norwegian_titles(_heading_levels(parts["body"], source))


# docutils has no Norwegian: the titles it gives admonitions, as the website's
# Sphinx (language nb_NO) words them
ADMONITION_TITLES = {"Note": "Merknad", "Tip": "Tips", "Warning": "Advarsel", "Important": "Viktig",
                     "Caution": "Forsiktig", "Hint": "Hint", "Attention": "Obs", "Danger": "Fare",
                     "Error": "Feil", "See also": "Se også"}


def _norwegian_titles(body: str) -> str:
    return re.sub(r'(<p class="admonition-title">)([A-Za-z ]+)(</p>)',
                  lambda m: m[1] + ADMONITION_TITLES.get(m[2], m[2]) + m[3], body)


def _heading_levels(body: str, source: str) -> str:
    """Give the n-th heading the level it has in the source (``##`` is h2)."""
    levels, fence = [], None
    for line in source.splitlines():
        mark = re.match(r"\s*(`{3,}|:{3,})", line)
        if mark and (fence is None or mark[1].startswith(fence)):
            fence = None if fence else mark[1][:3]
        elif fence is None and (heading := re.match(r"(#{1,6}) ", line)):
            levels.append(len(heading[1]))
    found = iter(levels)

    def relevel(match):
        level = next(found, None)
        if level is None:
            return match[0]
        return f"<h{level}{match[2]}>{match[3]}</h{level}>"

    return re.sub(r"<h([1-6])([^>]*)>(.*?)</h\1>", relevel, body, flags=re.S)


def labels_in(page: str, source: str) -> dict[str, tuple[str, str, str]]:
    """Labels ``(name)=`` in a chapter, with the heading that follows each."""
    found = {}
    for match in re.finditer(r"^\((?P<label>[^)\s]+)\)=\s*\n+(?P<heading>#+ .*)?", source, flags=re.M):
        heading = (match["heading"] or "").lstrip("#").strip()
        found[match["label"]] = (page, match["label"], heading or match["label"])
    return found


def escape(text: str) -> str:
    return html.escape(text, quote=True)
