"""Which files ``fix`` may touch, and writing them back safely.

* Only the files a ``validate`` of the same paths reads: charters and rotation logs (orphan
  logs too). A file reached through a symbolic link is fixed at its real place, and only when
  that place is inside a folder named on the command line (for a file named directly: its
  group's folder); a link that leads out of the tree is never followed.
* A write is a temporary file beside the target, flushed to disk, **read back and parsed**: it
  must give exactly the data planned, or the temporary file is removed and the target left as
  it was. Then the target is compared with what was read when planning (its size, times,
  inode and bytes): a file that changed while being fixed is left alone. Only then is the
  temporary file renamed over it, with the target's permissions (and owner, where allowed).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from groupcheck import yamlsource
from groupcheck.discovery import CHARTER, PathNotFound, discover, display_path, group_folder_of


@dataclass(frozen=True)
class Target:
    """A file to fix: as the run names it, its real path, and which model its data is."""

    shown: str
    real: str
    kind: str  # "charter" or "rotations"
    inside: bool

    @property
    def path(self) -> str:
        """The real file, relative to the working folder when inside it (a folder above it
        may be closed to the user, as ``validate``'s relative paths also allow)."""
        cwd = os.getcwd()
        if self.real.startswith(cwd.rstrip(os.sep) + os.sep):
            return os.path.relpath(self.real, cwd)
        return self.real


def targets(paths: Sequence[str]) -> list[Target]:
    """The charters and rotation logs under ``paths``, each real file once: every one under a
    folder, and a file named directly only itself (pre-commit names the files committed).

    Raises ``discovery.PathNotFound`` for a path that does not exist.
    """
    folders = [path for path in paths if os.path.isdir(path)]
    found = discover(folders) if folders else None
    roots = [_root(path) for path in paths]
    named: list[tuple[str, str]] = []
    if found is not None:
        for group in found.groups:
            named.append((group.charter, "charter"))
            named += [(log, "rotations") for log in group.logs]
        named += [(log, "rotations") for log in found.orphan_logs]
        # links leading out of the tree: discovery never reads them; they are named here so
        # that fix says it leaves them alone (a link to a folder is no file to fix)
        named += [
            (link, "charter" if os.path.basename(link) == CHARTER else "rotations")
            for link in found.outside_links
            if not os.path.isdir(link)
        ]
    for path in paths:
        if not os.path.lexists(path):
            raise PathNotFound(path)
        if path not in folders and group_folder_of(path) is not None:
            kind = "charter" if os.path.basename(path) == CHARTER else "rotations"
            named.append((display_path(path), kind))
    seen: set[str] = set()
    out: list[Target] = []
    for shown, kind in sorted(named):
        real = os.path.realpath(shown)
        if real in seen:
            continue
        seen.add(real)
        inside = any(
            real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots
        )
        out.append(Target(shown, real, kind, inside))
    return out


def _root(path: str) -> str:
    if os.path.isdir(path):
        return os.path.realpath(path)
    folder = group_folder_of(path)
    return os.path.realpath(folder if folder is not None else os.path.dirname(path) or ".")


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: its bytes and what ``stat`` said."""

    data: bytes
    signature: tuple[int, int, int, int, int]


def read(path: str) -> Snapshot:
    """Read within groupcheck's bounds; raises ``yamlsource.SourceProblem`` when it cannot."""
    before = _signature(path)
    data = yamlsource.read_bytes(path)
    if _signature(path) != before:
        raise yamlsource.SourceProblem("GC001", "unreadable", details={"reason": "changing"})
    return Snapshot(data, before)


def _signature(path: str) -> tuple[int, int, int, int, int]:
    try:
        st = os.stat(path)
    except OSError as exc:
        raise yamlsource.SourceProblem(
            "GC001", "unreadable", details={"reason": exc.strerror or str(exc)}
        ) from None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


class Outcome(StrEnum):
    WRITTEN = "written"
    CHANGED = "changed"
    """The file changed while it was being fixed: left alone."""
    UNVERIFIED = "unverified"
    """The bytes read back did not give the planned data: left alone."""
    UNWRITABLE = "unwritable"


def write(
    path: str, snapshot: Snapshot, fixed: bytes, reads_back: Callable[[bytes], bool]
) -> tuple[Outcome, str]:
    """Replace ``path`` (whose content was ``snapshot``) by ``fixed``, atomically, after
    ``reads_back`` has accepted the bytes read back from the temporary file; the outcome and,
    for an unwritable file, why."""
    folder = os.path.dirname(path) or "."
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder
        )
    except OSError as exc:
        return Outcome.UNWRITABLE, exc.strerror or str(exc)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(fixed)
            stream.flush()
            os.fsync(stream.fileno())
        with open(temporary, "rb") as stream:
            back = stream.read()
        if back != fixed or not reads_back(back):
            _remove(temporary)
            return Outcome.UNVERIFIED, ""
        st = os.stat(path)
        os.chmod(temporary, stat.S_IMODE(st.st_mode))
        with contextlib.suppress(OSError):
            os.chown(temporary, st.st_uid, st.st_gid)
        if not _unchanged(path, snapshot):
            _remove(temporary)
            return Outcome.CHANGED, ""
        os.replace(temporary, path)
    except OSError as exc:
        _remove(temporary)
        return Outcome.UNWRITABLE, exc.strerror or str(exc)
    _sync_folder(folder)
    return Outcome.WRITTEN, ""


def _unchanged(path: str, snapshot: Snapshot) -> bool:
    try:
        if _signature(path) != snapshot.signature:
            return False
        return yamlsource.read_bytes(path) == snapshot.data
    except yamlsource.SourceProblem:
        return False


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)
