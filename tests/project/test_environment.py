"""The environment: the lock holds every declared package at its pinned version,
every imported package is declared, the themes are as the extensions expect,
and the website's widget script speaks the Python widgets' protocol."""

import ast
import importlib.util
import json
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import ipywidgets
import pytest
from ipywidgets import _version as widget_versions
from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import lean  # noqa: E402  (book/_ext is on Sphinx's path, not on Python's)
import theme_check  # noqa: E402


def load_kurs():
    spec = importlib.util.spec_from_file_location("kurs", ROOT / "kurs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


kurs = load_kurs()


def pins(requirements: list[str]) -> dict[str, str]:
    found = {}
    for requirement in requirements:
        name, sep, version = requirement.partition("==")
        assert sep and re.fullmatch(r"[\w.]+", version), f"{requirement} is not pinned with =="
        found[kurs.requirement_name(name)] = version
    return found


# --- the lock ------------------------------------------------------------------------------


def test_every_declared_package_is_in_the_lock_at_its_pinned_version():
    """Fails when a package was added to or changed in pyproject.toml without
    `python kurs.py lås` afterwards."""
    locked = kurs.locked_versions()
    declared = pins(kurs.declared_requirements())
    missing = sorted(name for name in declared if name not in locked)
    assert not missing, f"not in {kurs.LOCK.name}: {missing}; run python kurs.py lås"
    differ = {name: (version, sorted(locked[name])) for name, version in declared.items()
              if locked[name] != {version}}
    assert not differ, f"pinned differently in {kurs.LOCK.name}: {differ}; run python kurs.py lås"


def test_the_lock_pins_every_package_exactly_and_holds_the_whole_environment():
    lines = [line for line in kurs.LOCK.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    loose = [line for line in lines if not re.fullmatch(r"[A-Za-z0-9][\w.-]*==[\w.+!-]+( ; .+)?", line)]
    assert not loose, f"lines in {kurs.LOCK.name} without an exact version: {loose}"
    # more than the direct packages: everything they pull in, e.g. the themes' own dependencies
    locked = kurs.locked_versions()
    assert {"sphinx", "pydata-sphinx-theme", "sphinx-book-theme", "jupyter-cache", "traitlets"} <= set(locked)
    assert len(locked) > 3 * len(kurs.declared_requirements())


@pytest.mark.skipif(Path(sys.prefix).resolve() == kurs.NEWEST_VENV.resolve(),
                    reason="python kurs.py test --nyeste: this environment is on purpose not the locked one")
def test_the_installed_environment_is_the_locked_one():
    """What kurs.py installed (this test's own environment) matches the lock."""
    from importlib.metadata import distributions

    locked = kurs.locked_versions()
    differ = {}
    for dist in distributions():
        name = kurs.requirement_name(dist.metadata["Name"])
        if name in locked and dist.version not in locked[name]:
            differ[name] = (dist.version, sorted(locked[name]))
    assert not differ, f"installed versions differ from {kurs.LOCK.name}: {differ}; run python kurs.py test again"


# --- imports -------------------------------------------------------------------------------

LOCAL = ({p.stem for folder in ("book/_ext", "tests", "benchmarks") for p in (ROOT / folder).glob("*.py")}
         | {"exercises", "kurs"})


def third_party_imports(files) -> dict[str, set[str]]:
    """Top-level module imported -> the files importing it, leaving out the
    standard library and the course's own modules."""
    found: dict[str, set[str]] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in LOCAL:
                    found.setdefault(top, set()).add(path.name)
    return found


def undeclared(imports: dict[str, set[str]], declared: set[str]) -> dict[str, set[str]]:
    """The imported modules whose distribution (Pillow for PIL) is not declared."""
    distributions = packages_distributions()
    return {module: users for module, users in imports.items()
            if not {kurs.requirement_name(d) for d in distributions.get(module, [module])} & declared}


# the course on JupyterHub: may also use the hub extra (jupyterhub)
HUB_FILES = [ROOT / "exercises" / "live" / "hub_service.py", *sorted((ROOT / "hub").glob("*.py"))]


def imports_in(*folders: str, leaving_out=()) -> dict[str, set[str]]:
    files = [p for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))
             if "node_modules" not in p.parts and p not in leaving_out]
    return third_party_imports(files)


def test_every_package_the_course_imports_is_a_declared_dependency():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = set(pins(project["dependencies"]))
    test = set(pins(project["optional-dependencies"]["test"]))
    hub = set(pins(project["optional-dependencies"]["hub"]))
    course, checks = imports_in("exercises", "book/_ext", leaving_out=HUB_FILES), imports_in("tests", "benchmarks")
    on_hub = third_party_imports(HUB_FILES)
    assert {"pandas", "sphinx", "PIL"} <= set(course) and "pytest" in checks, "the scan finds the imports"
    assert "jupyterhub" in on_hub and "jupyterhub" not in course, "the scan finds the hub's imports"
    assert not undeclared(course, runtime), "add them to dependencies in pyproject.toml"
    assert not undeclared(on_hub, runtime | hub), "add them to the hub extra in pyproject.toml"
    assert not undeclared(checks, runtime | test | hub), "add them to the test extra in pyproject.toml"


def test_the_import_scan_names_an_undeclared_package_by_its_distribution(tmp_path):
    source = tmp_path / "example.py"
    source.write_text("import os\nimport numpy as np\nfrom PIL import Image\nfrom . import sibling\n"
                      "from exercises import paths\n", encoding="utf-8")
    imports = third_party_imports([source])
    assert set(imports) == {"numpy", "PIL"}
    assert set(undeclared(imports, {"numpy"})) == {"PIL"}
    assert undeclared(imports, {"numpy", "pillow"}) == {}


def test_kurs_py_uses_only_the_standard_library():
    imports = third_party_imports([ROOT / "kurs.py"])
    assert not imports, f"kurs.py must run before anything is installed; it imports {sorted(imports)}"


# --- the themes ----------------------------------------------------------------------------


def test_the_installed_themes_hold_every_file_and_text_the_extensions_use():
    assert theme_check.problems() == []


def fake_themes(root: Path) -> dict[str, Path]:
    """Theme folders holding exactly what theme_check expects, and nothing else."""
    folders = {package: root / package for package in (theme_check.PYDATA, theme_check.BOOK)}
    for package, name, text, _ in theme_check.ASSUMPTIONS + theme_check.webpack_assumptions():
        path = folders[package] / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write((text or "") + "\n")
    return folders


def test_theme_check_names_each_missing_file_and_changed_text(tmp_path):
    folders = fake_themes(tmp_path)
    assert theme_check.problems(folders) == []
    (folders[theme_check.PYDATA] / "static/vendor/fontawesome/webfonts/fa-solid-900.ttf").unlink()
    nav = folders[theme_check.BOOK] / "components/sbt-sidebar-nav.html"
    nav.write_text('<nav aria-label="Primary">', encoding="utf-8")
    found = theme_check.problems(folders)
    assert len(found) == 2
    assert "fa-solid-900.ttf finnes ikke (brukes av lean.py" in found[0]
    assert "sbt-sidebar-nav.html inneholder ikke 'aria-label=\"Main\"'" in found[1]
    without_book_theme = theme_check.problems({theme_check.PYDATA: folders[theme_check.PYDATA]})
    assert len(without_book_theme) == 1 + sum(a[0] == theme_check.BOOK for a in theme_check.ASSUMPTIONS)


class FakeApp:
    def __init__(self, outdir: Path):
        self.outdir = str(outdir)
        self.builder = type("Builder", (), {"format": "html"})()


def test_the_build_stops_when_the_theme_check_fails(monkeypatch):
    monkeypatch.setattr(theme_check, "problems", lambda: ["pydata_sphinx_theme: layout.html finnes ikke"])
    with pytest.raises(ExtensionError, match="(?s)Temaet er ikke slik .*layout.html finnes ikke"):
        theme_check.check(FakeApp(ROOT))


def test_a_sphinx_build_with_the_theme_stops_when_a_theme_file_is_missing(tmp_path, monkeypatch):
    from sphinx.application import Sphinx

    source = tmp_path / "kilde"
    source.mkdir()
    (source / "conf.py").write_text("extensions = ['theme_check']\nhtml_theme = 'sphinx_book_theme'\n")
    (source / "index.md").write_text("# Kurs\n")
    moved = (theme_check.BOOK, "components/flyttet.html", None, "en mal i kurset")
    monkeypatch.setattr(theme_check, "ASSUMPTIONS", [*theme_check.ASSUMPTIONS, moved])
    with pytest.raises(ExtensionError, match="components/flyttet.html finnes ikke"):
        Sphinx(str(source), str(source), str(tmp_path / "html"), str(tmp_path / "doctrees"), "html",
               status=None, warning=None).build()
    assert not (tmp_path / "html" / "index.html").exists()


def test_icon_fonts_stop_the_build_when_the_themes_files_are_missing_from_the_site(tmp_path):
    (tmp_path / "_static" / "styles").mkdir(parents=True)
    with pytest.raises(ExtensionError, match="pydata-sphinx-theme.css.*fa-solid-900.ttf"):
        lean.subset_icon_fonts(FakeApp(tmp_path), None)
    (tmp_path / "_static" / "styles" / "pydata-sphinx-theme.css").write_text("body{}", encoding="utf-8")
    fonts = tmp_path / "_static" / "vendor" / "fontawesome" / "webfonts"
    fonts.mkdir(parents=True)
    for name, _ in lean.ICON_FONTS:
        (fonts / f"{name}.ttf").write_bytes(b"")
    with pytest.raises(ExtensionError, match="fant ikke ikonene"):
        lean.subset_icon_fonts(FakeApp(tmp_path), None)


# --- the website's widget script -------------------------------------------------------------

EMBED = ROOT / "book" / "_static" / "vendor" / "jupyter-widgets" / "embed.js"
JS_PACKAGES = ("@jupyter-widgets/base", "@jupyter-widgets/base-manager", "@jupyter-widgets/controls")


def exported_constant(script: str, name: str) -> str:
    """The value of a string constant the bundle exports, e.g. PROTOCOL_VERSION."""
    variable = re.search(rf"\b{name}:\(\)=>([\w$]+)", script)
    assert variable, f"embed.js exports no {name}"
    value = re.search(rf"(?<![\w$.]){re.escape(variable[1])}=\"([^\"]+)\"", script)
    assert value, f"embed.js does not set {name}"
    return value[1]


def test_widget_script_speaks_the_python_widgets_protocol_and_model_versions():
    script = EMBED.read_text(encoding="utf-8")
    assert exported_constant(script, "PROTOCOL_VERSION") == widget_versions.__protocol_version__
    assert exported_constant(script, "JUPYTER_WIDGETS_VERSION") == widget_versions.__jupyter_widgets_base_version__
    assert exported_constant(script, "JUPYTER_CONTROLS_VERSION") == widget_versions.__jupyter_widgets_controls_version__


def test_widget_script_is_built_from_the_packages_this_ipywidgets_ships_to_jupyterlab():
    """book/_ext/widgets/package.json names the same JavaScript packages as the
    JupyterLab extension that comes with the installed ipywidgets, and embed.js
    holds the controls package it names."""
    ours = json.loads((ROOT / "book/_ext/widgets/package.json").read_text(encoding="utf-8"))["devDependencies"]
    manager = (Path(sys.prefix) / "share/jupyter/labextensions/@jupyter-widgets/jupyterlab-manager/package.json")
    assert manager.is_file(), f"ipywidgets {ipywidgets.__version__} came without its JupyterLab extension"
    theirs = json.loads(manager.read_text(encoding="utf-8"))["dependencies"]
    assert {p: ours[p] for p in JS_PACKAGES} == {p: theirs[p].lstrip("^~") for p in JS_PACKAGES}
    bundled = re.search(r'name:"@jupyter-widgets/controls",version:"([^"]+)"', EMBED.read_text(encoding="utf-8"))
    assert bundled and bundled[1] == ours["@jupyter-widgets/controls"], "embed.js was built from package.json"
