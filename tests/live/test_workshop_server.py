"""Workshop mode (kurs.py workshop --folder DIR) in Chromium.

The server runs on 127.0.0.1 and a free port with a workshop folder in a
temporary directory. Three participants join with the workshop code (each
in a browser of their own), save a ranking in «Analysere», and the teacher
page shows the group's Borda points, mean ranks and Kendall's W equal to
the values computed here by hand from the three saved workbooks. A wrong
workshop or teacher code is refused; a participant cannot open another's
pages (and so not another's workbook); the server keeps the participants'
keys and workbooks over a restart, and Ctrl+C stops it cleanly.

The teacher page's summary comes from exercises.models.workshop (the group
summary); without that module the summary test is skipped with the reason.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import pytest
from browser_tools import BLOCKING, audit, require_browser
from live_server import LiveServer, by_hand, comma, save_ranking, status_of

pytestmark = pytest.mark.slow


def start(folder, real_cache) -> LiveServer:
    return LiveServer({"KURSDATA": str(real_cache)}, ["--folder", str(folder)])


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("verksted")


@pytest.fixture(scope="module")
def workshop(folder, real_cache):
    require_browser()
    server = start(folder, real_cache)
    server.code = server.printed(r"Workshopkode:\s+(\S+)")
    server.teacher = server.printed(r"lærerkode: (\S+)\)")
    yield server
    assert server.stop() == 0, "".join(server.lines[-80:])


@pytest.fixture(scope="module")
def browser(workshop, chromium):
    return chromium


def join(browser, workshop):
    """A participant's own browser, joined; returns (context, page on Velkommen, key)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(workshop.base)
    assert page.evaluate("() => document.documentElement.lang") == "nb"
    page.get_by_label("Workshopkode").fill(workshop.code.lower())  # typed by hand, in small letters
    page.get_by_role("button", name="Bli med").click()
    page.wait_for_url("**/voila/render/velkommen.ipynb?deltaker=*")
    key = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)["deltaker"][0]
    return context, page, key


def test_printed_join_address_code_and_qr(workshop):
    assert re.fullmatch(r"[A-Z2-9]{6}", workshop.code)
    assert workshop.printed(r"Deltakerne åpner:\s+(\S+)") == workshop.base
    assert "Serveren svarer bare på denne maskinen" in "".join(workshop.lines)


def test_wrong_codes_are_refused(workshop):
    data = urllib.parse.urlencode({"kode": "FEIL12"}).encode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(workshop.base, data=data), timeout=30)
    assert refused.value.code == 403 and "Feil workshopkode" in refused.value.read().decode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(f"{workshop.base}laerer", data=urllib.parse.urlencode(
            {"kode": "feil"}).encode()), timeout=30)
    assert refused.value.code == 403
    # without joining: no chapter, no teacher summary, no kernels
    assert status_of(f"{workshop.base}voila/render/velkommen.ipynb")[0] in {302, 403}
    assert "Lærerkode" in urllib.request.urlopen(f"{workshop.base}laerer", timeout=30).read().decode()


def test_join_and_teacher_forms_are_accessible(browser, workshop):
    for scheme in ["light", "dark"]:
        page = browser.new_page(color_scheme=scheme)
        try:
            for url in [workshop.base, f"{workshop.base}laerer"]:
                page.goto(url)
                assert page.evaluate("() => document.documentElement.lang") == "nb"
                assert [v for v in audit(page)["violations"] if v["impact"] in BLOCKING] == [], url
        finally:
            page.close()


def test_a_participant_cannot_open_anothers_pages(browser, workshop, folder):
    a, page_a, key_a = join(browser, workshop)
    b, page_b, key_b = join(browser, workshop)
    try:
        assert key_a != key_b and len(key_a) >= 20 and key_a not in "".join(workshop.lines)
        response = page_b.goto(f"{workshop.base}voila/render/velkommen.ipynb?deltaker={key_a}")
        assert response.status == 403 and "annen deltaker" in page_b.inner_text("body")
        response = page_b.goto(f"{workshop.base}voila/render/analysere.ipynb")
        assert response.status == 403
    finally:
        a.close()
        b.close()


def test_three_participants_and_the_teacher_page(browser, workshop, folder):
    pytest.importorskip("exercises.models.workshop", reason="gruppesammendraget (exercises.models.workshop) er ikke med ennå")
    people = [join(browser, workshop) for _ in range(3)]
    try:
        for number, (_, page, key) in enumerate(people):
            save_ranking(page, f"**/analysere.ipynb?deltaker={key}", number + 1, key)
        rankings = []
        for _, _, key in people:
            saved = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
            rows = saved["sections"]["analyse"]["value"]["ranking"]
            rankings.append({row["name"]: row["rank"] for row in rows})
        assert len({tuple(sorted(r.items(), key=lambda x: x[1])) for r in rankings}) > 1  # they differ
        borda, mean, w = by_hand(rankings)

        teacher = browser.new_context()
        page = teacher.new_page()
        page.goto(f"{workshop.base}laerer")
        page.get_by_label("Lærerkode").fill(workshop.teacher)
        page.get_by_role("button", name="Vis gruppa").click()
        page.wait_for_url("**/laerer")
        text = page.inner_text("body")
        assert "3 deltakere" in text or "tre deltakere" in text.lower()
        rows = {row.inner_text().split("\t")[0]: row.inner_text() for row in page.locator("tr").all()}
        for name in sorted(borda, key=lambda x: -borda[x])[:5]:
            assert comma(borda[name], 1) in rows[name] and comma(mean[name], 2) in rows[name], rows.get(name)
        assert comma(w, 2) in text
        with page.expect_download() as download:
            page.get_by_role("link", name=re.compile("Markdown")).click()
        assert download.value.suggested_filename.endswith(".md")
        teacher.close()
    finally:
        for context, _, _ in people:
            context.close()


def test_keys_and_workbooks_survive_a_restart(browser, workshop, folder, real_cache):
    context, page, key = join(browser, workshop)
    try:
        code = workshop.code
        assert workshop.stop() == 0, "".join(workshop.lines[-80:])
        assert any("Kurset er stoppet" in line for line in workshop.lines)
        again = start(folder, real_cache)
        try:
            assert again.printed(r"Workshopkode:\s+(\S+)") == code
            page.goto(again.base)  # the same browser comes back
            page.wait_for_url(f"**/velkommen.ipynb?deltaker={key}")
        finally:
            assert again.stop() == 0, "".join(again.lines[-80:])
    finally:
        context.close()
