"""Serve the live course with Voilà: self-study and workshop mode.

Standalone Voilà (``voila.app.Voila``), not the jupyter-server extension: the
extension would also serve /api/contents and /api/kernels (run any code) to
whoever holds the token. Standalone Voilà serves only the rendered pages, the
widgets' websocket and static files, and its kernel websocket lets through
only widget messages (comm_*, kernel_info, shutdown): an ``execute_request``
from the page is dropped. This subclass adds:

- a token (random, printed with the address) and 127.0.0.1 unless told otherwise,
- "/" goes to the first chapter; Voilà's file tree and contents API are removed,
- in workshop mode (``--folder``): a join page (workshop code) that gives each
  participant a random key in a signed cookie; the chapter pages refuse a key
  that is not the visitor's own; the kernel works on ``<folder>/<key>.json``
  (see :mod:`exercises.live.kernel`); a teacher page behind a teacher code
  shows the group summary from :mod:`exercises.models.workshop`.

    python -m exercises.live.server [--port N] [--no-browser] [--folder DIR] [--lan]
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import secrets
import signal
import socket
import sys
import time
import webbrowser
from pathlib import Path

import tornado.ioloop
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.login import LoginFormHandler
from jupyter_server.base.handlers import JupyterHandler
from tornado import web
from traitlets.config import Config

from exercises.live import build, kernel, teacher_page, voila_settings
from exercises.live.teacher_page import page as _page
from exercises.models import workshop as group

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
FIRST = "velkommen"
PARTICIPANT_COOKIE = "kurs_deltaker"
TEACHER_COOKIE = "kurs_laerer"
WORKSHOP_PORT = 8866
STATE_FILE = ".verksted-server.cfg"  # not *.json: the group summary reads *.json


# -- workshop state --------------------------------------------------------------
class Workshop:
    """The workshop's folder and codes, kept in the folder over restarts."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        self.folder.mkdir(parents=True, exist_ok=True)
        state_path = self.folder / STATE_FILE
        try:
            state = json.loads(state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {
                "code": "".join(secrets.choice(CODE_ALPHABET) for _ in range(6)),
                "teacher_code": secrets.token_urlsafe(9),
                "cookie_secret": secrets.token_hex(32),
            }
            state_path.write_text(json.dumps(state), encoding="utf-8")
            if os.name != "nt":
                state_path.chmod(0o600)
        self.code: str = state["code"]
        self.teacher_code: str = state["teacher_code"]
        self.cookie_secret: bytes = state["cookie_secret"].encode()
        self.failures: dict[str, list[float]] = {}

    def too_many(self, ip: str) -> bool:
        """At most 10 wrong codes per minute from one address."""
        now = time.monotonic()
        recent = [t for t in self.failures.get(ip, []) if now - t < 60]
        self.failures[ip] = recent
        return len(recent) >= 10

    def failed(self, ip: str) -> None:
        self.failures.setdefault(ip, []).append(time.monotonic())


def _same(a: str, b: str) -> bool:
    return secrets.compare_digest(a.strip().upper().encode(), b.strip().upper().encode())


# -- handlers ---------------------------------------------------------------------
class NorwegianLogin(LoginFormHandler):
    """The token page in bokmål (Voilà's is jupyter-server's English form)."""

    def _render(self, message=None):
        error = ('<p class="feil" role="alert">Feil nøkkel. Bruk lenken som ble skrevet ut da kurset startet, '
                 'eller lim inn nøkkelen på nytt.</p>') if message else ""
        next_url = html.escape(self.get_argument("next", default=self.base_url), quote=True)
        self.write(_page("Logg inn", f"""<h1>Kurset i smart spesialisering</h1>{error}
<p>Siden krever nøkkelen (token) som ble skrevet ut da kurset startet. Åpne lenken derfra, eller lim inn nøkkelen her.</p>
<form method="post" action="?next={next_url}"><input type="hidden" name="_xsrf" value="{self.xsrf_token.decode()}">
<label for="password">Nøkkel</label><input id="password" name="password" type="password" autocomplete="off">
<button type="submit">Logg inn</button></form>"""))


class StartHandler(JupyterHandler):
    """"/" in self-study: the first chapter."""

    @web.authenticated
    def get(self):
        self.redirect(f"{self.base_url}voila/render/{FIRST}.ipynb")


class JoinHandler(JupyterHandler):
    """"/" in workshop mode: type the workshop code (or follow the QR code,
    which carries it), get a participant key in a signed cookie."""

    workshop: Workshop

    def initialize(self, workshop: Workshop):
        self.workshop = workshop

    def check_xsrf_cookie(self):  # the form carries the workshop code, no session yet
        return

    @allow_unauthenticated
    def get(self):
        code = self.get_argument("kode", "")
        if code:
            return self._join(code)
        key = self.get_signed_cookie(PARTICIPANT_COOKIE, max_age_days=60)
        if key and kernel.KEY_PATTERN.fullmatch(key.decode()):
            self._login()  # e.g. after the server was restarted
            return self._enter(key.decode())
        self._form()

    @allow_unauthenticated
    def post(self):
        self._join(self.get_argument("kode", ""))

    def _form(self, error: str = "", status: int = 200):
        self.set_status(status)
        message = f'<p class="feil" role="alert">{html.escape(error)}</p>' if error else ""
        self.finish(_page("Bli med i workshopen", f"""<h1>Bli med i workshopen</h1>{message}
<p>Skriv inn workshopkoden som kursholderen viser. Du får en egen arbeidsbok på kursholderens maskin;
ingen andre deltakere kan se den. Du trenger ikke installere noe.</p>
<form method="post"><label for="kode">Workshopkode</label>
<input id="kode" name="kode" autocomplete="off" autocapitalize="characters" required>
<button type="submit">Bli med</button></form>"""))

    def _join(self, code: str):
        ip = self.request.remote_ip or ""
        if self.workshop.too_many(ip):
            return self._form("For mange feil forsøk. Vent ett minutt og prøv igjen.", 429)
        if not _same(code, self.workshop.code):
            self.workshop.failed(ip)
            return self._form("Feil workshopkode. Sjekk koden hos kursholderen og prøv igjen.", 403)
        old = self.get_signed_cookie(PARTICIPANT_COOKIE, max_age_days=60)
        key = old.decode() if old and kernel.KEY_PATTERN.fullmatch(old.decode()) else secrets.token_urlsafe(24)
        self.set_signed_cookie(PARTICIPANT_COOKIE, key, expires_days=60, httponly=True, samesite="Lax")
        self._login()
        self._enter(key)

    def _login(self):
        """Log in to Voilà too: its pages and the kernel websocket need a login."""
        provider = self.identity_provider
        provider.set_login_cookie(self, provider.generate_anonymous_user(self))

    def _enter(self, key: str):
        self.redirect(f"{self.base_url}voila/render/{FIRST}.ipynb?{kernel.KEY_PARAMETER}={key}")


class TeacherHandler(JupyterHandler):
    """The group summary, behind the teacher code."""

    def initialize(self, workshop: Workshop):
        self.workshop = workshop

    def _is_teacher(self) -> bool:
        value = self.get_signed_cookie(TEACHER_COOKIE, max_age_days=2)
        return bool(value) and value.decode() == "ja"

    @allow_unauthenticated
    def get(self, kind: str | None = ""):
        if not self._is_teacher():
            return self._form()
        summary = group.summarise(group.load_group(self.workshop.folder))
        if kind:
            return teacher_page.send_download(self, summary, kind)
        self.finish(teacher_page.summary_page(summary, f"{self.base_url}laerer"))

    @allow_unauthenticated
    def post(self, kind: str | None = ""):
        ip = self.request.remote_ip or ""
        if self.workshop.too_many(ip):
            return self._form("For mange feil forsøk. Vent ett minutt og prøv igjen.", 429)
        if not _same(self.get_argument("kode", ""), self.workshop.teacher_code):
            self.workshop.failed(ip)
            return self._form("Feil lærerkode.", 403)
        self.set_signed_cookie(TEACHER_COOKIE, "ja", expires_days=1, httponly=True, samesite="Strict")
        self.redirect(f"{self.base_url}laerer")

    def _form(self, error: str = "", status: int = 200):
        self.set_status(status)
        message = f'<p class="feil" role="alert">{html.escape(error)}</p>' if error else ""
        self.finish(_page("Lærersiden", f"""<h1>Lærersiden</h1>{message}
<p>Skriv inn lærerkoden som ble skrevet ut da workshopen startet.</p>
<form method="post" action="{self.base_url}laerer">{self.xsrf_form_html()}<label for="kode">Lærerkode</label>
<input id="kode" name="kode" type="password" autocomplete="off" required>
<button type="submit">Vis gruppa</button></form>"""))


def _checked_render_handler(base):
    """Voilà's page handler, refusing a participant key that is not the visitor's own."""

    class CheckedVoilaHandler(base):
        async def get(self, path=None):
            # Voilà ends the page's kernel on unload with a POST that carries the
            # _xsrf cookie; a page opened with a token has none, so the POST was
            # refused and the kernel left running. Reading the token sets it.
            self.xsrf_token  # noqa: B018
            if self.settings.get("kurs_workshop") is not None:
                own = self.get_signed_cookie(PARTICIPANT_COOKIE, max_age_days=60)
                asked = self.get_argument(kernel.KEY_PARAMETER, "")
                if not own or not secrets.compare_digest(own, asked.encode()):
                    self.set_status(403)
                    return self.finish(_page("Ikke tilgang", "<h1>Ikke tilgang</h1><p>Denne siden hører til en annen "
                                             "deltaker, eller du har ikke blitt med i workshopen ennå. "
                                             f'<a href="{self.base_url}">Gå til workshopens startside</a>.</p>'))
            return await super().get(path)

    return CheckedVoilaHandler


def make_app_class():
    from voila.app import Voila

    class KursVoila(Voila):
        """Voilà with the course's front page, login page and workshop pages."""

        workshop: Workshop | None = None

        def init_settings(self):
            settings = super().init_settings()
            self.identity_provider.login_handler_class = NorwegianLogin
            settings["kurs_workshop"] = self.workshop
            return settings

        def init_handlers(self):
            kept = []
            for handler in super().init_handlers():
                pattern, cls = handler[0], handler[1]
                if "/voila/tree" in pattern or "/voila/api/contents" in pattern or pattern == self.server_url:
                    continue  # no file listings
                if pattern.endswith("/voila/render/(.*)"):
                    handler = (pattern, _checked_render_handler(cls), *handler[2:])
                kept.append(handler)
            if self.workshop is not None:
                ours = [(self.server_url, JoinHandler, {"workshop": self.workshop}),
                        (rf"{self.server_url}laerer(?:/sammendrag(\.md|\.docx))?", TeacherHandler,
                         {"workshop": self.workshop})]
            else:
                ours = [(self.server_url, StartHandler)]
            return ours + kept

    return KursVoila


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lan_address() -> str:
    """This machine's address on the local network (best guess, no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def serve(port: int | None = None, open_browser: bool = True, folder: Path | None = None,
          lan: bool = False, pool: int = 0, pool_chapter: str = "analysere", out: Path = build.DEFAULT_OUT) -> None:
    out = build.build(out)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(out / "share" / "jupyter"), *filter(None, [os.environ.get("JUPYTER_PATH")])])
    port = port or free_port()
    ip = "0.0.0.0" if lan else "127.0.0.1"
    token = secrets.token_urlsafe(24)
    workshop = Workshop(folder) if folder else None
    if workshop:
        os.environ[kernel.WORKSHOP_ENV] = str(workshop.folder)
    else:
        os.environ.pop(kernel.WORKSHOP_ENV, None)
    argv = [str(out / "kapitler"), "--no-browser", f"--port={port}", f"--Voila.ip={ip}", f"--token={token}",
            "--Voila.port_retries=0"]
    if pool > 0:
        # the pool refills a minute after a kernel is taken, not while a group
        # is opening the chapter at once (the refill would compete for the CPU)
        argv += ["--preheat_kernel=True", "--pool_size=0", "--VoilaKernelManager.fill_delay=60",
                 "--VoilaKernelManager.kernel_pools_config="
                 + json.dumps({"default": {"pool_size": 0}, f"{pool_chapter}.ipynb": {"pool_size": pool}})]
    app_class = make_app_class()
    app_class.workshop = workshop
    if workshop:
        argv.append(f"--Voila.cookie_secret={workshop.cookie_secret.decode()}")
    app = app_class(config=Config(voila_settings.standalone()))  # the template, language, allowed files ...
    app.initialize(argv)
    if workshop:
        host = lan_address() if lan else "127.0.0.1"
        join = f"http://{host}:{port}/?kode={workshop.code}"
        print(f"\nWorkshopen er i gang.\n\n  Deltakerne åpner:   http://{host}:{port}/\n"
              f"  Workshopkode:       {workshop.code}\n  Lenke med kode:     {join}\n"
              f"  Lærersiden:         http://127.0.0.1:{port}/laerer   (lærerkode: {workshop.teacher_code})\n"
              f"  Arbeidsbøkene:      {workshop.folder}\n", flush=True)
        if not lan:
            print("  Serveren svarer bare på denne maskinen. Start med --lan for at andre skal nå den.\n", flush=True)
        print(group.qr_terminal(join), flush=True)
        png = group.qr_png(join, workshop.folder / "bli-med.png")
        print(f"  QR-koden som bilde: {png}\n", flush=True)
    url = f"http://127.0.0.1:{port}/?token={token}"
    if not workshop:
        print(f"\nKurset er klart: {url}\nStopp med Ctrl+C.\n", flush=True)
        if open_browser:
            webbrowser.open(url)
    else:
        print(f"Stopp med Ctrl+C. (Kursholders egen lenke uten workshopkode: {url})\n", flush=True)
    stop_on_signals()
    try:
        app.start()
    except KeyboardInterrupt:
        pass
    finally:
        print("\nKurset er stoppet. Alt som er lagret, ligger i arbeidsbøkene.", flush=True)


def stop_on_signals() -> None:
    """Ctrl+C (SIGINT) and SIGTERM stop the event loop, and Voilà then shuts
    its kernels down. Left to Python, Ctrl+C raises KeyboardInterrupt wherever
    the main thread happens to be, also inside a callback of the server's own
    or of a library that catches it and goes on: the server then kept running
    (seen in CI: not stopped 90 s after Ctrl+C). asyncio's signal handlers
    raise nothing: the signal wakes the loop through its own pipe, and the
    loop stops between callbacks. (Not on Windows, where asyncio has no
    signal handlers and Ctrl+C is handled as before.)"""
    loop = asyncio.new_event_loop()  # set as current, so Voilà's tornado IOLoop runs this one
    asyncio.set_event_loop(loop)  # (asyncio.get_event_loop() no longer makes a loop in Python 3.14)
    for number in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(number, lambda: tornado.ioloop.IOLoop.current().stop())
        except NotImplementedError:
            return


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Start det levende kurset i nettleseren.")
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--folder", type=Path, default=None, help="workshopmappe: starter workshopmodus")
    parser.add_argument("--lan", action="store_true", help="svar også andre maskiner på nettet (workshop)")
    parser.add_argument("--forvarm", type=int, default=0, help="antall forvarmede kjerner for ett kapittel")
    parser.add_argument("--forvarm-kapittel", default="analysere")
    args = parser.parse_args(argv)
    if args.lan and not args.folder:
        sys.exit("--lan brukes bare sammen med --folder (workshopmodus).")
    if args.folder and args.port is None:
        args.port = WORKSHOP_PORT  # a fixed address, so the printed one and the QR code stay right after a restart
    serve(args.port, not args.no_browser, args.folder, args.lan, args.forvarm, args.forvarm_kapittel)


if __name__ == "__main__":
    main()
