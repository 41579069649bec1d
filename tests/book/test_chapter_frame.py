"""The frame of every chapter: learning goals and the estimated time at the
top, «Dette har du lært» at the end, and the same time as in the teachers'
guide, whose total is the sum of its rows."""

import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[2] / "book"
APPENDICES = {"for-laerere", "for-politikere", "ordliste", "datakilder", "referanser"}
CHAPTERS = sorted(p for p in BOOK.glob("*.md") if p.stem not in APPENDICES)
GUIDE = (BOOK / "for-laerere.md").read_text(encoding="utf-8")
TIME = re.compile(r"\n\*\*Tid:\*\* omtrent (\d+) minutter på egen hånd\.\n```\n")


def title(chapter: Path) -> str:
    return re.search(r"^# (.+)$", chapter.read_text(encoding="utf-8"), re.M).group(1)


def guide_times() -> dict[str, int]:
    """Self-study minutes per chapter title, from the table in the teachers' guide."""
    rows = re.findall(r"^\| ([^|]+?) \| [^|]+ \| (\d+) min \| [^|]+ \|$", GUIDE, re.M)
    return {name: int(minutes) for name, minutes in rows}


def test_there_are_fourteen_chapters():
    assert len(CHAPTERS) == 14


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_chapter_starts_with_goals_and_time_and_ends_with_what_was_learned(chapter):
    text = chapter.read_text(encoding="utf-8")
    goals = text.index("```{admonition} Læringsmål")
    time = TIME.search(text, goals)
    assert time and time.start() < text.index("\n```\n", goals) + 1, "the time is inside the goals box"
    body = text.split("\n## Dette har du lært\n", 1)
    assert len(body) == 2, "«Dette har du lært» is missing"
    learned = body[1].split("\n## ", 1)
    bullets = [line for line in learned[0].splitlines() if line.startswith("- ")]
    assert len(bullets) >= 3
    assert learned[1].startswith("Kilder\n"), "«Dette har du lært» is the last section before «Kilder»"
    assert guide_times()[title(chapter)] == int(time.group(1)), "same time as in the teachers' guide"


def test_goals_come_before_the_first_content_section():
    for chapter in CHAPTERS:
        text = chapter.read_text(encoding="utf-8")
        first_section = min(text.index(f"\n## {h}") for h in re.findall(r"^## (.+)$", text, re.M))
        assert text.index("```{admonition} Læringsmål") < first_section or chapter.stem == "velkommen", chapter.stem


def test_guide_lists_every_chapter_and_states_the_total():
    times = guide_times()
    assert set(times) == {title(c) for c in CHAPTERS}
    total = sum(times.values())
    assert f"omtrent {total} minutter" in GUIDE


def test_guide_has_checklist_roles_prompts_joint_draft_and_evaluation():
    for heading in ("## Før dagen: sjekkliste", "## Roller for dem som leder dagen",
                    "### Hvorfor dagen har en annen rekkefølge enn boka", "## Spørsmål til plenum etter hver øvelse",
                    "## Felles utkast: gruppen blir enige", "## Evaluering til slutt"):
        assert f"\n{heading}\n" in GUIDE, heading
    prompts = GUIDE.split("## Spørsmål til plenum etter hver øvelse", 1)[1].split("\n## ", 1)[0]
    exercises = {c for c in guide_times()} - {"Velkommen", "Ditt utkast"}
    assert all(f"| {name}" in prompts for name in exercises), "a plenary prompt for every exercise"
