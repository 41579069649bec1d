"""Capacity of the course on JupyterHub: N users logging in at the same moment.

    .venv/bin/python benchmarks/hub.py              N = 30
    .venv/bin/python benchmarks/hub.py --n 5 --n 30 other numbers of users

The hub is the one the hub test runs (tests/hub_server.py): the course's own
configuration, hub/jupyterhub_config.py, with configurable-http-proxy from
hub/node_modules (npm ci in hub/), a shared test password and each user's
home in a temporary folder, on 127.0.0.1. With SSB_SPEIL set, the kernels use
the real data (imported into a temporary folder first), as in CI.

N simulated users (HTTP and websocket clients, not browsers) do at the same
moment what a learner's browser does:

1. log in on the hub's login page; the hub starts her own server (spawn);
   *time to spawn* is from the login until the hub sends her to her server;
2. open Velkommen (the hub's default page for her, after the OAuth login to
   her server): *time to a working Velkommen*, from the login until the page
   has run and its kernel answers the widget manager with the widgets' state;
3. leave it (the page tells the server, which ends the kernel) and open
   «Analysere», the course's heaviest chapter: *time to a working
   Analysere*, from the request until the page has run and a weight slider
   moved has changed the ranking (the kernel is idle again after it).

Printed: the median and 95th percentile of each, and memory per user (the
resident memory of each user's server with its kernels, «Analysere» open);
how many got through within 10 minutes, and where and why the others stopped.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import psutil
from tornado.httpclient import HTTPRequest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from hub_server import Hub, missing_tools  # noqa: E402
from live import Participant, p95  # noqa: E402

PAGE_TIMEOUT = 900  # s: 30 servers and kernels start at once on two cores
SESSION_LIMIT = 600  # s: a user who has not got through by then is counted as not through


class HubUser(Participant):
    """A learner's browser on the hub: its cookies by path, as a browser keeps them."""

    def __init__(self, hub: Hub, name: str):
        super().__init__(f"{hub.base}/user/{name}/", "", "")
        self.hub, self.name = hub, name
        self.jar: dict[tuple[str, str], str] = {}  # (name, path) -> value

    def _keep(self, response) -> None:
        for header in response.headers.get_list("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                key = (name, morsel["path"] or "/")
                if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                    self.jar.pop(key, None)
                else:
                    self.jar[key] = morsel.value

    def _cookies_for(self, path: str) -> dict[str, str]:
        chosen = {}
        for (name, where), value in sorted(self.jar.items(), key=lambda item: len(item[0][1])):
            if path.startswith(where):
                chosen[name] = value  # the longest matching path wins, as in a browser
        return chosen

    def _cookie_header(self, url: str | None = None) -> dict[str, str]:
        cookies = self._cookies_for(urlsplit(url or self.base).path)
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}

    async def get(self, url: str, method: str = "GET", body: str | None = None, follow: int = 10):
        """Fetch ``url`` as a browser does: cookies by path, redirects followed (``follow`` at most)."""
        for _ in range(follow + 1):
            response = await self.client.fetch(HTTPRequest(
                url, method=method, body=body, headers=self._cookie_header(url), follow_redirects=False,
                request_timeout=PAGE_TIMEOUT), raise_error=False)
            self._keep(response)
            if response.code in (301, 302, 303, 307) and follow:
                url, method, body = urljoin(url, response.headers["Location"]), "GET", None
                continue
            if response.code >= 400:
                raise RuntimeError(f"{self.name}: {response.code} for {url}")
            return response
        raise RuntimeError(f"{self.name}: too many redirects at {url}")

    async def login(self) -> None:
        await self.get(f"{self.hub.base}/hub/login", follow=0)
        xsrf = self._cookies_for("/hub/")["_xsrf"]
        response = await self.client.fetch(HTTPRequest(
            f"{self.hub.base}/hub/login", method="POST", follow_redirects=False,
            headers=self._cookie_header(f"{self.hub.base}/hub/login"),
            body=urlencode({"username": self.name, "password": self.hub.password, "_xsrf": xsrf})), raise_error=False)
        self._keep(response)
        if response.code != 302:
            raise RuntimeError(f"{self.name}: the login was refused ({response.code})")

    async def spawn(self) -> None:
        """Ask for her server and wait until the hub sends her to it."""
        response = await self.client.fetch(HTTPRequest(
            f"{self.hub.base}/hub/spawn", headers=self._cookie_header(f"{self.hub.base}/hub/spawn"),
            follow_redirects=False, request_timeout=PAGE_TIMEOUT), raise_error=False)
        self._keep(response)
        where = response.headers.get("Location", "")
        while "/spawn-pending/" in where:
            await asyncio.sleep(0.5)
            pending = urljoin(self.hub.base, where)
            response = await self.client.fetch(HTTPRequest(
                pending, headers=self._cookie_header(pending), follow_redirects=False,
                request_timeout=PAGE_TIMEOUT), raise_error=False)
            self._keep(response)
            if response.code == 200:
                continue  # still starting
            where = response.headers.get("Location", "")
        if f"/user/{self.name}/" not in where:
            raise RuntimeError(f"{self.name}: the server did not start ({response.code} {where})")

    async def open(self, chapter: str) -> None:
        response = await self.get(f"{self.base}voila/render/{chapter}.ipynb")
        html = response.body.decode()
        if "There was an error" in html or "Traceback" in html:
            raise RuntimeError(f"{self.name}: {chapter} failed")
        self.kernel = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">\s*(.*?)\s*'
                                           r'</script>', html, re.S)[1])["kernelId"]

    async def working(self) -> None:
        """The page's widget manager gets the widgets' state from the kernel."""
        ws = await self.connect()
        try:
            await self.request_states(ws)
        finally:
            ws.close()

    async def leave(self) -> None:
        """What the page does when she leaves it: ask the server to end its kernel."""
        url = f"{self.base}voila/api/shutdown/{self.kernel}"
        body = urlencode({"_xsrf": self._cookies_for(urlsplit(url).path)["_xsrf"]})
        response = await self.client.fetch(HTTPRequest(url, method="POST", body=body,
                                                       headers=self._cookie_header(url)), raise_error=False)
        if response.code != 204:
            raise RuntimeError(f"{self.name}: the kernel was not ended ({response.code})")

    async def session(self) -> dict[str, float]:
        start = time.monotonic()
        self.phase = "innlogging"
        await self.login()
        self.phase = "start av serveren"
        await self.spawn()
        spawned = time.monotonic() - start
        self.phase = "Velkommen"
        await self.open("velkommen")
        await self.working()
        welcome = time.monotonic() - start
        await self.leave()
        started = time.monotonic()
        self.phase = "Analysere"
        await self.open("analysere")
        _, changed = await self.update_widget()
        if not changed:
            raise RuntimeError(f"{self.name}: the ranking did not change")
        return {"spawn": spawned, "velkommen": welcome, "analysere": time.monotonic() - started}

    async def timed(self, limit: float) -> dict[str, float] | str:
        """Her session, or where it stopped and why (after ``limit`` seconds at most)."""
        try:
            return await asyncio.wait_for(self.session(), limit)
        except Exception as error:  # noqa: BLE001 - reported, with the others' figures
            return f"{self.name}: {self.phase}: {type(error).__name__} {error}"[:300]


def memory(hub: Hub) -> tuple[int, int, int]:
    """(users' servers, their resident memory, that of their kernels) in bytes."""
    servers = list(hub.user_servers().values())
    own = kernels = 0
    for server in servers:
        own += server.memory_info().rss
        kernels += sum(child.memory_info().rss for child in server.children(recursive=True))
    return len(servers), own, kernels


def real_data(folder: Path) -> dict[str, str]:
    mirror = os.environ.get("SSB_SPEIL")
    if not mirror:
        return {}
    from exercises.data.data_import import import_from_mirror

    import_from_mirror(Path(mirror), folder / "kursdata")
    return {"KURSDATA": str(folder / "kursdata")}


async def crowd(hub: Hub, names: list[str]) -> list[dict[str, float] | str]:
    users = [HubUser(hub, name) for name in names]  # their HTTP clients on this event loop
    return await asyncio.gather(*(user.timed(SESSION_LIMIT) for user in users))


def measure(n: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="kurs-hub-") as folder:
        names = [f"bruker{i:02d}" for i in range(1, n + 1)]
        hub = Hub(Path(folder) / "hub", {"gruppe-1": names}, real_data(Path(folder))).start()
        try:
            load = os.getloadavg()[0]
            outcomes = asyncio.run(crowd(hub, names))
            servers, own, kernels = memory(hub)
        finally:
            hub.stop()
    times = [o for o in outcomes if isinstance(o, dict)]
    result = {"n": n, "load": load, "servers": servers, "through": len(times),
              "failures": [o for o in outcomes if isinstance(o, str)],
              "server_mb": own / max(1, servers) / 2**20, "kernel_mb": kernels / max(1, servers) / 2**20}
    for phase in ("spawn", "velkommen", "analysere"):
        values = [t[phase] for t in times] or [float("nan")]
        result[phase] = (statistics.median(values), p95(values))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append")
    args = parser.parse_args()
    if missing_tools():
        sys.exit("Mangler " + " og ".join(missing_tools()))
    print(f"Maskin: {os.cpu_count()} kjerner, {psutil.virtual_memory().total / 2**30:.0f} GiB minne; "
          f"data: {'SSB (SSB_SPEIL)' if os.environ.get('SSB_SPEIL') else 'det kurset har i data/cache, ellers Fjordland'}",
          flush=True)
    print(f"{'N':>3} {'last før':>8} {'start av server':>18} {'Velkommen virker':>18} {'Analysere virker':>18} "
          f"{'minne/bruker':>13} {'(server + kjerne)':>18}", flush=True)
    print(f"{'':>3} {'(1 min)':>8} {'median / p95':>18} {'median / p95':>18} {'median / p95':>18}", flush=True)
    for n in args.n or [30]:
        r = measure(n)
        cells = [f"{r[p][0]:6.1f} s / {r[p][1]:5.1f} s" for p in ("spawn", "velkommen", "analysere")]
        print(f"{n:>3} {r['load']:>8.1f} {cells[0]:>18} {cells[1]:>18} {cells[2]:>18} "
              f"{r['server_mb'] + r['kernel_mb']:>10.0f} MB {r['server_mb']:>8.0f} + {r['kernel_mb']:.0f} MB"
              f"   ({r['through']} av {n} kom gjennom)", flush=True)
        for failure in r["failures"]:
            print(f"    ikke gjennom: {failure}", flush=True)


if __name__ == "__main__":
    main()
