"""Writing a file so that a crash never leaves half of it: the one place the
course does this (workbook, exported draft, imported data)."""

import errno
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk,
    and rename it over ``path``. Readers see the old file or the new one,
    never a mix; on any failure the temporary file is removed and the old
    file is untouched. Temporary files are named ``.<stem>-*.tmp`` so that
    :func:`remove_temporary` can find those a killed process left behind."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def remove_temporary(path: Path) -> int:
    """Remove temporary files of :func:`write_atomic` for ``path``. Call it
    only while no write to ``path`` can be under way (the workbook holds its
    lock). Returns how many were removed."""
    removed = 0
    for stale in path.parent.glob(f".{path.stem}-*.tmp"):
        try:
            stale.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no folder handles."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.EBADF):
            raise
    finally:
        os.close(fd)
