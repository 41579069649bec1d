"""The teacher's view on JupyterHub: a hub service with the group summary of
the workshop server's teacher page (README: «Kurset på JupyterHub»).

The hub starts it (``hub/jupyterhub_config.py``: ``c.JupyterHub.services``)
and routes ``/services/laerer/`` to it. A visitor logs in through the hub
(OAuth, :class:`jupyterhub.services.auth.HubOAuthenticated`); the hub lets
through only users whose roles give them ``access:services!service=laerer``,
which the configuration gives the group ``teacher`` and nobody else, so a
learner is refused (403). A teacher sees the course groups she is a member of
(every hub group she is in, except ``teacher`` itself) and, for each, the
summary of its members' workbooks (not the teachers'): counts, Borda points,
mean rank, Kendall's W and shared priorities, to download as Markdown and
Word, from :mod:`exercises.models.workshop` and :mod:`exercises.live.teacher_page`.

Each member's workbook is read from her home, where her own server saves it
(``KURS_ARBEIDSBOK``, e.g. ``/home/{username}/arbeidsbok/arbeidsbok.json``),
only read, and without following a symbolic link below the home
(:func:`exercises.models.workshop.read_below`). The service asks the hub's API
(with its own token, whose role allows reading groups and users' group
memberships and nothing else) who is in which group.

    python -m exercises.live.hub_service   # as the hub starts it, with the hub's JUPYTERHUB_* variables
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from tornado import httpclient, ioloop, web

from exercises.live import teacher_page
from exercises.models import workshop as group

WORKBOOK_ENV = "KURS_ARBEIDSBOK"  # the workbook's path, {username} standing for the user's name
TEACHERS_ENV = "KURS_LAERERE"  # the hub group of the teachers
DEFAULT_WORKBOOK = "/home/{username}/arbeidsbok/arbeidsbok.json"
DEFAULT_TEACHERS = "teacher"
DEFAULT_SERVICE = "laerer"
NAME = re.compile(r"[^/\x00]+")  # a hub user or group name as a path or URL part


def split_template(template: str) -> tuple[str, PurePosixPath]:
    """(the home as a template, the workbook's path inside it): the home is
    the template up to the folder whose name holds ``{username}``."""
    parts = PurePosixPath(template).parts
    at = next((i for i, part in enumerate(parts) if "{username}" in part), None)
    if at is None or at == len(parts) - 1 or not PurePosixPath(template).is_absolute():
        raise ValueError(f"{WORKBOOK_ENV} må være en full sti med {{username}} i navnet på hjemmemappen, "
                         f"for eksempel {DEFAULT_WORKBOOK}")
    return str(PurePosixPath(*parts[:at + 1])), PurePosixPath(*parts[at + 1:])


class Settings:
    def __init__(self, workbook: str, teachers: str, service: str = DEFAULT_SERVICE):
        self.home_template, self.inside = split_template(workbook)
        self.teachers = teachers
        self.service = service

    def home(self, name: str) -> Path:
        if not NAME.fullmatch(name) or name in {".", ".."}:
            raise ValueError("et brukernavn som ikke kan være navnet på en mappe")
        return Path(self.home_template.replace("{username}", name))


class Hub:
    """The hub's API, asked with the service's own token."""

    def __init__(self, auth):
        self.auth = auth

    async def get(self, path: str) -> dict:
        response = await httpclient.AsyncHTTPClient().fetch(
            f"{self.auth.api_url.rstrip('/')}/{path}",
            headers={"Authorization": f"token {self.auth.api_token}", "Accept": "application/json"})
        return json.loads(response.body)

    async def groups_of(self, user: str) -> list[str]:
        return sorted((await self.get(f"users/{quote(user, safe='')}")).get("groups", []), key=str.casefold)

    async def members(self, name: str) -> list[str]:
        return list((await self.get(f"groups/{quote(name, safe='')}")).get("users", []))


class TeacherHandler(HubOAuthenticated, web.RequestHandler):
    def initialize(self, settings: Settings):
        self.kurs = settings
        self.hub = Hub(self.hub_auth)

    @property
    def hub_scopes(self) -> set[str]:
        """Only who may open this service: never left to the environment, where
        a missing JUPYTERHUB_OAUTH_ACCESS_SCOPES would let every hub user in."""
        return {f"access:services!service={self.kurs.service}"}

    @property
    def prefix(self) -> str:
        return self.hub_auth.base_url  # /services/laerer/

    async def course_groups(self) -> list[str]:
        """The groups the visiting teacher is in, the teachers' own left out."""
        return [name for name in await self.hub.groups_of(self.current_user["name"]) if name != self.kurs.teachers]

    def write_error(self, status_code, **kwargs):
        reason = {403: "Du har ikke tilgang til lærersiden. Den er for kursholdere (gruppen «teacher» på huben).",
                  404: "Fant ikke siden."}.get(status_code, "Noe gikk galt. Prøv igjen om litt.")
        self.finish(teacher_page.page("Lærersiden", f'<h1>Lærersiden</h1><p class="feil" role="alert">{reason}</p>'
                                      f'<p><a href="{html.escape(self.hub_auth.hub_prefix, quote=True)}home">'
                                      "Til huben</a></p>"))


class GroupsHandler(TeacherHandler):
    """The teacher's course groups, each a link to its summary."""

    @web.authenticated
    async def get(self):
        groups = await self.course_groups()
        if not groups:
            body = ("<p>Du er ikke med i noen kursgruppe på huben ennå. Be den som driver huben legge deg inn i "
                    "gruppa til deltakerne dine.</p>")
        else:
            items = "".join(f'<li><a href="{html.escape(self.prefix, quote=True)}gruppe/{quote(name, safe="")}">'
                            f"{html.escape(name)}</a></li>" for name in groups)
            body = f"<p>Velg gruppa du vil se:</p><ul>{items}</ul>"
        self.finish(teacher_page.page("Lærersiden", f"<h1>Lærersiden</h1>{body}"))


class GroupHandler(TeacherHandler):
    """One course group's summary, and its downloads."""

    @web.authenticated
    async def get(self, name: str, kind: str | None = None):
        if name not in await self.course_groups():
            raise web.HTTPError(404)  # not one of hers: no sign whether such a group exists
        teachers = set(await self.hub.members(self.kurs.teachers))
        learners = [user for user in await self.hub.members(name) if user not in teachers]
        summary = group.summarise(group.load_members(learners, self.kurs.home, self.kurs.inside))
        if kind:
            return teacher_page.send_download(self, summary, kind)
        base = f"{self.prefix}gruppe/{quote(name, safe='')}"
        back = f'<p><a href="{html.escape(self.prefix, quote=True)}">← Alle gruppene dine</a></p>'
        self.finish(teacher_page.summary_page(summary, base, f"Gruppa «{name}» nå", before=back))


def make_app(settings: Settings, prefix: str) -> web.Application:
    return web.Application([
        (prefix, GroupsHandler, {"settings": settings}),
        (rf"{prefix}gruppe/([^/]+)(?:/sammendrag(\.md|\.docx))?", GroupHandler, {"settings": settings}),
        (f"{prefix}oauth_callback", HubOAuthCallbackHandler),
    ], cookie_secret=secrets.token_bytes(32))  # a restart only means logging in through the hub again


def main() -> None:
    service = os.environ.get("JUPYTERHUB_SERVICE_NAME", DEFAULT_SERVICE)
    settings = Settings(os.environ.get(WORKBOOK_ENV, DEFAULT_WORKBOOK), os.environ.get(TEACHERS_ENV, DEFAULT_TEACHERS),
                        service)
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{service}/")
    address = urlsplit(os.environ["JUPYTERHUB_SERVICE_URL"])
    app = make_app(settings, prefix)
    app.listen(address.port, address.hostname)
    print(f"Lærersiden svarer på {address.hostname}:{address.port}{prefix}", flush=True)
    ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
