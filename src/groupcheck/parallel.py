"""Runs split over processes (``validate --jobs N``), with the same report as one process.

Loading a group and applying the group-scope rules to it needs nothing from any other group,
and that is nearly all of a run's time (parsing above all). So the parent walks the folders and
sends the groups, as it finds them, in chunks to worker processes; each loads a chunk, applies
the group-scope policy rules to it (``engine.check_groups``) and locates their findings. What
needs every group at once stays in the parent: the run-scope rules (GC4xx, GC101's count over
every group a core school leads), waivers, the waiver rules (GC5xx) and the report, through the
same ``engine.check`` a one-process run uses. Chunks come back in walk order; the parent puts
the groups back in discovery order (sorted by folder) and every output is sorted, so the report
is byte for byte the one ``--jobs 1`` writes, whatever the number of workers and whichever
finishes first.

What crosses between processes is kept small, because pickling pydantic models costs more than
validating them: a worker sends its findings and, for each loaded group, only the charter fields
the parent's rules and the report read (``PARENT_FIELDS``: identity, schools, waivers), which
the parent validates again into a smaller ``Charter``. The exchanges stay in the worker. So in a
parallel run ``RunResult.groups`` hold those fields only; a caller that needs whole groups (the
written report's evidence tables) runs with ``jobs=1``, which keeps everything.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import os
import signal
from collections.abc import Collection, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from groupcheck import engine, yamlsource
from groupcheck._version import __version__
from groupcheck.cache import Cache, Entry, Sent, entry_of, group_of
from groupcheck.cache import inside as cache_inside
from groupcheck.discovery import GroupSource, Walk
from groupcheck.engine import Loaded, PackInfo, Run, RunResult, UnloadedGroup
from groupcheck.findings import Finding
from groupcheck.loader import discovery_findings, load_group
from groupcheck.messages import Lang
from groupcheck.models import Group, Posting
from groupcheck.registry import JurisdictionPack
from groupcheck.settings import BY_JURISDICTION, Settings

PARENT_FIELDS = frozenset(
    {
        "id",
        "name",
        "jurisdiction",
        "level",
        "model",
        "established",
        "core_school",
        "members",
        "collaborators",
        "waivers",
    }
)
"""The charter fields a parallel run sends to the parent: what run-scope rules, waivers, the
waiver rules and the ``validate`` reporters read. A run-scope rule that reads another field
must add it here (tests/test_parallel.py compares ``--jobs 1`` with ``--jobs 2`` on every rule
case, and fails when one is missing)."""

SERIAL_BELOW = 64
"""Fewer groups than this are checked in the calling process: starting workers would cost
more than it saves (a pre-commit run on one group must feel instant)."""


def default_jobs() -> int:
    """The CPUs this process may run on (a container's share, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Progress(Protocol):
    """What a run reports as it goes (``groupcheck.progress`` draws it on a terminal)."""

    def finding(self, groups: int, files: int) -> None: ...

    def found(self, groups: int, files: int) -> None: ...

    def checked(self, groups: int, files: int) -> None: ...

    def finishing(self) -> None: ...


@dataclass
class _ChunkResult:
    groups: list[Group | Sent] = field(default_factory=list)
    unloaded: list[UnloadedGroup] = field(default_factory=list)
    load_findings: list[Finding] = field(default_factory=list)
    rule_findings: list[Finding] = field(default_factory=list)
    figures: engine.Figures = field(default_factory=dict)
    count: int = 0
    files: int = 0


_worker_run: Run | None = None
_worker_lang: Lang = "en"
_worker_failure: BaseException | None = None


@contextlib.contextmanager
def _pool(context: Any, jobs: int, run: Run) -> Iterator[Any]:
    """A pool whose workers ignore Ctrl-C from their first instruction: SIGINT is ignored in
    this process while they are forked (they inherit it), then this process's handler is put
    back; ``_init_worker`` alone would leave a moment in which a worker dies with a traceback."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pool = context.Pool(jobs, _init_worker, (run,))
    finally:
        signal.signal(signal.SIGINT, previous)
    with pool:
        yield pool


def _init_worker(run: Run) -> None:
    """Set a worker up; an exception here is kept and raised by the worker's first task.

    A pool whose initializer raises loses that worker and forks another, which raises again,
    for ever: the run would hang instead of failing. Kept, the exception reaches the parent
    with the first chunk and the run ends with an internal-error finding (GC000).
    """
    global _worker_failure
    try:
        _set_up_worker(run)
    except Exception as failure:  # re-raised by the first task
        _worker_failure = failure


def _set_up_worker(run: Run) -> None:
    global _worker_run, _worker_lang
    # Ctrl-C reaches the whole process group: the parent alone answers it (one line, and the
    # pool ended), never each worker with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_run = run
    _worker_lang = run.lang
    engine.registry()  # import and register the rules once per worker, not per chunk
    yamlsource.install_lean_events()  # a worker is groupcheck's own process
    # What is alive now (modules, the registry) lives as long as the worker: keep it out of
    # every cycle collection, so the one after each chunk looks at that chunk's objects only.
    gc.freeze()


def _check_chunk(sources: Sequence[GroupSource], run: Run, whole: bool) -> _ChunkResult:
    """Load ``sources`` and apply the group-scope rules; ``whole`` keeps the full models."""
    result = _ChunkResult(count=len(sources), files=sum(1 + len(s.logs) for s in sources))
    loaded: list[Group] = []
    for source in sources:
        group, failed, found = load_group(source, run.lang)
        result.load_findings += found
        if group is not None:
            loaded.append(group)
        if failed is not None:
            result.unloaded.append(failed)
    result.rule_findings, result.figures = engine.check_groups(loaded, run)
    if whole:
        result.groups = list(loaded)
    else:
        result.groups = [_sent(g) for g in loaded]
    return result


def _sent(group: Group) -> Sent:
    return Sent(
        group.folder,
        group.charter_file,
        group.log_files,
        group.charter.model_dump(include=set(PARENT_FIELDS), by_alias=True),
        group.unread_logs,
        group.staff_postings(),
    )


def _ready_run() -> Run:
    """The worker's run, for a task; raises what its set-up raised (``_init_worker``)."""
    if _worker_failure is not None:
        raise _worker_failure
    assert _worker_run is not None, "worker used before _init_worker"
    return _worker_run


def _entry(source: GroupSource, run: Run) -> Entry:
    """One group checked alone, as the cache keeps it."""
    group, failed, found = load_group(source, run.lang)
    rule_findings, figures = engine.check_groups([group] if group is not None else [], run)
    return entry_of(group, failed, found, rule_findings, figures, PARENT_FIELDS)


def _entries_worker(sources: Sequence[GroupSource]) -> list[Entry]:
    """A worker's share of the groups a cached run must check: each one's entry."""
    run = _ready_run()
    with _no_cycle_collection():
        entries = [_entry(source, run) for source in sources]
    gc.collect()
    return entries


def _add(result: _ChunkResult, entry: Entry, inputs: list[tuple[str, str]]) -> None:
    result.load_findings += entry.load_findings
    result.rule_findings += entry.rule_findings
    if entry.group is not None:
        result.groups.append(entry.group if entry.built is None else entry.built)
        inputs.append((entry.group.folder, entry.inputs))
        if entry.figures:
            result.figures[entry.group.charter_file] = entry.figures
    if entry.unloaded is not None:
        result.unloaded.append(entry.unloaded)


def _worker(sources: Sequence[GroupSource]) -> _ChunkResult:
    run = _ready_run()
    with _no_cycle_collection():
        result = _check_chunk(sources, run, whole=False)
    gc.collect()
    return result


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a run builds its models.

    A run allocates millions of small objects that all stay alive until it ends (the data,
    the models, the findings); the collector would walk them again and again for nothing (a
    quarter of the CPU of loading, measured with benchmarks/phases.py). Reference counting
    still frees everything that is not a cycle, and the collector runs again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run(
    settings: Settings,
    jobs: int | None = None,
    progress: Progress | None = None,
    pack: PackInfo | None = None,
    serial_below: int = SERIAL_BELOW,
) -> RunResult:
    """The run ``settings`` ask for, over ``jobs`` processes (default ``settings.jobs``).

    ``groupcheck.run(settings)`` is this function: the one path from settings to a report.
    The pack and the baseline are read before any charter, so a broken one fails fast
    (``policy.PackError``, ``baseline.BaselineError``); select, ignore, waivers and the
    baseline are applied by the engine, the same whatever ``jobs`` is. Runs of fewer than
    ``serial_below`` groups stay in this process whatever ``jobs`` says. A parallel run
    starts checking while the folders are still being walked: the walk feeds the workers
    chunk by chunk, and the report is put back in discovery order at the end.
    """
    from groupcheck import baseline, policy

    jobs = settings.jobs if jobs is None else jobs
    table: tuple[JurisdictionPack, ...] = ()
    by_jurisdiction = settings.rules_file == BY_JURISDICTION
    key = "fallback-rules" if by_jurisdiction else "rules"
    try:
        if pack is not None:
            the_pack = pack
        else:
            named = settings.fallback_rules if by_jurisdiction else settings.rules_file
            the_pack = policy.load_pack(named).info()
        if by_jurisdiction:
            key = "jurisdictions"
            table = policy.jurisdiction_table(
                settings.jurisdictions, settings.named_by("jurisdictions")
            )
            policy.refuse_name_clashes(table, the_pack)
    except policy.PackError as problem:
        problem.named_by = problem.named_by or settings.named_by(key)
        raise
    try:
        known = None if settings.baseline is None else baseline.read(settings.baseline)
    except baseline.BaselineError as problem:
        problem.named_by = settings.named_by("baseline")
        raise
    the_run = Run(
        as_of=settings.as_of,
        lang=settings.lang,
        pack=the_pack,
        use_waivers=settings.use_waivers,
        select=settings.select,
        ignore=settings.ignore,
        baseline=known,
        jurisdictions=table,
    )
    cache = _cache(settings, the_run)
    walk = Walk(
        settings.paths,
        progress.finding if progress is not None else None,
        cache.listings if cache is not None else None,
        yamlsource.overlaid(),
    )
    scope = settings.report_only
    if cache is not None:
        return _cached_run(walk, the_run, cache, jobs, progress, serial_below, scope)
    found = iter(walk)
    head = list(itertools.islice(found, serial_below)) if jobs > 1 else []
    if jobs <= 1 or len(head) < serial_below:
        for _source in found:  # the rest of a serial run's walk
            pass
        discovery = walk.result()
        if progress is not None:
            progress.found(len(discovery.groups), discovery.file_count)
        chunks = _prefetched(_stream_chunks(discovery.groups))
        results: Iterator[_ChunkResult] = (_check_chunk(c, the_run, whole=True) for c in chunks)
        with _no_cycle_collection():
            return _finish(walk, the_run, results, progress, announced=True, scope=scope)
    import multiprocessing  # only here: a one-group pre-commit run never starts a worker

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with _pool(context, jobs, the_run) as pool, _no_cycle_collection():

        def positions_of(files: Sequence[str]) -> list[engine.PositionTable | None]:
            # The run-scope findings' files (GC101, GC4xx, GC5xx) are re-read by the workers
            # too: some thousands of files in a nation-sized run.
            size = max(1, min(64, len(files) // (jobs * 8)))
            return list(pool.imap(engine.read_positions, files, chunksize=size))

        streamed = _prefetched(_stream_chunks(itertools.chain(head, found)))
        results = pool.imap(_worker, streamed)
        return _finish(walk, the_run, results, progress, positions_of, scope=scope)


def _cache(settings: Settings, run: Run) -> Cache | None:
    """The run's cache (``settings.cache_dir``), or None: none asked for, or one inside the
    checked paths, where it would write into the tree it checks."""
    if settings.cache_dir is None or cache_inside(settings.cache_dir, settings.paths):
        return None
    return Cache(settings.cache_dir, run, settings.paths)


def _cached_run(
    walk: Walk,
    the_run: Run,
    cache: Cache,
    jobs: int,
    progress: Progress | None,
    serial_below: int,
    scope: frozenset[str] | None = None,
) -> RunResult:
    """A run with the cache: the walk first, each group's key from its files' hashes (kept by
    their stat in the cache's index, so an unchanged file is not read), its entry when the
    cache has it; the others checked, in worker processes when there are ``serial_below`` or
    more of them (a warm run with a few changed groups starts none), and kept. What needs
    every group at once is then done as in any run (``_finish``).

    ``scope``: the folders of the groups reported on (``validate --changed``). Of every other
    group whose entry is kept, only its inputs and id are read (``Cache.known``): no entry
    is decoded unless a run-scope pass must run again (``every_group``), or its id is one
    of a reported group's (two folders sharing an id answer each other's waivers), when the
    run reads them all."""
    result = _ChunkResult()
    missing: list[tuple[GroupSource, str | None]] = []
    inputs: list[tuple[str, str]] = []  # (folder, Entry.inputs) of each loaded group
    others: list[tuple[GroupSource, str, str]] = []  # not reported on: (source, key, id)
    with _no_cycle_collection(), contextlib.closing(cache):
        # The walk whole before the first key: the files' stats are meanwhile checked in
        # another process (``Cache.stat_ahead``), and the first key waits for its answer.
        cache.stat_ahead()
        for source in list(walk):
            key = cache.key(source)
            if scope is not None and key is not None and not _in_scope(source.folder, scope):
                known = cache.known(key)
                if known is not None:
                    others.append((source, key, known[1]))
                    if known[0]:
                        inputs.append((source.folder, known[0]))
                    continue
            reload = functools.partial(_postings_again, source, the_run.lang)
            entry = cache.get(key, reload, folder=source.folder) if key is not None else None
            if entry is None:
                missing.append((source, key))
            else:
                _add(result, entry, inputs)
        discovery = walk.result()
        if progress is not None:
            progress.found(len(discovery.groups), discovery.file_count)
            missing_files = sum(1 + len(source.logs) for source, _key in missing)
            progress.checked(
                len(discovery.groups) - len(missing), discovery.file_count - missing_files
            )
        checked = _check_missing([s for s, _ in missing], the_run, jobs, serial_below, progress)
        # Closed whatever happens (Ctrl-C while an entry is stored): the pool it may hold is
        # ended with it, before the command's immediate exit could leave its workers running.
        with contextlib.closing(checked):
            for (_source, key), entry in zip(missing, checked, strict=True):
                _add(result, entry, inputs)
                if key is not None:
                    cache.put(key, entry)
        every_group = None
        if others:
            shown = {
                g.id if isinstance(g, Group) else str(g.charter.get("id")) for g in result.groups
            }
            shown |= {u.id for u in result.unloaded}
            if shown & {ident for _source, _key, ident in others}:
                for source, key, _ident in others:
                    _add(result, _entry_of(cache, source, key, the_run), [])
            else:
                every_group = _FromCache(cache, result, others, the_run)
        across = cache.across(inputs)
        outcome = _finish(
            walk,
            the_run,
            iter([result]),
            progress,
            cache.positions_of,
            across,
            announced=True,
            scope=scope,
            every_group=every_group,
        )
    cache.save()
    return outcome


def _in_scope(folder: str, scope: frozenset[str]) -> bool:
    """Whether the group folder ``folder`` (as the walk shows it) is one of ``scope``'s
    (absolute): its last name compared first, so that a run over 10,000 groups makes an
    absolute path of a few folders only."""
    name = folder.replace(os.sep, "/").rpartition("/")[2]
    if name not in ("", ".", "..") and name not in _names(scope):
        return False
    return os.path.abspath(folder or ".") in scope


@functools.cache
def _names(scope: frozenset[str]) -> frozenset[str]:
    return frozenset(os.path.basename(folder) for folder in scope)


def _entry_of(
    cache: Cache, source: GroupSource, key: str, the_run: Run, whole: bool = True
) -> Entry:
    """The entry of a group the index knew (``Cache.known``): read (not ``whole``: its group
    only), or checked again when it cannot be (its shard damaged meanwhile)."""
    reload = functools.partial(_postings_again, source, the_run.lang)
    entry = cache.get(key, reload, whole, source.folder)
    if entry is None:
        entry = _entry(source, the_run)
        cache.put(key, entry)
    return entry


class _FromCache:
    """Every loaded group of a run that reports on some (``engine.GroupsOfRun``): the reported
    ones, loaded, and the others read from the cache when asked for (their group only)."""

    def __init__(
        self,
        cache: Cache,
        result: _ChunkResult,
        others: Sequence[tuple[GroupSource, str, str]],
        the_run: Run,
    ) -> None:
        self._cache = cache
        self._run = the_run
        self._loaded = {
            g.folder: g for g in (g if isinstance(g, Group) else group_of(g) for g in result.groups)
        }
        self._others = {source.folder: (source, key) for source, key, _ident in others}
        self._read: dict[str, Group | None] = {}

    def _group(self, folder: str) -> Group | None:
        group = self._loaded.get(folder)
        if group is not None or folder not in self._others:
            return group
        if folder not in self._read:
            source, key = self._others[folder]
            entry = _entry_of(self._cache, source, key, self._run, whole=False)
            if entry.group is None:
                self._read[folder] = None
            else:
                built = entry.built
                self._read[folder] = built if built is not None else group_of(entry.group)
        return self._read[folder]

    def at(self, folders: Collection[str]) -> list[Group]:
        found = (self._group(folder) for folder in sorted(set(folders)))
        return [group for group in found if group is not None]

    def every(self) -> list[Group]:
        return self.at(self._loaded.keys() | self._others.keys())


def _postings_again(source: GroupSource, lang: Lang) -> tuple[Posting, ...]:
    """The staff postings of a cached group whose stored postings are not to be trusted,
    from its files (their bytes made its entry's key)."""
    group, _failed, _found = load_group(source, lang)
    return () if group is None else group.staff_postings()


def _check_missing(
    sources: Sequence[GroupSource],
    the_run: Run,
    jobs: int,
    serial_below: int,
    progress: Progress | None,
) -> Generator[Entry, None, None]:
    """The entries of the groups the cache did not have, in order."""
    if jobs <= 1 or len(sources) < serial_below:
        for source in sources:
            yield _entry(source, the_run)
            if progress is not None:
                progress.checked(1, 1 + len(source.logs))
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    chunks = list(_prefetched(_stream_chunks(sources)))
    with _pool(context, jobs, the_run) as pool:
        for chunk, entries in zip(chunks, pool.imap(_entries_worker, chunks), strict=True):
            yield from entries
            if progress is not None:
                progress.checked(len(chunk), sum(1 + len(s.logs) for s in chunk))


STREAM_CHUNK = 96
"""Groups per chunk (a parallel run's total is not known while the walk goes on): small enough
that the last chunks leave no worker idle for long, large enough that sending them costs
little."""


def _stream_chunks(sources: Iterable[GroupSource]) -> Iterator[list[GroupSource]]:
    """Chunks of ``STREAM_CHUNK`` groups as they come (in a parallel run, from the walk, in the
    pool's feeder thread, so the walk goes on while the workers check)."""
    batch: list[GroupSource] = []
    for source in sources:
        batch.append(source)
        if len(batch) == STREAM_CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _prefetched(chunks: Iterable[list[GroupSource]]) -> Iterator[list[GroupSource]]:
    """The chunks, each one's files handed to the kernel to read ahead as it is sent.

    A parallel run's walk goes a few chunks ahead of the workers (as far as the pipe to them
    holds), so on a cold page cache the disk reads those while the workers parse: 40,000
    groups took 78 s from a cold cache without this, 53 s with it (docs/performance.md).
    """
    for chunk in chunks:
        yamlsource.prefetch(path for source in chunk for path in (source.charter, *source.logs))
        yield chunk


def _finish(
    walk: Walk,
    the_run: Run,
    results: Iterator[_ChunkResult],
    progress: Progress | None,
    positions_of: engine.PositionsOf | None = None,
    across: engine.AcrossMemo | None = None,
    *,
    announced: bool = False,
    scope: frozenset[str] | None = None,
    every_group: engine.GroupsOfRun | None = None,
) -> RunResult:
    """Gather the chunks, then apply what needs every group at once.

    ``announced``: the progress display already knows the totals (a serial run walks first);
    otherwise they are passed on as soon as the walk has ended. ``scope``: the folders of
    the groups the report covers (``engine.ReportOn``), None for all; ``every_group``: every
    group of the run, when the chunks hold only those.
    """
    groups: list[Group] = []
    unloaded: list[UnloadedGroup] = []
    load_findings: list[Finding] = []
    rule_findings: list[Finding] = []
    figures: engine.Figures = {}
    for chunk in results:
        groups += [g if isinstance(g, Group) else group_of(g) for g in chunk.groups]
        unloaded += chunk.unloaded
        load_findings += chunk.load_findings
        rule_findings += chunk.rule_findings
        figures.update(chunk.figures)
        if progress is not None:
            if walk.finished and not announced:
                progress.found(walk.groups_found, walk.files_found)
                announced = True
            progress.checked(chunk.count, chunk.files)
    discovery = walk.result()
    if progress is not None:
        if not announced:
            progress.found(len(discovery.groups), discovery.file_count)
        progress.finishing()
    # Chunks came in walk order; the report is built from discovery order (sorted by folder),
    # exactly as a one-process run builds it.
    groups.sort(key=lambda g: g.folder)
    unloaded.sort(key=lambda u: u.folder)
    load_findings += discovery_findings(discovery, the_run.lang)
    loaded = Loaded(groups, unloaded, load_findings, files=discovery.file_count)
    report_on = None
    if scope is not None:
        files = sum(1 + len(s.logs) for s in discovery.groups if _in_scope(s.folder, scope))
        report_on = engine.ReportOn(scope, files, every_group)
    return engine.check(
        loaded,
        the_run,
        __version__,
        checked=rule_findings,
        figures=figures,
        positions_of=positions_of,
        across=across,
        report_on=report_on,
    )
