"""Sources: one .bib file, the Norwegian author-year style, and the lists
the website and the live course generate from them.

The style is tested on entries made here (1, 2, 3+ authors, no year, an
editor with «and others», a shorthand); the course's own file on its keys;
the built pages on what they list (the `site` fixture, one build per run)."""

import html
import re
from pathlib import Path

import pytest
from pybtex.database import parse_string

from exercises.live import build, markdown
from exercises.reports import references

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
CHAPTERS = sorted(BOOK.glob("*.md"))
BIB = references.load()

SAMPLE = parse_string(r"""
@article{one, author = {Boschma, R.}, year = {2005}, title = {Proximity and innovation},
  journal = {Regional Studies}, volume = {39}, number = {1}, pages = {61--74}, doi = {10.1/x}}
@book{two, author = {Carayannis, E. G. and Campbell, D. F. J.}, year = {2012}, title = {Mode 3},
  address = {New York}, publisher = {Springer}}
@article{three, author = {Frenken, K. and Van Oort, F. and Verburg, T.}, year = {2007},
  title = {Related variety}, journal = {Regional Studies}}
@online{noyear, author = {{Forskningsrådet}}, title = {Porteføljeplan}, url = {https://example.org/p}}
@online{noyear2, author = {{Forskningsrådet}}, title = {Annen side}}
@book{edited, editor = {Gianelle, C. and others}, year = {2016}, title = {Handbook},
  publisher = {European Commission}}
@legislation{law, shorthand = {plan- og bygningsloven}, title = {Lov om planlegging}, chapter = {§ 8-2}}
@online{read, author = {{KMD}}, year = {2018}, title = {Veileder}, url = {https://example.org/v},
  urldate = {1. mars 2024}, note = {Se \emph{Velkommen}}}
""", "bibtex")


def sample(key):
    return SAMPLE.entries[key]


def cite_t(key, post=""):
    return references.textual(sample(key), post, SAMPLE)


def cite_p(*keys):
    return references.parenthetical([(sample(k), "", "") for k in keys], SAMPLE)


def test_in_text_one_two_and_three_or_more_authors():
    assert cite_t("one") == "Boschma (2005)"
    assert cite_t("two") == "Carayannis og Campbell (2012)"
    assert cite_t("three") == "Frenken mfl. (2007)"
    assert cite_t("edited") == "Gianelle mfl. (2016)"
    assert cite_p("one", "three") == "(Boschma 2005; Frenken mfl. 2007)"


def test_no_year_is_u_a_with_a_letter_when_author_and_year_repeat():
    assert cite_t("noyear") == "Forskningsrådet (u.å.a)"
    assert cite_p("noyear2") == "(Forskningsrådet u.å.b)"
    assert cite_t("read") == "KMD (2018)"  # alone with that author and year: no letter


def test_shorthand_replaces_author_and_year_and_takes_text_after_it():
    assert cite_t("law") == "plan- og bygningsloven"
    assert references.parenthetical([(sample("law"), "", "§ 8-2")], SAMPLE) == "(plan- og bygningsloven § 8-2)"
    assert references.parenthetical([(sample("law"), "", ", vedlegg IV")], SAMPLE) == "(plan- og bygningsloven, vedlegg IV)"
    assert cite_t("one", "s. 62") == "Boschma (2005, s. 62)"


def test_full_entries_in_norwegian():
    text = {key: references.entry_text(e, SAMPLE) for key, e in SAMPLE.entries.items()}
    assert text["one"] == "Boschma, R. (2005). Proximity and innovation. Regional Studies, 39(1), 61–74. <https://doi.org/10.1/x>"
    assert text["two"] == "Carayannis, E. G. og Campbell, D. F. J. (2012). Mode 3. New York: Springer."
    assert text["three"].startswith("Frenken, K., Van Oort, F. og Verburg, T. (2007). ")
    assert text["noyear"] == "Forskningsrådet (u.å.a). Porteføljeplan. <https://example.org/p>"
    assert text["edited"] == "Gianelle, C. mfl. (red.) (2016). Handbook. European Commission."
    assert text["law"] == "Plan- og bygningsloven. Lov om planlegging, § 8-2."
    assert text["read"] == "KMD (2018). Veileder. Se Velkommen. <https://example.org/v> (lest 1. mars 2024)"
    html_text = references.entry_html(sample("read"), SAMPLE)
    assert "<em>Veileder</em>" in html_text and "Se <em>Velkommen</em>" in html_text
    assert '<a href="https://example.org/v">' in html_text


def test_lists_are_alphabetical_with_no_year_first():
    order = [e.key for e in references.sorted_entries(SAMPLE.entries, SAMPLE)]
    assert order == ["one", "two", "noyear", "noyear2", "three", "edited", "read", "law"]


def test_the_course_file_keeps_its_letters():
    assert references.textual(BIB.entries["kmd2018a"]) == "KMD (2018a)"
    assert references.textual(BIB.entries["kmd2018c"]) == "KMD (2018c)"
    assert references.textual(BIB.entries["kmd2017"]) == "KMD (2017)"
    assert references.textual(BIB.entries["kd-ua-b"]) == "Kunnskapsdepartementet (u.å.b)"
    assert references.textual(BIB.entries["ssb11713"]) == "SSB, tabell 11713"


def listed_keys(source: str) -> list[str]:
    """Keys written in the body of a {bibliography} directive."""
    keys = []
    for body in re.findall(r"```\{bibliography\}\n(.*?)```", source, flags=re.S):
        keys += [line.strip() for line in body.splitlines() if line.strip() and not line.startswith(":")]
    return keys


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_every_cited_key_is_in_the_bib_and_every_chapter_lists_its_sources(chapter):
    source = chapter.read_text(encoding="utf-8")
    unknown = [k for k in references.cited_keys(source) + listed_keys(source) if k not in BIB.entries]
    assert not unknown, f"{chapter.name}: not in referanser.bib: {unknown}"
    kilder = source.split("\n## Kilder\n", 1)
    assert len(kilder) == 2, f"{chapter.name} has no «Kilder»"
    assert "```{bibliography}" in kilder[1], f"{chapter.name}: «Kilder» is not generated"
    if chapter.stem != "referanser":
        assert ":filter: docname in docnames" in kilder[1]
    # no hand-typed entries left: no «Forfatter, A. (år).» paragraph
    assert not re.search(r"^[^\n{]*\((?:\d{4}[a-z]?|u\.å\.[a-z]?)\)\. ", kilder[1], flags=re.M), chapter.name


def test_every_bib_entry_is_cited_or_deliberately_listed():
    used = set()
    for chapter in CHAPTERS:
        source = chapter.read_text(encoding="utf-8")
        used |= set(references.cited_keys(source)) | set(listed_keys(source))
    assert set(BIB.entries) - used == set()


def test_cited_keys_reads_pre_and_post_text_and_several_keys():
    assert references.cited_keys("a {cite:p}`{se}pbl{§ 8-2},kmd2018a` b {cite:t}`kmd2018a`") == ["pbl", "kmd2018a"]
    with pytest.raises(ValueError):
        references.cite_targets("kmd2018a kmd2018b")


def test_the_pybtex_style_is_the_same_formatting():
    references.register_pybtex_style()
    import pybtex.plugin

    style = pybtex.plugin.find_plugin("pybtex.style.formatting", "norsk")()
    formatted = list(style.format_entries(SAMPLE.entries.values()))
    assert [f.key for f in formatted] == [e.key for e in references.sorted_entries(SAMPLE.entries, SAMPLE)]
    assert formatted[0].text.render_as("text") == references.entry_text(SAMPLE.entries[formatted[0].key], SAMPLE)
    assert [f.label for f in formatted] == [f.key for f in formatted]


# --- the live course ---------------------------------------------------------

def live_page(slug: str) -> str:
    course = build.chapters()
    chapter = next(c for c in course if c.slug == slug)
    notebook = build.chapter_notebook(chapter, course, build.links_for(course))
    return "".join(c.source for c in notebook.cells if c.cell_type == "raw")


def test_live_chapter_renders_citations_and_its_kilder():
    page = live_page("beslektet-mangfold")
    assert '<a class="reference external" href="#cite-frenken2007">Frenken mfl. (2007)</a>' in page
    assert '<span class="bibtex-citation">(<a class="reference external" href="#cite-kmd2018a">KMD 2018a</a>)</span>' in page
    kilder = page.split('id="kilder"', 1)[1]
    ids = re.findall(r'<div class="citation" id="cite-([^"]+)"', kilder)
    cited = references.cited_keys((BOOK / "beslektet-mangfold.md").read_text(encoding="utf-8"))
    assert ids == [e.key for e in references.sorted_entries(cited)]
    assert "{cite" not in page and "{bibliography}" not in page


def test_live_unknown_source_is_a_clear_error():
    with pytest.raises(markdown.MarkdownError, match="ukjent kilde"):
        markdown.render("Se {cite:t}`finnesikke2020`.", markdown.Links())


def test_live_references_page_lists_every_entry():
    page = live_page("referanser")
    assert sorted(re.findall(r'id="cite-([^"]+)"', page)) == sorted(markdown.cite_anchor(k)[5:] for k in BIB.entries)


# --- the website (one build per test run) --------------------------------------

def inline_citations(page: str) -> list[str]:
    """The text of each citation in the prose, on the website or live."""
    found = re.findall(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', page, flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", text)) for text in found]


def citation_texts(page: str) -> list[str]:
    """The entries of the page's generated lists, as plain text."""
    found = re.findall(r'<div class="citation" id="[^"]+" role="listitem">.*?<p>(.*?)</p>', page, flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", text)).strip() for text in found]


@pytest.mark.slow
def test_built_references_page_lists_every_entry(site):
    page = (site / "book" / "referanser.html").read_text(encoding="utf-8")
    assert citation_texts(page) == [references.entry_text(e) for e in references.sorted_entries(BIB.entries)]


@pytest.mark.slow
@pytest.mark.parametrize("chapter", [c for c in CHAPTERS if c.stem != "referanser"], ids=lambda c: c.stem)
def test_built_kilder_lists_exactly_the_works_the_chapter_cites(site, chapter):
    source = chapter.read_text(encoding="utf-8")
    wanted = references.cited_keys(source) + [k for k in listed_keys(source) if k not in references.cited_keys(source)]
    page = (site / "book" / f"{chapter.stem}.html").read_text(encoding="utf-8")
    kilder = page.split('id="kilder"', 1)[1]
    assert citation_texts(kilder) == [references.entry_text(e) for e in references.sorted_entries(wanted)]
    # citations link to the entry on the same page
    for match in re.finditer(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', page, flags=re.S):
        assert re.search(r'href="#id\d+"', match[1]), match[1][:200]
    # the live course shows the same citations and the same «Kilder»
    live = live_page(chapter.stem)
    assert sorted(inline_citations(live)) == sorted(inline_citations(page))  # footnotes move
    assert citation_texts(live.split('id="kilder"', 1)[1]) == citation_texts(kilder)
