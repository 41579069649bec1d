"""Moving the workbook between the learner's machine and the server.

In the live course the server may be another machine than the learner's
(a workshop, JupyterHub), so files go through the browser: downloads as
``data:`` links, the workbook back in as an upload. An upload replaces the
workbook only when :class:`~exercises.workbook.Workbook` reads it without a
message; a bad file never replaces the good one.
"""

from __future__ import annotations

import base64
import html
import os
import tempfile
from pathlib import Path

from .feedback import Feedback
from .workbook import MAX_BYTES, Workbook


def download_link(data: bytes | str, filename: str, mime: str, label: str) -> str:
    """An ``<a download>`` link carrying the file itself, so that the browser
    saves it on the learner's machine (not on the server)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    encoded = base64.b64encode(raw).decode("ascii")
    return (f'<a class="kurs-nedlasting" download="{html.escape(filename, quote=True)}" '
            f'href="data:{mime};base64,{encoded}">{html.escape(label)}</a>')


def replace_workbook(content: bytes, target: Path) -> Feedback:
    """Check an uploaded workbook and, if it is good, put it in place of
    ``target`` atomically. Returns Norwegian feedback either way."""
    if not content:
        return Feedback(errors=["Fila er tom. Velg arbeidsboka du lastet ned tidligere (en .json-fil)."])
    if len(content) > MAX_BYTES:
        return Feedback(errors=["Fila er for stor til å være en arbeidsbok. Velg arbeidsboka du lastet ned "
                                "tidligere (en .json-fil). Arbeidsboka di er ikke endret."])
    with tempfile.TemporaryDirectory(prefix="kurs-opplasting-") as folder:
        candidate = Path(folder) / "arbeidsbok.json"
        candidate.write_bytes(content)
        checked = Workbook(candidate)
        if checked.messages or not candidate.exists():
            return Feedback(errors=["Fila kunne ikke brukes som arbeidsbok: den er skadet, ikke en arbeidsbok fra "
                                    "dette kurset, eller laget av en nyere versjon. Arbeidsboka di er ikke endret."])
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".arbeidsbok-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        return Feedback(errors=[f"Kunne ikke lagre arbeidsboka ({error.strerror or error}). Arbeidsboka di er ikke endret."])
    return Feedback(saved="Arbeidsboka er lastet opp. Kapitlene du åpner nå, bruker den.")
