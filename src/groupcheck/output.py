"""Writing the tool's own output: atomically, so a killed run never leaves half a report.

A report goes to a temporary file in the target's folder, is flushed to disk, and is renamed
over the target in one step; a reader sees the old file or the new one, never a mixture.
"""

from __future__ import annotations

import contextlib
import os
import select
import stat
from collections.abc import Iterable, Sequence

from groupcheck.errors import GroupcheckError
from groupcheck.escaping import printable

__all__ = ["OutputError", "printable", "refuse_overlaps", "write_all", "write_atomic"]


class OutputError(GroupcheckError):
    """The output cannot be written (unwritable path, full disk, closed stdout): exit 2."""


def refuse_overlaps(targets: Sequence[tuple[str, str]], inputs: Iterable[str]) -> None:
    """Raise ``OutputError`` when an output would replace an input or another output.

    ``targets`` are ``(option, path)`` pairs (``("--output", "report.json")``). Files are
    compared by identity (device and inode, links followed; a file not yet written by its
    folder's identity and its name), never by spelling: ``./a.json`` and ``out/../a.json``
    are one file. Character devices (``/dev/null``, a terminal) may be named more than once.
    """
    read = {key: path for path in inputs if (key := _identity(path)) is not None}
    seen: dict[tuple[object, ...], tuple[str, str]] = {}
    for option, path in targets:
        key = _identity(path)
        if key is None:
            continue
        if key in read:
            raise OutputError(
                f"{option} {path} is the input {read[key]}: an output never replaces a file "
                "the run reads"
            )
        if key in seen:
            other_option, other = seen[key]
            raise OutputError(
                f"{other_option} {other} and {option} {path} are the same file: one output "
                "would replace the other"
            )
        seen[key] = (option, path)


def _identity(path: str) -> tuple[object, ...] | None:
    """What makes ``path`` the file it is: ``(device, inode)`` when it exists, else its
    folder's and its name; None for a character device, which any number may share."""
    try:
        status = os.stat(path)
    except OSError:
        folder = os.path.dirname(os.path.abspath(path))
        try:
            parent = os.stat(folder)
        except OSError:
            return ("path", os.path.realpath(path))
        return ("new", parent.st_dev, parent.st_ino, os.path.basename(path))
    if stat.S_ISCHR(status.st_mode):
        return None
    return ("file", status.st_dev, status.st_ino)


def write_atomic(path: str, data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file, fsync and rename.

    A target that exists and is not a regular file (``/dev/stdout``, a named pipe,
    ``/dev/full``) is written in place: renaming over it would replace a device node with a
    report, which as root is possible and destructive.
    """
    payload = data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        special = False  # absent (the usual case) or unreachable: the temporary file says why
    if special:
        _write_in_place(path, payload)
        return
    import tempfile  # here: a run that writes no file does not load it

    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder
        )
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if os.path.exists(path):
            with contextlib.suppress(OSError):
                os.chmod(temporary, os.stat(path).st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _write_in_place(path: str, payload: bytes) -> None:
    try:
        handle = os.open(path, os.O_WRONLY)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        write_all(handle, payload)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        os.close(handle)


def write_all(handle: int, payload: bytes) -> None:
    """Write every byte of ``payload`` to the file descriptor ``handle``, or raise ``OSError``.

    A pipe takes what fits and says how much (a short write): the rest is written in a loop.
    A non-blocking descriptor (``EAGAIN``: a slow reader, a stdout shared with a process that
    set ``O_NONBLOCK``) waits until it can take more, rather than dropping the rest, which a
    write-through ``sys.stdout`` (``PYTHONUNBUFFERED=1``) silently does.
    """
    view = memoryview(payload)
    while view:
        try:
            written = os.write(handle, view)
        except BlockingIOError:
            select.select([], [handle], [])
            continue
        if written <= 0:
            raise OSError(f"no byte of the last {len(view)} could be written")
        view = view[written:]
