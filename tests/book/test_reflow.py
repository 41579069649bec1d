"""Every page and exercise on a phone and at 400 % zoom (WCAG 2.1, 1.4.10 Reflow).

Every page of the built site is opened in headless Chromium 320 CSS px wide,
as a phone, and at 1280 px and then zoomed to 400 % (as a reader zooms: the
loaded page reflows, see zoom), and tests/reflow.js
measures the exercises as they are drawn: no control may be off-screen or cut
off, smaller than a 24 × 24 px touch target (WCAG 2.2, 2.5.8), a slider's
track narrower than 120 px, a text field narrower than 200 px, a drop-down
narrower than 120 px; no label text may be cut off or lie over another label
or control; and the page may not scroll sideways (a wide table scrolls inside
its own frame, the exception 1.4.10 allows). The same page at 1280 px
without zoom is checked too, with no minimum width for text fields and
drop-downs there. On the phone, axe-core audits the page as in
test_browser.py (which audits at 1280 px), since what scrolls inside its frame
at 320 px must still work with the keyboard (scrollers.js gives such frames a
tab stop). What is measured is printed at the end of the run.

Screenshots of every exercise as the phone shows it are saved in
tests/artefakter/reflow/ (git-ignored; KURS_ARTEFAKTER moves the folder).
KURS_NETTSTED=_build/html tests an already built site instead of building it.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path

import pytest
from browser_tools import (
    BLOCKING,
    CHECK,
    LIMITS,
    NARROW,
    PHONE,
    VIEWS,
    WIDE,
    ZOOM,
    QuietHandler,
    audit,
    is_local,
    measure,
    new_page,
    settle,
    site_pages,
    zoom,
)

ROOT = Path(__file__).resolve().parents[2]

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
def reflow_pages(built_site, chromium, browser_report) -> dict[str, dict[str, dict]]:
    """What tests/reflow.js found on every page, in each of VIEWS."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(built_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}/"
    shots = artefacts()
    for old in shots.glob("*.png"):
        old.unlink()
    found: dict[str, dict[str, dict]] = {}
    try:
        # Each page is loaded as a phone and at 1280 px; the 1280 px page is then
        # zoomed to 400 % (zoom), as a reader zooms, and measured again.
        for view, options in VIEWS.items():
            if view == ZOOM:
                continue
            context = chromium.new_context(service_workers="block", **options)
            context.set_default_timeout(60_000)  # a busy CI machine; three views of every page
            context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
            for rel in site_pages(built_site):
                page = new_page(context)
                page.goto(server + rel, wait_until="load")
                settle(page)
                page.evaluate("() => document.fonts.ready")
                found.setdefault(rel, {})[view] = measure(page, view)
                if view == PHONE:
                    # what scrolls inside its frame at this width must still work with the keyboard
                    found[rel][view]["axe"] = [f"[{v['impact']}] {v['id']}: {v['help']} -> {v['targets'][:3]}"
                                               for v in audit(page)["violations"] if v["impact"] in BLOCKING]
                    exercises = page.locator(".widget-subarea")
                    for n in range(exercises.count()):
                        exercises.nth(n).screenshot(path=shots / f"{Path(rel).stem}-{n + 1}.png", scale="css",
                                                    style=HIDE_WHILE_SHOOTING)
                if view == WIDE:
                    zoomed = zoom(page)
                    found[rel][ZOOM] = measure(page, ZOOM)
                    zoomed.detach()
                page.close()
            context.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    browser_report.append(f"Reflow (WCAG 1.4.10) i {', '.join(VIEWS)}; skjermbilder i {shots}")
    for rel, views in found.items():
        m = views[PHONE]
        browser_report.append(f"{rel}: {m['controls']} kontroller, {m['sliders']} glidebrytere, {m['fields']} tekstfelt; "
                              + ", ".join(f"{view} {len(v['problems'])} problemer" for view, v in views.items())
                              + f"; axe-core på mobil: {len(m['axe'])} alvorlige brudd")
        browser_report.extend(f"    {PHONE}: axe-core {violation}" for violation in m["axe"])
        for view, v in views.items():
            browser_report.extend(f"    {view}: {problem}" for problem in v["problems"][:10])
    return found


def test_every_page_was_measured_in_every_view(reflow_pages, built_site):
    assert set(reflow_pages) == set(site_pages(built_site))
    assert all(set(views) == set(VIEWS) for views in reflow_pages.values())
    assert all(views[view]["width"] == 320 for views in reflow_pages.values() for view in NARROW)
    assert {views[ZOOM]["ratio"] for views in reflow_pages.values()} == {4}
    exercises = [rel for rel, views in reflow_pages.items() if views[PHONE]["controls"]]
    assert len(exercises) >= 10, "the chapters' exercises were found and measured"
    assert sum(views[PHONE]["sliders"] for views in reflow_pages.values()) > 0


def test_every_exercise_reflows_at_320_px(reflow_pages):
    """Nothing off-screen, too small, overlapping or cut off; no sideways
    scrolling; and the same on a wide screen, where the layout must still hold."""
    problems = {f"{rel}, {view}": m["problems"] for rel, views in reflow_pages.items()
                for view, m in views.items() if m["problems"]}
    assert problems == {}


def test_no_serious_accessibility_violations_on_a_phone(reflow_pages):
    """axe-core (WCAG 2.1 AA) at 320 px too: for example, a formula or table
    that now scrolls inside its frame must be reachable with the keyboard."""
    assert {rel: views[PHONE]["axe"] for rel, views in reflow_pages.items() if views[PHONE]["axe"]} == {}


def test_every_exercise_has_a_screenshot_of_its_phone_layout(reflow_pages):
    shots = {p.name for p in artefacts().glob("*.png")}
    for rel in reflow_pages:
        count = sum(1 for name in shots if name.rsplit("-", 1)[0] == Path(rel).stem)
        assert count or not reflow_pages[rel][PHONE]["controls"], rel


# A made-up exercise with one of each problem the check must find, drawn
# like ipywidgets draws one, and the same exercise laid out well.
BROKEN = """<div class="jupyter-widgets widget-vbox" style="width: 300px">
  <div class="lm-Widget widget-inline-hbox widget-hslider" style="display: flex">
    <label class="widget-label" style="width: 200px">Vekt</label>
    <div class="slider" style="width: 40px; height: 4px"><div role="slider" tabindex="0" style="width: 16px; height: 16px"></div></div>
  </div>
  <div class="lm-Widget widget-inline-hbox"><label class="widget-label">Navn</label><input type="text" style="width: 100px"></div>
  <div style="width: 50px; overflow: hidden"><select style="width: 150px"><option>Middels</option></select></div>
  <label class="widget-label" style="display: block; width: 40px; overflow: hidden; white-space: nowrap">Begrunnelse for valget</label>
  <div class="widget-radio-box">
    <label style="display: block; height: 8px; line-height: 20px"><input type="radio" name="a">Første svar</label>
    <label style="display: block; height: 8px; line-height: 20px"><input type="radio" name="a">Andre svar</label>
  </div>
  <button style="margin-left: 400px; width: 80px; height: 30px">Lagre</button>
</div>"""
GOOD = """<div class="jupyter-widgets widget-vbox" style="width: 300px">
  <div class="lm-Widget widget-inline-hbox widget-hslider" style="display: flex; flex-wrap: wrap">
    <label class="widget-label" style="width: 100%">Vekt</label>
    <div class="slider" style="width: 200px; height: 24px"><div role="slider" tabindex="0" style="width: 24px; height: 24px"></div></div>
  </div>
  <div class="lm-Widget widget-inline-hbox"><label class="widget-label">Navn</label><input type="text" style="width: 240px; height: 28px"></div>
  <div><select style="width: 150px; height: 28px"><option>Middels</option></select></div>
  <label class="widget-label" style="display: block">Begrunnelse for valget</label>
  <div class="widget-radio-box">
    <label style="display: block; height: 24px; line-height: 24px"><input type="radio" name="a">Første svar</label>
    <label style="display: block; height: 24px; line-height: 24px"><input type="radio" name="a">Andre svar</label>
  </div>
  <button style="width: 80px; height: 30px">Lagre</button>
</div>"""


def test_the_check_finds_each_kind_of_problem(chromium):
    page = chromium.new_page(viewport={"width": 320, "height": 640})
    page.set_content(f'<html lang="nb"><body style="margin: 10px">{BROKEN}</body></html>')
    found = page.evaluate(CHECK, LIMITS)["problems"]
    page.set_content(f'<html lang="nb"><body style="margin: 10px">{GOOD}</body></html>')
    good = page.evaluate(CHECK, LIMITS)
    page.close()
    expected = [r"slider «Vekt»: glidebryteren er 40 px bred", r"slider «Vekt» er et for lite mål: 16 px × 16 px",
                r"«Navn»: tekstfeltet er 100 px bredt", r"select .* er skjult av beholderen sin \(50 px av 150 px",
                r"ledeteksten «Begrunnelse for valget» er kuttet", r"teksten «Første svar» ligger over «Andre svar»",
                r"button «Lagre» er utenfor skjermen", r"siden rulles sidelengs: 4\d\d px bred i et vindu på 320 px"]
    missing = [e for e in expected if not any(re.search(e, problem) for problem in found)]
    assert missing == [], found
    assert good["problems"] == [] and good["controls"] == 6 and good["sliders"] == 1 and good["fields"] == 1
