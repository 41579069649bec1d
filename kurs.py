#!/usr/bin/env python3
"""Set up and run the course with one command, on Linux, macOS and Windows.

    python kurs.py start   create the environment, import data, build the website, open JupyterLab
    python kurs.py bygg    the same without opening anything
    python kurs.py test    create the environment, import data and run every test
    python kurs.py data    import the real data only (from the mirror folder in SSB_SPEIL)
    python kurs.py data --ssb        the newest figures from Statistics Norway's API
    python kurs.py data --fil PATH   your own data (a CSV file; see data/README.md)
    python kurs.py utkast  write the learner's draft (.md, .html, .docx); --mal FIL uses a county's
                           Word template, --lag-mal FIL writes the course's neutral one to adapt

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


def data(options: list[str], required: bool) -> None:
    """Import the real data: from the mirror folder if one is named, or as
    `options` say (passed on to exercises.data_import, e.g. --ssb, --fil PATH).

    A refused import keeps the data imported before; only `kurs.py data`
    (and CI) stops on it, `start` and `bygg` go on with the old data."""
    mirror = os.environ.get(MIRROR_ENV)
    if not options and not mirror:
        if IN_CI:
            sys.exit(f"CI krever virkelige data: sett {MIRROR_ENV} til mappen med SSB-filene.")
        say(f"{MIRROR_ENV} er ikke satt: kurset bruker de fiktive undervisningsdataene (se README).")
        return
    kept = kept_source()
    if not options and not required and not IN_CI and kept:
        say(f"Kurset bruker {kept}. Kjør «python kurs.py data» for å bruke SSB-speilet i stedet.")
        return
    say("Henter data" if options else f"Henter SSB-data fra {mirror}")
    try:
        run(PYTHON, "-m", "exercises.data_import", *(options or ["--speil", mirror]))
    except subprocess.CalledProcessError:
        if required or IN_CI:
            raise
        say("Importen ble stoppet (se meldingen over). Kurset bruker dataene det hadde fra før.")


def kept_source() -> str:
    """What the cache holds if it is newer figures from SSB's API or the
    learner's own data, which `start` and `bygg` must not replace with the
    mirror; "" otherwise."""
    cache = Path(os.environ.get("KURSDATA") or ROOT / "data" / "cache")
    try:
        provenance = json.loads((cache / "ssb_11713.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    if not isinstance(provenance, dict):
        return ""
    if provenance.get("version"):
        return f"tallene fra SSBs API (hentet {provenance.get('retrieved', '')})"
    if provenance.get("source") != "Statistisk sentralbyrå (SSB)":
        return f"egne data ({provenance.get('title', '')})"
    return ""


def build() -> None:
    say("Bygger nettstedet (kjører alle kapitlene)")
    env = dict(os.environ)
    # The website shows a fresh workbook, never the learner's own.
    env["ARBEIDSBOK"] = str(ROOT / "_build" / "arbeidsbok-nettsted.json")
    run(BIN / "jupyter-book", "build", ".", "-W", "-n", "--keep-going", env=env)
    say(f"Nettstedet er klart: åpne {ROOT / '_build' / 'html' / 'index.html'} i nettleseren.")


def lab() -> None:
    say("Åpner JupyterLab. Stopp med Ctrl+C i dette vinduet når du er ferdig.")
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # e.g. a workshop VM
    run(BIN / "jupyter", "lab", "book/velkommen.md", *as_root)


def test(extra: list[str]) -> None:
    say("Kjører alle testene")
    result = subprocess.run([str(PYTHON), "-m", "pytest", *extra], cwd=ROOT)
    sys.exit(result.returncode)


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "start"
    if command not in {"start", "bygg", "test", "data", "utkast"}:
        sys.exit(__doc__)
    environment()
    if command == "utkast":
        sys.exit(subprocess.run([str(PYTHON), "-m", "exercises.export", *argv[1:]], cwd=ROOT).returncode)
    data(argv[1:] if command == "data" else [], required=command == "data")
    if command == "test":
        test(argv[1:])
    if command in {"start", "bygg"}:
        build()
    if command == "start":
        lab()


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except subprocess.CalledProcessError as error:
        sys.exit(f"Noe gikk galt (kode {error.returncode}). Se meldingene over.")
    except KeyboardInterrupt:
        pass
