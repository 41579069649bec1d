"""Start and stop a real JupyterHub with the course's configuration
(hub/jupyterhub_config.py, through tests/hub/jupyterhub_test_config.py) on
127.0.0.1, for the hub test (tests/hub/test_hub.py) and the hub benchmark
(benchmarks/hub.py); logging in as a user in Chromium."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
from live_server import free_port

from exercises.live import build

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "hub" / "jupyterhub_config.py"
TEST_CONFIG = ROOT / "tests" / "hub" / "jupyterhub_test_config.py"
PROXY = ROOT / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
TEACHERS = "teacher"
SERVICE = "laerer"
WORKBOOK = Path("arbeidsbok") / "arbeidsbok.json"  # in each user's home (hub/jupyterhub_config.py)


def missing_tools() -> list[str]:
    if PROXY.exists():
        return []
    return ["JupyterHubs mellomtjener configurable-http-proxy (kjør «npm ci» i mappen hub)"]


class Hub:
    """``jupyterhub`` with the test's configuration, its database, homes and
    cookie secret in ``folder`` (kept over a restart: :meth:`stop`, then
    :meth:`start` again). ``groups``: hub group -> its users."""

    def __init__(self, folder: Path, groups: dict[str, list[str]], env: dict[str, str] | None = None):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.groups = groups
        self.password = secrets.token_urlsafe(12)
        self.ports = {name: free_port() for name in ("hub", "api", "proxy_api", "service")}
        self.base = f"http://127.0.0.1:{self.ports['hub']}"
        self.extra_env = dict(env or {})
        self.proc: subprocess.Popen | None = None
        self.lines: list[str] = []

    def home(self, user: str) -> Path:
        return self.folder / "hjem" / user

    def workbook(self, user: str) -> Path:
        return self.home(user) / WORKBOOK

    def env(self) -> dict[str, str]:
        environ = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTERHUB_")}
        environ.update({
            "KURS_HUB_KONFIG": str(CONFIG), "KURS_HUB_MAPPE": str(self.folder),
            "KURS_HUB_PORTER": json.dumps(self.ports),
            "KURS_HUB_PASSORD": self.password, "KURS_HUB_GRUPPER": json.dumps(self.groups),
            # read by hub/jupyterhub_config.py itself: the course is this folder, its Python this one
            "KURS_MAPPE": str(ROOT), "KURS_PYTHON": sys.executable,
            "KURS_HJEM": str(self.folder / "hjem" / "{username}"), "KURS_LAERER_PORT": str(self.ports["service"]),
        })
        environ.update(self.extra_env)
        return environ

    def start(self, timeout: float = 120) -> Hub:
        """Start the hub; the live course is built first if it is not, as
        the administrator does when the course is installed."""
        build.build()
        self.lines = []
        jupyterhub = Path(sys.executable).with_name("jupyterhub")
        self.proc = subprocess.Popen([str(jupyterhub), "-f", str(TEST_CONFIG)], cwd=self.folder, env=self.env(),
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._drain, args=(self.proc,), daemon=True).start()
        deadline = time.monotonic() + timeout
        while not any("JupyterHub is now running" in line for line in self.lines):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("Huben startet ikke:\n" + "".join(self.lines[-80:]))
            time.sleep(0.2)
        return self

    def _drain(self, proc):
        for line in proc.stdout:
            self.lines.append(line)

    def processes(self) -> list[psutil.Process]:
        """The hub's own processes: the proxy, the teacher's view, the users' servers and their kernels."""
        try:
            return psutil.Process(self.proc.pid).children(recursive=True)
        except (psutil.NoSuchProcess, AttributeError):
            return []

    def user_servers(self) -> dict[str, psutil.Process]:
        """User name -> her running server (jupyterhub-singleuser)."""
        found = {}
        for process in self.processes():
            try:
                if "jupyterhub-singleuser" in " ".join(process.cmdline()):
                    found[process.environ().get("JUPYTERHUB_USER", "?")] = process
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return found

    def stop(self, patience: float = 90) -> int:
        """SIGTERM, as a service manager stops it: the hub stops the users'
        servers, the teacher's view and the proxy, then ends. The exit code;
        anything of it still running after ``patience`` seconds is killed
        (the code is then negative)."""
        if self.proc is None:
            return 0
        children = self.processes()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(patience)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        gone, alive = psutil.wait_procs(children, timeout=30)
        for process in alive:
            process.kill()
        self.left_running = [p.pid for p in alive]
        return self.proc.returncode

    def login(self, context, user: str, next_url: str = ""):
        """A page in ``context`` logged in as ``user`` through the hub's login
        form; it is where the hub sends her (``next_url`` or her own server)."""
        page = context.new_page()
        page.goto(f"{self.base}/hub/login" + (f"?next={next_url}" if next_url else ""))
        page.fill("#username_input", user)
        page.fill("#password_input", self.password)
        page.click("#login_submit")
        return page
