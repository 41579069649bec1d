"""Sphinx extension: formulas as MathML, drawn by the browser itself.

Browsers render MathML natively and screen readers read it, so pages with
formulas need no MathJax (1.2 MB of script) and make no extra requests.
The LaTeX in the chapters is converted when the site is built.
"""

from docutils import nodes
from latex2mathml.converter import convert


def _mathml(latex: str, display: str) -> str:
    try:
        return convert(latex.strip(), display=display)
    except Exception as error:  # noqa: BLE001 - a bad formula must not stop the build silently
        raise ValueError(f"kunne ikke gjøre om formelen {latex!r} til MathML: {error}") from error


def visit_math(self, node):
    self.body.append(_mathml(node.astext(), "inline"))
    raise nodes.SkipNode


def visit_displaymath(self, node):
    latex = node["latex"] if "latex" in node else node.astext()
    self.body.append(f'<div class="math-display">{_mathml(latex, "block")}</div>')
    raise nodes.SkipNode


def setup(app):
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
