"""The workbook under real faults: several processes saving at once, saves
killed half-way, a full disk, a read-only folder. Each chapter runs in its
own kernel (process), so these are the conditions a learner's saves meet.

Counts (saves attempted, lost, faults injected, messages shown) are printed
at the end of the test run."""

import json
import os
import random
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pytest
from workbook_worker import acknowledged, race, worker

from exercises.workbook.store import Workbook

# Two processes saving at once for SECONDS: enough for hundreds of saves on a
# busy machine (about 80 a second here). The figure, 30 s, is what
# benchmarks/workbook.py runs and prints.
SECONDS = 5


def test_two_processes_saving_at_once_lose_nothing(tmp_path, fault_report):
    saved, lost = race(tmp_path / "arbeidsbok.json", SECONDS)
    total = sum(map(len, saved))
    fault_report.append(f"to prosesser i {SECONDS} s: {total} lagringer bekreftet, {len(lost)} tapt "
                        "(30 s: python benchmarks/workbook.py)")
    assert total > 100 and all(len(each) > 20 for each in saved)
    assert not lost


def test_saves_at_the_same_instant_on_a_new_file_keep_every_section(tmp_path, fault_report):
    rounds, per_round, lost = 10, 3, 0
    for n in range(rounds):
        path, go = tmp_path / f"ny-{n}.json", tmp_path / f"start-{n}"
        runs = [worker("at-once", path, f"kapittel{k}", go) for k in range(per_round)]
        for run in runs:
            assert run.stdout.readline().strip() == "ready"
        go.touch()
        outs = [run.communicate(timeout=60)[0] for run in runs]
        on_disk = Workbook(path).data["sections"]
        lost += sum(1 for out in outs for s in acknowledged(out) if s not in on_disk)
        assert sorted(on_disk) == [f"kapittel{k}" for k in range(per_round)]
    fault_report.append(f"{rounds} ganger {per_round} lagringer i samme øyeblikk på ny fil: {lost} tapt")


def test_a_save_killed_half_way_never_damages_or_loses_earlier_saves(tmp_path, fault_report):
    path = tmp_path / "arbeidsbok.json"
    kills, acknowledged_saves, left_behind = 20, 0, 0
    rng = random.Random(2026)
    for n in range(kills):
        run = worker("sections", path, f"runde{n}", 60)
        saved = []
        for _ in range(rng.randint(1, 15)):
            line = run.stdout.readline()
            if line.startswith("saved "):
                saved.append(line.split(" ", 1)[1].strip())
        time.sleep(rng.random() * 0.02)  # land the kill anywhere inside the next save
        run.kill()
        run.communicate()
        left_behind += len(list(tmp_path.glob(".arbeidsbok-*.tmp")))
        book = Workbook(path)  # the next chapter opens the workbook
        assert book.messages == [], book.messages  # not damaged, nothing set aside
        missing = [s for s in saved if s not in book.data["sections"]]
        assert not missing
        assert not list(tmp_path.glob(".arbeidsbok-*.tmp")), "temporary files are removed at the next open"
        acknowledged_saves += len(saved)
    fault_report.append(f"{kills} prosesser drept midt i lagring: {acknowledged_saves} bekreftede lagringer, "
                        f"0 tapt, 0 skadede filer, {left_behind} midlertidige filer funnet og fjernet")


@pytest.mark.skipif(os.name == "nt", reason="resource limits are POSIX; Windows has no RLIMIT_FSIZE")
def test_a_full_disk_is_reported_and_the_old_file_kept(tmp_path, fault_report):
    import resource

    path = tmp_path / "arbeidsbok.json"
    Workbook(path).put("visjon", {"statement": "Det som allerede er lagret"})
    before = path.read_bytes()

    def small_disk():  # files this process writes may not grow past 4 kB: the disk is "full"
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    run = worker("one", path, "tiltak", 20_000, preexec_fn=small_disk)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 0 and "Traceback" not in err, err
    assert "error «tiltak» ble ikke lagret: filen får ikke plass på disken" in out
    assert "Det du har skrevet, står fortsatt i skjemaet" in out
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".arbeidsbok-*.tmp"))
    fault_report.append("full disk (RLIMIT_FSIZE): 1 lagring forsøkt, melding vist, gammel fil uendret")


@pytest.fixture
def folder_for_another_user():
    """A folder that a process running as another user can enter (tmp_path
    is private to the user running the tests)."""
    folder = Path(tempfile.mkdtemp(prefix="kurs-skrivebeskyttet-"))
    folder.chmod(0o755)
    yield folder
    for sub in folder.rglob("*"):
        if sub.is_dir():
            sub.chmod(0o755)
    shutil.rmtree(folder)


def as_a_learner() -> dict:
    """How to run the worker as an ordinary user would run: root may write in
    any folder, so root runs it without its capabilities (util-linux's
    setpriv), as the same user, so it still reaches the checkout and its
    Python wherever they are (a 0700 home folder included); only without
    setpriv does it fall back to the user nobody."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return {}
    setpriv = shutil.which("setpriv")
    if setpriv:
        return {"prefix": [setpriv, "--inh-caps=-all", "--bounding-set=-all"]}

    def nobody():
        os.setgid(65534)
        os.setuid(65534)
    return {"preexec_fn": nobody}


@pytest.mark.skipif(os.name == "nt", reason="folder permissions are POSIX here")
@pytest.mark.parametrize("content", ["good", "damaged"])
def test_a_read_only_folder_is_reported_and_nothing_overwritten(folder_for_another_user, content, fault_report):
    folder = folder_for_another_user / "arbeidsbok"
    folder.mkdir()
    path = folder / "arbeidsbok.json"
    if content == "good":
        Workbook(path).put("visjon", {"statement": "Lagret før mappen ble skrivebeskyttet"})
    else:
        path.write_text("{ødelagt", encoding="utf-8")
    path.chmod(0o644)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # the folder and file are someone else's, as on a shared drive
        for owned in (*folder.iterdir(), folder):  # the workbook and its lock file
            os.chown(owned, 65534, 65534)
    before = sorted((p.name, p.read_bytes()) for p in folder.iterdir())
    folder.chmod(0o555)
    run = worker("one", path, "tiltak", **as_a_learner())
    out, err = run.communicate(timeout=60)
    assert run.returncode == 0 and "Traceback" not in err, err
    assert "saved" not in out
    if content == "good":
        assert "message Arbeidsboka kan ikke lagres: du har ikke lov til å skrive i mappen" in out
        assert "error Arbeidsboka kan ikke lagres" in out and "står fortsatt i skjemaet" in out
    else:
        assert "kunne ikke leses: filen er ikke gyldig JSON (linje 1, tegn 2)" in out
        assert "kan ikke flyttes til side" in out and "blir ikke skrevet over" in out
    assert "error " in out  # the save was refused with a message
    assert sorted((p.name, p.read_bytes()) for p in folder.iterdir()) == before
    fault_report.append(f"skrivebeskyttet mappe ({'god' if content == 'good' else 'skadet'} fil): "
                        "melding vist, ingenting endret")


def test_a_pipe_in_place_of_the_workbook_is_refused_without_hanging(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    path = tmp_path / "arbeidsbok.json"
    os.mkfifo(path)
    run = worker("one", path, "tiltak")
    out, err = run.communicate(timeout=60)  # a hang fails here instead of blocking the suite
    assert "Traceback" not in err and "ikke en vanlig fil" in out and "saved" not in out


def test_the_worker_acknowledges_a_save_that_is_on_disk(tmp_path):
    """The worker's acknowledgements are what the other tests rely on."""
    path = tmp_path / "arbeidsbok.json"
    out, _ = worker("one", path, "profil").communicate(timeout=60)
    assert acknowledged(out) == ["profil"]
    assert json.loads(path.read_text(encoding="utf-8"))["sections"]["profil"]["value"]["from"] == "profil"
