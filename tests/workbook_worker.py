"""A separate process that saves to a workbook, as a chapter's kernel does.
Run by tests/workbook/test_workbook_faults.py:

    python workbook_worker.py sections PATH NAME SECONDS   save a new section NAME-k until time is up
    python workbook_worker.py at-once PATH NAME GO_FILE     wait for GO_FILE, then save section NAME once
    python workbook_worker.py one PATH NAME [CHARS]         save section NAME once (CHARS: text length)
    python workbook_worker.py stale PATH NAME GO_FILE       read the revisions, wait for GO_FILE, then save
                                                            section NAME based on what was read («conflict …» if refused)

Each acknowledged save prints «saved NAME-k» (flushed) only after
``Workbook.put`` returned, so the parent knows which saves must be on disk.
A failed save prints «error MESSAGE» and the process goes on. The parent's
side (``worker``, ``race``) is here too, for the tests and benchmarks/workbook.py.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exercises.core.errors import InputError  # noqa: E402
from exercises.workbook.store import Conflict, Workbook  # noqa: E402


def worker(*args, prefix: list[str] = (), **popen) -> subprocess.Popen:
    """This file run as a worker; ``prefix`` is a command to run it under (e.g. setpriv)."""
    return subprocess.Popen([*prefix, sys.executable, __file__, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", **popen)


def acknowledged(output: str) -> list[str]:
    return [line.split(" ", 1)[1] for line in output.splitlines() if line.startswith("saved ")]


def race(path: Path, seconds: float, names=("gjennomfore", "male")) -> tuple[list[list[str]], list[str]]:
    """Processes named ``names`` saving new sections to ``path`` at the same
    time for ``seconds``: the saves each acknowledged, and those not on disk
    afterwards. A process that fails or writes to stderr fails the test."""
    runs = [worker("sections", path, name, seconds) for name in names]
    results = [run.communicate(timeout=seconds + 60) for run in runs]
    for run, (out, err) in zip(runs, results):
        assert run.returncode == 0 and not err, err
        assert "error" not in out
    saved = [acknowledged(out) for out, _ in results]
    on_disk = Workbook(path).data["sections"]
    return saved, [s for each in saved for s in each if s not in on_disk]


def save(book: Workbook, section: str, chars: int = 0) -> None:
    text = "Tekst fra et annet kapittel «æøå»" + "x" * chars
    try:
        book.put(section, {"from": section, "text": text})
    except InputError as error:
        print(f"error {error}", flush=True)
    else:
        print(f"saved {section}", flush=True)


def main(mode: str, path: str, name: str, arg: str | None = None) -> None:
    book = Workbook(Path(path))
    for message in book.messages:
        print(f"message {message}", flush=True)
    if mode == "sections":
        end, k = time.monotonic() + float(arg), 0
        while time.monotonic() < end:
            save(book, f"{name}-{k}")
            k += 1
    elif mode == "at-once":
        print("ready", flush=True)
        while not Path(arg).exists():
            time.sleep(0.0005)
        save(book, name)
    elif mode == "one":
        save(book, name, int(arg or 0))
    elif mode == "stale":
        base = book.revisions()
        print("ready", flush=True)
        while not Path(arg).exists():
            time.sleep(0.001)
        try:
            with book.based_on(base):
                book.put(name, {"from": f"prosess {os.getpid()}"})
        except Conflict as error:
            print(f"conflict {error}", flush=True)
        else:
            print(f"saved {name}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
