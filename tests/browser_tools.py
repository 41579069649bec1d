"""Driving Debian's Chromium with Playwright for the browser tests: the
browser's options, axe-core's WCAG 2.1 AA audit, waiting for the widgets,
and the reflow measurement (tests/reflow.js) at phone width and 400 % zoom.
Shared by the tests of the website, the live course and the workshop server."""

from __future__ import annotations

import http.server
import os
import time
from pathlib import Path
from urllib.parse import urlsplit

from conftest import require

ROOT = Path(__file__).resolve().parents[1]


CHROMIUM = Path(os.environ.get("KURS_CHROMIUM", "/usr/bin/chromium"))


AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"


# As on the machines this course is tested on: no sandbox (CI runs as root),
# and none of Chromium's own calls home, which would leave the machine.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


BLOCKING = {"serious", "critical"}


VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'


WIDGETS_DONE = ("() => [...document.querySelectorAll('VIEW')].every((s) => s.previousElementSibling"
                " && s.previousElementSibling.querySelector('.jupyter-widgets'))").replace("VIEW", VIEW)


def missing_tools() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"nettleseren Chromium ({CHROMIUM}; på Debian/Ubuntu: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Python-pakken playwright (python kurs.py test installerer den)")
    if not AXE.exists():
        missing.append("axe-core (kjør «npm ci» i tests/a11y)")
    return missing


def require_browser() -> None:
    missing = missing_tools()
    require(missing, "nettlesertestene", "Nettlesertestene trenger " + " og ".join(missing))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def site_pages(site: Path) -> list[str]:
    """Every page of the site, as addresses relative to its root. Theme
    templates copied into _static/ and the redirecting index.html are not pages."""
    found = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("_static/") or 'http-equiv="refresh"' in page.read_text(encoding="utf-8")[:2000].lower():
            continue
        found.append(rel)
    return found


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname == "127.0.0.1"


def audit(page) -> dict[str, list[dict]]:
    """axe-core on the page as it is now: violations and what axe could not decide."""
    page.add_script_tag(path=str(AXE))
    axe = page.evaluate("opts => axe.run(document, opts)",
                        {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations", "incomplete"]})
    keep = ("id", "impact", "help")
    return {name: [{**{k: v.get(k) for k in keep}, "targets": [", ".join(map(str, n["target"])) for n in v["nodes"]]}
                   for v in axe[name]]
            for name in ("violations", "incomplete")}


class Network:
    """The requests a page has in flight, followed from before it loads.
    Playwright's own wait for «networkidle» has been seen to wait for ever
    on a busy machine without saying what for; this one names what is left."""

    def __init__(self, page):
        self.inflight, self.changed = set(), time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, request):
        self.inflight.add(request)
        self.changed = time.monotonic()

    def _ended(self, request):
        self.inflight.discard(request)
        self.changed = time.monotonic()

    def wait_until_idle(self, page, quiet: float = 0.5, timeout: float = 90) -> None:
        """Until no request has been in flight for ``quiet`` seconds (as «networkidle»)."""
        deadline = time.monotonic() + timeout  # generous: CI has two busy cores
        while self.inflight or time.monotonic() - self.changed < quiet:
            assert time.monotonic() < deadline, \
                f"{page.url}: still loading after {timeout:.0f} s: {sorted(r.url for r in self.inflight)}"
            page.wait_for_timeout(100)


def new_page(context):
    """A page in ``context`` whose requests are followed (``page.network``)."""
    page = context.new_page()
    page.network = Network(page)
    return page


def settle(page) -> None:
    """Wait for the widgets to be drawn and the network to be idle (a page
    made with new_page)."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        page.wait_for_function(WIDGETS_DONE, timeout=30_000)
    except Timeout:
        pass  # reported by test_every_widget_is_rendered
    page.network.wait_until_idle(page)


# reflow ------------------------------------------------------------------------------------------
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
ZOOM = "1280 px med 400 % zoom"
WIDE = "1280 px"


NARROW = [view for view, options in VIEWS.items() if options["viewport"]["width"] == 320]


# The narrow layout gives every field the full width; on a wide screen a
# year or a 0-3 score may have a small field on purpose, so there only the
# slider's track is held to its minimum width; there a drop-down must show
# its whole choice (reflow.js), as the exercise has room to.
WIDE_LIMITS = {**LIMITS, "field": 0, "select": 0, "wholeChoice": True}


def measure(page, view: str = PHONE) -> dict:
    """tests/reflow.js on a page whose exercises are drawn: what it measured
    and the problems it found, with the limits of ``view`` (a key of VIEWS).
    Also usable on the live course: open it in a context made with
    ``VIEWS[view]`` and call this."""
    return page.evaluate(CHECK, LIMITS if view in NARROW else WIDE_LIMITS)


# Resolves when nothing in the page has changed for ``ms`` (after two frames,
# so that a resize has been handled and the page's own debounced updates,
# such as scrollers.js after 200 ms, have run).
QUIET = """(ms) => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => {
  let timer;
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, ms); });
  function finish() { observer.disconnect(); done(); }
  observer.observe(document.documentElement, {childList: true, subtree: true, attributes: true, characterData: true});
  timer = setTimeout(finish, ms);
})))"""


def zoom(page, view: str = ZOOM):
    """Change the loaded page's window to ``view`` (a key of VIEWS) as the
    reader's browser zoom does: Ctrl + to 400 % on a 1280 px window reflows
    the page without loading it again. The same DevTools call Playwright
    makes for a context's viewport and device scale factor; it lasts as long
    as the returned session, so keep it until the page is measured."""
    options = VIEWS[view]
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setDeviceMetricsOverride", {
        **options["viewport"], "deviceScaleFactor": options.get("device_scale_factor", 1),
        "mobile": options.get("is_mobile", False)})
    session.send("Emulation.setTouchEmulationEnabled", {"enabled": options.get("has_touch", False)})
    page.evaluate(QUIET, 300)
    return session
