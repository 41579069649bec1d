#!/usr/bin/env python3
"""Set up and run the course with one command, on Linux, macOS and Windows.

    python kurs.py start   create the environment, import data, open the live course in the browser
                           (--no-browser --port N: print the address with its token and serve)
    python kurs.py workshop --folder DIR [--lan] [--port N]   serve the live course to a workshop
    python kurs.py lab     open JupyterLab on notebook copies of the chapters (with the code)
    python kurs.py bygg    build the website
    python kurs.py test    create the environment, import data and run every test
                           (--nyeste: in .venv-nyeste with the newest release of every package)
    python kurs.py data    import the real data from the mirror folder in SSB_SPEIL; without it,
                           go back to the figures shipped with the course (data/snapshot)
    python kurs.py data --ssb        the newest figures from Statistics Norway's API
    python kurs.py data --fil PATH   your own data (a CSV file; see data/README.md)
    python kurs.py utkast  write the learner's draft (.md, .html, .docx); --mal FIL uses a county's
                           Word template, --lag-mal FIL writes the course's neutral one to adapt
    python kurs.py lås     resolve every package again into constraints.txt (for developers)

Uses only the standard library, so it runs on a machine that has nothing but
Python 3.11 or newer. Everything is installed into .venv in this folder,
at the versions in constraints.txt (the lock, made by `python kurs.py lås`).
"""

import hashlib
import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / "kurs-installert.txt"
LOCK = ROOT / "constraints.txt"
# uv resolves the lock for every platform and Python version at once (--universal);
# it is installed into its own .venv-lock, never into the course's environment.
LOCK_TOOL = "uv==0.13.9"
LOCK_VENV = ROOT / ".venv-lock"
NEWEST_VENV = ROOT / ".venv-nyeste"
# Platforms the lock is checked on: every locked package must have a ready-built wheel there.
LOCK_PLATFORMS = {
    "Linux (x86-64)": "x86_64-manylinux_2_28",
    "Windows (x86-64)": "x86_64-pc-windows-msvc",
    "macOS (Apple-brikke)": "aarch64-apple-darwin",
    "macOS (Intel)": "x86_64-apple-darwin",
}
USAGE = """Bruk: python kurs.py KOMMANDO  (på Windows: py kurs.py KOMMANDO)

    start            lag miljøet, hent dataene og åpne kurset i nettleseren
                     (--no-browser --port N: skriv ut adressen med nøkkel og vent)
    workshop --folder MAPPE [--lan] [--port N]
                     kjør kurset for en hel gruppe fra denne maskinen
    lab              åpne JupyterLab på kopier av kapitlene (med koden)
    bygg             bygg nettstedet
    test             lag miljøet, hent dataene og kjør alle testene
    test --nyeste    kjør testene med den nyeste utgaven av hver pakke (i .venv-nyeste)
    data             bruk tallene som følger med kurset igjen (eller hent dem fra
                     SSB-speilet i SSB_SPEIL, hvis den er satt)
    data --ssb       hent de nyeste tallene fra SSBs API
    data --fil FIL   bruk dine egne data (en CSV-fil; se data/README.md)
    utkast           skriv utkastet ditt (.md, .html, .docx); --mal FIL bruker fylkets Word-mal,
                     --lag-mal FIL skriver kursets nøytrale mal som du kan tilpasse
    lås              finn versjonene av alle pakkene på nytt og skriv constraints.txt
"""
MIRROR_ENV = "SSB_SPEIL"
SHIPPED = "de ekte tallene som følger med kurset (SSB og Kartverket, se data/snapshot/README.md)"
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
    wanted = installed_fingerprint()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    say("Lager Python-miljøet i .venv (første gang tar dette noen minutter)")
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[test,hub]", "-c", LOCK)
    settings = VENV / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(LAB_SETTINGS, indent=2))
    STAMP.write_text(wanted)


def installed_fingerprint() -> str:
    """What the environment was installed from: the pinned packages and the lock."""
    if not LOCK.exists():
        sys.exit(f"Fila {LOCK.name} mangler i kursmappen. Hent den fra kursets repositorium, "
                 "eller lag den med: python kurs.py lås")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(b"\0" + LOCK.read_bytes())
    return digest.hexdigest()


def venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def requirement_name(requirement: str) -> str:
    """'pandas==3.1.1' -> 'pandas', as pip writes it (lower case, '-' for '_' and '.')."""
    return re.split(r"[\s\[=<>!~;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")


def declared_requirements() -> list[str]:
    """The requirements in pyproject.toml: the course's and the test and hub extras'."""
    import tomllib  # Python 3.11, which environment() checks for first

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    return project["dependencies"] + extras["test"] + extras["hub"]


def locked_versions() -> dict[str, set[str]]:
    """Package -> its versions in the lock (more than one when they differ by
    platform or Python version, which an environment marker after ';' says)."""
    versions: dict[str, set[str]] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        pin = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        if pin:
            versions.setdefault(requirement_name(pin[1]), set()).add(pin[2])
    return versions


def lock() -> None:
    """Resolve pyproject.toml's packages (with the test and hub extras) again, for every
    platform and Python version at once, into constraints.txt; then check that
    every locked package has a ready-built wheel on each platform we name."""
    python = venv_python(LOCK_VENV)
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(LOCK_VENV)
    run(python, "-m", "pip", "install", "--quiet", LOCK_TOOL)
    compile_ = [python, "-m", "uv", "pip", "compile", "--quiet"]
    say(f"Finner versjonene av alle pakkene for alle plattformer og skriver {LOCK.name}")
    run(*compile_, "pyproject.toml", "--extra", "test", "--extra", "hub", "--universal", "--python-version", "3.11",
        "--custom-compile-command", "python kurs.py lås", "--output-file", LOCK.name)
    say("Sjekker at hver pakke finnes ferdig bygd (som hjul) for hver plattform")
    missing = 0
    for label, platform in LOCK_PLATFORMS.items():
        for version in ("3.11", "3.14"):
            result = subprocess.run([str(a) for a in (*compile_, LOCK.name, "--no-deps", "--only-binary", ":all:",
                                                       "--python-platform", platform, "--python-version", version)],
                                    cwd=ROOT, capture_output=True, text=True)
            lacking = sorted(set(re.findall(r"Because (\S+?)==\S+ has no usable wheels", result.stderr)))
            missing += result.returncode != 0
            verdict = ("alle pakkene har ferdige hjul" if result.returncode == 0 else
                       f"må bygge {', '.join(lacking)} selv (trenger en C-kompilator)" if lacking else
                       "feil: " + result.stderr.strip().splitlines()[-1])
            print(f"    {label}, Python {version}: {verdict}")
    say(f"{LOCK.name} er skrevet. Kjør testene (python kurs.py test) og legg fila i git."
        + (" Se over plattformene som mangler hjul." if missing else ""))


def newest_environment() -> Path:
    """.venv-nyeste: the newest release of every package, without the lock and
    the pins, to see what a future upgrade breaks. Returns its Python."""
    python = venv_python(NEWEST_VENV)
    say(f"Lager {NEWEST_VENV.name} med den nyeste utgaven av hver pakke (uten låsen)")
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(NEWEST_VENV)
    names = sorted({requirement_name(r) for r in declared_requirements()})
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", "--upgrade-strategy", "eager", *names)
    run(python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")
    listing = subprocess.run([str(python), "-m", "pip", "list", "--format=json"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    locked = locked_versions()
    changed = [f"    {p['name']}: {', '.join(sorted(locked[key]))} i låsen, {p['version']} nå"
               for p in json.loads(listing)
               if (key := requirement_name(p["name"])) in locked and p["version"] not in locked[key]]
    say(f"{len(changed)} pakker har en annen versjon enn i {LOCK.name}" + (":" if changed else "."))
    print("\n".join(changed))
    return python


def data(options: list[str], required: bool) -> None:
    """Import the real data: from the mirror folder if one is named, or as
    `options` say (passed on to exercises.data.data_import, e.g. --ssb, --fil PATH).

    A refused import keeps the data imported before; only `kurs.py data`
    (and CI) stops on it, `start` and `bygg` go on with the old data."""
    mirror = os.environ.get(MIRROR_ENV)
    if not options and not mirror:
        if IN_CI:
            sys.exit(f"CI krever virkelige data: sett {MIRROR_ENV} til mappen med SSB-filene.")
        if not required:
            say(f"Kurset bruker {numbers_in_use()}. Nyere tall fra SSB: python kurs.py data --ssb (krever internett).")
            return
    kept = kept_source()
    if not options and not required and not IN_CI and kept:
        say(f"Kurset bruker {kept}. Kjør «python kurs.py data» for å bruke SSB-speilet i stedet.")
        return
    say("Henter data" if options else f"Henter SSB-data fra {mirror}" if mirror else
        "Går tilbake til tallene som følger med kurset")
    try:
        run(PYTHON, "-m", "exercises.data.data_import", *(options or (["--speil", mirror] if mirror else [])))
    except subprocess.CalledProcessError:
        if required or IN_CI:
            raise
        say("Importen ble stoppet (se meldingen over). Kurset bruker dataene det hadde fra før.")


def numbers_in_use() -> str:
    """Which figures the chapters show, in words: a newer import in the cache, or the snapshot."""
    cache = Path(os.environ.get("KURSDATA") or ROOT / "data" / "cache")
    mirror_import = (cache / "ssb_11713.csv").is_file() and "tallene fra SSB-speilet (i data/cache)"
    return kept_source() or mirror_import or SHIPPED


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


def test(extra: list[str], python: Path = PYTHON) -> None:
    say("Kjører alle testene")
    result = subprocess.run([str(python), "-m", "pytest", *extra], cwd=ROOT)
    sys.exit(result.returncode)


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "start"
    if command not in {"start", "bygg", "test", "data", "utkast", "lås", "lab", "workshop"}:
        sys.exit(USAGE)
    if command == "lås":
        return lock()
    environment()
    if command == "utkast":
        sys.exit(subprocess.run([str(PYTHON), "-m", "exercises.reports.draft.files", *argv[1:]], cwd=ROOT).returncode)
    data(argv[1:] if command == "data" else [], required=command == "data")
    if command == "test":
        extra = [a for a in argv[1:] if a != "--nyeste"]
        test(extra, newest_environment() if "--nyeste" in argv[1:] else PYTHON)
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
