"""Capacity of the live course in workshop mode: N participants at once.

    .venv/bin/python benchmarks/live.py                 N = 1, 10 and 30
    .venv/bin/python benchmarks/live.py --n 5 --n 12    other group sizes
    .venv/bin/python benchmarks/live.py --uten-forvarming   no preheated kernels

For each N a workshop server is started as ``kurs.py workshop`` starts it
(its folder in a temporary directory) with Voilà's preheated kernels for the
chapter (``--forvarm N``: a pool of N kernels that have imported the course
and loaded the data, waiting for the request). When the pool is full, N
simulated participants (kernel websocket clients, not browsers) do at the
same moment what a browser does:

1. join with the workshop code (own participant key and workbook),
2. request the chapter (default «Analysere»); the page is interactive when
   Voilà has sent the whole page, i.e. every cell has run in the kernel,
3. connect to the kernel's websocket as the page's widget manager does,
   ask for the widgets' state, and move the first weight slider: the time
   for a widget update is from the message until the kernel is idle again
   after it (the ranking has been recomputed and sent back).

Printed: time to an interactive page and time for a widget update (median
and 95th percentile), and memory per participant (the resident memory of
every kernel process the server runs, divided by N; with preheating that
includes the pool Voilà refills at once, so also per kernel). Each participant also
checks that the update changed the ranking (the kernel sent new state).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from live_server import LiveServer  # noqa: E402


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered) + 0.5) - 1))]


class Participant:
    def __init__(self, base: str, code: str, chapter: str):
        self.base, self.code, self.chapter = base, code, chapter
        self.cookies: dict[str, str] = {}
        self.client = AsyncHTTPClient(force_instance=True, max_clients=4)

    def _keep(self, response) -> None:
        for header in response.headers.get_list("Set-Cookie"):
            cookie = SimpleCookie(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    async def join(self) -> None:
        response = await self.client.fetch(HTTPRequest(self.base, method="POST", body=urlencode({"kode": self.code}),
                                                       follow_redirects=False), raise_error=False)
        self._keep(response)
        self.key = re.search(r"deltaker=([A-Za-z0-9_-]+)", response.headers["Location"])[1]

    async def open_page(self) -> float:
        start = time.monotonic()
        url = f"{self.base}voila/render/{self.chapter}.ipynb?deltaker={self.key}"
        response = await self.client.fetch(HTTPRequest(url, headers=self._cookie_header(), request_timeout=300))
        self._keep(response)
        html = response.body.decode()
        self.kernel = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">\s*(.*?)\s*</script>',
                                           html, re.S)[1])["kernelId"]
        if "There was an error" in html or "Traceback" in html:
            raise RuntimeError("kapitlet feilet")
        return time.monotonic() - start

    def _msg(self, msg_type: str, content: dict, channel: str = "shell", metadata: dict | None = None) -> dict:
        return {"channel": channel, "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "",
                                               "session": self.session, "version": "5.3",
                                               "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
                "parent_header": {}, "metadata": metadata or {}, "content": content, "buffers": []}

    async def connect(self):
        """The kernel's websocket, as the page's widget manager opens it."""
        self.session = uuid.uuid4().hex
        ws_url = self.base.replace("http", "ws") + f"api/kernels/{self.kernel}/channels?session_id={self.session}"
        return await websocket_connect(HTTPRequest(ws_url, headers=self._cookie_header()))

    async def request_states(self, ws) -> dict:
        """The widget manager's first steps: open the control comm, ask for every widget's state."""
        control = uuid.uuid4().hex
        await ws.write_message(json.dumps(self._msg("comm_open", {
            "comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
            metadata={"version": "1.0.0"})))
        await ws.write_message(json.dumps(self._msg("comm_msg", {
            "comm_id": control, "data": {"method": "request_states"}})))
        while True:
            raw = await ws.read_message()
            if raw is None:
                raise RuntimeError("kjernen lukket forbindelsen")
            if not isinstance(raw, str):
                continue  # a binary frame (widget buffers): not the states' JSON
            message = json.loads(raw)
            data = message.get("content", {}).get("data", {})
            if message["header"]["msg_type"] == "comm_msg" and data.get("method") == "update_states":
                return data["states"]

    async def update_widget(self) -> tuple[float, bool]:
        ws = await self.connect()
        try:
            states = await self.request_states(ws)
            slider = next(model for model, state in states.items()
                          if state["model_name"] == "IntSliderModel" and state["state"].get("max", 0) > 1)
            value = states[slider]["state"]["value"]
            update = self._msg("comm_msg", {"comm_id": slider, "data": {
                "method": "update", "state": {"value": value + 2}, "buffer_paths": []}})
            start = time.monotonic()
            await ws.write_message(json.dumps(update))
            changed = False
            while True:
                raw = await ws.read_message()
                if not isinstance(raw, str):
                    continue
                message = json.loads(raw)
                if message["parent_header"].get("msg_id") != update["header"]["msg_id"]:
                    continue
                kind = message["header"]["msg_type"]
                if kind == "comm_msg" and message["content"]["comm_id"] != slider:
                    changed = True
                if kind == "status" and message["content"]["execution_state"] == "idle":
                    return time.monotonic() - start, changed
        finally:
            ws.close()


def kernel_memory(server_pid: int) -> tuple[int, int]:
    """(number of kernel processes, their resident memory in bytes)."""
    kernels = [p for p in psutil.Process(server_pid).children(recursive=True)
               if "ipykernel" in " ".join(p.cmdline())]
    return len(kernels), sum(p.memory_info().rss for p in kernels)


WARMED_CPU_S = 1.5  # a kernel that has imported the course and loaded the data has used more CPU time


def _cpu_seconds(p: psutil.Process) -> float:
    try:
        return sum(p.cpu_times()[:2])
    except psutil.NoSuchProcess:
        return 0.0


def _cpu_percent(p: psutil.Process) -> float:
    try:
        return p.cpu_percent(interval=None)
    except psutil.NoSuchProcess:
        return 0.0


def wait_for_pool(server: LiveServer, size: int, timeout: float = 900) -> float:
    """Until the pool's kernels have started and gone quiet (each has run the
    chapter up to the point where it waits for its request)."""
    start, quiet, seen = time.monotonic(), 0, {}
    while time.monotonic() - start < timeout:
        for p in psutil.Process(server.proc.pid).children(recursive=True):
            try:
                if p.pid not in seen and "ipykernel" in " ".join(p.cmdline()):
                    seen[p.pid] = p
                    p.cpu_percent(interval=None)  # the first call only starts the count
            except psutil.NoSuchProcess:  # a kernel that ended between the listing and the look
                continue
        kernels = [p for p in seen.values() if p.is_running()]
        warmed = [p for p in kernels if _cpu_seconds(p) > WARMED_CPU_S]
        if len(warmed) >= size:
            busy = sum(_cpu_percent(p) for p in kernels)
            quiet = quiet + 1 if busy < 5 else 0
            if quiet >= 3:
                return time.monotonic() - start
        time.sleep(1)
    raise RuntimeError("kjernene ble ikke klare")


async def run_group(base: str, code: str, chapter: str, n: int):
    people = [Participant(base, code, chapter) for _ in range(n)]
    await asyncio.gather(*(p.join() for p in people))
    pages = await asyncio.gather(*(p.open_page() for p in people))
    updates = await asyncio.gather(*(p.update_widget() for p in people))
    return people, pages, updates


def measure(n: int, chapter: str, preheat: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="kurs-kapasitet-") as folder:
        args = ["--folder", folder] + (["--forvarm", str(n), "--forvarm-kapittel", chapter] if preheat else [])
        server = LiveServer({}, args, timeout=120)
        try:
            code = server.printed(r"Workshopkode:\s+(\S+)")
            ready = wait_for_pool(server, n) if preheat else 0.0
            idle_kernels, idle_memory = kernel_memory(server.proc.pid)
            people, pages, updates = asyncio.run(run_group(server.base, code, chapter, n))
            kernels, memory = kernel_memory(server.proc.pid)
            workbooks = len(list(Path(folder).glob("*.json")))
        finally:
            server.stop()
    times = [t for t, _ in updates]
    return {"n": n, "pool_ready_s": ready, "page_median": statistics.median(pages), "page_p95": p95(pages),
            "update_median": statistics.median(times), "update_p95": p95(times),
            "changed": sum(c for _, c in updates), "kernels": kernels,
            "memory_per_participant_mb": memory / max(1, n) / 2**20, "memory_per_kernel_mb": memory / max(1, kernels) / 2**20, "idle_kernels": idle_kernels,
            "workbooks": workbooks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append")
    parser.add_argument("--kapittel", default="analysere")
    parser.add_argument("--uten-forvarming", action="store_true")
    args = parser.parse_args()
    sizes = args.n or [1, 10, 30]
    print(f"Kapittel: {args.kapittel}; forvarmede kjerner: {'nei' if args.uten_forvarming else 'ja'}; "
          f"maskin: {os.cpu_count()} kjerner, {psutil.virtual_memory().total / 2**30:.0f} GiB minne", flush=True)
    print(f"{'N':>3} {'klar (s)':>9} {'side median':>12} {'side p95':>9} {'oppdat. median':>15} {'oppdat. p95':>12} "
          f"{'endret':>7} {'minne/deltaker':>15} {'kjerner':>8} {'minne/kjerne':>13}", flush=True)
    for n in sizes:
        r = measure(n, args.kapittel, not args.uten_forvarming)
        print(f"{r['n']:>3} {r['pool_ready_s']:>9.1f} {r['page_median']:>11.2f}s {r['page_p95']:>8.2f}s "
              f"{r['update_median'] * 1000:>13.0f}ms {r['update_p95'] * 1000:>10.0f}ms {r['changed']:>4}/{n:<2} "
              f"{r['memory_per_participant_mb']:>12.0f} MB {r['kernels']:>8} {r['memory_per_kernel_mb']:>10.0f} MB",
              flush=True)


if __name__ == "__main__":
    main()
