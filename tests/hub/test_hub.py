"""The course on a real JupyterHub, in Chromium.

JupyterHub starts with the course's own configuration (hub/jupyterhub_config.py)
and its proxy (configurable-http-proxy from hub/node_modules) on 127.0.0.1,
with the test's changes only (tests/hub/jupyterhub_test_config.py: a shared
test password, and each user's home a folder in a temporary directory).
Three learners in the course group «gruppe-1» and one teacher (in «teacher»
and «gruppe-1») log in, each in a browser of her own, and:

- each learner lands on the live Velkommen in her own server: the chapter's
  widgets drawn, no code shown, no error, and no request to another host
  (no MathJax from a CDN either);
- her saves go to the workbook in her own home;
- another learner's server (her pages, files and contents) and the teacher's
  view are refused;
- the teacher's view shows the course group's Borda points, mean ranks and
  Kendall's W as computed here by hand from the three saved workbooks, not
  the teacher's own nor a learner's in another group, and downloads as
  Markdown and Word;
- leaving a page ends its kernel;
- the hub stopped (SIGTERM) stops every server and kernel, and started again
  it keeps everything: the users, the groups and what the learners saved.

Screenshots go to tests/artefakter/hub/.
"""

from __future__ import annotations

import io
import json
import re
import time

import pytest
from browser_tools import ROOT, is_local, require_browser
from conftest import require
from hub_server import SERVICE, TEACHERS, Hub, missing_tools
from live_server import by_hand, comma, kernel_id, save_ranking, wait_until_ready

pytestmark = pytest.mark.slow

LEARNERS = ["anna", "bjorn", "cecilie"]
TEACHER = "kari"
OTHER_GROUP = {"gruppe-2": ["dora"]}  # a learner in another course group: not the teacher's
GROUPS = {TEACHERS: [TEACHER], "gruppe-1": [*LEARNERS, TEACHER], **OTHER_GROUP}
SHOTS = ROOT / "tests" / "artefakter" / "hub"

# the page's own fetch, with the XSRF token the hub's single-user server asks of a script
STATUS = """async (url) => {
  const token = (document.cookie.match(/\\b_xsrf=([^;]*)/) || [])[1] || '';
  return (await fetch(url, {headers: {'X-XSRFToken': token}})).status;
}"""


@pytest.fixture(scope="module")
def hub(real_cache, tmp_path_factory):
    require_browser()
    require(missing_tools(), "hubtesten", "Hubtesten trenger " + " og ".join(missing_tools()))
    hub = Hub(tmp_path_factory.mktemp("hub"), GROUPS, {"KURSDATA": str(real_cache)}).start()
    yield hub
    code = hub.stop()
    assert code == 0 and hub.left_running == [], "".join(hub.lines[-80:])


@pytest.fixture(scope="module")
def people(hub, chromium):
    """Each user's own browser, logged in; the learners on their Velkommen."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for user in LEARNERS:
        context = chromium.new_context(accept_downloads=True)
        seen = {"foreign": [], "console": []}
        context.on("request", lambda r, seen=seen: seen["foreign"].append(r.url) if not is_local(r.url) else None)
        page = hub.login(context, user)
        page.on("console", lambda m, seen=seen: seen["console"].append(m.text) if m.type == "error" else None)
        page.wait_for_url(f"**/user/{user}/voila/render/velkommen.ipynb", timeout=180_000)
        found[user] = {"context": context, "page": page, "seen": seen, "status": wait_until_ready(page)}
    context = chromium.new_context(accept_downloads=True)
    found[TEACHER] = {"context": context, "page": hub.login(context, TEACHER, f"/services/{SERVICE}/")}
    yield found
    for person in found.values():
        person["context"].close()


def test_each_learner_lands_on_the_live_velkommen_without_code_or_other_hosts(hub, people):
    for user in LEARNERS:
        page, status, seen = people[user]["page"], people[user]["status"], people[user]["seen"]
        text = page.inner_text("body")
        assert page.url == f"{hub.base}/user/{user}/voila/render/velkommen.ipynb"
        assert page.evaluate("() => document.documentElement.lang") == "nb"
        assert "Velkommen" in text and status["drawn"] > 0, status
        assert status["errors"] == [] and status["broken"] == [] and status["empty"] == 0, status
        assert page.locator(".jp-InputArea, .jp-CodeMirrorEditor").count() == 0
        assert "from exercises" not in text and "_kurs_kernel" not in text
        assert seen["foreign"] == [], seen["foreign"]  # also no MathJax from a CDN
        assert seen["console"] == [], seen["console"]
        page.screenshot(path=str(SHOTS / f"velkommen-{user}.png"))
    assert set(hub.user_servers()) == set(LEARNERS)  # one server each (the teacher has none yet)


@pytest.fixture(scope="module")
def rankings(hub, people):
    """Each learner saves a ranking in «Analysere», anna also her county in Velkommen.
    The rankings as saved in each learner's own workbook."""
    anna = people["anna"]["page"]
    anna.get_by_label("Fylke").first.select_option(label="46 Vestland")
    anna.get_by_role("button", name="Lagre").first.click()
    anna.wait_for_function("() => document.body.innerText.includes('lagret')", timeout=30_000)
    saved = {}
    for number, user in enumerate(LEARNERS):
        page = people[user]["page"]
        try:
            # the check and save take longer here: three servers and the hub share the machine's two cores
            save_ranking(page, f"**/user/{user}/voila/render/analysere.ipynb", number + 1, str(hub.home(user)),
                         timeout=90_000)
        finally:
            page.screenshot(path=str(SHOTS / f"analysere-{user}.png"), full_page=True)
        book = json.loads(hub.workbook(user).read_text(encoding="utf-8"))
        saved[user] = {row["name"]: row["rank"] for row in book["sections"]["analyse"]["value"]["ranking"]}
    # dora, in another group, has a workbook too (written here: she need not log in)
    hub.workbook("dora").parent.mkdir(parents=True)
    hub.workbook("dora").write_bytes(hub.workbook("anna").read_bytes())
    return saved


def test_saves_go_to_the_learners_own_workbook(hub, rankings):
    assert len({tuple(sorted(r.items(), key=lambda x: x[1])) for r in rankings.values()}) > 1  # they differ
    for user in LEARNERS:
        book = json.loads(hub.workbook(user).read_text(encoding="utf-8"))
        assert "analyse" in book["sections"]
        assert ("profil" in book["sections"]) == (user == "anna")  # only anna saved her county
    assert not (ROOT / "_build" / "live" / "kapitler" / "arbeidsbok").exists()  # nothing saved beside the chapters


def test_another_learners_server_and_the_teacher_view_are_refused(hub, people, rankings):
    page = people["bjorn"]["context"].new_page()
    try:
        refused = {"user/anna/voila/render/velkommen.ipynb": 403, "user/anna/lab": 403,
                   "user/anna/api/contents": 403, "user/anna/files/velkommen.ipynb": 403,
                   "hub/api/users/anna": 404,  # the hub's API does not even say that she exists
                   f"services/{SERVICE}/": 403, f"services/{SERVICE}/gruppe/gruppe-1": 403}
        for path, status in refused.items():
            response = page.goto(f"{hub.base}/{path}")
            assert response.status == status, (path, response.status, page.url)
        page.screenshot(path=str(SHOTS / "nektet-bjorn.png"))
        # in her own server she cannot climb out of the course's folder to the homes
        page.goto(f"{hub.base}/user/bjorn/voila/render/velkommen.ipynb")
        wait_until_ready(page)
        for path in ["api/contents/..%2F..%2F..%2Fhjem%2Fanna", "files/..%2F..%2F..%2Fhjem%2Fanna%2Farbeidsbok"]:
            assert page.evaluate(STATUS, f"/user/bjorn/{path}") in {400, 403, 404}, path
    finally:
        page.close(run_before_unload=True)


def summary_rows(page) -> tuple[str, dict[str, str]]:
    return page.inner_text("body"), {row.inner_text().split("\t")[0]: row.inner_text()
                                     for row in page.locator("tr").all()}


def test_the_teacher_view_shows_the_groups_summary_computed_by_hand(hub, people, rankings, tmp_path):
    import docx

    page = people[TEACHER]["page"]
    page.wait_for_url(f"**/services/{SERVICE}/")
    links = [link.inner_text() for link in page.locator("main li a").all()]
    assert links == ["gruppe-1"]  # her course group: not «teacher», not another group
    page.get_by_role("link", name="gruppe-1").click()
    page.wait_for_url(f"**/services/{SERVICE}/gruppe/gruppe-1")
    borda, mean, w = by_hand(list(rankings.values()))
    text, rows = summary_rows(page)
    assert "3 deltakeres arbeidsbøker er lest" in text  # the three learners: not the teacher, not dora
    for name in sorted(borda, key=lambda x: -borda[x])[:5]:
        assert comma(borda[name], 1) in rows[name] and comma(mean[name], 2) in rows[name], rows.get(name)
    assert f"Kendalls W er {comma(w, 2)}" in text
    page.screenshot(path=str(SHOTS / "laerer.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Markdown")).click()
    assert download.value.suggested_filename == "workshop-sammendrag.md"
    assert f"Kendalls W er {comma(w, 2)}" in open(download.value.path(), encoding="utf-8").read()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Word")).click()
    word = docx.Document(io.BytesIO(open(download.value.path(), "rb").read()))
    assert any(comma(w, 2) in p.text for p in word.paragraphs)
    assert page.goto(f"{hub.base}/services/{SERVICE}/gruppe/gruppe-2").status == 404  # not her group


def test_leaving_a_page_ends_its_kernel(hub, people):
    page = people["cecilie"]["page"]
    page.goto(f"{hub.base}/user/cecilie/voila/render/hva-er-smart-spesialisering.ipynb")
    wait_until_ready(page)
    kernel = kernel_id(page)
    assert page.evaluate(STATUS, f"/user/cecilie/api/kernels/{kernel}") == 200
    page.click("a.neste")  # to the next chapter
    page.wait_for_url("**/region-og-spesialisering.ipynb")
    deadline = time.monotonic() + 30
    while page.evaluate(STATUS, f"/user/cecilie/api/kernels/{kernel}") != 404 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert page.evaluate(STATUS, f"/user/cecilie/api/kernels/{kernel}") == 404


def test_a_restart_of_the_hub_keeps_everything_saved(hub, people, rankings):
    saved = {user: hub.workbook(user).read_bytes() for user in LEARNERS}
    teacher = people[TEACHER]["page"]
    teacher.goto(f"{hub.base}/services/{SERVICE}/gruppe/gruppe-1")
    before = summary_rows(teacher)[1]
    assert hub.stop() == 0, "".join(hub.lines[-80:])
    assert hub.left_running == [] and hub.user_servers() == {}  # every server and kernel stopped with the hub
    hub.start()
    assert {user: hub.workbook(user).read_bytes() for user in LEARNERS} == saved
    teacher.goto(f"{hub.base}/services/{SERVICE}/gruppe/gruppe-1")  # the same browser: logged in still
    teacher.wait_for_url(f"**/services/{SERVICE}/gruppe/gruppe-1")
    assert summary_rows(teacher)[1] == before
    anna = people["anna"]["page"]
    anna.goto(f"{hub.base}/hub/spawn")  # her server starts again, at Velkommen
    anna.wait_for_url("**/user/anna/voila/render/velkommen.ipynb", timeout=180_000)
    wait_until_ready(anna)
    county = anna.get_by_label("Fylke").first.evaluate("e => e.options[e.selectedIndex].text")
    assert county.replace("\xa0", " ") == "46 Vestland"  # what she saved before the restart
    anna.get_by_label("Fylke").first.scroll_into_view_if_needed()
    anna.screenshot(path=str(SHOTS / "velkommen-anna-etter-omstart.png"))


def test_no_page_of_the_course_asked_another_host(people, rankings):
    """Over every page the learners opened (Velkommen, «Analysere», the chapters after it)."""
    assert {user: people[user]["seen"]["foreign"] for user in LEARNERS} == {user: [] for user in LEARNERS}
