"""The website in a real browser.

Every page of the built site is served on 127.0.0.1 and opened in headless
Chromium (Debian's `chromium` package) driven by Playwright. On every page:
every exercise widget is rendered, the console shows no errors, no request
goes to another host, and axe-core finds no serious or critical violation of
WCAG 2.1 AA, in the light and in the dark colour mode. What axe finds (all
impacts) is printed per page at the end of the test run. One more test tabs
through an exercise with the keyboard, and one checks the launch buttons.

Needs /usr/bin/chromium, the Python package playwright (the `test` extra in
pyproject.toml) and axe-core from npm (tests/a11y, `npm ci`); .ci/run installs
all three. On a learner's machine without them the tests are skipped with the
reason; under CI (CI=true) a missing piece is a failure.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from dataclasses import dataclass, field

import browser_tools
import pytest
from browser_tools import (
    AXE,
    BLOCKING,
    VIEW,
    WCAG_AA,
    WIDGETS_DONE,
    QuietHandler,
    audit,
    is_local,
    new_page,
    require_browser,
    settle,
    site_pages,
)

pytestmark = pytest.mark.slow

# A view script counts as rendered when the widget manager has put a rendered
# widget (.jupyter-widgets, or any .widget-* element) in front of it.
WIDGET_STATUS = """() => {
  const views = [...document.querySelectorAll('VIEW')];
  const missing = views.filter((s) => {
    const area = s.previousElementSibling;
    return !(area && area.classList.contains('widget-subarea')
             && area.querySelector('.jupyter-widgets, [class*="widget-"]'));
  }).map((s) => { try { return JSON.parse(s.textContent).model_id; } catch (e) { return '?'; } });
  const errors = [...document.querySelectorAll('.jupyter-widgets-error-widget')].map((e) => e.textContent.trim());
  // controls that Tab cannot reach
  const controls = '.widget-subarea :is(button, input, select, textarea, [role="slider"])';
  const untabbable = [...document.querySelectorAll(controls)]
    .filter((e) => !e.disabled && e.getAttribute('aria-disabled') !== 'true' && e.tabIndex < 0 && e.offsetParent !== null)
    .map((e) => e.outerHTML.slice(0, 80));
  return {views: views.length, missing, errors, untabbable};
}""".replace("VIEW", VIEW)
LOADED_BYTES = """() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
  .reduce((sum, e) => sum + (e.decodedBodySize || 0), 0)"""


@pytest.fixture(scope="session")
def server(site):
    """The built site on http://127.0.0.1:<free port>/."""
    require_browser()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser(server, chromium):
    return chromium


@dataclass
class Visit:
    page: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    lang: str = ""
    widgets: dict = field(default_factory=dict)
    violations: list[dict] = field(default_factory=list)
    incomplete: list[dict] = field(default_factory=list)
    dark_theme: str = ""
    dark_violations: list[dict] = field(default_factory=list)
    dark_incomplete: list[dict] = field(default_factory=list)
    loaded_bytes: int = 0


def visit(light, dark, server: str, rel: str) -> Visit:
    """Open a page in the light colour mode and check everything; then once
    more in the dark mode (the theme follows the reader's system) for axe only."""
    result = Visit(rel)

    def open_page(context):
        page = new_page(context)
        page.on("request", on_request)
        page.on("console", lambda m: result.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: result.console_errors.append(f"uncaught: {e}"))
        page.goto(server + rel, wait_until="load")
        settle(page)
        return page

    def on_request(request):
        result.requests.append(request.url)
        if not is_local(request.url):
            result.foreign.append(request.url)

    page = open_page(light)
    result.lang = page.evaluate("() => document.documentElement.lang")
    result.widgets = page.evaluate(WIDGET_STATUS)
    result.loaded_bytes = page.evaluate(LOADED_BYTES)
    found = audit(page)
    result.violations, result.incomplete = found["violations"], found["incomplete"]
    page.close()

    page = open_page(dark)
    result.dark_theme = page.evaluate("() => document.documentElement.dataset.theme")
    found = audit(page)
    result.dark_violations, result.dark_incomplete = found["violations"], found["incomplete"]
    page.close()
    return result


def _report(visits: dict[str, Visit]) -> list[str]:
    lines = [(f"axe-core {_axe_version()}, regler for {', '.join(WCAG_AA)}; "
              f"blokkerende: {', '.join(sorted(BLOCKING))}. Hver side sjekkes i lys og mørk fargemodus.")]
    for v in visits.values():
        w = v.widgets
        lines.append(f"{v.page}: lys {len(v.violations)} brudd / {len(v.incomplete)} til manuell vurdering, "
                     f"mørk {len(v.dark_violations)} / {len(v.dark_incomplete)}; "
                     f"widgets {w.get('views', 0) - len(w.get('missing', []))}/{w.get('views', 0)} vist; "
                     f"{len(v.console_errors)} konsollfeil; {len(v.foreign)} eksterne forespørsler; "
                     f"lastet {v.loaded_bytes / 1e6:.2f} MB")
        for mode, violations, incomplete in (("lys", v.violations, v.incomplete),
                                             ("mørk", v.dark_violations, v.dark_incomplete)):
            for item in violations:
                where = "; ".join(item["targets"][:3]) + (" …" if len(item["targets"]) > 3 else "")
                lines.append(f"    {mode}: brudd [{item['impact']}] {item['id']}: {item['help']} "
                             f"({len(item['targets'])} steder: {where})")
            for item in incomplete:
                lines.append(f"    {mode}: vurder [{item['impact']}] {item['id']}: {item['help']} ({len(item['targets'])} steder)")
    return lines


@functools.cache
def _axe_version() -> str:
    return json.loads((AXE.parents[0] / "package.json").read_text())["version"]


@pytest.fixture(scope="session")
def visits(site, server, browser, browser_report) -> dict[str, Visit]:
    """Every page opened once; the tests below check what was seen."""
    contexts = [browser.new_context(service_workers="block", color_scheme=mode) for mode in ("light", "dark")]
    for context in contexts:
        # Nothing may leave the machine: requests to other hosts are recorded
        # (in visit) and then refused here.
        context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
    seen = {rel: visit(*contexts, server, rel) for rel in site_pages(site)}
    for context in contexts:
        context.close()
    browser_report.extend(_report(seen))
    return seen


def test_every_page_of_the_book_was_opened(visits, site):
    chapters = [p.relative_to(site).as_posix() for p in sorted((site / "book").glob("*.html"))]
    assert chapters and set(chapters) <= set(visits)
    assert all(v.requests for v in visits.values())


def test_every_page_is_in_norwegian(visits):
    assert {p: v.lang for p, v in visits.items() if not v.lang.startswith("nb")} == {}


def test_pages_follow_the_readers_dark_mode(visits):
    """So that the audit above also covers the dark colours."""
    assert {p: v.dark_theme for p, v in visits.items() if v.dark_theme != "dark"} == {}


def test_every_widget_is_rendered(visits):
    assert sum(v.widgets["views"] for v in visits.values()) > 0, "the chapters show exercises"
    problems = {p: v.widgets for p, v in visits.items() if v.widgets["missing"] or v.widgets["errors"]}
    assert problems == {}


def test_no_console_errors(visits):
    assert {p: v.console_errors for p, v in visits.items() if v.console_errors} == {}


def test_no_request_leaves_the_machine(visits):
    assert {p: v.foreign for p, v in visits.items() if v.foreign} == {}


def test_no_serious_accessibility_violations(visits):
    """WCAG 2.1 AA by axe-core; the full findings are printed at the end of the run."""
    blocking = {p: [f"{mode} [{i['impact']}] {i['id']}: {i['help']} -> {i['targets'][:3]}"
                    for mode, found in (("lys", v.violations), ("mørk", v.dark_violations))
                    for i in found if i["impact"] in BLOCKING]
                for p, v in visits.items()}
    assert {p: b for p, b in blocking.items() if b} == {}


def test_every_widget_control_is_reachable_with_tab(visits):
    assert {p: v.widgets["untabbable"] for p, v in visits.items() if v.widgets["untabbable"]} == {}


def test_exercise_can_be_done_with_the_keyboard(site, server, browser):
    """Tab reaches every control of the first exercise, in order, each one
    shows that it has focus, and a drop-down changes with the arrow keys."""
    page = browser.new_page()
    page.goto(server + "book/velkommen.html", wait_until="load")
    page.wait_for_function(WIDGETS_DONE, timeout=30_000)
    controls = page.locator(".widget-subarea").first.locator("select, textarea, input, button")
    count = controls.count()
    assert count >= 3
    controls.first.focus()
    reached = []
    for _ in range(count):
        reached.append(page.evaluate("""() => {
            const e = document.activeElement, s = getComputedStyle(e);
            const label = e.labels && e.labels.length ? e.labels[0].textContent
                        : (e.getAttribute('aria-label') || e.textContent || e.title || '');
            return {tag: e.tagName, label: label.trim(),
                    visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'};
        }"""))
        page.keyboard.press("Tab")
    assert [r["tag"] for r in reached] == [controls.nth(i).evaluate("e => e.tagName") for i in range(count)]
    assert all(r["label"] for r in reached), reached
    assert all(r["visible"] for r in reached), f"focus must be visible: {reached}"
    select = page.locator(".widget-subarea select").first
    before = select.input_value()
    select.focus()
    page.keyboard.press("ArrowDown")
    assert select.input_value() != before
    page.close()


def test_missing_browser_is_a_failure_in_ci_and_a_skip_elsewhere(monkeypatch):
    monkeypatch.setattr(browser_tools, "missing_tools", lambda: ["nettleseren Chromium"])
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI krever nettlesertestene"):
        require_browser()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="hoppes over"):
        require_browser()


def test_every_chapter_has_plain_launch_links(site):
    """Binder and JupyterHub buttons open the chapter itself; they are links
    (<a href>), so a page loads nothing from those services."""
    chapters = sorted((site / "book").glob("*.html"))
    assert chapters
    for page in chapters:
        html = page.read_text(encoding="utf-8")
        binder = re.findall(r'<a href="(https://[^"]+/v2/gh/[^"]+)"', html)
        hub = re.findall(r'<a href="(https://[^"]+/hub/user-redirect/git-pull\?[^"]+)"', html)
        assert binder and hub, page.name
        assert binder[0].endswith(f"urlpath=lab/tree/book/{page.stem}.md"), binder
        assert f"book/{page.stem}.md" in hub[0], hub
        assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="https?://[^"]*(binder|jupyterhub)', html)
