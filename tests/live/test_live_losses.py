"""The losses of issue 19, each reproduced in Chromium against the live
course as a learner meets them: a Nordland adviser who has done every
chapter (tests/every_chapter.py) and then

- saves «Visjon og mål» in one tab while a second tab, still showing the
  old vision, adds a goal and saves;
- types an action for one priority in «Gjennomføre», switches the
  priority and back, and then leaves the page;
- clicks one more strength in «Analysere» (a list box replaced every
  earlier choice with it) and unticks one;
- uploads a workbook with ``"prioriteringer": 42`` in «Ditt utkast»;
- has the server stop under her and clicks «Sjekk og lagre».

Screenshots of each are kept in tests/artefakter/live/ (git-ignored).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from browser_tools import VIEWS, WIDE
from every_chapter import NORDLAND_PRIORITIES, nordland
from live_server import LiveServer, wait_until_ready

from exercises.workbook.sections import Section
from exercises.workbook.store import BACKUP_FOLDER, Workbook

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("KURS_ARTEFAKTER", ROOT / "tests" / "artefakter")) / "live"
OWN_ACTION = "Utviklingsprogram for lukkede og semilukkede oppdrettsanlegg"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def start(real, real_cache, folder: Path) -> LiveServer:
    path = folder / "arbeidsbok.json"
    nordland(Workbook(path), real)
    server = LiveServer({"ARBEIDSBOK": str(path), "KURSDATA": str(real_cache)})
    server.workbook = path
    return server


@pytest.fixture(scope="module")
def live(real, real_cache, tmp_path_factory, chromium):
    server = start(real, real_cache, tmp_path_factory.mktemp("tap"))
    yield server
    assert server.stop() == 0, "".join(server.lines[-80:])


@pytest.fixture
def context(live, chromium):
    ctx = chromium.new_context(**VIEWS[WIDE])
    page = ctx.new_page()
    page.goto(f"{live.base}?token={live.token}", timeout=120_000)  # logs in (cookie)
    page.wait_for_url("**/voila/render/velkommen.ipynb", timeout=120_000)
    page.close()
    yield ctx
    ctx.close()


def open_chapter(context, base: str, slug: str):
    page = context.new_page()
    page.goto(f"{base}voila/render/{slug}.ipynb", timeout=120_000)  # the page waits for the chapter to run
    status = wait_until_ready(page)
    assert status["pending"] == 0 and status["errors"] == [], status
    return page


def close(page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())
    page.close(run_before_unload=True)


def wait_for_text(page, text: str, timeout: float = 20_000) -> None:
    page.wait_for_function("(t) => document.body.innerText.includes(t)", arg=text, timeout=timeout)


def test_two_tabs_on_visjon_og_mal_never_overwrite_each_other_in_silence(context, live):
    tab_a = open_chapter(context, live.base, "visjon-og-mal")
    tab_b = open_chapter(context, live.base, "visjon-og-mal")
    try:
        tab_a.get_by_label("Visjonen").fill("Nordland skal være ledende på grønn industri og havbruk")
        tab_a.get_by_role("button", name="Sjekk og lagre").click()
        wait_for_text(tab_a, "2 mål er lagret")
        tab_b.get_by_label("Mål 3").fill("Halvere utslippene fra havbruket")
        tab_b.get_by_label("Innen år").nth(2).fill("2035")
        tab_b.get_by_role("button", name="Sjekk og lagre").click()
        wait_for_text(tab_b, "Ikke lagret")
        said = tab_b.locator(".kurs-svar").first.inner_text()
        assert "Hent det som er lagret" in said and "Behold begge" in said and "er lagret i arbeidsboka" not in said
        assert tab_b.locator(".kurs-svar").first.get_attribute("aria-live") == "polite"
        shot(tab_b, "to-faner-avvist")
        saved = Workbook(live.workbook).value(Section.VISION)
        assert saved["statement"] == "Nordland skal være ledende på grønn industri og havbruk"  # tab A's vision
        assert len(saved["goals"]) == 2
        tab_b.get_by_role("button", name="Behold begge").click()  # B's version, A's kept as a backup
        wait_for_text(tab_b, "3 mål er lagret")
        saved = Workbook(live.workbook).value(Section.VISION)
        assert len(saved["goals"]) == 3
        backups = Workbook(live.workbook).backups()
        assert backups and "grønn industri og havbruk" in backups[0].path.read_text(encoding="utf-8")
    finally:
        close(tab_a)
        close(tab_b)


def test_an_action_survives_switching_the_priority_and_leaving_asks_first(context, live):
    page = open_chapter(context, live.base, "gjennomfore")
    first, second = NORDLAND_PRIORITIES[0]["title"], NORDLAND_PRIORITIES[1]["title"]
    priority = page.get_by_label("Prioritering")
    tiltak = page.get_by_label("Tiltak 1", exact=True)
    tiltak.fill(OWN_ACTION)
    page.wait_for_function("() => document.querySelector('.kurs-ulagret') !== null", timeout=10_000)
    priority.select_option(label=second)
    wait_for_text(page, "Ikke lagret ennå")
    assert tiltak.input_value() != OWN_ACTION
    shot(page, "gjennomfore-annen-prioritering")
    priority.select_option(label=first)
    page.wait_for_function("(t) => [...document.querySelectorAll('textarea')].some((a) => a.value === t)",
                           arg=OWN_ACTION, timeout=10_000)
    assert tiltak.input_value() == OWN_ACTION
    with page.expect_event("dialog") as asked:
        page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"  # leaving with an unsaved action asks first
    asked.value.accept()


def test_one_more_strength_keeps_the_earlier_ones_and_dropping_one_is_named(context, live):
    page = open_chapter(context, live.base, "analysere")
    try:
        strengths = page.locator(".kurs-avkrysning").first
        names = [box.evaluate("(b) => b.closest('label').innerText.trim()")
                 for box in strengths.get_by_role("checkbox").all()]
        before = [box.is_checked() for box in strengths.get_by_role("checkbox").all()]
        where = before.index(False)  # the first industry not chosen (the issue's «Bergverksdrift»)
        assert sum(before) >= 2
        strengths.get_by_role("checkbox", name=names[where], exact=True).click()  # one ordinary click
        page.wait_for_function("(n) => document.querySelector('.kurs-avkrysning .kurs-valgt').innerText.includes(n)",
                               arg=names[where], timeout=10_000)
        after = [box.is_checked() for box in strengths.get_by_role("checkbox").all()]
        assert after == [b or n == where for n, b in enumerate(before)]  # one more; every earlier choice kept
        said = strengths.locator(".kurs-valgt").inner_text()
        assert all(name in said for name, b in zip(names, after) if b)  # every choice named above the boxes
        saved = before.index(True)
        name = names[saved]
        strengths.get_by_role("checkbox", name=name, exact=True).click()  # untick one saved choice
        wait_for_text(page, "Tatt bort, men ikke lagret ennå")
        assert name in strengths.locator(".kurs-valgt").inner_text()
        shot(page, "analysere-avkrysning")
    finally:
        close(page)


def test_a_hostile_upload_is_refused_and_a_good_one_keeps_a_backup(context, live):
    page = open_chapter(context, live.base, "ditt-utkast")
    try:
        before = live.workbook.read_bytes()
        hostile = json.dumps({"schema_version": 1, "sections": {"prioriteringer": 42}}).encode()
        def upload(files):
            with page.expect_file_chooser() as chooser:
                page.get_by_role("button", name="Last opp arbeidsbok").click()
            chooser.value.set_files(files=files)

        upload([{"name": "arbeidsbok.json", "mimeType": "application/json", "buffer": hostile}])
        wait_for_text(page, "Arbeidsboka di er ikke endret")
        text = page.inner_text("body")
        assert "«prioriteringer» (fra kapitlet «Prioritere»)" in text and "Arbeidsboka er lastet opp" not in text
        assert live.workbook.read_bytes() == before
        assert Workbook(live.workbook).value(Section.PRIORITIES)["priorities"]  # her priorities are still there
        shot(page, "opplasting-avvist")
        good = json.loads(before)
        good["sections"]["visjon"]["value"]["statement"] = "En annen visjon fra en annen maskin"
        upload([{"name": "annen.json", "mimeType": "application/json", "buffer": json.dumps(good).encode()}])
        wait_for_text(page, "Arbeidsboka er lastet opp")
        assert "sikkerhetskopi" in page.inner_text("body")
        kept = sorted((live.workbook.parent / BACKUP_FOLDER).glob("arbeidsbok.opplasting-*.json"))
        assert kept and kept[-1].read_bytes() == before
        page.get_by_role("button", name="Hent tilbake").click()
        wait_for_text(page, "Sikkerhetskopien er hentet tilbake")
        assert Workbook(live.workbook).value(Section.VISION)["statement"] != "En annen visjon fra en annen maskin"
        shot(page, "opplasting-gjenopprettet")
    finally:
        close(page)


def test_a_stopped_server_shows_a_banner_and_a_save_says_it_did_not_reach(real, real_cache, tmp_path, chromium):
    server = start(real, real_cache, tmp_path)
    ctx = chromium.new_context(**VIEWS[WIDE])
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}?token={server.token}", timeout=120_000)
        page.wait_for_url("**/voila/render/velkommen.ipynb", timeout=120_000)
        page = open_chapter(ctx, server.base, "visjon-og-mal")
        page.get_by_label("Mål 3").fill("Doble eksporten av sjømat")
        assert page.locator("#kurs-brudd").is_hidden()
        assert server.stop() == 0
        page.wait_for_selector("#kurs-brudd:not([hidden])", timeout=15_000)  # at once, without a click
        assert "Forbindelsen til kurset er brutt" in page.locator("#kurs-brudd").inner_text()
        assert page.locator("#kurs-brudd").get_attribute("role") == "alert"
        page.get_by_role("button", name="Sjekk og lagre").click()
        message = page.locator(".kurs-uten-svar")
        message.wait_for(timeout=5_000)
        assert "nådde ikke fram" in message.inner_text() and message.get_attribute("role") == "alert"
        box = page.get_by_role("button", name="Sjekk og lagre").bounding_box()
        near = message.bounding_box()
        assert 0 <= near["y"] - (box["y"] + box["height"]) < 200  # right under the button
        shot(page, "server-stoppet")
        assert len(Workbook(server.workbook).value(Section.VISION)["goals"]) == 2  # not saved, and said so
    finally:
        ctx.close()
        server.stop()
