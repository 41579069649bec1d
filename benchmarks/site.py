"""Benchmark the website: clean build time, rebuild time after one chapter
changes, and the weight of each page.

    .venv/bin/python benchmarks/site.py             build three times in a temporary folder
    .venv/bin/python benchmarks/site.py --vekt DIR  only weigh the pages of a built site

The builds run as `python kurs.py bygg` does (jupyter-book build -W -n
--keep-going), but on a temporary copy of the book's sources and into a
temporary output folder, so the course's own _build/ and the learner's
workbook are never touched. After the clean build, one chapter (the last
one with code, or --kapittel) changes twice: a sentence is added to its text
(nothing needs to run again), then a code cell is added (that chapter, and
only that one, runs again). Each rebuild is timed.

A page's weight is the HTML plus every script, stylesheet, image and font it
loads, measured from the built files: scripts, stylesheets and images named
in the page, and what those stylesheets load in turn (@import and url()). A
font face counts when a rule that can apply to the page names its family
(its classes all occur in the page), and then only its first source, the
one a browser takes. Files that a script loads at run time are not seen;
the browser test (tests/book/test_browser.py) reports what each page really loaded. The
compressed figure is the same files gzipped one by one, roughly what a web
server that compresses sends.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
TARGET_CLEAN_S = 90
TARGET_REBUILD_S = 15
TARGET_PAGE_BYTES = 1_500_000
# Copied into the temporary source tree; the rest (.venv, _build, ...) is not.
SOURCES = ["_config.yml", "_toc.yml", "book", "exercises", "data"]


class _Assets(HTMLParser):
    """Collect the addresses of what a page loads."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower().split()
            if {"stylesheet", "preload", "icon", "modulepreload"} & set(rel):
                self.urls.append(a["href"])
        elif tag in {"img", "source"} and a.get("src"):
            self.urls.append(a["src"])


_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""")
_FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.DOTALL)
_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
_RULE = re.compile(r"([^{}@;]+){([^{}]*)}")
_FAMILY = re.compile(r"font-family\s*:\s*([^;}]+)")
_CLASS_ATTR = re.compile(r'class="([^"]*)"')


def _families(value: str) -> set[str]:
    return {f.strip().strip("'\"").replace("\\", "").lower() for f in value.split(",")}


def _local(base: Path, url: str, site: Path) -> Path | None:
    """The built file an address in `base` points to, or None if it is not
    a file of the site (data: URIs, other hosts)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("data:", "#")) or not parts.path:
        return None
    path = (base.parent / unquote(parts.path)).resolve()
    return path if path.is_file() and site.resolve() in path.parents else None


def _used_families(css: str, classes: set[str]) -> set[str]:
    """Font families named by a rule that can apply to the page: a selector
    whose classes all occur in the page (or that has none, like `body`)."""
    used = set()
    for selectors, declarations in _RULE.findall(css):
        family = _FAMILY.search(declarations)
        if not family:
            continue
        for selector in selectors.split(","):
            needed = set(re.findall(r"\.([\w-]+)", selector))
            if needed <= classes:
                used |= _families(family.group(1))
                break
    return used


def _stylesheets(css: Path, site: Path, seen: set[Path], order: list[Path]) -> None:
    """A stylesheet, after those it imports (the order in which the browser
    applies them), and the images it names."""
    text = css.read_text(encoding="utf-8", errors="replace")
    for url in _CSS_IMPORT.findall(text):
        path = _local(css, url, site)
        if path and path not in seen:
            seen.add(path)
            _stylesheets(path, site, seen, order)
    order.append(css)
    for url in _URL.findall(_FONT_FACE.sub("", text)):
        path = _local(css, url, site)
        if path and path.suffix != ".css":
            seen.add(path)


def _descriptor(declarations: str, name: str, default: str) -> str:
    found = re.search(rf"{name}\s*:\s*([^;}}]+)", declarations)
    return found.group(1).strip() if found else default


def _fonts(stylesheets: list[Path], site: Path, classes: set[str]) -> set[Path]:
    """The font files the page uses. A font face counts when a rule that can
    apply to the page names its family; of faces with the same family,
    weight and style the last one wins (the browser loads only that one);
    of a face's sources, the first one is taken."""
    texts = [css.read_text(encoding="utf-8", errors="replace") for css in stylesheets]
    used = set().union(*(_used_families(_FONT_FACE.sub("", text), classes) for text in texts))
    faces = {}
    for css, text in zip(stylesheets, texts):
        for face in _FONT_FACE.finditer(text):
            declarations = face.group(1)
            family, first = _FAMILY.search(declarations), _URL.search(declarations)
            if family and first:
                key = (frozenset(_families(family.group(1))), _descriptor(declarations, "font-weight", "400"),
                       _descriptor(declarations, "font-style", "normal"))
                faces[key] = (css, first.group(1))
    found = set()
    for (families, _, _), (css, url) in faces.items():
        path = _local(css, url, site)
        if path and families & used:
            found.add(path)
    return found


def page_assets(page: Path, site: Path) -> list[Path]:
    """The page and every local file it loads (see the module docstring)."""
    html = page.read_text(encoding="utf-8")
    parser = _Assets()
    parser.feed(html)
    classes = {c for attr in _CLASS_ATTR.findall(html) for c in attr.split()}
    seen: set[Path] = {page.resolve()}
    stylesheets: list[Path] = []
    for url in parser.urls:
        path = _local(page, url, site)
        if path and path not in seen:
            seen.add(path)
            if path.suffix == ".css":
                _stylesheets(path, site, seen, stylesheets)
    return sorted(seen | _fonts(stylesheets, site, classes))


def page_weight(page: Path, site: Path) -> tuple[int, int, list[tuple[int, Path]]]:
    files = page_assets(page, site)
    sizes = [(f.stat().st_size, f) for f in files]
    raw = sum(s for s, _ in sizes)
    packed = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    return raw, packed, sorted(sizes, reverse=True)


def weigh(site: Path, detail: bool = False) -> dict[str, int]:
    """Print and return the weight of every page of a built site."""
    weights = {}
    print(f"\nSidevekt (HTML + skript, stiler, bilder og fonter siden laster), mål {TARGET_PAGE_BYTES / 1e6:.1f} MB:")
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] == "_static":
            continue  # theme templates copied along, not pages
        if page.stat().st_size < 2000 and "http-equiv=\"refresh\"" in page.read_text(encoding="utf-8").lower():
            continue  # the redirect index.html
        raw, packed, sizes = page_weight(page, site)
        name = page.relative_to(site).as_posix()
        weights[name] = raw
        flag = "OK " if raw <= TARGET_PAGE_BYTES else "FOR TUNG"
        print(f"  {flag:8} {name:45} {raw / 1e6:6.2f} MB  (gzip {packed / 1e6:5.2f} MB, {len(sizes)} filer)")
        if detail:
            for size, path in sizes[:8]:
                print(f"             {size / 1e3:8.1f} kB  {path.relative_to(site.resolve()).as_posix()}")
    return weights


def _build(source: Path, out: Path, workbook: Path) -> float:
    env = dict(os.environ, ARBEIDSBOK=str(workbook))
    if "KURSDATA" not in env and (ROOT / "data" / "cache").is_dir():
        env["KURSDATA"] = str(ROOT / "data" / "cache")
    jb = Path(sys.executable).with_name("jupyter-book")
    start = time.perf_counter()
    result = subprocess.run([str(jb), "build", str(source), "-W", "-n", "--keep-going", "--path-output", str(out)],
                            env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(result.stdout[-4000:] + result.stderr[-4000:])
    executed = re.findall(r"(\S+\.md): Executing notebook", result.stdout + result.stderr)
    print(f"    kjørte {len(executed)} kapittel(er) på nytt: {', '.join(Path(e).name for e in executed) or 'ingen'}")
    return elapsed


def _chapters(source: Path) -> list[Path]:
    return sorted(p for p in (source / "book").glob("*.md") if "code-cell" in p.read_text(encoding="utf-8"))


CODE_CHANGE = "\n```{code-cell} ipython3\n:tags: [remove-cell]\n# benchmarks/site.py: a change in the code\n```\n"
TEXT_CHANGE = "\nEn ny setning lagt til av benchmarks/site.py.\n"


def benchmark(chapter: str | None, detail: bool) -> int:
    with tempfile.TemporaryDirectory(prefix="kurs-benchmark-") as tmp:
        tmp = Path(tmp)
        source = tmp / "kilde"
        source.mkdir()
        skip = shutil.ignore_patterns("cache", "__pycache__", ".ipynb_checkpoints", "node_modules")
        for name in SOURCES:
            item = ROOT / name
            if item.is_dir():
                shutil.copytree(item, source / name, ignore=skip)
            elif item.exists():
                shutil.copy2(item, source / name)
        out = tmp / "ut"
        workbook = tmp / "arbeidsbok.json"
        print(f"Maskin: {os.cpu_count()} kjerner. Midlertidig mappe: {tmp}")

        print("\nRen bygging (tom mappe, alle kapitlene kjøres):")
        clean = _build(source, out, workbook)
        print(f"  {'OK ' if clean < TARGET_CLEAN_S else 'FOR TREG'} ren bygging: {clean:.1f} s (mål under {TARGET_CLEAN_S} s)")

        chapters = _chapters(source)
        target = next((c for c in chapters if c.stem == chapter), None) if chapter else (chapters[-1] if chapters else None)
        if target is None:
            sys.exit(f"Fant ikke kapitlet {chapter!r} blant {[c.stem for c in chapters]}")
        rebuilds = {}
        for what, change in (("tekst", TEXT_CHANGE), ("kode", CODE_CHANGE)):
            with target.open("a", encoding="utf-8") as f:
                f.write(change)
            print(f"\nNy bygging etter endret {what} i {target.name}:")
            rebuilds[what] = _build(source, out, workbook)
            print(f"  {'OK ' if rebuilds[what] < TARGET_REBUILD_S else 'FOR TREG'} ny bygging: "
                  f"{rebuilds[what]:.1f} s (mål under {TARGET_REBUILD_S} s)")

        weights = weigh(out / "_build" / "html", detail)
    heavy = [n for n, w in weights.items() if w > TARGET_PAGE_BYTES]
    failed = clean >= TARGET_CLEAN_S or max(rebuilds.values()) >= TARGET_REBUILD_S or heavy
    print("\nAlle målene er nådd." if not failed else "\nIkke alle målene er nådd (se over).")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vekt", type=Path, metavar="HTML-MAPPE", help="bare vei sidene i et bygd nettsted")
    parser.add_argument("--kapittel", help="kapitlet som endres før ny bygging (filnavn uten .md)")
    parser.add_argument("--detaljer", action="store_true", help="vis de største filene for hver side")
    args = parser.parse_args(argv)
    if args.vekt:
        weights = weigh(args.vekt, args.detaljer)
        return 1 if any(w > TARGET_PAGE_BYTES for w in weights.values()) else 0
    return benchmark(args.kapittel, args.detaljer)


if __name__ == "__main__":
    sys.exit(main())
