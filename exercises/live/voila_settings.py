"""The live course's Voilà settings, in one place.

Voilà serves the chapters in two ways, and both read their settings from here:

- standalone (:mod:`exercises.live.server`, ``kurs.py start`` and the workshop):
  :func:`standalone` is the configuration the server starts Voilà with;
- as an extension of a Jupyter server (a JupyterHub user's own server, and
  Binder): :func:`server` is the Jupyter server's configuration, which
  :func:`exercises.live.build.build` writes to
  ``_build/live/etc/jupyter/jupyter_server_config.json``. The hub's
  configuration (``hub/jupyterhub_config.py``) and the image's start script
  (``binder/start``) put that folder on ``JUPYTER_CONFIG_PATH``.

The extension differs from the standalone app in two ways that the settings
make up for: it asks the page to load MathJax from a CDN unless the server's
settings name no MathJax (the chapters' formulas are MathML and need no
script), and it has no limit on how long a kernel lives. A page ends its
kernel when the learner leaves it (Voilà's page tells the server, with the
XSRF cookie that JupyterHub's single-user server sets); a kernel whose page
could not say so (the browser crashed, the network went) is ended after 15
minutes without use.

    python -m exercises.live.voila_settings   # print the Jupyter server's configuration (JSON)
"""

from __future__ import annotations

import copy
import json

TEMPLATE = "kurs"

VOILA = {
    "VoilaConfiguration": {
        "template": TEMPLATE,
        "show_tracebacks": False,
        # Voilà's own JupyterLab extensions the pages do not need (jupytext's
        # would load a notebook format menu, pygments' a stylesheet)
        "extension_denylist": ["jupyterlab-jupytext", "jupyterlab_pygments"],
        # /voila/files serves only pictures, not the notebooks or anything else in the folder
        "file_allowlist": [r".*\.(png|svg)"],
    },
    "HTMLExporter": {"language_code": "nb"},
}

# an idle kernel (a page closed without telling the server) ends after 15 minutes
CULL = {"cull_idle_timeout": 900, "cull_interval": 300}


def standalone() -> dict:
    """The configuration of standalone Voilà (``voila.app.Voila``)."""
    return copy.deepcopy(VOILA)


def server() -> dict:
    """The configuration of a Jupyter server with Voilà as its extension."""
    config = copy.deepcopy(VOILA)
    config["ServerApp"] = {
        # Voilà's extension takes these from the server's settings; without
        # them the page loads MathJax from cdnjs (standalone Voilà sets None)
        "tornado_settings": {"mathjax_url": None, "mathjax_config": None},
    }
    config["MappingKernelManager"] = dict(CULL)
    return config


def main() -> None:
    print(json.dumps(server(), indent=2))


if __name__ == "__main__":
    main()
