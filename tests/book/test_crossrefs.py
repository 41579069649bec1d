"""Links Sphinx checks (`jupyter-book build -n`): chapters to chapters with
{doc}, chapters to the glossary with {term}. These tests read the MyST
sources, so a broken or missing link is found without a build; the live
course is checked to resolve the same links to its own pages."""

import re
from pathlib import Path

import pytest

from exercises.live import build

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
COURSE = build.chapters()
TITLES = {c.title: c.slug for c in COURSE}
NO_TERMS = {"datakilder", "referanser"}  # appendices about files and sources, no glossary terms


def prose(path: Path) -> str:
    """The chapter without its code cells (which are never changed for links)."""
    return re.sub(r"```\{code-cell\}.*?\n```", "", path.read_text(encoding="utf-8"), flags=re.S)


def role_targets(text: str, role: str) -> list[str]:
    targets = []
    for content in re.findall(rf"\{{{role}\}}`([^`]+)`", text):
        match = re.fullmatch(r"(.*?)\s*<([^<>]+)>", content, flags=re.S)
        targets.append((match[2] if match else content).strip())
    return targets


def glossary_terms() -> set[str]:
    body = (BOOK / "ordliste.md").read_text(encoding="utf-8").split("```{glossary}", 1)[1].split("\n```", 1)[0]
    return {line.strip() for line in body.splitlines() if line and not line[0].isspace() and not line.startswith(":")}


TERMS = glossary_terms()


@pytest.mark.parametrize("chapter", COURSE, ids=[c.slug for c in COURSE])
def test_links_point_at_chapters_and_glossary_terms(chapter):
    text = prose(chapter.path)
    for target in role_targets(text, "doc"):
        assert target in TITLES.values(), f"{chapter.slug}: {{doc}} to an unknown chapter: {target}"
    lowered = {t.lower() for t in TERMS}
    for target in role_targets(text, "term"):
        assert target.lower() in lowered, f"{chapter.slug}: {{term}} to a term not in the glossary: {target}"


@pytest.mark.parametrize("chapter", COURSE, ids=[c.slug for c in COURSE])
def test_chapter_titles_in_the_text_are_links(chapter):
    """«Se *Analysere*» was plain text; now every other chapter named in
    italics is a {doc} link, so the build checks it."""
    text = prose(chapter.path)
    for title, slug in TITLES.items():
        if slug != chapter.slug:
            assert f"*{title}*" not in text, f"{chapter.slug}: «*{title}*» is not a {{doc}} link"


@pytest.mark.parametrize("chapter", [c for c in COURSE if c.slug not in NO_TERMS], ids=lambda c: c.slug)
def test_every_chapter_links_to_the_glossary(chapter):
    assert role_targets(prose(chapter.path), "term"), f"{chapter.slug} has no {{term}} link"


def test_every_glossary_term_is_linked_from_a_chapter():
    linked = set()
    for chapter in COURSE:
        if chapter.slug != "ordliste":
            linked |= {t.lower() for t in role_targets(prose(chapter.path), "term")}
    assert {t for t in TERMS if t.lower() not in linked} == set()


def test_glossary_refers_to_chapters_by_link():
    glossary = prose(BOOK / "ordliste.md")
    assert "Se *" not in glossary
    assert len(role_targets(glossary, "doc")) >= 27


def test_live_course_resolves_the_same_links():
    links = build.links_for(COURSE)
    pages = {c.slug: "".join(cell.source for cell in build.chapter_notebook(c, COURSE, links).cells
                             if cell.cell_type == "raw") for c in COURSE}
    anchors = set(re.findall(r'id="(term-[^"]+)"', pages["ordliste"]))
    assert len(anchors) == len(TERMS)
    for slug, page in pages.items():
        for target in re.findall(r'href="ordliste\.ipynb#([^"]+)"', page):
            assert target in anchors, (slug, target)
        for target in re.findall(r'href="([\w-]+)\.ipynb', page):
            assert target in pages, (slug, target)
        assert "{term}" not in page and "{doc}" not in page, slug
