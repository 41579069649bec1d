"""Generate what Voilà serves: one notebook per chapter, in toc order.

Everything goes to a git-ignored folder (``_build/live`` by default); the
chapters in ``book/`` are only read. For each chapter:

- code cells are kept as they are (Voilà runs them and shows only their
  output; the ``kurs`` template never shows inputs), cells tagged
  ``remove-cell`` are dropped;
- Markdown cells are rendered to HTML here (see :mod:`exercises.live.markdown`)
  and stored as raw cells of type text/html, which Voilà passes through
  unchanged; Voilà's own Markdown renderer knows no MyST;
- the notebook's metadata carries the chapter's title and the course's
  table of contents, from which the template draws the navigation;
- a first hidden cell lets the kernel learn whose workbook it works on
  (:mod:`exercises.live.kernel`; used in workshop mode).

The template (``kurs``, extending Voilà's ``lab``) and the course's CSS are
copied next to the notebooks, in the folder layout Voilà searches
(``share/jupyter/voila/templates``), and the Jupyter server's settings for
Voilà as its extension (:mod:`exercises.live.voila_settings`) go to
``etc/jupyter``.

    python -m exercises.live.build [--out DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
import yaml

from exercises.live import markdown, voila_settings
from exercises.reports import references

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(__file__).resolve().parent
DEFAULT_OUT = ROOT / "_build" / "live"
TEMPLATE = voila_settings.TEMPLATE
FIRST_CELL = "from exercises.live import kernel as _kurs_kernel\n_kurs_kernel.start()"


@dataclass
class Chapter:
    slug: str       # file name without .md, also the page name (slug.ipynb)
    path: Path
    title: str
    part: str       # the toc caption, "" for the front page


def chapters(root: Path = ROOT) -> list[Chapter]:
    """The chapters of ``_toc.yml``, in order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    entries = [("", toc["root"])]
    for part in toc.get("parts", []):
        entries += [(part.get("caption", ""), c["file"]) for c in part.get("chapters", [])]
    found = []
    for caption, file in entries:
        path = root / (file if file.endswith(".md") else f"{file}.md")
        found.append(Chapter(Path(file).name.removesuffix(".md"), path, _title(path), caption))
    return found


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def links_for(course: list[Chapter], root: Path = ROOT) -> markdown.Links:
    links = markdown.Links(titles={c.slug: c.title for c in course}, bibfile=root / "book" / "referanser.bib")
    for chapter in course:
        links.labels.update(markdown.labels_in(chapter.slug, chapter.path.read_text(encoding="utf-8")))
    return links


def chapter_notebook(chapter: Chapter, course: list[Chapter], links: markdown.Links) -> nbformat.NotebookNode:
    source = jupytext.read(chapter.path)
    # the chapter's «Kilder» lists the works it cites
    links = dataclasses.replace(links, cited=references.cited_keys(chapter.path.read_text(encoding="utf-8")))
    cells = [nbformat.v4.new_code_cell(FIRST_CELL, metadata={"tags": ["remove-input"]})]
    for cell in source.cells:
        tags = set(cell.metadata.get("tags", []))
        if "remove-cell" in tags:
            continue
        if cell.cell_type == "markdown":
            try:
                body = markdown.render(cell.source, links)
            except markdown.MarkdownError as error:
                raise markdown.MarkdownError(f"{chapter.path.name}: {error}") from error
            cells.append(nbformat.v4.new_raw_cell(body, metadata={"raw_mimetype": "text/html"}))
        elif cell.cell_type == "code":
            cells.append(nbformat.v4.new_code_cell(cell.source, metadata={"tags": sorted(tags)}))
    index = [c.slug for c in course].index(chapter.slug)
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["kurs"] = {
        "title": chapter.title,
        "slug": chapter.slug,
        "previous": _entry(course[index - 1]) if index > 0 else None,
        "next": _entry(course[index + 1]) if index + 1 < len(course) else None,
        "toc": [_entry(c) for c in course],
    }
    return nb


def _entry(chapter: Chapter) -> dict:
    return {"slug": chapter.slug, "title": chapter.title, "part": chapter.part}


def fingerprint(root: Path = ROOT) -> str:
    """Changes whenever a chapter, the toc, or this package changes."""
    digest = hashlib.sha256()
    files = [root / "_toc.yml", root / "book" / "_ext" / "mathml.py", *(root / "book" / "_static" / f for f in SHARED),
             root / "book" / "referanser.bib", Path(references.__file__)]
    files += sorted((root / "book").glob("*.md")) + sorted(PACKAGE.rglob("*"))
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


# the website's own style, phone layout (reflow) and scrolling frames, shared with the live course
SHARED = ("kurs.css", "reflow.css", "scrollers.js")


def template_dir(out: Path) -> Path:
    return out / "share" / "jupyter" / "voila" / "templates" / TEMPLATE


def server_config_dir(out: Path) -> Path:
    """The Jupyter server's settings for Voilà as its extension (a JupyterHub
    user's server, Binder): a folder for ``JUPYTER_CONFIG_PATH``."""
    return out / "etc" / "jupyter"


def build(out: Path = DEFAULT_OUT, root: Path = ROOT, force: bool = False) -> Path:
    """Write the live course into ``out`` (only if something changed)."""
    stamp = out / "fingerprint.txt"
    wanted = fingerprint(root)
    if not force and stamp.exists() and stamp.read_text() == wanted:
        return out
    course = chapters(root)
    links = links_for(course, root)
    notebooks = out / "kapitler"
    if notebooks.exists():
        shutil.rmtree(notebooks)
    notebooks.mkdir(parents=True)
    for chapter in course:
        nbformat.write(chapter_notebook(chapter, course, links), notebooks / f"{chapter.slug}.ipynb")
    target = template_dir(out)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(PACKAGE / "template", target)
    for name in SHARED:
        shutil.copy2(root / "book" / "_static" / name, target / "static" / name)
    config = server_config_dir(out)
    config.mkdir(parents=True, exist_ok=True)
    (config / "jupyter_server_config.json").write_text(json.dumps(voila_settings.server(), indent=2))
    (out / "toc.json").write_text(json.dumps([_entry(c) for c in course], ensure_ascii=False, indent=1))
    stamp.write_text(wanted)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Lag det levende kurset (Voilà) i en byggemappe.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        out = build(args.out, force=True)
    except markdown.MarkdownError as error:
        sys.exit(f"Et kapittel kunne ikke gjøres om til det levende kurset: {error}")
    print(f"Det levende kurset er laget i {out}")


if __name__ == "__main__":
    main()


LAB_OUT = ROOT / "_build" / "lab"


def build_lab(out: Path = LAB_OUT, root: Path = ROOT) -> Path:
    """Notebook copies of the chapters for JupyterLab, numbered in toc order
    (``01-velkommen.ipynb``), so that running or saving them in JupyterLab
    never touches ``book/*.md``. A copy is rewritten only when its chapter
    is newer, so the learner's own edits to a copy are kept otherwise."""
    out.mkdir(parents=True, exist_ok=True)
    for number, chapter in enumerate(chapters(root), start=1):
        target = out / f"{number:02d}-{chapter.slug}.ipynb"
        if target.exists() and target.stat().st_mtime >= chapter.path.stat().st_mtime:
            continue
        notebook = jupytext.read(chapter.path)
        notebook.metadata.pop("jupytext", None)
        nbformat.write(notebook, target)
    return out
