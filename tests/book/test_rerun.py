"""The rebuild fingerprint (book/_ext/rerun.py): a change to the exercises
package or the data empties jupyter-cache and reads every page again; an
unchanged course keeps the cache."""

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from exercises.core import paths

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import rerun  # noqa: E402  (book/_ext is on Sphinx's path, not on Python's)


@pytest.fixture
def course(tmp_path, monkeypatch) -> Path:
    """A course folder with a package, teaching data and an imported-data cache."""
    root = tmp_path / "kurs"
    (root / "exercises" / "views").mkdir(parents=True)
    (root / "exercises" / "indicators.py").write_text("THRESHOLD = 1.25\n")
    (root / "exercises" / "views" / "quiz.py").write_text("LABEL = 'Svar'\n")
    (root / "data" / "undervisning").mkdir(parents=True)
    (root / "data" / "naeringer.csv").write_text("kode;navn\n")
    (root / "data" / "undervisning" / "fjordland.csv").write_text("år;sysselsatte\n2024;10\n")
    (root / "constraints.txt").write_text("pandas==3.1.1\n")
    cache = tmp_path / "kursdata"
    cache.mkdir()
    (cache / "ssb_11713.csv").write_text("2024;100\n")
    monkeypatch.setattr(rerun, "ROOT", root)
    monkeypatch.setenv(paths.CACHE_ENV, str(cache))
    return root


def app(tmp_path: Path, cache: str = "") -> SimpleNamespace:
    return SimpleNamespace(config=SimpleNamespace(nb_execution_cache_path=cache),
                           outdir=str(tmp_path / "_build" / "html"))


def test_fingerprint_is_stable_and_changes_with_code_teaching_data_imported_data_and_the_lock(course, tmp_path):
    before = rerun.fingerprint()
    assert rerun.fingerprint() == before
    changes = [course / "exercises" / "views" / "quiz.py", course / "data" / "naeringer.csv", course / "constraints.txt",
               course / "data" / "undervisning" / "fjordland.csv", tmp_path / "kursdata" / "ssb_11713.csv"]
    seen = {before}
    for path in changes:
        path.write_text(path.read_text() + "# endret\n")
        seen.add(rerun.fingerprint())
    assert len(seen) == len(changes) + 1, "each change gives a new fingerprint"
    (course / "exercises" / "new_model.py").write_text("")
    assert rerun.fingerprint() not in seen, "a new module counts too"


def test_files_outside_the_code_and_data_do_not_count(course):
    before = rerun.fingerprint()
    (course / "exercises" / "notes.txt").write_text("not code")
    (course / "README.md").write_text("# Kurs")
    assert rerun.fingerprint() == before


def test_unchanged_course_keeps_the_cache_and_changed_code_empties_it(course, tmp_path):
    build = app(tmp_path)
    cache = tmp_path / "_build" / ".jupyter_cache"
    rerun.check_fingerprint(build)  # the first build: nothing to empty
    assert (cache / rerun.STAMP).read_text() == rerun.fingerprint() and not build._kurs_rerun_all
    (cache / "executed.ipynb").write_text("{}")  # what jupyter-cache keeps of an executed chapter

    rerun.check_fingerprint(build)
    assert (cache / "executed.ipynb").exists() and not build._kurs_rerun_all
    env = SimpleNamespace(found_docs={"book/velkommen", "book/analysere"})
    assert rerun.read_everything_again(build, env, set(), set(), set()) == []

    (course / "exercises" / "indicators.py").write_text("THRESHOLD = 1.5\n")
    rerun.check_fingerprint(build)
    assert build._kurs_rerun_all and not (cache / "executed.ipynb").exists()
    assert (cache / rerun.STAMP).read_text() == rerun.fingerprint()
    assert rerun.read_everything_again(build, env, set(), set(), set()) == ["book/analysere", "book/velkommen"]


def test_a_cache_from_before_the_fingerprint_is_emptied_and_a_configured_cache_path_is_used(course, tmp_path):
    cache = tmp_path / "egen-cache"
    cache.mkdir()
    (cache / "executed.ipynb").write_text("{}")  # cached by a build without this extension
    build = app(tmp_path, str(cache))
    rerun.check_fingerprint(build)
    assert build._kurs_rerun_all and not (cache / "executed.ipynb").exists()
    assert (cache / rerun.STAMP).exists() and not (tmp_path / "_build" / ".jupyter_cache").exists()
