"""Moving the workbook between the learner's machine and the server.

In the live course the server may be another machine than the learner's
(a workshop, JupyterHub), so files go through the browser: downloads as
``data:`` links, the workbook back in as an upload. An upload replaces the
workbook only when :class:`~exercises.workbook.store.Workbook` reads it without a
message and every section has the shape its reader expects; a bad file
never replaces the good one, and the one it replaces is kept as a backup.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

from exercises.core.errors import InputError
from exercises.core.feedback import Feedback
from exercises.workbook.store import MAX_BYTES, Workbook


def download_link(data: bytes | str, filename: str, mime: str, label: str) -> str:
    """An ``<a download>`` link carrying the file itself, so that the browser
    saves it on the learner's machine (not on the server)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    encoded = base64.b64encode(raw).decode("ascii")
    return (f'<a class="kurs-nedlasting" download="{html.escape(filename, quote=True)}" '
            f'href="data:{mime};base64,{encoded}">{html.escape(label)}</a>')


def replace_workbook(content: bytes, target: Path) -> Feedback:
    """Check an uploaded workbook and, if it is good, put it in place of
    ``target`` (see :meth:`Workbook.replace`). Returns Norwegian feedback
    either way."""
    if not content:
        return Feedback(errors=["Filen er tom. Velg arbeidsboka du lastet ned tidligere (en .json-fil)."])
    if len(content) > MAX_BYTES:
        return Feedback(errors=["Filen er for stor til å være en arbeidsbok. Velg arbeidsboka du lastet ned "
                                "tidligere (en .json-fil). Arbeidsboka di er ikke endret."])
    try:
        kept = Workbook(target).replace(content)
    except InputError as error:
        return Feedback(errors=[str(error)])
    return Feedback(saved="Arbeidsboka er lastet opp. Kapitlene du åpner nå, bruker den." + _kept(kept))


def restore_backup(target: Path, backup: str) -> Feedback:
    """Put the backup ``backup`` (a path from Workbook.backups) back in place
    of ``target``; the workbook it replaces is kept as a backup first."""
    if not backup:
        return Feedback(errors=["Velg sikkerhetskopien du vil hente tilbake."])
    try:
        kept = Workbook(target).restore(Path(backup))
    except InputError as error:
        return Feedback(errors=[str(error)])
    return Feedback(saved="Sikkerhetskopien er hentet tilbake. Kapitlene du åpner nå, bruker den." + _kept(kept))


def _kept(backup: Path | None) -> str:
    if backup is None:
        return ""
    return (f" Arbeidsboka du hadde, er tatt vare på som sikkerhetskopi ({backup.name}); du kan hente den "
            "tilbake under «Sikkerhetskopier».")
