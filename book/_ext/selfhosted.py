"""Sphinx extension: keep every page free of third-party requests.

Jupyter Book 1 always loads sphinx-thebe, which writes the address of its
script on a public CDN into every page. The course does not use thebe, so
its scripts and its per-page config are dropped here. Any other script from another host is
reported as a warning (the build runs with -W, so it fails).
"""

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _is_thebe(script) -> bool:
    name = getattr(script, "filename", None) or ""
    body = (getattr(script, "attributes", None) or {}).get("body", "")
    return "thebe" in name or "THEBE_JS_URL" in body


def drop_external_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if scripts is None:
        return
    kept = [s for s in scripts if not _is_thebe(s)]
    for script in kept:
        name = getattr(script, "filename", None) or ""
        if name.startswith(("http://", "https://", "//")):
            logger.warning("%s: script from another host: %s", pagename, name)
    context["script_files"] = kept


def drop_thebe_config(app, doctree, docname):
    """sphinx-thebe puts a config naming a public Binder repository in every page."""
    for node in list(doctree.findall(nodes.raw)):
        if "x-thebe-config" in node.astext():
            node.parent.remove(node)


def setup(app):
    app.connect("doctree-resolved", drop_thebe_config, priority=900)
    app.connect("html-page-context", drop_external_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
