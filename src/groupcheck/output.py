"""Writing the tool's own output: atomically, so a killed run never leaves half a report.

A report goes to a temporary file in the target's folder, is flushed to disk, and is renamed
over the target in one step; a reader sees the old file or the new one, never a mixture.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from groupcheck.errors import GroupcheckError


def printable(text: str) -> str:
    """``text`` as valid Unicode: a lone surrogate (a file name that is not UTF-8, such as a
    GBK folder name from a Windows zip, decodes to one) becomes its escape ``\\udcb0``.

    JSON readers read that escape back as the same character; every other format shows it as
    text. Without this, writing the report would fail for the whole run.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


class OutputError(GroupcheckError):
    """The output cannot be written (unwritable path, full disk, closed stdout): exit 2."""


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
        with open(path, "wb") as stream:
            stream.write(payload)
            stream.flush()
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
