"""Every chapter executed top to bottom, as a learner does with «Run All Cells».

On the real data each chapter runs once per test run: in the website build (the
`site` fixture in conftest.py), which writes every executed notebook, outputs and
widget state included, to _build/jupyter_execute. These tests read those. Only
the runs without real data (the teaching data a learner sees before
`python kurs.py data`), which the build does not cover, execute chapters here."""

import json
from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

from exercises.core import paths

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted((ROOT / "book").glob("*.md"))
WIDGET = "application/vnd.jupyter.widget-view+json"
NO_EXERCISE = {"for-politikere", "ordliste", "datakilder", "referanser"}  # every other chapter has an exercise


def executed(site: Path, stem: str) -> dict:
    """The chapter as the build executed it (myst-nb writes it next to the html folder)."""
    notebook = site.parent / "jupyter_execute" / "book" / f"{stem}.ipynb"
    assert notebook.is_file(), f"the build wrote no executed notebook for {stem}"
    return json.loads(notebook.read_text(encoding="utf-8"))


def execute(chapter: Path):
    notebook = jupytext.read(chapter)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(chapter.parent)}}).execute()
    return notebook


def outputs(notebook) -> list[dict]:
    return [o for cell in notebook["cells"] if cell["cell_type"] == "code" for o in cell.get("outputs", [])]


def html(notebook) -> str:
    return "".join("".join(o.get("data", {}).get("text/html", "")) for o in outputs(notebook))


def test_every_chapter_is_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert CHAPTERS and all(f"book/{c.stem}" in toc for c in CHAPTERS)


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_chapter_ran_on_real_data_in_the_build(chapter, site):
    notebook = executed(site, chapter.stem)
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert all(cell.get("execution_count") for cell in code), "every code cell was executed"
    assert not [o for o in outputs(notebook) if o["output_type"] == "error"]
    shown = any(WIDGET in o.get("data", {}) for o in outputs(notebook))
    assert shown == (chapter.stem not in NO_EXERCISE), "the exercise widget is shown where there is one"
    assert "Du ser fiktive undervisningsdata" not in html(notebook)


@pytest.mark.slow
def test_region_chapter_shows_sources_and_labels_fiction(site):
    notebook = executed(site, "region-og-spesialisering")
    shown = html(notebook)
    assert shown.count("Kilde: Statistisk sentralbyrå (SSB), tabell 11713") >= 2
    assert shown.count("Fiktive undervisningsdata") >= 3  # every Fjordland table
    widgets = json.dumps(notebook["metadata"]["widgets"], ensure_ascii=False)  # the exercise's saved state
    assert "Kilde: Statistisk sentralbyrå (SSB), tabell 11713" in widgets
    assert 'alt=\\"Liggende stolpediagram' in widgets


@pytest.mark.slow
def test_a_fresh_clone_shows_nordland_on_the_real_figures_it_ships(tmp_path, monkeypatch):
    """No mirror, nothing imported, no network: the first data chapter runs on
    the snapshot in data/snapshot, with Nordland's true LQ."""
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "tom-cache"))
    monkeypatch.delenv(paths.MIRROR_ENV, raising=False)
    monkeypatch.delenv("CI", raising=False)
    notebook = execute(ROOT / "book" / "region-og-spesialisering.md")
    assert not [o for o in outputs(notebook) if o["output_type"] == "error"]
    shown = html(notebook) + json.dumps(notebook["metadata"].get("widgets", {}), ensure_ascii=False)
    assert "Du ser fiktive undervisningsdata" not in shown
    assert "Kapitlet viser <strong>Nordland</strong>" in shown
    assert "Kilde: Statistisk sentralbyrå (SSB), tabell 11713" in shown and "4,99" in shown
    assert "Landet = summen av fylkene (uten sokkelen)" in shown and "skjult av SSB" in shown


@pytest.mark.slow
@pytest.mark.parametrize("name", ["region-og-spesialisering", "beslektet-mangfold", "analysere"])
def test_without_any_real_data_chapters_run_on_teaching_data_and_say_so(name, tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    monkeypatch.setenv(paths.SNAPSHOT_ENV, str(tmp_path / "ingen"))  # the snapshot shipped with the course removed
    monkeypatch.delenv("CI", raising=False)
    notebook = execute(ROOT / "book" / f"{name}.md")
    assert not [o for o in outputs(notebook) if o["output_type"] == "error"]
    shown = html(notebook)
    assert "Du ser fiktive undervisningsdata" in shown and "python kurs.py data" in shown
