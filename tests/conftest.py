"""Shared fixtures. Real-data tests need the mirror named by SSB_SPEIL; under
CI (CI=true) its absence is a failure, elsewhere those tests are skipped."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from exercises.core import paths
from exercises.data.data_import import import_from_mirror
from exercises.data.dataset import load_real_data, load_teaching_data
from exercises.workbook.store import Workbook

ROOT = Path(__file__).resolve().parents[1]
LEARNER_SECRET = "Læreren skal aldri se denne setningen på nettstedet 7f3a"


def mirror_or_skip() -> Path:
    mirror = os.environ.get(paths.MIRROR_ENV)
    if mirror and Path(mirror).is_dir():
        return Path(mirror)
    message = f"{paths.MIRROR_ENV} er ikke satt til en mappe med SSB-dataene"
    if paths.running_in_ci():
        pytest.fail(f"CI krever virkelige data: {message}.")
    pytest.skip(message)


def require(missing: list[str], tests: str, reason: str) -> None:
    """Tests that need tools from outside Python (Chromium, LibreOffice …):
    under CI a missing tool is a failure, elsewhere the tests are skipped
    with the reason, in Norwegian."""
    if not missing:
        return
    if paths.running_in_ci():
        pytest.fail(f"CI krever {tests}: {reason}.")
    pytest.skip(f"{reason}. Testene hoppes over på denne maskinen.")


@pytest.fixture(scope="session")
def mirror() -> Path:
    return mirror_or_skip()


@pytest.fixture(scope="session")
def real_cache(mirror, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kursdata")
    import_from_mirror(mirror, folder)
    return folder


_BROWSER_REPORT = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def browser_report(request) -> list[str]:
    """Lines printed at the end of the test run (the browser tests' findings)."""
    return request.config.stash.setdefault(_BROWSER_REPORT, [])


_FAULT_REPORT = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def fault_report(request) -> list[str]:
    """Lines printed at the end of the test run (the workbook's fault tests: counts)."""
    return request.config.stash.setdefault(_FAULT_REPORT, [])


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for key, title in ((_BROWSER_REPORT, "nettsidene i nettleseren: axe-core og widgets"),
                       (_FAULT_REPORT, "arbeidsboka under feil og samtidige lagringer")):
        lines = config.stash.get(key, [])
        if lines:
            terminalreporter.section(title)
            for line in lines:
                terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def site(real_cache, tmp_path_factory) -> Path:
    """The website built once per test run, as `python kurs.py bygg` does
    (-W: any warning fails), into a temporary folder. Shared by the tests of
    the built pages (test_book.py) and of the pages in a browser (test_browser.py)."""
    out = tmp_path_factory.mktemp("bygg")
    # A learner's own workbook, named as a learner would: the build must not read it.
    learner = Workbook(out / "min-arbeidsbok.json")
    learner.put("profil", {"county": "56", "county_name": "Finnmark", "role": "Annet"})
    learner.put("visjon", {"statement": LEARNER_SECRET})
    env = dict(os.environ, **{paths.CACHE_ENV: str(real_cache), paths.WORKBOOK_ENV: str(learner.path)})
    jb = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run([str(jb), "build", str(ROOT), "-W", "-n", "--keep-going", "--path-output", str(out)],
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def real(real_cache):
    return load_real_data(real_cache)


@pytest.fixture(scope="session")
def fjordland():
    return load_teaching_data()


@pytest.fixture
def workbook(tmp_path) -> Workbook:
    return Workbook(tmp_path / "arbeidsbok.json")


@pytest.fixture(autouse=True)
def _no_learner_files(tmp_path, monkeypatch):
    """No test may touch the learner's own workbook."""
    monkeypatch.setenv(paths.WORKBOOK_ENV, str(tmp_path / "standard-arbeidsbok.json"))


@pytest.fixture(autouse=True)
def no_network_to_ssb(monkeypatch):
    """No test reaches SSB: the API and KLASS point at a closed local port
    unless a test points them at its stub (tests/api_fixtures.py)."""
    monkeypatch.setenv("SSB_API", "http://127.0.0.1:9/ingen-nettverk-i-testene")
    monkeypatch.setenv("SSB_KLASS_API", "http://127.0.0.1:9/ingen-nettverk-i-testene")


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole test run, shared by every browser
    test (the website, its reflow, the live course, the workshop server):
    Playwright's sync API can run only one instance per thread."""
    from browser_tools import CHROMIUM, CHROMIUM_ARGS, require_browser

    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
