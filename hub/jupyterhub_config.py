"""JupyterHub for the course on one server (as The Littlest JupyterHub sets it up).

- The course is installed once, by the server's administrator, in a folder
  outside the users' homes that the users can read but not change
  (``/srv/kurs``), with the live course built in ``_build/live`` and the data
  imported (README: «Kurset på JupyterHub»). Its Python environment (the
  users' environment, ``/opt/tljh/user`` in TLJH) has the course installed
  with the ``hub`` extra: ``pip install -e /srv/kurs[hub] -c /srv/kurs/constraints.txt``.
- Each user's own Jupyter server opens the live course (Voilà, the chapters
  in ``_build/live/kapitler``) at Velkommen; the Voilà settings are the
  course's own (``exercises/live/voila_settings.py``, written by the build to
  ``_build/live/etc/jupyter``), the same as ``kurs.py start`` uses. Pages load
  nothing from another host, and a page's kernel ends when the learner
  leaves it.
- Each user's workbook is in her own home: ``~/arbeidsbok/arbeidsbok.json``.
- The teacher's view (the group summary of the workshop server's teacher
  page) is a hub service, ``/services/laerer/``, reachable only by users in
  the group ``teacher``; it shows the course groups the teacher is a member
  of, and reads only the workbooks of those groups' members.

Run it with ``jupyterhub -f /srv/kurs/hub/jupyterhub_config.py``, or load it
from TLJH's ``/opt/tljh/config/jupyterhub_config.d/`` (a file there with
``load_subconfig("/srv/kurs/hub/jupyterhub_config.py")``). It leaves the
authenticator and the spawner to the installation: JupyterHub's defaults are
the server's own user accounts (PAM) and a process per user running as that
user (``LocalProcessSpawner``), which keeps users apart as the operating
system does; TLJH sets its own. The hub test (``tests/hub/``) loads this file
and changes only what a test must: the addresses, a shared test password and
a spawner that needs no user accounts.

Settings can be moved with environment variables, read when the hub starts:

- ``KURS_MAPPE``: the course (``/srv/kurs``);
- ``KURS_PYTHON``: the Python with the course installed (``/opt/tljh/user/bin/python``);
- ``KURS_HJEM``: a user's home, ``{username}`` standing for the hub's user
  name (``/home/{username}``; TLJH's user accounts: ``/home/jupyter-{username}``);
- ``KURS_LAERER_PORT``: the port of the teacher's view on 127.0.0.1 (10101).

This file is read by the hub's own Python, which need not have the course
installed: it imports nothing from it.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821 (defined by JupyterHub when it loads this file)

COURSE = Path(os.environ.get("KURS_MAPPE", "/srv/kurs"))
PYTHON = Path(os.environ.get("KURS_PYTHON", "/opt/tljh/user/bin/python"))
HOME = os.environ.get("KURS_HJEM", "/home/{username}")
WORKBOOK = HOME + "/arbeidsbok/arbeidsbok.json"  # read by the teacher's view too
TEACHERS = "teacher"  # the hub group whose members may open the teacher's view
SERVICE = "laerer"
SERVICE_PORT = int(os.environ.get("KURS_LAERER_PORT", "10101"))
LIVE = COURSE / "_build" / "live"


def workbook(spawner) -> str:
    return WORKBOOK.format(username=spawner.user.name)


# -- each user's own server: the live course ---------------------------------------
c.Spawner.cmd = [str(PYTHON.with_name("jupyterhub-singleuser"))]
c.Spawner.notebook_dir = str(LIVE / "kapitler")  # the course, not the home: the chapters are only read
c.Spawner.default_url = "/voila/render/velkommen.ipynb"
c.Spawner.environment = {
    # the course's Voilà template, and its Jupyter server settings (exercises/live/voila_settings.py)
    "JUPYTER_PATH": str(LIVE / "share" / "jupyter"),
    "JUPYTER_CONFIG_PATH": str(LIVE / "etc" / "jupyter"),
    "ARBEIDSBOK": workbook,
}
# 30 users logging in at once on two cores wait about a minute for their servers
# (benchmarks/hub.py; JupyterHub gives up after 30 s by default)
c.Spawner.start_timeout = c.Spawner.http_timeout = 180
# a server nobody has used for an hour is stopped by the hub's culler, if the
# installation has one (TLJH does); the course's own kernels end when a page is left

# -- the proxy: configurable-http-proxy as installed by `npm ci` in hub/, if it is (else from PATH)
PROXY = COURSE / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
if PROXY.exists():
    c.ConfigurableHTTPProxy.command = [str(PROXY)]

# -- the teacher's view ---------------------------------------------------------------
c.JupyterHub.services = [{
    "name": SERVICE,
    "display": True,  # listed on the hub's home page ("Services")
    "info": {"description": "Lærersiden: gruppas rangering, enighet og prioriteringer"},
    "url": f"http://127.0.0.1:{SERVICE_PORT}",
    "command": [str(PYTHON), "-m", "exercises.live.hub_service"],
    "environment": {"KURS_ARBEIDSBOK": WORKBOOK, "KURS_LAERERE": TEACHERS},
    "oauth_no_confirm": True,  # the hub's own page: no «authorize this application?» step
}]
c.JupyterHub.load_groups = {TEACHERS: {"users": []}}  # the group is there; members are added by an admin
c.JupyterHub.load_roles = [
    # only the teachers may open the view (a learner's own role, «user», has no access to services)
    {"name": "kurs-laerer", "description": "Åpne lærersiden", "groups": [TEACHERS],
     "scopes": [f"access:services!service={SERVICE}"]},
    # the view itself may read who is in which group, nothing else
    {"name": "kurs-laerersiden", "description": "Lærersiden leser gruppene", "services": [SERVICE],
     "scopes": ["read:groups", "read:users:groups"]},
]
