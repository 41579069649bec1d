"""The website built as in `python kurs.py bygg`: no warnings, widgets
embedded and served by the site itself, no third-party addresses.
The `site` fixture (one build per test run) is in conftest.py."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
THIRD_PARTY = re.compile(r"(cdn\.|unpkg|jsdelivr|cdnjs|googleapis|gstatic|binder-examples|THEBE_JS_URL)", re.I)


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.slow
def test_both_chapters_built_with_embedded_widgets(site):
    for name in ("velkommen", "region-og-spesialisering"):
        page = (site / "book" / f"{name}.html").read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget-state+json" in page
        assert "application/vnd.jupyter.widget-view+json" in page
        assert '<html lang="nb-NO"' in page
        assert 'src="../_static/vendor/jupyter-widgets/embed.js' in page
    # the course's own build of the widget script (book/_ext/widgets), about 0.6 MB
    assert (site / "_static" / "vendor" / "jupyter-widgets" / "embed.js").stat().st_size > 100_000


@pytest.mark.slow
def test_no_page_names_a_third_party_host(site):
    offenders = {p.name: THIRD_PARTY.findall(p.read_text(encoding="utf-8")) for p in pages(site)}
    assert not {k: v for k, v in offenders.items() if v}
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', text), page.name


@pytest.mark.slow
def test_the_build_never_reads_the_learners_workbook(site):
    """The site fixture builds with ARBEIDSBOK set to a learner's workbook
    (county Finnmark, a vision text): no page shows either."""
    from conftest import LEARNER_SECRET

    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        assert LEARNER_SECRET not in text, page.name
        assert "fylket du valgte i arbeidsboka" not in text, page.name


@pytest.mark.slow
def test_every_image_has_alt_text(site):
    for page in pages(site):
        for tag in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8")):
            # images inside the embedded widget state have escaped quotes: alt=\"...\"
            assert re.search(r'alt=\\?"[^"\\]{10,}', tag), (page.name, tag[:120])


@pytest.mark.slow
def test_formulas_are_mathml_without_scripts(site):
    page = (site / "book" / "region-og-spesialisering.html").read_text(encoding="utf-8")
    assert page.count("<math") >= 10 and 'display="block"' in page
    assert "LQ_{ri}" not in page  # no LaTeX left for a script to typeset
    for other in pages(site):
        text = other.read_text(encoding="utf-8")
        assert "window.MathJax" not in text and not re.search(r'src="[^"]*mathjax', text, re.I), other.name
