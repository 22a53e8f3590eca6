"""Run-scope passes brought up to date (issue 17, items 2 and 3): after a commit that changes
what the cross-group rules read of a group (a school, an id, a core school, a staff number,
a group come or gone), the cache re-judges only the groups that share a value with it
(``registry.Joins``, ``engine._brought_up_to_date``), and every output is still the one a
run without the cache gives: the whole run's, and the hook's (``validate --changed``).

Each step below edits a synthetic repository (``benchmarks/generate.py``) and is checked
both ways; the steps build on each other, as a repository's commits do.
"""

from __future__ import annotations

import datetime as dt
import marshal
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import age
from groupcheck import parallel, reporters
from groupcheck.cache import Across
from groupcheck.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 25)
FORMATS = ("json", "sarif", "concise")


def _run(tree: Path, cache: Path | None, scope: Path | None = None) -> dict[str, str]:
    settings = Settings(
        paths=(str(tree),),
        as_of=AS_OF,
        lang="en",
        cache_dir=None if cache is None else str(cache),
        report_only=None if scope is None else frozenset({str(scope)}),
    )
    result = parallel.run(settings, 1)
    return {name: reporters.render(name, result, lang="en") for name in FORMATS}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _charter(group: Path) -> Path:
    return group / "charter.yaml"


def _logs(group: Path) -> list[Path]:
    return sorted((group / "rotations").glob("*.yaml"))


def _id(group: Path) -> str:
    text = _charter(group).read_text(encoding="utf-8")
    return next(line[4:] for line in text.splitlines() if line.startswith("id: "))


def _school_of(group: Path, *, undone: bool = False) -> Callable[[list[Path]], Path]:
    """A member school of the first group listed in ``group`` too (or, ``undone``, no more)."""

    def edit(groups: list[Path]) -> Path:
        shared = (
            f"members:\n  - id: {_id(groups[0])}-m1\n    name: 共享成员校\n"
            "    relation: integration\n"
        )
        before, after = (shared, "members:\n") if undone else ("members:\n", shared)
        _edit(_charter(group), before, after)
        return group

    return edit


def _id_taken(group: Path) -> Callable[[list[Path]], Path]:
    def edit(groups: list[Path]) -> Path:
        _edit(_charter(group), f"id: {_id(group)}\n", f"id: {_id(groups[0])}\n")
        return group

    return edit


def _id_given(group: Path, ident: str) -> Callable[[list[Path]], Path]:
    def edit(groups: list[Path]) -> Path:
        _edit(_charter(group), f"id: {_id(group)}\n", f"id: {ident}\n")
        return group

    return edit


def _core_shared(group: Path) -> Callable[[list[Path]], Path]:
    def edit(groups: list[Path]) -> Path:
        _edit(
            _charter(group),
            f"core_school:\n  id: {_id(group)}-core\n",
            f"core_school:\n  id: {_id(groups[0])}-core\n",
        )
        return group

    return edit


def _staff_shared(group: Path) -> Callable[[list[Path]], Path]:
    """Every staff number of ``group``'s logs made the first group's: the same people, on
    exchanges of two groups at the same time (GC204 across groups)."""

    def edit(groups: list[Path]) -> Path:
        mine, theirs = (f'staff_no: "{int(g.name.split("-")[1]):06d}-' for g in (group, groups[0]))
        for log in _logs(group):
            text = log.read_text(encoding="utf-8")
            assert mine in text
            log.write_text(text.replace(mine, theirs), encoding="utf-8")
        return group

    return edit


def _removed(group: Path) -> Callable[[list[Path]], Path]:
    def edit(groups: list[Path]) -> Path:
        shutil.rmtree(group)
        return group

    return edit


def _copied(group: Path) -> Callable[[list[Path]], Path]:
    """A copy of the first group in a new folder: its id, schools and staff numbers twice."""

    def edit(groups: list[Path]) -> Path:
        shutil.copytree(groups[0], group)
        return group

    return edit


def _field_set(group: Path, field: str, value: str) -> Callable[[list[Path]], Path]:
    """The charter's top-level ``field`` given ``value`` (``established``: not yet, on the
    as-of date; ``model``: a trusteeship)."""

    def edit(groups: list[Path]) -> Path:
        text = _charter(group).read_text(encoding="utf-8")
        line = next(x for x in text.splitlines() if x.startswith(f"{field}: "))
        _edit(_charter(group), line + "\n", f"{field}: {value}\n")
        return group

    return edit


def _log_unreadable(group: Path) -> Callable[[list[Path]], Path]:
    def edit(groups: list[Path]) -> Path:
        _logs(group)[0].write_text("exchanges: [unclosed\n", encoding="utf-8")
        return group

    return edit


def _steps(groups: list[Path], top: Path) -> list[tuple[str, Callable[[list[Path]], Path]]]:
    return [
        ("a school of another group listed (GC401)", _school_of(groups[1])),
        ("another group's id taken (GC402)", _id_taken(groups[2])),
        ("another group's core school named (GC101)", _core_shared(groups[3])),
        ("another group's staff numbers used (GC204)", _staff_shared(groups[4])),
        ("the school listed again removed", _school_of(groups[1], undone=True)),
        ("a group removed", _removed(groups[5])),
        ("a group copied to a new folder", _copied(top / "zz" / "copy-of-first")),
        ("a shared group not yet established", _field_set(groups[0], "established", "2027-01-01")),
        ("a group made a trusteeship", _field_set(groups[7], "model", "trusteeship")),
        ("a sharing group's log unreadable", _log_unreadable(groups[4])),
        ("the id taken given back", _id_given(groups[2], _id(groups[2]))),
    ]


def _spy(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    counts = {"brought up to date": 0, "every group read": 0}
    earlier, every = Across.earlier, parallel._FromCache.every

    def counting_earlier(self: Across, name: str) -> Any:
        before = earlier(self, name)
        counts["brought up to date"] += before is not None
        return before

    def counting_every(self: Any) -> Any:
        counts["every group read"] += 1
        return every(self)

    monkeypatch.setattr(Across, "earlier", counting_earlier)
    monkeypatch.setattr(parallel._FromCache, "every", counting_every)
    return counts


@pytest.mark.parametrize("hook_first", [True, False], ids=["the hook first", "a whole run first"])
def test_passes_brought_up_to_date_give_the_uncached_outputs(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hook_first: bool
) -> None:
    cache = tmp_path / "cache"
    groups = sorted(c.parent for c in generated.rglob("charter.yaml"))
    _run(generated, cache)
    spied = _spy(monkeypatch)
    seen: set[str] = set()
    for label, edit in _steps(groups, generated):
        changed = edit(groups)
        age(generated)
        spied.update(dict.fromkeys(spied, 0))
        if hook_first:
            scope = changed if changed.exists() else groups[0]
            assert _run(generated, cache, scope) == _run(generated, None, scope), label
            assert spied["every group read"] == 0, label
        assert _run(generated, cache) == _run(generated, None), label
        assert spied["brought up to date"] >= 4, label  # GC101, GC204, GC401, GC402
        settings = Settings(paths=(str(generated),), as_of=AS_OF, lang="en", cache_dir=None)
        found = parallel.run(settings, 1).report.findings
        seen |= {f.rule for f in found if f.rule in CROSS_GROUP and f.key in ACROSS}
    assert seen == CROSS_GROUP  # each rule's findings came and went with the steps


CROSS_GROUP = {"GC101", "GC204", "GC401", "GC402"}
ACROSS = {
    "too_many_groups",
    "overlap_other_group",
    "overlap_other_groups",
    "two_groups",
    "duplicate",
}
"""The keys of findings about groups that share a value (GC101's of one core school over
two groups, GC204's across groups)."""


def _forged_values(body: Any) -> Any:
    base, key, inputs, joins = body
    return base, key, inputs, {name: marshal.dumps({"a": (1, 2)}) for name in joins}


def _another_key(body: Any) -> Any:
    base, _key, inputs, joins = body
    return base, "0" * 64, inputs, joins


def _inputs_forged(body: Any) -> Any:
    base, key, inputs, joins = body
    return base, key, [*inputs.items()], joins


def _inputs_not_digests(body: Any) -> Any:
    base, key, inputs, joins = body
    return base, key, dict.fromkeys(inputs, 1), joins


@pytest.mark.parametrize(
    "forge",
    [_forged_values, _another_key, _inputs_forged, _inputs_not_digests, None],
    ids=[
        "joins not values",
        "another run's",
        "inputs not a table",
        "inputs not digests",
        "cut short",
    ],
)
def test_joins_that_cannot_be_trusted_make_the_passes_run_over_every_group(
    generated: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    forge: Callable[[Any], Any] | None,
) -> None:
    from test_cache import _reseal

    cache = tmp_path / "cache"
    groups = sorted(c.parent for c in generated.rglob("charter.yaml"))
    _run(generated, cache)
    (joins,) = cache.rglob("across.joins")
    if forge is None:
        joins.write_bytes(joins.read_bytes()[: joins.stat().st_size // 2])
    else:
        _reseal(joins, forge)
    _school_of(groups[1])(groups)
    age(generated)
    spied = _spy(monkeypatch)
    assert _run(generated, cache, groups[1]) == _run(generated, None, groups[1])
    assert spied["brought up to date"] == 0
    assert _run(generated, cache) == _run(generated, None)


def test_a_group_row_without_stats_in_the_index_is_not_trusted(
    generated: Path, tmp_path: Path
) -> None:
    """A row whose stats are not bytes (forged) must not match a group one of whose files
    cannot be stat'd now (a link left dangling), which has no stats either (found by a
    review: the run took the old entry)."""
    from test_cache import _reseal

    cache = tmp_path / "cache"
    _run(generated, cache)
    group = sorted(c.parent for c in generated.rglob("charter.yaml"))[0]
    log = _logs(group)[0]
    (index,) = cache.rglob("index")
    forged: list[str] = []

    def forge(body: Any) -> Any:
        files, positions, known, groups, listings = body
        for folder, row in list(groups.items()):
            if folder.endswith(group.name):
                groups[folder] = (row[0], None, row[2])
                forged.append(folder)
        return files, positions, known, groups, listings

    _reseal(index, forge)
    assert forged
    log.unlink()
    log.symlink_to(group / "rotations" / "missing.yaml")
    assert _run(generated, cache) == _run(generated, None)
