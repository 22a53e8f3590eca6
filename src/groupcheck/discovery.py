"""Paths → groups: folders holding ``charter.yaml``, each with its rotation logs.

A group is a folder holding ``charter.yaml``. Its rotation log is ``rotations.yaml`` and/or any
``rotations/*.yaml`` beside it, merged. Hidden folders are skipped; symbolic links to folders
are not followed (a link loop cannot trap the walk). A rotation log with no charter in its
group folder is an orphan (GC005).

Nothing is dropped without a word: a near miss of those names (``charter.yml``,
``Charter.yaml``, ``rotations.yml``, ``rotations/2024.YAML``) is reported with the name meant
(``misnamed``), a folder or ``rotations/`` that cannot be listed is reported (``unreadable``),
and a symbolic link that leads out of the checked path is neither followed nor read, but
reported (``outside_links``). A folder named ``rotations`` is a group's log folder only beside
a charter; anywhere else the walk goes into it like any other folder.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from groupcheck.errors import GroupcheckError

CHARTER = "charter.yaml"
ROTATIONS_FILE = "rotations.yaml"
ROTATIONS_DIR = "rotations"
YAML_SUFFIXES = (".yaml", ".yml")


class PathNotFound(GroupcheckError):
    """A path on the command line does not exist (a usage error, exit 2)."""

    def describe(self) -> str:
        """ "path not found", unless it is there and a folder on the way cannot be searched."""
        path = str(self)
        parent = os.path.dirname(os.path.abspath(path))
        while parent and not os.path.exists(parent):
            parent = os.path.dirname(parent)
        if parent and not os.access(parent, os.X_OK):
            return f"{path}: permission denied (the folder {parent} cannot be searched)"
        return f"path not found: {path}"


FolderStamp = tuple[int, int, int, int]
"""What ``os.stat`` says of a folder: device, inode, modification and change times (ns)."""

Listing = tuple[tuple[str, ...], tuple[str, ...]]
"""A folder's entries: the folders, then the rest (files)."""

RACY_NS = 2_000_000_000
"""A folder changed less than this before it was listed is listed again next time: an entry
added within the file system's clock tick would leave its times as they were."""


class Listings(Protocol):
    """Folder listings kept from an earlier walk (``cache.Cache``'s): a folder whose stat is
    the one recorded with its listing is not listed again. Only listings without symbolic
    links are kept (a link's target can change type without its folder changing)."""

    def get(self, folder: str, stamp: FolderStamp) -> Listing | None: ...

    def put(self, folder: str, stamp: FolderStamp, listing: Listing) -> None: ...


def _folder_stamp(folder: str) -> FolderStamp | None:
    """The folder's stat as ``Listings`` keeps it; None when it is no folder."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)


def _listing(
    folder: str, listings: Listings | None, stamp: FolderStamp | None
) -> tuple[list[str], list[str], set[str]]:
    """``folder``'s folders, other entries, and those that are symbolic links (the type of
    each comes with the listing: no ``lstat`` per file); raises ``OSError`` when it cannot be
    listed.

    With ``listings`` and the folder's ``stamp``, a listing kept for that stat is taken
    instead, when this process may list the folder now (its stat does not change when a
    user loses the right to read it); a listing is kept when every entry's type was known,
    none is a link, and its entries last changed ``RACY_NS`` or more ago.
    """
    if listings is not None and stamp is not None:
        kept = listings.get(folder, stamp)
        if kept is not None and os.access(folder, os.R_OK | os.X_OK):
            return list(kept[0]), list(kept[1]), set()
    dirnames: list[str] = []
    filenames: list[str] = []
    links: set[str] = set()
    sure = True
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = sure = False
            (dirnames if is_dir else filenames).append(entry.name)
            try:
                if entry.is_symlink():
                    links.add(entry.name)
            except OSError:
                sure = False
    if listings is not None and stamp is not None and sure and not links and _settled(stamp):
        listings.put(folder, stamp, (tuple(dirnames), tuple(filenames)))
    return dirnames, filenames, links


def _settled(stamp: FolderStamp) -> bool:
    """Whether the folder's entries last changed ``RACY_NS`` or more ago (its modification
    time: an entry added, removed or renamed sets it)."""
    return time.time_ns() - stamp[2] >= RACY_NS


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
    misnamed: list[tuple[str, str]] = field(default_factory=list)
    """Files named almost as a charter or a log (``charter.yml``), with the name meant."""
    outside_links: list[str] = field(default_factory=list)
    """Symbolic links leading out of the checked paths: never followed, never read."""

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
        self,
        paths: Sequence[str],
        on_progress: Callable[[int, int], None] | None = None,
        listings: Listings | None = None,
        unsaved: Collection[str] = (),
    ) -> None:
        self.unsaved = frozenset(os.path.abspath(path) for path in unsaved)
        """Files read from elsewhere (``validate -``: an editor's buffer), by absolute path:
        one named on the command line is walked as its group's file, saved or not yet."""
        for path in paths:
            if not os.path.lexists(path) and os.path.abspath(path) not in self.unsaved:
                raise PathNotFound(path)
        self.paths = tuple(paths)
        self.on_progress = on_progress
        self.listings = listings
        self.finished = False
        self._folders: dict[str, GroupSource] = {}
        self._orphans: set[str] = set()
        self._ignored: set[str] = set()
        self._unreadable: set[str] = set()
        self._misnamed: set[tuple[str, str]] = set()
        self._outside: set[str] = set()
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
                self._root = os.path.realpath(path)
                top_shown = display_path(path)
                # Below a path inside the working folder, every folder is shown relative to
                # it; below one outside, a folder may be the working folder or inside it,
                # unless the working folder is not below the path: then every folder is shown
                # absolute, as the path is.
                inside = not os.path.isabs(top_shown) or not _holds_cwd(path)
                for seen, (folder, entries, links) in enumerate(
                    _walk(path, self._unreadable, self.listings), 1
                ):
                    shown = (
                        top_shown
                        if folder == path
                        else _below(top_shown, path, folder)
                        if inside
                        else None
                    )
                    found = self._take(self._collect(folder, entries, links, shown))
                    if found is not None:
                        yield found
                    if self.on_progress is not None and seen % 512 == 0:
                        self.on_progress(len(self._folders), self._files)
            else:
                found = self._take(self._collect_file(path))
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
            groups,
            sorted(self._orphans),
            sorted(self._ignored),
            sorted(self._unreadable),
            sorted(self._misnamed),
            sorted(self._outside),
        )

    _root = ""
    """The checked path the walk is in (resolved): links leading out of it are not followed."""

    def _leaves(self, path: str, link: bool | None = None) -> bool:
        """Whether ``path`` is a symbolic link that leads out of the checked path (``link``:
        whether it is a link at all, when the folder's listing said so)."""
        if not (os.path.islink(path) if link is None else link):
            return False
        target = os.path.realpath(path)
        return target != self._root and not target.startswith(self._root.rstrip(os.sep) + os.sep)

    def _collect(
        self,
        folder: str,
        entries: set[str],
        links: set[str] | None = None,
        shown: str | None = None,
    ) -> tuple[GroupSource | None, int]:
        """``folder``'s group, or its logs recorded as orphans; and how many files that is.

        ``links``: the entries that are symbolic links (and, as ``rotations/NAME``, the logs),
        when the listing said so; None: each is looked at. ``shown``: ``display_path(folder)``
        when the walk knows it.
        """
        # display_path() once per folder, not once per file: a nation's repository has some
        # 300,000 files, and relpath() on each of them was a tenth of a parallel run's wall time.
        if shown is None:
            shown = display_path(folder)
        prefix = "" if shown == "." else shown + "/"
        self._misnamed.update((prefix + name, meant) for name, meant in _near_misses(entries))
        logs: list[str] = []
        for name in self._logs_of(entries, folder, prefix, links):
            link = None if links is None else name in links
            # A log the listing says is no link stays inside: no path to join (a nation's
            # repository has some 300,000 logs).
            if link is not False and self._leaves(os.path.join(folder, name), link):
                self._outside.add(prefix + name)
            else:
                logs.append(prefix + name)
        if CHARTER in entries:
            link = None if links is None else CHARTER in links
            if link is not False and self._leaves(os.path.join(folder, CHARTER), link):
                self._outside.add(prefix + CHARTER)
                return None, 0
            return GroupSource(shown, prefix + CHARTER, tuple(logs)), 1 + len(logs)
        new = [log for log in logs if log not in self._orphans]
        self._orphans.update(new)
        return None, len(new)

    def _logs_of(
        self, entries: set[str], folder: str, prefix: str, links: set[str] | None = None
    ) -> list[str]:
        """The group's rotation logs, relative to ``folder``, with forward slashes (those
        that are symbolic links added to ``links``, when it is given)."""
        logs: list[str] = []
        if ROTATIONS_FILE in entries:
            logs.append(ROTATIONS_FILE)
        if ROTATIONS_DIR not in entries:
            return logs
        rotations = os.path.join(folder, ROTATIONS_DIR)
        if self._leaves(rotations, None if links is None else ROTATIONS_DIR in links):
            self._outside.add(prefix + ROTATIONS_DIR)
            return logs
        stamp = _folder_stamp(rotations)
        if stamp is None:
            return logs
        try:
            folders, files, linked = _listing(rotations, self.listings, stamp)
        except OSError:
            self._unreadable.add(display_path(rotations))
            return logs
        names = sorted([*folders, *files])
        if links is not None:
            links.update(f"{ROTATIONS_DIR}/{name}" for name in linked)
        for name in names:
            if name.startswith("."):
                continue
            if name.endswith(YAML_SUFFIXES):
                logs.append(f"{ROTATIONS_DIR}/{name}")
            elif name.lower().endswith(YAML_SUFFIXES):
                stem = name[: name.rfind(".")]
                self._misnamed.add((f"{prefix}{ROTATIONS_DIR}/{name}", f"{stem}.yaml"))
        return logs

    def _collect_file(self, path: str) -> tuple[GroupSource | None, int]:
        folder = group_folder_of(path)
        if folder is None:
            self._ignored.add(display_path(path))
            return None, 0
        self._root = os.path.realpath(folder)
        try:
            entries = set(os.listdir(folder))
        except OSError:
            self._unreadable.add(display_path(folder))
            return None, 0
        if os.path.abspath(path) not in self.unsaved or os.path.lexists(path):
            return self._collect(folder, entries)
        # Not saved yet: its group is the folder's, with it in its place.
        name = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
        name = name.replace(os.sep, "/")
        if name == CHARTER:
            entries.add(CHARTER)
            return self._collect(folder, entries)
        source, files = self._collect(folder, entries)
        if name.startswith(f"{ROTATIONS_DIR}/") and (
            name.rpartition("/")[2].startswith(".")  # hidden: no log, as the walk reads them
            or self._leaves(os.path.join(folder, ROTATIONS_DIR))  # not followed (GC001)
        ):
            return source, files
        shown = display_path(folder)
        log = name if shown == "." else f"{shown}/{name}"
        if source is None:  # a log without a charter (GC005)
            new = log not in self._orphans
            self._orphans.add(log)
            return None, files + new
        logs = tuple(sorted({*source.logs, log}))  # rotations.yaml sorts before rotations/
        return GroupSource(source.folder, source.charter, logs), files + (log not in source.logs)


_MEANT = {CHARTER: CHARTER, "charter.yml": CHARTER, ROTATIONS_FILE: ROTATIONS_FILE}
_MEANT["rotations.yml"] = ROTATIONS_FILE


def _near_misses(entries: set[str]) -> Iterator[tuple[str, str]]:
    """Entries named almost as a charter or a log: another case, or ``.yml``."""
    for name in entries:
        meant = _MEANT.get(name.lower())
        if meant is not None and name != meant:
            yield name, meant


def _holds_cwd(path: str) -> bool:
    """Whether the working folder is ``path`` or below it (as ``display_path`` compares:
    lexically, links not resolved)."""
    cwd = os.getcwd()
    top = os.path.abspath(path)
    return cwd == top or cwd.startswith(top.rstrip(os.sep) + os.sep)


def _below(top_shown: str, top: str, folder: str) -> str:
    """``display_path(folder)`` for a folder the walk of ``top`` reached (``top`` joined with
    entry names, none of them hidden), from ``display_path(top)`` when that is relative (``top``
    inside the working folder) or absolute with the working folder not below ``top``: without
    ``relpath`` for each of a nation's folders."""
    rest = folder[len(top) :].lstrip(os.sep).replace(os.sep, "/")
    return rest if top_shown == "." else f"{top_shown}/{rest}"


def _walk(
    top: str, unreadable: set[str], listings: Listings | None = None
) -> Iterable[tuple[str, set[str], set[str]]]:
    """Folders under ``top`` (itself included) with their entry names and the names of those
    that are symbolic links; hidden folders skipped, links to folders never entered.

    ``os.walk``, top-down, with the links its listing saw (the type of each entry comes with
    the listing: no ``lstat`` per file). A folder that cannot be listed is added to
    ``unreadable``: the groups in it would otherwise vanish from the run without a word.
    ``listings``: a folder whose stat is the one kept there with its listing is not listed
    (a warm run's walk of 17,000 folders: a stat each).
    """
    pending = [top]
    while pending:
        folder = pending.pop()
        stamp = _folder_stamp(folder) if listings is not None else None
        try:
            dirnames, filenames, links = _listing(folder, listings, stamp)
        except OSError as error:
            unreadable.add(display_path(error.filename or top))
            continue
        dirnames = sorted(d for d in dirnames if not d.startswith("."))
        entries = set(filenames) | set(dirnames)
        if CHARTER in dirnames:
            dirnames.remove(CHARTER)  # a folder named charter.yaml: reported, never entered
        if ROTATIONS_DIR in dirnames and CHARTER in filenames:
            dirnames.remove(ROTATIONS_DIR)  # the group's logs, read with it
        yield folder, entries, links
        # Depth first, in sorted order, as os.walk goes; links to folders are not followed.
        pending.extend(os.path.join(folder, d) for d in reversed(dirnames) if d not in links)


def group_folder_of(path: str) -> str | None:
    """The group folder a file named on the command line belongs to, or None when it is
    neither a charter nor a rotation log (such a file is not read)."""
    parent = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(os.path.normpath(path))
    if os.path.basename(parent) == ROTATIONS_DIR and name.endswith(YAML_SUFFIXES):
        above = os.path.dirname(parent)
        # rotations/charter.yaml is a log beside a charter, as the walk reads it, and a
        # charter (of the group rotations/) where there is none.
        if name not in (CHARTER, ROTATIONS_FILE) or os.path.isfile(os.path.join(above, CHARTER)):
            return above
    if name in (CHARTER, ROTATIONS_FILE):
        return parent
    return None
