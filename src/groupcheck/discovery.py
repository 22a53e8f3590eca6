"""Paths → groups: folders holding ``charter.yaml``, each with its rotation logs.

A group is a folder holding ``charter.yaml``. Its rotation log is ``rotations.yaml`` and/or any
``rotations/*.yaml`` beside it, merged. Hidden folders are skipped; symbolic links to folders
are not followed (a link loop cannot trap the walk). A rotation log with no charter in its
group folder is an orphan (GC005).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

CHARTER = "charter.yaml"
ROTATIONS_FILE = "rotations.yaml"
ROTATIONS_DIR = "rotations"
YAML_SUFFIXES = (".yaml", ".yml")


class PathNotFound(Exception):
    """A path on the command line does not exist (a usage error, exit 2)."""


@dataclass(frozen=True)
class GroupSource:
    folder: str
    charter: str
    logs: tuple[str, ...]


@dataclass
class Discovery:
    groups: list[GroupSource] = field(default_factory=list)
    orphan_logs: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    """Folders the walk could not list (no permission): the groups in them are not checked."""

    @property
    def files(self) -> list[str]:
        """Every file the run reads, sorted."""
        names = [g.charter for g in self.groups]
        names += [log for g in self.groups for log in g.logs]
        return sorted([*names, *self.orphan_logs])

    @property
    def file_count(self) -> int:
        """``len(self.files)``, without building and sorting the list."""
        return len(self.groups) + sum(len(g.logs) for g in self.groups) + len(self.orphan_logs)


def display_path(path: str) -> str:
    """Relative to the working folder when inside it, with forward slashes, else absolute."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    try:
        relative = os.path.relpath(absolute, cwd)
    except ValueError:  # another drive on Windows
        relative = absolute
    chosen = absolute if relative.startswith("..") else relative
    return chosen.replace(os.sep, "/")


def discover(
    paths: Sequence[str], on_progress: Callable[[int, int], None] | None = None
) -> Discovery:
    """Find every group under ``paths`` (folders searched recursively, files taken as given).

    ``on_progress(groups, files)`` is told, every few hundred folders, what has been found so
    far (the progress bar of a long run).
    """
    for path in paths:
        if not os.path.lexists(path):
            raise PathNotFound(path)
    folders: dict[str, GroupSource] = {}
    orphans: set[str] = set()
    ignored: set[str] = set()
    unreadable: set[str] = set()
    found_files = 0
    for path in paths:
        if os.path.isdir(path) and os.path.basename(os.path.normpath(path)) != CHARTER:
            for seen, (folder, entries) in enumerate(_walk(path, unreadable), start=1):
                found_files += _collect(folder, entries, folders, orphans)
                if on_progress is not None and seen % 512 == 0:
                    on_progress(len(folders), found_files)
        else:
            _collect_file(path, folders, orphans, ignored)
    groups = sorted(folders.values(), key=lambda g: g.folder)
    return Discovery(groups, sorted(orphans), sorted(ignored), sorted(unreadable))


def _walk(top: str, unreadable: set[str]) -> Iterable[tuple[str, set[str]]]:
    """Folders under ``top`` (itself included) with their entry names; hidden ones skipped.

    A folder that cannot be listed is added to ``unreadable``: the groups in it would
    otherwise vanish from the run without a word.
    """

    def cannot_list(error: OSError) -> None:
        unreadable.add(display_path(error.filename or top))

    for folder, dirnames, filenames in os.walk(top, onerror=cannot_list, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        entries = set(filenames) | set(dirnames)
        if CHARTER in dirnames:
            dirnames.remove(CHARTER)  # a folder named charter.yaml: reported, never entered
        if ROTATIONS_DIR in dirnames:
            dirnames.remove(ROTATIONS_DIR)
        yield folder, entries


def _logs_of(entries: set[str], folder: str) -> list[str]:
    """The group's rotation logs, relative to ``folder``, with forward slashes."""
    logs: list[str] = []
    if ROTATIONS_FILE in entries:
        logs.append(ROTATIONS_FILE)
    if ROTATIONS_DIR in entries:
        rotations = os.path.join(folder, ROTATIONS_DIR)
        if os.path.isdir(rotations):
            logs += [
                f"{ROTATIONS_DIR}/{name}"
                for name in sorted(os.listdir(rotations))
                if name.endswith(YAML_SUFFIXES) and not name.startswith(".")
            ]
    return logs


def _collect(
    folder: str, entries: set[str], groups: dict[str, GroupSource], orphans: set[str]
) -> int:
    """Record ``folder``'s group or orphan logs; returns how many files that added."""
    # display_path() once per folder, not once per file: a nation's repository has some
    # 300,000 files, and relpath() on each of them was a tenth of a parallel run's wall time.
    shown = display_path(folder)
    prefix = "" if shown == "." else shown + "/"
    logs = [prefix + name for name in _logs_of(entries, folder)]
    if CHARTER in entries:
        groups[shown] = GroupSource(shown, prefix + CHARTER, tuple(logs))
        return 1 + len(logs)
    orphans.update(logs)
    return len(logs)


def group_folder_of(path: str) -> str | None:
    """The group folder a file named on the command line belongs to, or None when it is
    neither a charter nor a rotation log (such a file is not read)."""
    parent = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(os.path.normpath(path))
    if name in (CHARTER, ROTATIONS_FILE):
        return parent
    if os.path.basename(parent) == ROTATIONS_DIR and name.endswith(YAML_SUFFIXES):
        return os.path.dirname(parent)
    return None


def _collect_file(
    path: str, groups: dict[str, GroupSource], orphans: set[str], ignored: set[str]
) -> None:
    folder = group_folder_of(path)
    if folder is None:
        ignored.add(display_path(path))
        return
    entries = set(os.listdir(folder))
    _collect(folder, entries, groups, orphans)
