"""Shared fixtures. Real-data tests need the mirror named by SSB_SPEIL; under
CI (CI=true) its absence is a failure, elsewhere those tests are skipped."""

import os
from pathlib import Path

import pytest

from exercises import paths
from exercises.data import load_real_data, load_teaching_data
from exercises.data_import import import_from_mirror
from exercises.workbook import Workbook

ROOT = Path(__file__).resolve().parents[1]


def mirror_or_skip() -> Path:
    mirror = os.environ.get(paths.MIRROR_ENV)
    if mirror and Path(mirror).is_dir():
        return Path(mirror)
    message = f"{paths.MIRROR_ENV} er ikke satt til en mappe med SSB-dataene"
    if paths.running_in_ci():
        pytest.fail(f"CI krever virkelige data: {message}.")
    pytest.skip(message)


@pytest.fixture(scope="session")
def mirror() -> Path:
    return mirror_or_skip()


@pytest.fixture(scope="session")
def real_cache(mirror, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kursdata")
    import_from_mirror(mirror, folder)
    return folder


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
