"""The live course (Voilà) in Chromium, against the server kurs.py starts.

One server on 127.0.0.1 and a free port, started as ``kurs.py start
--no-browser`` does, with a workbook in a temporary folder. Every chapter:
widgets drawn and live, no code shown, no cell error, no console error, no
request to another host, axe-core 0 serious/critical; the same page zoomed
to 400 % and each chapter loaded on a 320 px phone reflow (tests/reflow.js,
as for the website). Then: a wrong or
missing token is refused; leaving a page ends its kernel; a raw
execute_request over the kernel websocket is dropped; and a learner goes
from Velkommen to a downloaded Word draft that holds their own text.
Ctrl+C stops the server cleanly.
"""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from browser_tools import BLOCKING, PHONE, VIEWS, ZOOM, audit, is_local, measure, require_browser, zoom
from live_server import PAGE, RAW_EXECUTE, LiveServer, kernel_id, status_of, wait_until_ready

from exercises.live import build

pytestmark = pytest.mark.slow

CHAPTERS = [c.slug for c in build.chapters()]


@pytest.fixture(scope="module")
def live(real_cache, tmp_path_factory):
    require_browser()
    folder = tmp_path_factory.mktemp("live")
    server = LiveServer({"ARBEIDSBOK": str(folder / "arbeidsbok.json"), "KURSDATA": str(real_cache)})
    server.workbook = folder / "arbeidsbok.json"
    yield server
    assert server.stop() == 0, "".join(server.lines[-80:])
    assert any("Kurset er stoppet" in line for line in server.lines)


@pytest.fixture(scope="module")
def context(live, chromium):
    ctx = chromium.new_context(accept_downloads=True)
    page = ctx.new_page()
    page.goto(f"{live.base}?token={live.token}")  # logs in (cookie) and goes to Velkommen
    page.wait_for_url("**/voila/render/velkommen.ipynb")
    page.close(run_before_unload=True)
    yield ctx
    ctx.close()


def open_chapter(context, live, slug: str, scheme: str = "light"):
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    seen = {"console": [], "foreign": []}
    page.on("console", lambda m: seen["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["console"].append(f"uncaught: {e}"))
    page.on("request", lambda r: seen["foreign"].append(r.url) if not is_local(r.url) else None)
    page.goto(f"{live.base}voila/render/{slug}.ipynb")
    status = wait_until_ready(page)
    return page, status, seen


def look_at(context, live, slug: str) -> dict:
    """What a chapter shows at 1280 px, and what tests/reflow.js finds after
    the page is zoomed to 400 % (zoom: as a reader zooms, without loading it
    again)."""
    page, status, seen = open_chapter(context, live, slug)
    try:
        found = {"status": status, "lang": page.evaluate("() => document.documentElement.lang"),
                 "text": page.inner_text("body"),
                 "code": page.locator(".jp-InputArea, .jp-CodeMirrorEditor").count(),
                 "chapters": page.locator("nav[aria-label='Kapitler'] a").count(),
                 "serious": [v for v in audit(page)["violations"] if v["impact"] in BLOCKING],
                 "page": page.evaluate(PAGE), "wide": measure(page, "1280 px")}
        zoomed = zoom(page)
        found["zoomed"] = measure(page, ZOOM)
        zoomed.detach()
        return {**found, **seen}  # console errors and requests up to here, the zoom included
    finally:
        page.close(run_before_unload=True)


@pytest.fixture(scope="module")
def chapters_seen(context, live) -> dict[str, dict]:
    """Every chapter opened once (one kernel each) and looked at (look_at):
    the chapter test and the 400 % reflow test check what was seen."""
    seen = {}
    for slug in CHAPTERS:
        try:
            seen[slug] = look_at(context, live, slug)
        except Exception as error:  # noqa: BLE001 (reported by that chapter's test)
            seen[slug] = {"failed": f"{type(error).__name__}: {error}"}
    return seen


@pytest.mark.parametrize("slug", CHAPTERS)
def test_chapter_is_live_without_code(chapters_seen, slug):
    found = chapters_seen[slug]
    assert "failed" not in found, found.get("failed")
    status, text = found["status"], found["text"]
    assert found["lang"] == "nb"
    assert status["errors"] == [] and status["broken"] == []
    assert status["empty"] == 0 and status["pending"] == 0
    if slug in {"velkommen", "analysere", "ditt-utkast"}:
        assert status["drawn"] > 0
    assert found["code"] == 0
    assert "from exercises" not in text and "chapter.start" not in text
    assert "{admonition}" not in text and ":class:" not in text and "$$" not in text
    assert found["chapters"] == len(CHAPTERS)
    assert found["console"] == [] and found["foreign"] == []
    assert found["serious"] == []
    around = found["page"]  # the chapter in <main>, no inner scrolling area, bokmål only
    assert around["inMain"] and around["skipLandsOnMain"] and around["beforeNavigation"], around
    assert around["scrollers"] == [] and around["english"] == [], around
    assert found["wide"]["problems"] == []  # at 1280 px too: borders, placeholders, sliders, nothing cut off


def test_velkommen_says_which_figures_the_chapters_use(chapters_seen):
    text = chapters_seen["velkommen"]["text"]
    assert "Kurset bruker nå tallene fra SSB-speilet. Kilde: Statistisk sentralbyrå (SSB), tabell 11713" in text
    assert "2008–2019" in text and "Hentet " in text
    assert "Hent de nyeste tallene fra SSB" in text and "Bruk tallene som følger med kurset" in text


def reflows(measured: dict[str, dict]) -> None:
    """The same reflow check as the website's (tests/book/test_reflow.py), on the
    live pages: nothing off-screen, too small, overlapping or cut off, and no
    sideways scrolling; the exercises were found."""
    assert sum(found["sliders"] for found in measured.values()) > 0, "the exercises were found and measured"
    assert {slug: found["problems"] for slug, found in measured.items() if found["problems"]} == {}


def test_every_chapter_reflows_on_a_phone(live, chromium):
    """Each chapter loaded fresh on a 320 px phone."""
    narrow = chromium.new_context(**VIEWS[PHONE])
    try:
        page = narrow.new_page()
        page.goto(f"{live.base}?token={live.token}")
        page.wait_for_url("**/voila/render/velkommen.ipynb")
        measured = {}
        for slug in CHAPTERS:
            page.goto(f"{live.base}voila/render/{slug}.ipynb")
            status = wait_until_ready(page)
            assert status["pending"] == 0 and status["empty"] == 0, (slug, status)
            measured[slug] = measure(page, PHONE)
        assert {found["width"] for found in measured.values()} == {320}
        reflows(measured)
    finally:
        narrow.close()


def test_every_chapter_reflows_at_400_percent_zoom(chapters_seen):
    """Each chapter as loaded at 1280 px, then zoomed to 400 % (320 CSS px
    wide, 4 device pixels per CSS px)."""
    assert {slug: found["failed"] for slug, found in chapters_seen.items() if "failed" in found} == {}
    measured = {slug: found["zoomed"] for slug, found in chapters_seen.items()}
    assert {(found["width"], found["ratio"]) for found in measured.values()} == {(320, 4)}
    reflows(measured)


def test_dark_mode_has_no_serious_violations(context, live):
    page, status, seen = open_chapter(context, live, "analysere", "dark")
    try:
        assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
        assert [v for v in audit(page)["violations"] if v["impact"] in BLOCKING] == []
    finally:
        page.close(run_before_unload=True)


def test_wrong_or_missing_token_is_refused(live):
    for url in [live.base, f"{live.base}?token=feil", f"{live.base}voila/render/velkommen.ipynb",
                f"{live.base}voila/render/velkommen.ipynb?token=feil", f"{live.base}api/kernels/x"]:
        code, where = status_of(url)
        assert code in {302, 403, 404} and (code != 302 or "/login" in where), url
    assert status_of(f"{live.base}?token={live.token}")[0] == 302  # the right token gets in
    # no file listing and no contents API
    for path in ["voila/tree", "voila/api/contents", "api/contents", "api/kernels", "api/sessions"]:
        assert status_of(f"{live.base}{path}?token={live.token}")[0] in {302, 403, 404, 405}, path


def test_login_page_is_in_norwegian(context, live):
    page = context.browser.new_page()
    try:
        page.goto(f"{live.base}voila/render/velkommen.ipynb")
        assert "/login" in page.url and page.evaluate("() => document.documentElement.lang") == "nb"
        assert "Nøkkel" in page.inner_text("body")
        assert [v for v in audit(page)["violations"] if v["impact"] in BLOCKING] == []
    finally:
        page.close()


def kernel_alive(page, kernel: str) -> int:
    return page.evaluate("async (k) => (await fetch('/api/kernels/' + k)).status", kernel)


def test_leaving_a_page_ends_its_kernel(context, live):
    page, _, _ = open_chapter(context, live, "hva-er-smart-spesialisering")
    kernel = kernel_id(page)
    assert kernel_alive(page, kernel) == 200
    page.click("a.neste")  # to the next chapter
    page.wait_for_url("**/region-og-spesialisering.ipynb")
    deadline = time.monotonic() + 20
    while kernel_alive(page, kernel) != 404 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert kernel_alive(page, kernel) == 404
    page.close(run_before_unload=True)


def test_raw_execute_request_is_refused(context, live, tmp_path):
    page, _, _ = open_chapter(context, live, "velkommen")
    marker = tmp_path / "kjort.txt"
    try:
        replies = page.evaluate(RAW_EXECUTE, [kernel_id(page), f"open({str(marker)!r}, 'w').write('x')"])
        assert replies.count("kernel_info_reply") == 2  # the channel works, before and after ...
        assert "execute_reply" not in replies and "execute_input" not in replies  # ... but runs no code
        assert not marker.exists()
    finally:
        page.close(run_before_unload=True)


def test_learner_goes_from_velkommen_to_a_downloaded_draft(context, live, tmp_path):
    import docx

    page, _, _ = open_chapter(context, live, "velkommen")
    page.get_by_label("Fylke").first.select_option(label="46 Vestland")
    page.get_by_role("button", name="Lagre").first.click()
    page.wait_for_function("() => document.body.innerText.includes('lagret')", timeout=20_000)
    page.get_by_text("Innhold", exact=True).click()  # the table of contents
    page.click("nav[aria-label='Kapitler'] a[href*='visjon-og-mal']")
    page.wait_for_url("**/visjon-og-mal.ipynb")
    wait_until_ready(page)
    own = "Vestland skal være ledende på havvind innen 2035, i samarbeid med kommunene."
    page.get_by_label("Visjonen").fill(own)
    for field in page.locator(".widget-textarea textarea").all()[1:4]:
        field.fill("Et eget svar fra deltakeren om visjonen.")
    page.get_by_label("Mål 1").fill("Doble sysselsettingen i havvind")
    page.get_by_label("Innen år").first.fill("2035")
    page.get_by_role("button", name="Sjekk og lagre").click()
    page.wait_for_function("() => document.body.innerText.includes('er lagret i arbeidsboka')", timeout=20_000)
    page.get_by_text("Innhold", exact=True).click()  # the table of contents
    page.click("nav[aria-label='Kapitler'] a[href*='ditt-utkast']")
    page.wait_for_url("**/ditt-utkast.ipynb")
    wait_until_ready(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned utkastet som Word (.docx)").click()
    path = tmp_path / "utkast.docx"
    download.value.save_as(path)
    assert download.value.suggested_filename == f"utkast-vestland-{dt.date.today():%Y-%m-%d}.docx"  # county and date
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs)
    assert own in text and "Vestland" in text
    page.close(run_before_unload=True)
