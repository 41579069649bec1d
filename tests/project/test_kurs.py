"""kurs.py's commands, run as a learner runs them, in a copy of the course
folder whose .venv holds a fake Python: it writes down what it was asked to do
and installs nothing."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FAKE_PYTHON = """#!/bin/sh
echo "$(basename "$(dirname "$(dirname "$0")")") $*" >> "$KURS_LOGG"
case "$*" in
  *"pip list"*) echo '[{"name": "pandas", "version": "99.0"}, {"name": "pytest", "version": "9.2.0"}]' ;;
  *"-m pytest"*) exit "${KURS_TESTKODE:-0}" ;;
esac
exit 0
"""

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the fake Python is a shell script")


@pytest.fixture
def course(tmp_path) -> Path:
    """kurs.py, pyproject.toml and constraints.txt in a folder of their own, with fake
    Pythons in .venv (the course's), .venv-nyeste and .venv-lock."""
    folder = tmp_path / "kurs"
    folder.mkdir()
    for name in ("kurs.py", "pyproject.toml", "constraints.txt"):
        shutil.copy(ROOT / name, folder / name)
    for venv in (".venv", ".venv-nyeste", ".venv-lock"):
        python = folder / venv / "bin" / "python"
        python.parent.mkdir(parents=True)
        python.write_text(FAKE_PYTHON)
        python.chmod(0o755)
    return folder


def kurs(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in {"CI", "SSB_SPEIL"}}
    environ.update(KURS_LOGG=str(folder / "logg.txt"), **env)
    return subprocess.run([sys.executable, str(folder / "kurs.py"), *args], cwd=folder, env=environ,
                          capture_output=True, text=True, timeout=60)


def log(folder: Path) -> list[str]:
    path = folder / "logg.txt"
    return path.read_text().splitlines() if path.exists() else []


def test_an_unknown_command_shows_the_norwegian_usage_and_does_nothing(tmp_path):
    shutil.copy(ROOT / "kurs.py", tmp_path / "kurs.py")
    for args in (["hjelp"], ["--help"], ["Start"]):
        result = subprocess.run([sys.executable, str(tmp_path / "kurs.py"), *args], capture_output=True, text=True)
        assert result.returncode == 1
        assert "Bruk: python kurs.py KOMMANDO" in result.stderr
        for command in ("start", "bygg", "test --nyeste", "data", "lås"):
            assert f"\n    {command} " in result.stderr
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kurs.py"], "nothing created"


def test_environment_installs_from_the_lock_once_and_again_only_when_pins_or_lock_change(course):
    first = kurs(course, "utkast")
    assert first.returncode == 0, first.stderr
    assert log(course)[:2] == [".venv -m pip install --quiet --upgrade pip",
                               f".venv -m pip install --quiet -e .[test,hub] -c {course / 'constraints.txt'}"]
    assert (course / ".venv" / "share/jupyter/lab/settings/overrides.json").is_file()

    again = kurs(course, "utkast")
    assert again.returncode == 0 and "Lager Python-miljøet" not in again.stdout
    assert len(log(course)) == 4, "up to date: nothing installed, only the draft written again"

    with (course / "constraints.txt").open("a") as f:
        f.write("example-package==1.0\n")
    kurs(course, "utkast")
    assert len(log(course)) == 7, "a new lock: installed again"
    (course / "pyproject.toml").write_text((course / "pyproject.toml").read_text().replace("pytest==", "pytest>="))
    kurs(course, "utkast")
    assert len(log(course)) == 10, "a new pin: installed again"


def test_start_without_a_mirror_uses_the_real_figures_shipped_with_the_course(course):
    started = kurs(course, "start", "--no-browser")
    assert started.returncode == 0, started.stderr
    assert "Kurset bruker de ekte tallene som følger med kurset" in started.stdout
    assert "fiktive" not in started.stdout
    assert log(course)[-1] == ".venv -m exercises.live.server --no-browser"  # no import: nothing to import from


def test_data_without_a_mirror_goes_back_to_the_shipped_figures(course):
    assert kurs(course, "data").returncode == 0
    assert log(course)[-1] == ".venv -m exercises.data.data_import"


def test_data_imports_from_the_mirror_named_by_ssb_speil_and_ci_requires_it(course):
    assert kurs(course, "data", SSB_SPEIL="/speil").returncode == 0
    assert log(course)[-1] == ".venv -m exercises.data.data_import --speil /speil"
    in_ci = kurs(course, "data", CI="true")
    assert in_ci.returncode == 1 and "CI krever virkelige data: sett SSB_SPEIL" in in_ci.stderr


def test_test_runs_pytest_with_the_given_arguments_and_returns_its_exit_code(course):
    assert kurs(course, "test", "-k", "quiz", "-q").returncode == 0
    assert log(course)[-1] == ".venv -m pytest -k quiz -q"
    failed = kurs(course, "test", KURS_TESTKODE="3")
    assert failed.returncode == 3


def test_test_newest_installs_unpinned_into_its_own_venv_and_lists_what_is_newer(course):
    result = kurs(course, "test", "--nyeste", "-x")
    assert result.returncode == 0, result.stderr
    newest = [line for line in log(course) if line.startswith(".venv-nyeste ")]
    install = next(line for line in newest if "--upgrade-strategy eager" in line)
    assert " pandas " in f"{install} " and " pytest " in f"{install} " and "==" not in install
    assert "-c" not in install.split(), "the lock is not used"
    assert newest[-1] == ".venv-nyeste -m pytest -x", "the tests run in .venv-nyeste, without --nyeste"
    assert "1 pakker har en annen versjon enn i constraints.txt" in result.stdout
    assert "pandas: 3.1.1 i låsen, 99.0 nå" in result.stdout


def test_lock_resolves_for_every_platform_with_the_test_and_hub_extras_and_checks_wheels(course):
    result = kurs(course, "lås")
    assert result.returncode == 0, result.stderr
    calls = log(course)
    assert calls[0].startswith(".venv-lock -m pip install --quiet uv==")
    assert calls[1] == (".venv-lock -m uv pip compile --quiet pyproject.toml --extra test --extra hub --universal "
                        "--python-version 3.11 --custom-compile-command python kurs.py lås "
                        "--output-file constraints.txt")
    checks = [c for c in calls[2:] if "--only-binary :all:" in c]
    assert len(checks) == 8 and any("x86_64-pc-windows-msvc" in c for c in checks)
    assert result.stdout.count("alle pakkene har ferdige hjul") == 8
    assert not any(c.startswith(".venv ") for c in calls), "the course's environment is not touched"


def test_a_missing_lock_is_a_norwegian_message(course):
    (course / "constraints.txt").unlink()
    result = kurs(course, "data")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Fila constraints.txt mangler i kursmappen" in result.stderr and "python kurs.py lås" in result.stderr
