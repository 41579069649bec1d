"""Every chapter executed top to bottom, as a learner does with «Run All Cells»."""

import json
from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

from exercises import paths

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "book").glob("*.md"))
WIDGET = "application/vnd.jupyter.widget-view+json"
NO_EXERCISE = {"for-politikere", "ordliste", "datakilder", "referanser"}  # every other chapter has an exercise


def execute(chapter: Path):
    notebook = jupytext.read(chapter)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(chapter.parent)}}).execute()
    return notebook


def outputs(notebook) -> list[dict]:
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


def html(notebook) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in outputs(notebook))


def test_every_chapter_is_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert CHAPTERS and all(f"book/{c.stem}" in toc for c in CHAPTERS)


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_chapter_runs_on_real_data(chapter, real_cache, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(real_cache))
    notebook = execute(chapter)
    assert not [o for o in outputs(notebook) if o.output_type == "error"]
    shown = any(WIDGET in o.get("data", {}) for o in outputs(notebook))
    assert shown == (chapter.stem not in NO_EXERCISE), "the exercise widget is shown where there is one"
    assert "Du ser fiktive undervisningsdata" not in html(notebook)


@pytest.mark.slow
def test_region_chapter_shows_sources_and_labels_fiction(real_cache, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(real_cache))
    notebook = execute(ROOT / "book" / "region-og-spesialisering.md")
    shown = html(notebook)
    assert shown.count("Kilde: Statistisk sentralbyrå (SSB), tabell 11713") >= 2
    assert shown.count("Fiktive undervisningsdata") >= 3  # every Fjordland table
    widgets = json.dumps(notebook.metadata["widgets"], ensure_ascii=False)  # the exercise's saved state
    assert "Kilde: Statistisk sentralbyrå (SSB), tabell 11713" in widgets
    assert 'alt=\\"Liggende stolpediagram' in widgets


@pytest.mark.slow
@pytest.mark.parametrize("name", ["region-og-spesialisering", "beslektet-mangfold", "analysere"])
def test_without_real_data_chapters_run_on_teaching_data_and_say_so(name, tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    notebook = execute(ROOT / "book" / f"{name}.md")
    assert not [o for o in outputs(notebook) if o.output_type == "error"]
    shown = html(notebook)
    assert "Du ser fiktive undervisningsdata" in shown and "python kurs.py data" in shown
