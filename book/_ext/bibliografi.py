"""Citations in the course's Norwegian author-year style.

sphinxcontrib-bibtex (shipped with Jupyter Book) reads ``book/referanser.bib``
(``bibtex_bibfiles`` in ``_config.yml``). This extension registers the two
styles it asks for by name, both built on :mod:`exercises.reports.references`, which
the live course uses too:

- ``bibtex_default_style: norsk`` (pybtex): the entries in «Kilder» and
  «Referanser»;
- ``bibtex_reference_style: norsk``: ``{cite:t}`` gives «Frenken mfl. (2007)»,
  ``{cite:p}`` gives «(KMD 2018a; KMD 2018b)»; text in braces before or after
  a key is put around it: ``{cite:p}`{se}pbl{§ 8-2}```.

Each chapter lists the works it cites, and «Referanser» lists them all, so
a work stands in several lists; the warning sphinxcontrib-bibtex gives for
that (``bibtex.duplicate_citation``) is expected and suppressed in
``_config.yml``. A citation links to the list on its own page.

docutils writes each entry as ``<div role="doc-biblioentry">`` inside a
``role="list"``; axe-core (tests/book/test_browser.py) finds that a list without
list items (doc-biblioentry is deprecated in DPUB-ARIA 1.1), so the entries
are written as ``role="listitem"``, as the live course does.
"""

from __future__ import annotations

from dataclasses import dataclass

from pybtex.richtext import Text
from pybtex.style.template import node
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BaseReferenceStyle
from sphinxcontrib.bibtex.style.template import join, reference, sentence

from exercises.reports import references


@node
def _parenthetical(children, data):
    info = data["reference_info"]
    return Text(references.parenthetical_inner(data["entry"], info.pre_text, info.post_text))


@node
def _textual(children, data):
    info = data["reference_info"]
    text = references.textual(data["entry"], info.post_text)
    return Text(" ".join(p for p in (info.pre_text, text) if p))


@dataclass
class NorwegianReferenceStyle(BaseReferenceStyle):
    """``{cite:p}`` (also ``ps``, ``alp``) and ``{cite:t}`` (also ``ts``, ``ct``)."""

    def role_names(self):
        return ["p", "ps", "alp", "t", "ts", "ct", "cts"]

    def outer(self, role_name, children):
        if "p" in role_name:
            brackets = role_name != "alp"
            return join[
                "(" if brackets else "",
                sentence(add_period=False, sep="; ")[children],
                ")" if brackets else "",
            ]
        return sentence(add_period=False, capfirst="c" in role_name, sep=", ", sep2=" og ", last_sep=" og ")[children]

    def inner(self, role_name):
        return reference[_parenthetical] if "p" in role_name else reference[_textual]


def list_items(app, pagename, templatename, context, doctree):
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.connect("html-page-context", list_items)
    references.register_pybtex_style()
    register_plugin("sphinxcontrib.bibtex.style.referencing", "norsk", NorwegianReferenceStyle, force=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
