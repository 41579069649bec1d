"""Sphinx extension: pages load only what they use.

- No MathJax at all: formulas are MathML (mathml.py), drawn by the browser.
- sphinx-design's stylesheet and script only on pages that use its
  directives (none yet), and never sphinx-thebe's stylesheet (the course
  does not use thebe; selfhosted.py drops its scripts).
- The theme's colour mode starts as "auto" (the reader's system setting).
  The theme leaves it empty, which makes its script log an error on every page.
- Two template overrides in book/_templates: no Font Awesome script
  (static/webpack-macros.html; the theme's stylesheet draws the same icons
  from its web font) and no search index outside the search page (layout.html).
- The icon font (Font Awesome 6 solid and regular, 156 + 25 kB) is cut down
  to the icons the site uses, after the build: _static/kurs-ikoner.css
  points the theme's icon font at the smaller files (about 10 kB).

The widget script is the course's own smaller build (book/_ext/widgets).
`benchmarks/site.py` reports what each page weighs.
"""

import re
from pathlib import Path

from fontTools import subset
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)
ICON_CSS = "kurs-ikoner.css"
# (file in _static/vendor/fontawesome/webfonts, CSS font-weight) of the theme's Font Awesome 6
ICON_FONTS = [("fa-solid-900", 900), ("fa-regular-400", 400)]
_ICON_RULE = re.compile(r'([^{}]+)\{content:"\\([0-9a-f]+)"\}')
_ICON_VARIABLE = re.compile(r'--pst-icon-[\w-]+:\s*"([^"]+)"')
_CLASS_ATTR = re.compile(r'class="([^"]*)"')
_WIDGET_ICON = re.compile(r'\\?"icon\\?": \\?"([a-z0-9-]+)\\?"')
_FA_NAME = re.compile(r"fa-[a-z0-9-]+")

_DESIGN = re.compile(r'class="(?:[^"]*\s)?sd-')


def _name(asset) -> str:
    return (getattr(asset, "filename", None) or "").split("?")[0]


def set_default_mode(app, config):
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")
    config.html_context = context


def drop_unused_styles(app, pagename, templatename, context, doctree):
    uses_design = bool(_DESIGN.search(context.get("body") or ""))
    if context.get("css_files") is not None:
        context["css_files"] = [c for c in context["css_files"]
                                if not _name(c).endswith("sphinx-thebe.css")
                                and (uses_design or not _name(c).endswith("sphinx-design.min.css"))]
    if context.get("script_files") is not None and not uses_design:
        context["script_files"] = [s for s in context["script_files"] if not _name(s).endswith("design-tabs.js")]


def _icon_codepoints(css: str) -> tuple[dict[str, int], set[int]]:
    """From the theme's stylesheet: icon class -> code point
    (.fa-check:before{content:"\\f00c"}), and the code points that the
    stylesheet itself draws (admonition titles and the like, from
    --pst-icon-* variables that hold the icon's character)."""
    by_name, own = {}, set()
    for selectors, code in _ICON_RULE.findall(css):
        names = re.findall(r"\.(fa-[a-z0-9-]+):+before", selectors)
        for name in names:
            by_name[name] = int(code, 16)
        if not names:
            own.add(int(code, 16))
    for value in _ICON_VARIABLE.findall(css):
        escaped = re.fullmatch(r"\\([0-9a-f]+)", value)
        own |= {int(escaped.group(1), 16)} if escaped else {ord(c) for c in value}
    return by_name, own


def _icons_used(out: Path) -> set[str]:
    """Font Awesome classes in the pages (also those of the widgets' buttons,
    which ipywidgets writes as fa-<icon>) and in the theme's scripts."""
    names = set()
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        names |= {c for attr in _CLASS_ATTR.findall(text) for c in attr.split() if c.startswith("fa-")}
        names |= {f"fa-{icon}" for icon in _WIDGET_ICON.findall(text)}
    for script in (out / "_static").rglob("*.js"):
        if "vendor" not in script.parts:
            names |= set(_FA_NAME.findall(script.read_text(encoding="utf-8", errors="replace")))
    return names


def subset_icon_fonts(app, exception):
    if exception or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    theme_css = static / "styles" / "pydata-sphinx-theme.css"
    fonts = static / "vendor" / "fontawesome" / "webfonts"
    rules = []
    sources = [fonts / f"{name}.ttf" for name, _ in ICON_FONTS]  # reading the .woff2 would need brotli
    missing = [str(p.relative_to(static)) for p in [theme_css, *sources] if not p.is_file()]
    if missing:  # theme_check.py checks the theme itself before the build; this is the built copy
        raise ExtensionError(f"lean.py: temaets filer mangler i nettstedet: {', '.join(missing)}")
    codepoints, own = _icon_codepoints(theme_css.read_text(encoding="utf-8"))
    if not codepoints or not own:
        raise ExtensionError("lean.py: fant ikke ikonene i temaets stilark (styles/pydata-sphinx-theme.css): "
                             "har temaet endret hvordan det skriver dem?")
    wanted = sorted(own | {codepoints[n] for n in _icons_used(Path(app.outdir)) if n in codepoints})
    for (name, weight), source in zip(ICON_FONTS, sources):
        options = subset.Options()
        options.flavor = "woff"
        options.layout_features = ["*"]
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(font)
        subset.save_font(font, str(fonts / f"{name}.kurs.woff"), options)
        rules.append('@font-face{font-family:"Font Awesome 6 Free";font-style:normal;'
                     f'font-weight:{weight};font-display:block;'
                     f'src:url(vendor/fontawesome/webfonts/{name}.kurs.woff) format("woff")}}')
    logger.info("kurs: icon fonts cut down to %d icons", len(wanted))
    # Later @font-face rules with the same family, weight and style win, so
    # the browser loads these files instead of the theme's full fonts.
    (static / ICON_CSS).write_text(
        "/* Written by book/_ext/lean.py: the theme's icon fonts with only the icons the site uses. */\n"
        + "\n".join(rules) + "\n", encoding="utf-8")


def setup(app):
    app.setup_extension("theme_check")  # stops the build if the theme files used here have moved
    app.add_css_file(ICON_CSS)
    app.connect("build-finished", subset_icon_fonts)
    app.connect("config-inited", set_default_mode)
    app.connect("html-page-context", drop_unused_styles, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
