"""The layers of exercises/ (README: «Lagene i exercises/»): each uses only
itself and the layers before it, so a model never draws and the data never
depends on an exercise."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["core", "analysis", "data", "workbook", "models", "reports", "views", "live"]


def imported_layers(path: Path) -> list[tuple[int, str]]:
    """(line, layer) for each import of another part of ``exercises``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "exercises":
            modules = [f"{node.module}.{a.name}" for a in node.names] if node.module == "exercises" else [node.module]
        elif isinstance(node, ast.Import):
            modules = [a.name for a in node.names if a.name.split(".")[0] == "exercises"]
        else:
            continue
        found += [(node.lineno, m.split(".")[1]) for m in modules if m.count(".") >= 1]
    return found


def breaches(package: Path) -> list[str]:
    wrong = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).parts
        if len(parts) < 2 or parts[0] not in LAYERS:
            continue  # the package's own __init__ and chapter.py, the chapters' one-liners, may use every layer
        own = LAYERS.index(parts[0])
        wrong += [f"{path.relative_to(package)}:{line} bruker {layer}" for line, layer in imported_layers(path)
                  if layer in LAYERS and LAYERS.index(layer) > own]
    return wrong


def test_every_layer_uses_only_the_layers_before_it():
    assert (ROOT / "exercises" / "models").is_dir() and (ROOT / "exercises" / "reports").is_dir()
    assert breaches(ROOT / "exercises") == []


def test_the_check_finds_a_model_that_draws(tmp_path):
    package = tmp_path / "exercises"
    (package / "models").mkdir(parents=True)
    (package / "models" / "quiz.py").write_text("from exercises.core.text import clean_text\n"
                                                "from exercises.reports import display\n", encoding="utf-8")
    assert breaches(package) == ["models/quiz.py:2 bruker reports"]
