"""The hub's configuration files agree with each other and with the course:
hub/jupyterhub_config.py (one server; the one tests/hub/test_hub.py runs),
hub/config.yaml and hub/laerersiden.yaml (Zero to JupyterHub, not run here),
binder/ (the image), and the one source of Voilà's settings
(exercises/live/voila_settings.py) that kurs.py start uses too. And the
teacher's view's own rules: where a workbook is, which names it refuses,
and that its access scope never comes from the environment."""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

import pytest
import yaml
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from exercises.live import build, hub_service, server, voila_settings

ROOT = Path(__file__).resolve().parents[2]
HUB = ROOT / "hub"
IMAGE_COURSE = Path("/srv/kurs")  # repo2docker --target-repo-dir (README), and the one-server default


@pytest.fixture
def one_server(monkeypatch) -> Config:
    for name in ("KURS_MAPPE", "KURS_PYTHON", "KURS_HJEM", "KURS_LAERER_PORT"):
        monkeypatch.delenv(name, raising=False)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(HUB)).load_config()


@pytest.fixture
def z2jh() -> dict:
    return yaml.safe_load((HUB / "config.yaml").read_text(encoding="utf-8"))


def test_the_one_server_hub_serves_the_built_live_course_with_the_courses_settings(one_server):
    live = IMAGE_COURSE / "_build" / "live"
    spawner = one_server.Spawner
    assert spawner.notebook_dir == str(live / "kapitler")
    assert spawner.default_url == "/voila/render/velkommen.ipynb"
    assert spawner.environment["JUPYTER_CONFIG_PATH"] == str(build.server_config_dir(live))
    assert spawner.environment["JUPYTER_PATH"] == str(build.template_dir(live).parents[2])
    user = type("User", (), {"name": "anna"})
    assert spawner.environment["ARBEIDSBOK"](type("Spawner", (), {"user": user})) == \
        "/home/anna/arbeidsbok/arbeidsbok.json"  # in her own home


def test_only_the_teachers_may_open_the_teacher_view_and_it_may_only_read_groups(one_server):
    (service,) = one_server.JupyterHub.services
    assert service["command"][1:] == ["-m", "exercises.live.hub_service"] and service["name"] == "laerer"
    assert service["environment"]["KURS_ARBEIDSBOK"] == "/home/{username}/arbeidsbok/arbeidsbok.json"
    roles = {role["name"]: role for role in one_server.JupyterHub.load_roles}
    access = [role for role in roles.values() if any(s.startswith("access:services") for s in role["scopes"])]
    assert access == [roles["kurs-laerer"]] and access[0]["groups"] == ["teacher"] and "users" not in access[0]
    assert roles["kurs-laerersiden"]["services"] == ["laerer"]
    assert set(roles["kurs-laerersiden"]["scopes"]) == {"read:groups", "read:users:groups"}
    assert "user" not in roles  # a learner keeps JupyterHub's own role: her own server, no service


def test_zero_to_jupyterhub_has_the_same_settings(one_server, z2jh):
    single = z2jh["singleuser"]
    assert single["notebookDir"] == one_server.Spawner.notebook_dir
    assert single["defaultUrl"] == one_server.Spawner.default_url
    assert single["cmd"] == Path(one_server.Spawner.cmd[0]).name
    roles = {name: {"name": name, **role} for name, role in z2jh["hub"]["loadRoles"].items()}
    assert roles == {role["name"]: role for role in one_server.JupyterHub.load_roles}
    assert z2jh["hub"]["config"]["JupyterHub"]["load_groups"] == one_server.JupyterHub.load_groups
    (service,) = one_server.JupyterHub.services
    ours = z2jh["hub"]["services"][service["name"]]
    assert ours["display"] == service["display"] and ours["oauth_no_confirm"] == service["oauth_no_confirm"]
    # the teacher's pod reads the homes where the users' servers save (binder/start: ~/arbeidsbok/arbeidsbok.json)
    deployment = next(d for d in yaml.safe_load_all((HUB / "laerersiden.yaml").read_text(encoding="utf-8"))
                      if d["kind"] == "Deployment")
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e.get("value") for e in container["env"]}
    home, inside = hub_service.split_template(env["KURS_ARBEIDSBOK"])
    assert inside == hub_service.split_template(service["environment"]["KURS_ARBEIDSBOK"])[1]
    assert 'ARBEIDSBOK="${ARBEIDSBOK:-$HOME/' + str(inside) + '}"' in (ROOT / "binder" / "start").read_text()
    assert single["storage"]["static"]["subPath"] == "{username}"
    assert json.loads(env["JUPYTERHUB_OAUTH_ACCESS_SCOPES"]) == ["access:services!service=laerer"]
    assert env["JUPYTERHUB_SERVICE_NAME"] == service["name"]


def test_the_image_puts_the_builds_voila_settings_on_the_jupyter_paths():
    start = (ROOT / "binder" / "start").read_text()
    assert 'live="${REPO_DIR:-$PWD}/_build/live"' in start
    assert 'JUPYTER_CONFIG_PATH="$live/etc/jupyter' in start and 'JUPYTER_PATH="$live/share/jupyter' in start
    assert build.server_config_dir(Path("X")) == Path("X/etc/jupyter")
    assert "python -m exercises.live.build" in (ROOT / "binder" / "postBuild").read_text()
    assert "-e .[hub]" in (ROOT / "binder" / "requirements.txt").read_text()


def test_one_source_of_voila_settings_for_kurs_start_and_the_hub(tmp_path):
    out = build.build(tmp_path / "live", force=True)
    written = json.loads((build.server_config_dir(out) / "jupyter_server_config.json").read_text())
    assert written == voila_settings.server()
    for section, values in voila_settings.VOILA.items():
        assert written[section] == values  # the same as standalone Voilà's ...
    # ... and no MathJax from a CDN, which Voilà as an extension asks for unless told otherwise
    assert written["ServerApp"]["tornado_settings"] == {"mathjax_url": None, "mathjax_config": None}
    app = server.make_app_class()(config=Config(voila_settings.standalone()))
    app.initialize([str(out / "kapitler"), "--no-browser", "--port=0", "--token=x"])
    for name, value in voila_settings.VOILA["VoilaConfiguration"].items():
        assert getattr(app.voila_configuration, name) == value, name
    assert app.config.HTMLExporter.language_code == "nb"


def test_where_the_teacher_view_looks_for_a_workbook():
    assert hub_service.split_template("/home/jupyter-{username}/arbeidsbok/arbeidsbok.json") == \
        ("/home/jupyter-{username}", PurePosixPath("arbeidsbok/arbeidsbok.json"))
    for wrong in ["arbeidsbok.json", "/home/arbeidsbok.json", "/home/{username}", "hjem/{username}/a.json"]:
        with pytest.raises(ValueError, match="KURS_ARBEIDSBOK"):
            hub_service.split_template(wrong)
    settings = hub_service.Settings("/hjem/{username}/arbeidsbok/arbeidsbok.json", "teacher")
    assert settings.home("anna") == Path("/hjem/anna")
    for name in ["..", ".", "a/b", "a\x00b", ""]:
        with pytest.raises(ValueError):
            settings.home(name)


def test_the_teacher_views_access_scope_never_comes_from_the_environment(monkeypatch):
    """Without JUPYTERHUB_OAUTH_ACCESS_SCOPES, JupyterHub's HubAuth would let
    every hub user in; the view names its own scope."""
    for name in ("JUPYTERHUB_OAUTH_ACCESS_SCOPES", "JUPYTERHUB_OAUTH_SCOPES", "JUPYTERHUB_SERVICE_NAME"):
        monkeypatch.delenv(name, raising=False)
    handler = object.__new__(hub_service.GroupHandler)
    handler.kurs = hub_service.Settings(hub_service.DEFAULT_WORKBOOK, "teacher")
    assert handler.hub_scopes == {"access:services!service=laerer"}
    assert os.environ.get("JUPYTERHUB_OAUTH_ACCESS_SCOPES") is None
