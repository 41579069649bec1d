"""Sphinx extension: the theme speaks Norwegian bokmål, as the pages do.

The pages say lang="nb-NO", but sphinx-book-theme and pydata-sphinx-theme
have no nb_NO translation (the book theme's machine-made "no" catalogue is
not found for nb_NO, and pydata has none), so their buttons and landmarks
("Contents", "Skip to main content", "Color mode" ...) came out in English.

- book/_ext/locale/nb_NO/LC_MESSAGES/*.po hold the translations, as text;
  they are compiled to .mo files in the build folder and added as message
  catalogues for the themes' catalogues ("booktheme" and "sphinx"). Sphinx's
  own nb_NO translations keep precedence; these fill the gaps.
- Theme options with English defaults are set in Norwegian.
- book/_templates holds small overrides of components whose English text is
  written into the template itself, not translatable; this extension puts
  that folder first on the template path.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
LOCALE = HERE / "locale"
TEMPLATES = HERE.parent / "_templates"
CATALOGUES = ("booktheme", "sphinx")
THEME_OPTIONS = {
    "toc_title": "Innhold",
    "search_bar_text": "Søk i kurset …",
}


def set_theme_options(app, config):
    options = dict(config.html_theme_options or {})
    options.update(THEME_OPTIONS)
    config.html_theme_options = options
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))


def compile_catalogues(app):
    """Compile the .po files for the configured language into the build
    folder and register them."""
    language = app.config.language or ""
    source = LOCALE / language / "LC_MESSAGES"
    if not source.is_dir():
        return
    target_root = Path(app.doctreedir) / "kurs-locale"
    target = target_root / language / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    for name in CATALOGUES:
        po = source / f"{name}.po"
        if not po.exists():
            continue
        with po.open("rb") as f:
            catalogue = read_po(f, locale=language)
        with (target / f"{name}.mo").open("wb") as f:
            write_mo(f, catalogue)
        app.add_message_catalog(name, str(target_root))


def setup(app):
    app.setup_extension("theme_check")  # stops the build if the templates' theme text has changed
    app.connect("config-inited", set_theme_options)
    app.connect("builder-inited", compile_catalogues)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
