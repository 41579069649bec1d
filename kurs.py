#!/usr/bin/env python3
"""Set up and run the course with one command, on Linux, macOS and Windows.

    python kurs.py start   create the environment, import data, open the live course in the browser
                           (--no-browser --port N: print the address with its token and serve)
    python kurs.py workshop --folder DIR [--lan] [--port N]   serve the live course to a workshop
    python kurs.py lab     open JupyterLab on notebook copies of the chapters (with the code)
    python kurs.py bygg    build the website
    python kurs.py test    create the environment, import data and run every test
    python kurs.py data    import the real data only

Uses only the standard library, so it runs on a machine that has nothing but
Python 3.11 or newer. Everything is installed into .venv in this folder.
"""

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / "kurs-installert.txt"
MIRROR_ENV = "SSB_SPEIL"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Open the chapters (MyST Markdown) as notebooks in JupyterLab, and ask no
# questions about fetching news from the internet.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension:plugin": {
        "defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def say(text: str) -> None:
    print(f"\n==> {text}", flush=True)


def run(*args, **kwargs) -> None:
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kwargs)


def environment() -> None:
    """Create .venv and install the pinned packages, unless already done."""
    if sys.version_info < (3, 11):
        sys.exit("Kurset trenger Python 3.11 eller nyere. Installer det fra python.org og prøv igjen.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    say("Lager Python-miljøet i .venv (første gang tar dette noen minutter)")
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[test]")
    settings = VENV / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(LAB_SETTINGS, indent=2))
    STAMP.write_text(wanted)


def data() -> None:
    """Import the real data from the mirror folder, if one is named."""
    mirror = os.environ.get(MIRROR_ENV)
    if not mirror:
        if IN_CI:
            sys.exit(f"CI krever virkelige data: sett {MIRROR_ENV} til mappa med SSB-filene.")
        say(f"{MIRROR_ENV} er ikke satt: kurset bruker de fiktive undervisningsdataene (se README).")
        return
    say(f"Henter SSB-data fra {mirror}")
    run(PYTHON, "-m", "exercises.data_import", "--speil", mirror)


def build() -> None:
    say("Bygger nettstedet (kjører alle kapitlene)")
    env = dict(os.environ)
    # The website shows a fresh workbook, never the learner's own.
    env["ARBEIDSBOK"] = str(ROOT / "_build" / "arbeidsbok-nettsted.json")
    run(BIN / "jupyter-book", "build", ".", "-W", "-n", "--keep-going", env=env)
    say(f"Nettstedet er klart: åpne {ROOT / '_build' / 'html' / 'index.html'} i nettleseren.")


def lab() -> None:
    """JupyterLab on numbered notebook copies of the chapters in _build/lab,
    so the chapters in book/ are never rewritten; the server's root is the
    course folder, so arbeidsbok/utkast (the draft) is reachable."""
    say("Åpner JupyterLab. Stopp med Ctrl+C i dette vinduet når du er ferdig.")
    run(PYTHON, "-c", "from exercises.live.build import build_lab; build_lab()")
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # e.g. a workshop VM
    run(BIN / "jupyter", "lab", "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={ROOT}",
        "_build/lab/01-velkommen.ipynb", *as_root)


def serve(extra: list[str]) -> None:
    """Run the live course's server until it stops. Ctrl+C reaches the server
    too (same console); wait for it to end its kernels instead of killing it
    as subprocess.run would."""
    process = subprocess.Popen([str(PYTHON), "-m", "exercises.live.server", *extra], cwd=ROOT)
    while True:
        try:
            code = process.wait()
            break
        except KeyboardInterrupt:
            continue
    if code not in (0, -2, 130):
        sys.exit(f"Kurset stoppet med en feil (kode {code}). Se meldingene over.")


def live(extra: list[str]) -> None:
    """The live course (Voilà) on 127.0.0.1 with a token; see exercises/live/server.py."""
    say("Starter kurset i nettleseren. Stopp med Ctrl+C i dette vinduet når du er ferdig.")
    serve(extra)


def workshop(extra: list[str]) -> None:
    if "--folder" not in extra and not any(a.startswith("--folder=") for a in extra):
        sys.exit("Workshopmodus trenger en mappe til arbeidsbøkene: python kurs.py workshop --folder MAPPE [--lan] [--port N]")
    say("Starter workshopen. Stopp med Ctrl+C i dette vinduet når workshopen er ferdig.")
    serve(extra)


def test(extra: list[str]) -> None:
    say("Kjører alle testene")
    result = subprocess.run([str(PYTHON), "-m", "pytest", *extra], cwd=ROOT)
    sys.exit(result.returncode)


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "start"
    if command not in {"start", "bygg", "test", "data", "lab", "workshop"}:
        sys.exit(__doc__)
    environment()
    data()
    if command == "test":
        test(argv[1:])
    if command == "bygg":
        build()
    if command == "lab":
        lab()
    if command == "start":
        live(argv[1:])
    if command == "workshop":
        workshop(argv[1:])


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except subprocess.CalledProcessError as error:
        sys.exit(f"Noe gikk galt (kode {error.returncode}). Se meldingene over.")
    except KeyboardInterrupt:
        pass
