"""Start and stop the live course's server (exercises.live.server) for the
browser tests in test_live.py and test_workshop_server.py; what they and the
hub test (tests/hub/test_hub.py) share: waiting for a chapter, the group
summary computed by hand."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Voilà draws each cell output into .jp-OutputArea-output (and removes the
# JSON it came in). Widgets are drawn asynchronously: an output stays empty
# until its widget is drawn. A failed cell shows Voilà's error text.
WIDGETS = """() => {
  const outputs = [...document.querySelectorAll('#rendered_cells .jp-OutputArea-output')];
  const empty = outputs.filter((o) => o.children.length === 0 && !o.textContent.trim()
    && !o.classList.contains('jp-RenderedHTMLCommon')).length;  // an empty HTML output is just empty
  const drawn = outputs.filter((o) => o.querySelector('.jupyter-widgets')).length;
  // a widget's output says «Loading widget...» until the widget is drawn
  const pending = outputs.filter((o) => o.classList.contains('lm-Panel') && !o.querySelector('.jupyter-widgets')).length;
  const text = document.body.innerText;
  const errors = ['Traceback', 'There was an error', 'Error:'].filter((t) => text.includes(t));
  const broken = [...document.querySelectorAll('.jupyter-widgets-error-widget')].map((e) => e.textContent.trim());
  return {outputs: outputs.length, empty, pending, drawn, errors, broken};
}"""
READY = "() => { const r = document.getElementById('rendered_cells'); return r && r.offsetParent !== null; }"
# Settled: shown, every output drawn (none empty, no widget still loading),
# and nothing inside the chapter has changed (a MutationObserver sees every
# node, attribute and text change) for ``quiet`` ms.
SETTLED = f"""(quiet) => {{
  const root = document.getElementById('rendered_cells');
  if (!root || root.offsetParent === null) return false;
  if (window.__kursChanged === undefined) {{
    window.__kursChanged = performance.now();
    new MutationObserver(() => {{ window.__kursChanged = performance.now(); }})
      .observe(root, {{childList: true, subtree: true, attributes: true, characterData: true}});
  }}
  const status = ({WIDGETS})();
  return status.empty === 0 && status.pending === 0 && performance.now() - window.__kursChanged >= quiet;
}}"""


# The page around the chapter: the chapter inside <main>, where the skip link
# lands, before «Forrige/Neste» in reading (and Tab) order; no scrolling area
# of its own between the chapter and the page; no English from Voilà or docutils.
PAGE = """() => {
  const main = document.querySelector('main');
  const cells = document.getElementById('rendered_cells');
  const skip = document.querySelector('a.kurs-hopp');
  const previous = document.querySelector('.kurs-forrige-neste a');
  const scrollers = [];
  // (up to <body>, whose overflow is the window's own scrolling)
  for (let a = cells && cells.parentElement; a && a !== document.body; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (['auto', 'scroll', 'hidden'].includes(s.overflowY)) scrollers.push(a.id || a.className || a.tagName);
  }
  if (cells && ['auto', 'scroll'].includes(getComputedStyle(cells).overflowY)) scrollers.push('rendered_cells');
  const english = ['Note', 'Tip', 'Warning', 'Running', 'Loading widget', 'Executing', 'Reading']
    .filter((word) => new RegExp('\\b' + word + '\\b').test(document.body.innerText));
  return {
    inMain: !!(main && cells && main.contains(cells)),
    skipLandsOnMain: !!(skip && main && skip.getAttribute('href') === '#' + main.id),
    beforeNavigation: !!(main && previous && (main.compareDocumentPosition(previous) & Node.DOCUMENT_POSITION_FOLLOWING)),
    scrollers, english,
  };
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """``python -m exercises.live.server`` on a free port; its printed lines
    are kept in ``lines``."""

    def __init__(self, env: dict[str, str], args: list[str] = (), timeout: float = 60):
        self.port = free_port()
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-u", "-X", "faulthandler", "-m", "exercises.live.server", "--no-browser", f"--port={self.port}", *args],
            cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._drain, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.port}/"
        deadline = time.monotonic() + timeout
        while not any("Voilà is running" in line for line in self.lines):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("Serveren startet ikke:\n" + "".join(self.lines))
            time.sleep(0.2)

    def _drain(self):
        for line in self.proc.stdout:
            self.lines.append(line)

    def printed(self, pattern: str) -> str:
        for line in self.lines:
            if (found := re.search(pattern, line)):
                return found[1]
        raise AssertionError(f"{pattern!r} ikke skrevet ut:\n" + "".join(self.lines))

    @property
    def token(self) -> str:
        return self.printed(r"token=([A-Za-z0-9_-]+)")

    def stop(self, patience: float = 90) -> int:
        """Ctrl+C, as a person would; the exit code. If the server has not
        stopped its kernels and ended after ``patience`` seconds, it is made
        to print every thread's stack (faulthandler, on SIGABRT) into
        ``lines`` and then killed: the exit code is then negative. How long
        it took is kept in ``stop_seconds``."""
        started = time.monotonic()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(patience)
            except subprocess.TimeoutExpired:
                self.proc.send_signal(signal.SIGABRT)
                try:
                    self.proc.wait(10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
                time.sleep(0.5)  # let the reader thread take the last lines
        self.stop_seconds = time.monotonic() - started
        return self.proc.returncode


def kernel_id(page) -> str:
    return json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]


def wait_until_ready(page, timeout: float = 90_000, quiet: float = 300) -> dict:
    """Until the chapter is shown and settled (SETTLED: every widget drawn,
    nothing changed for ``quiet`` ms); at most 30 s after it is shown. Returns
    the status (WIDGETS), which says what was left if it did not settle."""
    from playwright.sync_api import TimeoutError as Timeout

    page.wait_for_function(READY, timeout=timeout)
    try:
        page.wait_for_function(SETTLED, arg=quiet, polling=100, timeout=30_000)
    except Timeout:
        pass  # the status returned shows what is missing
    return page.evaluate(WIDGETS)


# Sent from the page itself (so with its login cookie): a kernel_info_request,
# which must be answered (the channel works), then an execute_request that
# writes a file, which must be dropped, then a second kernel_info_request. The
# kernel answers its shell messages in order, so once the second answer is
# back, an execute_request that had reached it would have been answered (and
# its file written) already; a further 0.5 s lets its iopub messages arrive.
# Returns what came back.
RAW_EXECUTE = """async ([kernel, code]) => {
  const url = location.origin.replace('http', 'ws') + '/api/kernels/' + kernel + '/channels?session_id=test';
  const ws = new WebSocket(url);
  const replies = [];
  let answered = 0, wake = () => {};
  ws.onmessage = (e) => {
    try {
      const m = JSON.parse(e.data);
      replies.push(m.header.msg_type);
      if (m.header.msg_type === 'kernel_info_reply') { answered += 1; wake(); }
    } catch (err) { replies.push('binary'); }
  };
  const answers = (n) => Promise.race([new Promise((ok) => { wake = () => { if (answered >= n) ok(); }; wake(); }),
                                       new Promise((ok) => setTimeout(ok, 20000))]);
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
  const msg = (type, content) => JSON.stringify({channel: 'shell', header: {msg_id: type + Math.random(), username: 'x',
    session: 'test', msg_type: type, version: '5.3', date: new Date().toISOString()}, parent_header: {}, metadata: {},
    content: content, buffers: []});
  ws.send(msg('kernel_info_request', {}));
  await answers(1);
  ws.send(msg('execute_request', {code: code, silent: false, store_history: false, user_expressions: {},
    allow_stdin: false, stop_on_error: true}));
  ws.send(msg('kernel_info_request', {}));
  await answers(2);
  await new Promise((ok) => setTimeout(ok, 500));
  ws.close();
  return replies;
}"""


def status_of(url: str) -> tuple[int, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        response = urllib.request.build_opener(NoRedirect).open(url, timeout=30)
        return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


SAVED_OR_STALE = ("() => document.body.innerText.includes('Rangeringen for')"
                  " || !!document.querySelector('.kurs-ikke-lagret')")


def save_ranking(page, url: str, presses: int, own: str, timeout: float = 30_000) -> None:
    """Open «Analysere» from the table of contents (landing on ``url``, a
    pattern), weigh a criterion, mark a strength, save (waiting ``timeout`` ms
    for the check); the saved line names the learner's own workbook (``own``
    is in its path)."""
    from browser_tools import QUIET  # (not at the top: benchmarks/live.py uses this module without pytest)

    page.get_by_text("Innhold", exact=True).click()
    page.click("nav[aria-label='Kapitler'] a[href*='analysere']")
    page.wait_for_url(url)
    wait_until_ready(page)
    handles = page.locator(".noUi-handle")
    for index in range(min(3, handles.count())):
        handles.nth(index).focus()
        for _ in range((presses + index) % 4):
            page.keyboard.press("ArrowRight")
    page.get_by_label("Styrker").get_by_role("checkbox").nth(presses).check()  # one more strength
    wait_until_ready(page)  # the table has taken the new weights, as a learner sees before saving
    for _ in range(3):
        page.get_by_role("button", name="Sjekk og lagre").first.click()
        page.wait_for_function(SAVED_OR_STALE, timeout=timeout)
        page.evaluate(QUIET, 1500)
        saved = [line for line in page.inner_text("body").splitlines() if "Rangeringen for" in line]
        if saved:
            break
        # on a busy machine a slider's last update can reach the kernel after the save and
        # replace the saved line («Du har endret noe etter at du lagret»): save again, as the page asks
    assert saved and all(own in line for line in saved), saved  # saved in the participant's own workbook


def by_hand(rankings: list[dict[str, int]]):
    """Borda points (m − place, summed), mean place, Kendall's W without ties."""
    names = sorted(set.intersection(*(set(r) for r in rankings)))
    n, m = len(rankings), len(names)
    borda = {name: sum(m - r[name] for r in rankings) for name in names}
    mean = {name: sum(r[name] for r in rankings) / n for name in names}
    sums = {name: sum(r[name] for r in rankings) for name in names}
    s = sum((sums[name] - n * (m + 1) / 2) ** 2 for name in names)
    return borda, mean, 12 * s / (n ** 2 * (m ** 3 - m))


def comma(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")
