"""Sphinx extension: the build stops when a theme file the course builds on is
missing or has changed.

lean.py, norwegian.py and the templates in book/_templates rely on files and on
exact text inside sphinx-book-theme and pydata-sphinx-theme (both pinned in
pyproject.toml and constraints.txt). A new theme release may move or reword
them, and the overrides would then silently do nothing: English labels back in
the pages, the icon font uncut, a stale copy of the theme's script tags. This
extension checks every such assumption before any page is read and stops the
build with one message that names each broken one. lean.py and norwegian.py
load it themselves, so it runs wherever they do.
"""

import importlib.util
import re
from pathlib import Path

from sphinx.errors import ExtensionError

TEMPLATES = Path(__file__).resolve().parent.parent / "_templates"
WEBPACK_MACROS = TEMPLATES / "static" / "webpack-macros.html"
PYDATA, BOOK = "pydata_sphinx_theme", "sphinx_book_theme"

# (theme package, file in its theme folder, exact text the file must hold or None, what relies on it)
ASSUMPTIONS = [
    (PYDATA, "static/styles/pydata-sphinx-theme.css", '.fa-check:before{content:"\\',
     "lean.py (ikonfonten kuttes til ikonene sidene bruker)"),
    (PYDATA, "static/styles/pydata-sphinx-theme.css", "--pst-icon-", "lean.py (ikonene temaet selv tegner)"),
    (PYDATA, "static/vendor/fontawesome/webfonts/fa-solid-900.ttf", None, "lean.py (ICON_FONTS)"),
    (PYDATA, "static/vendor/fontawesome/webfonts/fa-regular-400.ttf", None, "lean.py (ICON_FONTS)"),
    (PYDATA, "layout.html", "{%- block extrahead %}", "book/_templates/layout.html"),
    (PYDATA, "components/search-button-field.html", "aria-label=\"{{ _('Search') }}\"",
     "book/_templates/search-button-field.html"),
    (BOOK, "components/sbt-sidebar-nav.html", 'aria-label="Main"', "book/_templates/sbt-sidebar-nav.html"),
    (BOOK, "components/toggle-primary-sidebar.html", 'title="Toggle primary sidebar"',
     "book/_templates/toggle-primary-sidebar.html"),
    (BOOK, "components/toggle-secondary-sidebar.html", 'title="Toggle secondary sidebar"',
     "book/_templates/toggle-secondary-sidebar.html"),
    (BOOK, "static/locales/no/LC_MESSAGES/booktheme.po", None,
     "norwegian.py (meldingskatalogen heter «booktheme»)"),
]


def webpack_assumptions() -> list[tuple[str, str, str | None, str]]:
    """book/_templates/static/webpack-macros.html is a copy of the theme's file
    with one script left out: the theme's file must still carry the same
    digest (same theme build), and every file the copy links must exist."""
    copy = WEBPACK_MACROS.read_text(encoding="utf-8")
    user = "book/_templates/static/webpack-macros.html (en kopi av temaets fil)"
    found = [(PYDATA, "static/webpack-macros.html", f"?digest={digest}", user)
             for digest in sorted(set(re.findall(r"\?digest=(\w+)", copy)))]
    found += [(PYDATA, f"static/{name}", None, user)
              for name in sorted(set(re.findall(r"pathto\('_static/([^']+)'", copy)))]
    return found


def theme_folder(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    return Path(spec.origin).parent / "theme" / package if spec and spec.origin else None


def problems(folders: dict[str, Path | None] | None = None) -> list[str]:
    """Every broken assumption, as a line naming the theme file and its user.
    `folders` (theme package -> theme folder) defaults to the installed themes."""
    if folders is None:
        folders = {package: theme_folder(package) for package in (PYDATA, BOOK)}
    found = []
    for package, name, text, user in ASSUMPTIONS + webpack_assumptions():
        folder = folders.get(package)
        path = folder / name if folder else None
        if path is None or not path.is_file():
            found.append(f"{package}: {name} finnes ikke (brukes av {user})")
        elif text is not None and text not in path.read_text(encoding="utf-8"):
            found.append(f"{package}: {name} inneholder ikke {text!r} (brukes av {user})")
    return found


def check(app):
    if app.builder.format != "html":
        return
    found = problems()
    if found:
        raise ExtensionError(
            "Temaet er ikke slik kursets utvidelser og maler venter:\n  " + "\n  ".join(found)
            + "\nSjekk versjonene i pyproject.toml og constraints.txt (python kurs.py lås), "
            "og rett book/_ext og book/_templates etter det nye temaet.")


def setup(app):
    app.connect("builder-inited", check)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
