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
    write_all_atomic({path: data})


def write_all_atomic(files: dict[Path, bytes]) -> None:
    """Several files that belong together (a table and its provenance): each
    is written to its temporary file and flushed before any is renamed into
    place, so a failure while writing (a full disk) leaves every old file as
    it was."""
    written: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            written.append((_flushed_temporary(path, data), path))
        for tmp, path in written:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in written:
            Path(tmp).unlink(missing_ok=True)
        raise
    for folder in dict.fromkeys(path.parent for path in files):
        _sync_folder(folder)


def _flushed_temporary(path: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


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
