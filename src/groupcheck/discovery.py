"""Paths → groups: folders holding ``charter.yaml``, each with its rotation logs.

A group is a folder holding ``charter.yaml``. Its rotation log is ``rotations.yaml`` and/or any
``rotations/*.yaml`` beside it, merged. Hidden folders are skipped; symbolic links to folders
are not followed (a link loop cannot trap the walk). A rotation log with no charter in its
group folder is an orphan (GC005).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from groupcheck.errors import GroupcheckError

CHARTER = "charter.yaml"
ROTATIONS_FILE = "rotations.yaml"
ROTATIONS_DIR = "rotations"
YAML_SUFFIXES = (".yaml", ".yml")


class PathNotFound(GroupcheckError):
    """A path on the command line does not exist (a usage error, exit 2)."""

    def describe(self) -> str:
        return f"path not found: {self}"


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
    walk = Walk(paths, on_progress)
    for _group in walk:
        pass
    return walk.result()


class Walk:
    """``discover`` step by step: iterating yields each group as the walk reaches it (walk
    order, each folder once), so checking can start before the walk ends; ``result()`` is
    then the same ``Discovery`` that ``discover`` returns, groups sorted by folder.

    Raises ``PathNotFound`` at once, before anything is walked.
    """

    def __init__(
        self, paths: Sequence[str], on_progress: Callable[[int, int], None] | None = None
    ) -> None:
        for path in paths:
            if not os.path.lexists(path):
                raise PathNotFound(path)
        self.paths = tuple(paths)
        self.on_progress = on_progress
        self.finished = False
        self._folders: dict[str, GroupSource] = {}
        self._orphans: set[str] = set()
        self._ignored: set[str] = set()
        self._unreadable: set[str] = set()
        self._files = 0

    @property
    def groups_found(self) -> int:
        return len(self._folders)

    @property
    def files_found(self) -> int:
        return self._files

    def __iter__(self) -> Iterator[GroupSource]:
        for path in self.paths:
            if os.path.isdir(path) and os.path.basename(os.path.normpath(path)) != CHARTER:
                for seen, (folder, entries) in enumerate(_walk(path, self._unreadable), 1):
                    found = self._take(_collect(folder, entries, self._orphans))
                    if found is not None:
                        yield found
                    if self.on_progress is not None and seen % 512 == 0:
                        self.on_progress(len(self._folders), self._files)
            else:
                found = self._take(_collect_file(path, self._orphans, self._ignored))
                if found is not None:
                    yield found
        self.finished = True

    def _take(self, collected: tuple[GroupSource | None, int]) -> GroupSource | None:
        """Record what ``_collect`` found; the group, unless its folder was seen before."""
        source, files = collected
        if source is None:
            self._files += files
            return None
        if source.folder in self._folders:
            return None
        self._folders[source.folder] = source
        self._files += files
        return source

    def result(self) -> Discovery:
        """What the walk found (call it once the iteration has ended)."""
        groups = sorted(self._folders.values(), key=lambda g: g.folder)
        return Discovery(
            groups, sorted(self._orphans), sorted(self._ignored), sorted(self._unreadable)
        )


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


def _collect(folder: str, entries: set[str], orphans: set[str]) -> tuple[GroupSource | None, int]:
    """``folder``'s group, or its logs recorded as orphans; and how many files that is."""
    # display_path() once per folder, not once per file: a nation's repository has some
    # 300,000 files, and relpath() on each of them was a tenth of a parallel run's wall time.
    shown = display_path(folder)
    prefix = "" if shown == "." else shown + "/"
    logs = [prefix + name for name in _logs_of(entries, folder)]
    if CHARTER in entries:
        return GroupSource(shown, prefix + CHARTER, tuple(logs)), 1 + len(logs)
    new = [log for log in logs if log not in orphans]
    orphans.update(new)
    return None, len(new)


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
    path: str, orphans: set[str], ignored: set[str]
) -> tuple[GroupSource | None, int]:
    folder = group_folder_of(path)
    if folder is None:
        ignored.add(display_path(path))
        return None, 0
    entries = set(os.listdir(folder))
    return _collect(folder, entries, orphans)
