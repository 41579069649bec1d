"""Every page and exercise on a phone and at 400 % zoom (WCAG 2.1, 1.4.10 Reflow).

Every page of the built site is opened in headless Chromium 320 CSS px wide,
as a phone and as a 1280 px window zoomed to 400 %, and tests/reflow.js
measures the exercises as they are drawn: no control may be off-screen or cut
off, smaller than a 24 × 24 px touch target (WCAG 2.2, 2.5.8), a slider's
track narrower than 120 px, a text field narrower than 200 px, a drop-down
narrower than 120 px; no label text may be cut off or lie over another label
or control; and the page may not scroll sideways (a wide table scrolls inside
its own frame, the exception 1.4.10 allows). The same page at 1280 px
without zoom is checked too, with no minimum width for text fields and
drop-downs there. What is measured is printed at the end of the run.

Screenshots of every exercise as the phone shows it are saved in
tests/artefakter/reflow/ (git-ignored; KURS_ARTEFAKTER moves the folder).
KURS_NETTSTED=_build/html tests an already built site instead of building it.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from test_browser import CHROMIUM, CHROMIUM_ARGS, WIDGETS_DONE, _is_local, _QuietHandler, require_browser, site_pages

ROOT = Path(__file__).resolve().parents[1]
CHECK = (Path(__file__).with_name("reflow.js")).read_text(encoding="utf-8")
LIMITS = {"target": 24, "slider": 120, "field": 200, "select": 120}

# How Chromium zooms: page zoom (Ctrl +) divides the window's width in CSS
# px by the zoom factor and multiplies the device pixel ratio by it, so a
# 1280 × 720 window at 400 % lays the page out 320 × 180 CSS px wide with 4
# device pixels per CSS px, and media and container queries see 320 px.
# A viewport of that size with device_scale_factor=4 is the same layout.
# (CSS `zoom` on the body is not: the viewport stays 1280 px, media queries
# do not fire, and the page is scaled after layout, not reflowed.)
VIEWS = {
    "mobil 320 px": {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2,
                     "is_mobile": True, "has_touch": True},
    "1280 px med 400 % zoom": {"viewport": {"width": 1280 // 4, "height": 720 // 4}, "device_scale_factor": 4},
    "1280 px": {"viewport": {"width": 1280, "height": 720}},
}
PHONE = "mobil 320 px"
NARROW = [view for view, options in VIEWS.items() if options["viewport"]["width"] == 320]
# The narrow layout gives every field the full width; on a wide screen a
# year or a 0-3 score may have a small field on purpose, so there only the
# slider's track is held to its minimum width.
WIDE_LIMITS = {**LIMITS, "field": 0, "select": 0}
# The theme's sticky header would be drawn over a tall exercise's screenshot.
HIDE_WHILE_SHOOTING = ".bd-header, .bd-header-article, .skip-link { visibility: hidden !important; }"

pytestmark = pytest.mark.slow


def artefacts() -> Path:
    folder = Path(os.environ.get("KURS_ARTEFAKTER", ROOT / "tests" / "artefakter")) / "reflow"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def built_site(request) -> Path:
    """The site built by this test run (fixture `site`), or KURS_NETTSTED."""
    prebuilt = os.environ.get("KURS_NETTSTED")
    if prebuilt:
        return Path(prebuilt).resolve()
    return request.getfixturevalue("site")


@pytest.fixture(scope="session")
def reflow_pages(built_site, browser_report) -> dict[str, dict[str, dict]]:
    """What tests/reflow.js found on every page, in each of VIEWS."""
    require_browser()
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(built_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}/"
    shots = artefacts()
    for old in shots.glob("*.png"):
        old.unlink()
    found: dict[str, dict[str, dict]] = {}
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            for view, options in VIEWS.items():
                context = chromium.new_context(service_workers="block", **options)
                context.route("**/*", lambda route: route.continue_() if _is_local(route.request.url) else route.abort())
                for rel in site_pages(built_site):
                    page = context.new_page()
                    page.goto(server + rel, wait_until="load")
                    page.wait_for_function(WIDGETS_DONE, timeout=30_000)
                    page.wait_for_load_state("networkidle")
                    page.evaluate("() => document.fonts.ready")
                    found.setdefault(rel, {})[view] = page.evaluate(CHECK, LIMITS if view in NARROW else WIDE_LIMITS)
                    if view == PHONE:
                        exercises = page.locator(".widget-subarea")
                        for n in range(exercises.count()):
                            exercises.nth(n).screenshot(path=shots / f"{Path(rel).stem}-{n + 1}.png", scale="css",
                                                        style=HIDE_WHILE_SHOOTING)
                    page.close()
                context.close()
            chromium.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    browser_report.append(f"Reflow (WCAG 1.4.10) i {', '.join(VIEWS)}; skjermbilder i {shots}")
    for rel, views in found.items():
        m = views[PHONE]
        browser_report.append(f"{rel}: {m['controls']} kontroller, {m['sliders']} glidebrytere, {m['fields']} tekstfelt; "
                              + ", ".join(f"{view} {len(v['problems'])} problemer" for view, v in views.items()))
        for view, v in views.items():
            browser_report.extend(f"    {view}: {problem}" for problem in v["problems"][:10])
    return found


def test_every_page_was_measured_in_both_views(reflow_pages, built_site):
    assert set(reflow_pages) == set(site_pages(built_site))
    assert all(set(views) == set(VIEWS) for views in reflow_pages.values())
    assert all(views[view]["width"] == 320 for views in reflow_pages.values() for view in NARROW)
    exercises = [rel for rel, views in reflow_pages.items() if views[PHONE]["controls"]]
    assert len(exercises) >= 10, "the chapters' exercises were found and measured"
    assert sum(views[PHONE]["sliders"] for views in reflow_pages.values()) > 0


def test_every_exercise_reflows_at_320_px(reflow_pages):
    """Nothing off-screen, too small, overlapping or cut off; no sideways
    scrolling; and the same on a wide screen, where the layout must still hold."""
    problems = {f"{rel}, {view}": m["problems"] for rel, views in reflow_pages.items()
                for view, m in views.items() if m["problems"]}
    assert problems == {}


def test_every_exercise_has_a_screenshot_of_its_phone_layout(reflow_pages):
    shots = {p.name for p in artefacts().glob("*.png")}
    for rel in reflow_pages:
        count = sum(1 for name in shots if name.rsplit("-", 1)[0] == Path(rel).stem)
        assert count or not reflow_pages[rel][PHONE]["controls"], rel
