"""«Referanser» collects every work that the chapters cite in their «Kilder»."""

import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[2] / "book"
REFERENCES = (BOOK / "referanser.md").read_text(encoding="utf-8")
CHAPTERS = sorted(p for p in BOOK.glob("*.md") if p.stem != "referanser")
LABEL = re.compile(r"^([^*]+?\((?:\d{4}[a-z]?|u\.å\.[a-z]?)\))")  # «Author (year)», before the title


def sources(chapter: Path) -> list[str]:
    text = chapter.read_text(encoding="utf-8")
    assert "\n## Kilder\n" in text, f"{chapter.name} has no «Kilder»"
    return [p.strip() for p in text.split("\n## Kilder\n", 1)[1].split("\n\n") if p.strip()]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_every_cited_work_is_in_the_references(chapter):
    for entry in sources(chapter):
        label = LABEL.match(entry)
        if label:
            assert label.group(1) in REFERENCES, (chapter.name, label.group(1))
        for url in re.findall(r"<(https?://[^>]+)>", entry):
            assert url in REFERENCES, (chapter.name, url)
