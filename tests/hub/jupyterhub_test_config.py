"""The hub test's JupyterHub: the course's own configuration
(hub/jupyterhub_config.py, loaded as it is) with only what a test must change:

- every address on 127.0.0.1, on free ports, and the hub's database, cookie
  secret and pid file in a temporary folder (tests/hub_server.py names them in
  KURS_HUB_* variables);
- a shared test password instead of the server's user accounts, and a
  spawner that needs no user accounts: each user's home is a folder in the
  temporary folder (SimpleLocalProcessSpawner; all users' servers run as the
  test's own user, so the operating system does not keep them apart here);
- the users and groups of the test; the data the kernels use; as root (CI),
  the users' servers need --allow-root.
"""

import json
import os
from pathlib import Path

load_subconfig(os.environ["KURS_HUB_KONFIG"])  # noqa: F821 (hub/jupyterhub_config.py)
c = get_config()  # noqa: F821

folder = Path(os.environ["KURS_HUB_MAPPE"])
ports = json.loads(os.environ["KURS_HUB_PORTER"])
c.JupyterHub.bind_url = f"http://127.0.0.1:{ports['hub']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{ports['api']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{ports['proxy_api']}"
c.JupyterHub.db_url = f"sqlite:///{folder / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(folder / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(folder / "jupyterhub.pid")

c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["KURS_HUB_PASSORD"]
groups = json.loads(os.environ["KURS_HUB_GRUPPER"])
c.Authenticator.allowed_users = {name for members in groups.values() for name in members}
c.JupyterHub.load_groups = {name: {"users": members} for name, members in groups.items()}

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = os.environ["KURS_HJEM"]
if os.geteuid() == 0:  # CI runs as root; the users' servers then run as root too
    c.Spawner.args = ["--allow-root"]
c.Spawner.environment.update({name: os.environ[name] for name in ("KURSDATA", "CI") if name in os.environ})
