"""The incremental cache (issue 17, item 2): each group's results kept between runs.

Outputs are byte-identical with and without it, cold and warm, in every format; a changed
group is checked again while the cross-group rules still judge every group; an entry that is
corrupt, cut short or foreign is ignored and written again; the cache is never written under
the checked tree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import marshal
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import age
from groupcheck import parallel, reporters, yamlsource
from groupcheck.cache import MAGIC, Across, LazyPostings, default_dir
from groupcheck.cli import app
from groupcheck.discovery import GroupSource
from groupcheck.messages import Lang
from groupcheck.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
AS_OF = dt.date(2026, 11, 25)
FORMATS = ("json", "sarif", "junit", "gitlab", "github", "markdown", "parsable", "concise", "table")


def _run(tree: Path, cache: Path | None, jobs: int = 1) -> parallel.RunResult:
    settings = Settings(
        paths=(str(tree),),
        as_of=AS_OF,
        lang="en",
        cache_dir=None if cache is None else str(cache),
    )
    return parallel.run(settings, jobs, serial_below=0 if jobs > 1 else 64)


def _rendered(result: parallel.RunResult) -> dict[str, str]:
    return {name: reporters.render(name, result, lang="en") for name in FORMATS}


def _entries(cache: Path) -> list[Path]:
    """The shards of entries."""
    return sorted(cache.rglob("*.shard"))


def _index(cache: Path) -> Path:
    (index,) = cache.rglob("index")
    return index


@pytest.mark.parametrize("jobs", [1, 2])
def test_outputs_are_identical_with_and_without_the_cache(
    tree: Path, tmp_path: Path, jobs: int
) -> None:
    cache = tmp_path / "cache"
    plain = _rendered(_run(tree, None, jobs))
    cold = _rendered(_run(tree, cache, jobs))
    assert _entries(cache), "the cold run wrote no entry"
    warm = _rendered(_run(tree, cache, jobs))
    for name in FORMATS:
        assert cold[name] == plain[name], name
        assert warm[name] == plain[name], name


def test_a_warm_run_loads_no_group(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    _run(tree, cache)
    loaded: list[object] = []
    original = parallel.load_group

    def counting(source: GroupSource, lang: Lang = "en") -> Any:
        loaded.append(source)
        return original(source, lang)

    monkeypatch.setattr(parallel, "load_group", counting)
    _run(tree, cache)
    assert loaded == []
    (tree / "future" / "charter.yaml").write_text(
        (tree / "future" / "charter.yaml").read_text(encoding="utf-8") + "# edited\n",
        encoding="utf-8",
    )
    _run(tree, cache)
    assert [Path(s.folder).name for s in loaded] == ["future"]  # type: ignore[attr-defined]


def test_a_changed_group_is_checked_again_and_cross_group_rules_see_every_group(
    tree: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    before = _run(tree, cache).report
    assert not [f for f in before.findings if f.rule == "GC402"]
    # A second folder takes the id of a cached, unchanged group: GC402 names both.
    first, second = [g for g in before.groups if g.loaded and g.id != "g"][:2]
    charter = Path(second.file)
    charter.write_text(
        charter.read_text(encoding="utf-8").replace(f"id: {second.id}\n", f"id: {first.id}\n", 1),
        encoding="utf-8",
    )
    warm = _run(tree, cache)
    plain = _run(tree, None)
    assert {f.file for f in warm.report.findings if f.rule == "GC402"} >= {first.file}
    assert _rendered(warm) == _rendered(plain)


def _spy_across(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often, from here on, a run-scope pass is taken from the cache, is run and kept,
    and a cached group's staff postings are decoded."""
    counts = {"kept": 0, "run": 0, "brought up to date": 0, "postings decoded": 0}
    get, earlier, put = Across.get, Across.earlier, Across.put
    decode = LazyPostings.__call__

    def counting_get(self: Across, name: str) -> Any:
        found = get(self, name)
        counts["kept"] += found is not None
        return found

    def counting_earlier(self: Across, name: str) -> Any:
        before = earlier(self, name)
        counts["brought up to date"] += before is not None
        return before

    def counting_put(self: Across, name: str, found: Any, joins: Any) -> None:
        counts["run"] += 1
        put(self, name, found, joins)

    def counting_decode(self: LazyPostings) -> Any:
        counts["postings decoded"] += 1
        return decode(self)

    monkeypatch.setattr(Across, "get", counting_get)
    monkeypatch.setattr(Across, "earlier", counting_earlier)
    monkeypatch.setattr(Across, "put", counting_put)
    monkeypatch.setattr(LazyPostings, "__call__", counting_decode)
    return counts


@pytest.fixture
def two_groups(tmp_path: Path) -> Path:
    """Two groups whose logs name the same person, 赵建华, under two staff numbers."""
    top = tmp_path / "two"
    shutil.copytree(CASES / "GC204" / "pass-different-staff-no", top)
    (top / "expected.yaml").unlink()
    age(top)
    return top


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_scope_findings_are_kept_until_a_run_scope_input_changes(
    two_groups: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    store = tmp_path / "cache"
    spied = _spy_across(monkeypatch)
    cold = _run(two_groups, store, jobs)
    assert not [f for f in cold.report.findings if f.rule == "GC204"]
    assert spied["run"] >= 4  # GC101, GC204 across groups, GC401, GC402
    # Nothing changed: every pass is taken from the cache, no posting is decoded.
    spied.update(dict.fromkeys(spied, 0))
    assert _rendered(_run(two_groups, store, jobs)) == _rendered(_run(two_groups, None, jobs))
    assert spied["run"] == 0 and spied["kept"] >= 4 and spied["postings decoded"] == 0
    # A comment in a charter changes its group's entry, not what the run-scope rules read.
    _edit(two_groups / "a" / "charter.yaml", "\n", "\n# reviewed\n")
    spied.update(dict.fromkeys(spied, 0))
    assert _rendered(_run(two_groups, store, jobs)) == _rendered(_run(two_groups, None, jobs))
    assert spied["run"] == 0 and spied["postings decoded"] == 0
    # b's 赵建华 takes a's staff number: one person on two groups' exchanges at once. The
    # passes run again over both groups (a's postings decoded from the cache), and GC204
    # across groups reports it in each group's log.
    _edit(two_groups / "b" / "rotations.yaml", 'staff_no: "y2"', 'staff_no: "y1"')
    spied.update(dict.fromkeys(spied, 0))
    warm = _run(two_groups, store, jobs)
    plain = _run(two_groups, None, jobs)
    assert spied["run"] >= 4 and spied["kept"] == 0
    assert spied["postings decoded"] == 1  # a's, from the cache; b's were just read
    across = {(f.group, f.key) for f in warm.report.findings if f.rule == "GC204"}
    assert across == {("a", "overlap_other_group"), ("b", "overlap_other_group")}
    assert _rendered(warm) == _rendered(plain)
    # And back: the findings go with the input that made them.
    _edit(two_groups / "b" / "rotations.yaml", 'staff_no: "y1"', 'staff_no: "y2"')
    again = _run(two_groups, store, jobs)
    assert not [f for f in again.report.findings if f.rule == "GC204"]
    assert _rendered(again) == _rendered(_run(two_groups, None, jobs))


def test_a_member_school_added_changes_the_run_scope_findings(
    two_groups: Path, tmp_path: Path
) -> None:
    store = tmp_path / "cache"
    _run(two_groups, store)
    a = (two_groups / "a" / "charter.yaml").read_text(encoding="utf-8")
    b = two_groups / "b" / "charter.yaml"
    assert "id: a-m1" in a and "id: b-m1" in b.read_text(encoding="utf-8")
    _edit(b, "id: b-m1", "id: a-m1")  # a school in two groups (GC401)
    warm = _run(two_groups, store)
    assert {f.group for f in warm.report.findings if f.rule == "GC401"} == {"a", "b"}
    assert _rendered(warm) == _rendered(_run(two_groups, None))


DAMAGES = (
    "truncated",
    "garbage",
    "empty",
    "foreign",
    "body-edited",
    "checksummed-nonsense",
    "other-format",
    "fifo",
)
"""Every way ``_damage`` spoils a cache file: each shard and the index must survive all."""


def _reseal(path: Path, change: Callable[[Any], Any]) -> None:
    """Rewrite the cache file ``path`` with ``change`` applied to its decoded body, its first
    line kept and its header checksummed as the cache writes it (a well-formed file)."""
    magic, _, rest = path.read_bytes().partition(b"\n")
    head, _, body = rest.partition(b"\n")
    body = marshal.dumps(change(marshal.loads(body)))
    header = json.loads(head)
    header.update(size=len(body), sha256=hashlib.sha256(body).hexdigest())
    path.write_bytes(magic + b"\n" + json.dumps(header).encode() + b"\n" + body)


def _damage(entry: Path, how: str, other: Path) -> None:
    raw = entry.read_bytes()
    rest = raw.partition(b"\n")[2]
    if how == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif how == "garbage":
        entry.write_bytes(b"\x00\xff not json at all")
    elif how == "empty":
        entry.write_bytes(b"")
    elif how == "foreign":  # another shard's (or the index's) bytes under this name
        entry.write_bytes(other.read_bytes())
    elif how == "body-edited":  # the checksum no longer matches
        entry.write_bytes(raw[:-1] + bytes([raw[-1] ^ 1]))
    elif how == "checksummed-nonsense":  # well-formed, checksummed, of the wrong shape
        nonsense = {"k" * 64: ("x", [], {}, 1, None)} if entry.name != "index" else ([], 1)
        _reseal(entry, lambda _body: nonsense)
    elif how == "other-format":
        entry.write_bytes(b"groupcheck-cache 999\n" + rest)
    elif how == "fifo":
        entry.unlink()
        os.mkfifo(entry)


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_or_foreign_entry_is_ignored_never_trusted(
    tree: Path, tmp_path: Path, how: str
) -> None:
    cache = tmp_path / "cache"
    plain = _rendered(_run(tree, None))
    _run(tree, cache)
    entries = _entries(cache)
    assert len(entries) >= 3
    for index, entry in enumerate(entries):
        _damage(entry, how, entries[index - 1])
    assert _rendered(_run(tree, cache)) == plain
    # Each damaged shard was written again, whole.
    assert _rendered(_run(tree, cache)) == plain
    for entry in _entries(cache):
        assert entry.is_file() and entry.read_bytes().startswith(MAGIC + b"\n")


@pytest.mark.parametrize("how", DAMAGES)
def test_damaged_or_foreign_run_scope_findings_are_ignored_never_trusted(
    two_groups: Path, tmp_path: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "cache"
    plain = _rendered(_run(two_groups, None))
    _run(two_groups, store)
    (across,) = store.rglob("across")
    _damage(across, how, _entries(store)[0])
    spied = _spy_across(monkeypatch)
    assert _rendered(_run(two_groups, store)) == plain
    assert spied["run"] >= 4 and spied["kept"] == 0  # every pass was run again
    spied.update(dict.fromkeys(spied, 0))
    assert _rendered(_run(two_groups, store)) == plain
    assert spied["run"] == 0  # and the file written again, whole
    assert across.read_bytes().startswith(MAGIC + b"\n")


@pytest.mark.parametrize("how", DAMAGES)
def test_damaged_or_foreign_staff_postings_are_worked_out_from_the_files_again(
    two_groups: Path, tmp_path: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "cache"
    _run(two_groups, store)
    kept = sorted(store.rglob("*.postings"))
    assert 1 <= len(kept) <= 2  # a's and b's (one file when their keys share a prefix)
    for index, postings in enumerate(kept):
        _damage(postings, how, _entries(store)[index])
    reloaded: list[str] = []
    original = parallel._postings_again

    def counting(source: GroupSource, lang: Lang) -> Any:
        reloaded.append(Path(source.folder).name)
        return original(source, lang)

    monkeypatch.setattr(parallel, "_postings_again", counting)
    # b's 赵建华 takes a's staff number: the run-scope passes run again and need a's postings,
    # which the cache has no more; they come from a's files.
    _edit(two_groups / "b" / "rotations.yaml", 'staff_no: "y2"', 'staff_no: "y1"')
    warm = _run(two_groups, store)
    assert reloaded == ["a"]
    assert _rendered(warm) == _rendered(_run(two_groups, None))
    assert {f.group for f in warm.report.findings if f.rule == "GC204"} == {"a", "b"}
    # And kept again: the next run that needs them reads them from the cache.
    reloaded.clear()
    _edit(two_groups / "b" / "rotations.yaml", 'staff_no: "y1"', 'staff_no: "y3"')
    assert _rendered(_run(two_groups, store)) == _rendered(_run(two_groups, None))
    assert reloaded == []


def test_postings_worked_out_again_from_files_changed_meanwhile_are_not_kept(
    two_groups: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A group's files changed between their hashing and the reading of its postings again
    (a race): the postings read are used, never stored under the entry, and nothing raises."""
    store = tmp_path / "cache"
    _run(two_groups, store)
    for postings in store.rglob("*.postings"):
        postings.unlink()
    original = parallel._postings_again

    def moved(source: GroupSource, lang: Lang) -> Any:
        return tuple((*p[:3], "renamed.yaml", *p[4:]) for p in original(source, lang))

    monkeypatch.setattr(parallel, "_postings_again", moved)
    _edit(two_groups / "b" / "rotations.yaml", 'staff_no: "y2"', 'staff_no: "y1"')
    warm = _run(two_groups, store)
    assert not [f for f in warm.report.findings if f.rule == "GC000"]
    assert {f.group for f in warm.report.findings if f.rule == "GC204"} == {"a", "b"}
    assert not any(store.rglob("*.postings")) or all(
        b"renamed.yaml" not in p.read_bytes() for p in store.rglob("*.postings")
    )


def test_run_scope_findings_of_the_wrong_shape_are_run_again(
    two_groups: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A well-formed, checksummed file under the right key whose passes are not findings."""
    store = tmp_path / "cache"
    plain = _rendered(_run(two_groups, None))
    _run(two_groups, store)
    (across,) = store.rglob("across")
    not_findings = marshal.dumps((("GC999", 1),))
    _reseal(across, lambda body: (*body[:2], dict.fromkeys(body[2], not_findings)))
    spied = _spy_across(monkeypatch)
    assert _rendered(_run(two_groups, store)) == plain
    assert spied["run"] >= 4 and spied["kept"] == 0


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_or_foreign_index_is_ignored_and_every_file_hashed_again(
    tree: Path, tmp_path: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    plain = _rendered(_run(tree, None))
    _run(tree, cache)
    _damage(_index(cache), how, _entries(cache)[0])
    read = _count_reads(monkeypatch, tree)
    assert _rendered(_run(tree, cache)) == plain
    assert len(read) >= 3  # the index was not trusted: the files were read to be hashed
    read.clear()
    assert _rendered(_run(tree, cache)) == plain
    assert read == []  # and it was written again, whole
    assert _index(cache).read_bytes().startswith(MAGIC + b"\n")


def _count_reads(monkeypatch: pytest.MonkeyPatch, tree: Path) -> list[str]:
    """The files under ``tree`` the run reads from here on (``yamlsource.read_bytes``)."""
    read: list[str] = []
    original = yamlsource.read_bytes
    top = tree.resolve()

    def counting(path: str) -> bytes:
        if top in Path(path).resolve().parents:
            read.append(path)
        return original(path)

    monkeypatch.setattr(yamlsource, "read_bytes", counting)
    return read


def test_a_warm_run_reads_no_unchanged_file(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    # A second folder with a group's id: GC402 (a run-scope rule) points into both charters,
    # whose positions the warm run takes from the index instead of parsing them again.
    shutil.copytree(tree / "taishan" / "taian-no6-group", tree / "copy")
    age(tree)
    cold = _run(tree, cache)
    read = _count_reads(monkeypatch, tree)
    warm = _run(tree, cache)
    assert read == []
    located = [(f.file, f.line) for f in warm.report.findings if f.rule == "GC402"]
    assert len(located) == 2 and all(line for _file, line in located)
    assert warm.report == cold.report
    charter = tree / "future" / "charter.yaml"
    charter.write_text(charter.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    _run(tree, cache)
    # The changed group's files, read to be hashed and checked; no other group's.
    assert charter.resolve() in {Path(p).resolve() for p in read}
    assert {Path(p).resolve().relative_to(tree.resolve()).parts[0] for p in read} == {"future"}


def test_content_changed_under_the_same_size_and_time_is_checked_again(
    tree: Path, tmp_path: Path
) -> None:
    """A file rewritten with as many bytes and its modification time put back (``touch -r``,
    an editor keeping times) has another change time: its stat no longer matches the index,
    so it is hashed, and its group checked, again."""
    cache = tmp_path / "cache"
    _run(tree, cache)
    before = _rendered(_run(tree, cache))
    charter = tree / "taishan" / "taian-no6-group" / "charter.yaml"
    text = charter.read_text(encoding="utf-8")
    st = charter.stat()
    edited = text.replace("name: 泰安第六中学", "name: 华安第六中学", 1)  # as many bytes
    assert len(edited.encode()) == len(text.encode()) and edited != text
    charter.write_text(edited, encoding="utf-8")
    os.utime(charter, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (charter.stat().st_size, charter.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    after = _rendered(_run(tree, cache))
    assert after == _rendered(_run(tree, None))
    assert after["table"] != before["table"] and "华安第六中学" in after["json"]


def test_a_file_written_just_now_is_hashed_again_next_time(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Racily clean files (git's term): a write within the clock tick after the hash would
    leave the stat as recorded, so a file changed less than ``RACY_NS`` before it was hashed
    is not taken from the index next time."""
    cache = tmp_path / "cache"
    charter = tree / "future" / "charter.yaml"
    charter.write_text(charter.read_text(encoding="utf-8") + "# now\n", encoding="utf-8")
    _run(tree, cache)
    read = _count_reads(monkeypatch, tree)
    _run(tree, cache)
    assert {Path(p).resolve() for p in read} == {charter.resolve()}


def test_writes_are_atomic_and_leave_no_temporary(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(tree, cache, jobs=2)
    kept = [p.name for p in cache.rglob("*") if p.is_file()]
    assert "index" in kept and "across" in kept and "across.joins" in kept
    assert any(n.endswith(".postings") for n in kept)
    named = ("index", "across", "across.joins")
    others = [n for n in kept if n not in named and not n.endswith(".shard")]
    assert [n for n in others if not n.endswith(".postings")] == []


def _validate(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, ["validate", *args, "--as-of", AS_OF.isoformat(), "--no-progress"], env=env
    )
    return result.exit_code, result.stdout, result.stderr


def _snapshot(top: Path) -> dict[str, bytes]:
    return {str(p.relative_to(top)): p.read_bytes() for p in sorted(top.rglob("*")) if p.is_file()}


def test_the_cli_uses_the_user_cache_folder_and_no_cache_writes_none(
    tree: Path, tmp_path: Path
) -> None:
    home = tmp_path / "xdg"
    env = {"XDG_CACHE_HOME": str(home)}
    before = _snapshot(tree)
    code, plain, _ = _validate(str(tree), "--format", "json", "--no-cache", env=env)
    assert not home.exists()
    code2, cold, _ = _validate(str(tree), "--format", "json", env=env)
    assert _entries(home / "groupcheck")
    code3, warm, _ = _validate(str(tree), "--format", "json", env=env)
    assert plain == cold == warm and code == code2 == code3
    assert _snapshot(tree) == before  # nothing written under the checked tree
    _, shown, _ = _validate(str(tree), "--show-settings", env=env)
    assert str(home / "groupcheck") in shown


def test_a_cache_folder_inside_the_checked_tree_is_refused(tree: Path, tmp_path: Path) -> None:
    before = _snapshot(tree)
    code, _, err = _validate(str(tree), "--cache-dir", str(tree / "taishan" / ".cache"))
    assert code == 2
    assert "inside a checked path" in err
    # The user cache folder inside the tree (XDG_CACHE_HOME there): no cache, nothing written.
    code, _, _ = _validate(str(tree), env={"XDG_CACHE_HOME": str(tree / "xdg")})
    assert code in (0, 1)
    assert _snapshot(tree) == before


def test_the_config_names_the_cache_folder(tree: Path, tmp_path: Path) -> None:
    config = tmp_path / "groupcheck.toml"
    config.write_text('cache-dir = "kept"\n', encoding="utf-8")
    code, _, _ = _validate(str(tree), "--config", str(config), "--format", "json")
    assert code in (0, 1)
    assert _entries(tmp_path / "kept")  # relative to the config file's folder


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_dir() == str(tmp_path / "groupcheck")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert default_dir() == os.path.expanduser("~/.cache/groupcheck")


def test_the_run_key_is_the_same_in_every_process(tmp_path: Path) -> None:
    """The code's fingerprint is made of what the code is, not of how it sits in memory:
    ``marshal.dumps`` of a function's code changes with reference counts (under a profiler
    every entry missed), and a frozenset's order with the hash seed."""
    script = tmp_path / "fingerprint.py"
    script.write_text("from groupcheck import cache\nprint(cache._code_fingerprint())\n")
    runs = [
        ([sys.executable, str(script)], {}),
        ([sys.executable, str(script)], {"PYTHONHASHSEED": "1"}),
        ([sys.executable, "-m", "cProfile", "-o", os.devnull, str(script)], {}),
    ]
    printed = {
        subprocess.run(
            command, env={**os.environ, **env}, capture_output=True, text=True, check=True
        ).stdout
        for command, env in runs
    }
    assert len(printed) == 1 and len(printed.pop().strip()) == 64


def _stored(store: Path, kind: str) -> list[Any]:
    """Every value kept in the cache's files of ``kind`` ("shard": entries, "postings")."""
    rows: list[Any] = []
    for shard in sorted(store.rglob(f"*.{kind}")):
        rows += marshal.loads(shard.read_bytes().split(b"\n", 2)[2]).values()
    return rows


WRONG = {str: 1, int: "1", bool: 1, tuple: "x", float: "1.5"}


def test_an_entry_with_one_field_of_the_wrong_type_is_refused(tree: Path, tmp_path: Path) -> None:
    """Each column of an entry's figures and staff postings is checked (a wrong value in
    any one is a miss), and the postings' days and files too."""
    from groupcheck.cache import _FIGURE_TYPES, _decode, _postings

    store = tmp_path / "cache"
    _run(tree, store)
    row = next(r for r in _stored(store, "shard") if r[2][2][0])

    def lazy(files: tuple[str, ...]) -> Any:
        return ()

    _decode(row, lazy)  # as written: an entry
    rules, counts, columns = row[2]
    for index, kinds in enumerate(_FIGURE_TYPES):
        column = list(columns[index])
        column[0] = WRONG[kinds[0]]
        spoiled = (*columns[:index], tuple(column), *columns[index + 1 :])
        with pytest.raises(ValueError):
            _decode((*row[:2], (rules, counts, spoiled), *row[3:]), lazy)
    with pytest.raises(ValueError):  # counts that do not add up
        _decode((*row[:2], (rules, (counts[0] + 1, *counts[1:]), columns), *row[3:]), lazy)
    postings = next(p for p in _stored(store, "postings") if p[0])
    files = tuple(f"rotations/{n}.yaml" for n in range(max(postings[3]) + 1))
    assert len(_postings(postings, files)) == len(postings[0])
    spoilers = [(0, 1), (1, "2024-09-01"), (2, None), (3, "a.yaml"), (4, 1.0), (5, 7)]
    spoilers += [(1, 0), (2, dt.date.max.toordinal() + 1), (3, len(files)), (3, -1)]
    for index, value in spoilers:
        column = list(postings[index])
        column[0] = value
        with pytest.raises(ValueError):
            _postings((*postings[:index], tuple(column), *postings[index + 1 :]), files)


def _rewrite_shards(store: Path, change: Any) -> int:
    """Rewrite each shard with ``change`` applied to each row, checksummed as the cache
    writes it (a well-formed file of a foreign or ill-shaped content); how many changed."""
    changed = 0

    def rewritten(rows: dict[Any, Any]) -> dict[Any, Any]:
        nonlocal changed
        for key, row in rows.items():
            new = change(row)
            if new is not None:
                rows[key] = new
                changed += 1
        return rows

    for shard in _entries(store):
        _reseal(shard, rewritten)
    return changed


@pytest.mark.parametrize(
    "spoil",
    [
        lambda charter: {**charter, "id": 5},
        lambda charter: {k: v for k, v in charter.items() if k != "core_school"},
        lambda charter: {**charter, "members": "none"},
        lambda charter: {**charter, "established": "yesterday"},
    ],
    ids=["id-not-text", "no-core-school", "members-not-a-list", "established-not-a-date"],
)
def test_a_cached_charter_that_is_not_one_is_a_miss(tree: Path, tmp_path: Path, spoil: Any) -> None:
    store = tmp_path / "cache"
    plain = _rendered(_run(tree, None))
    _run(tree, store)

    def change(row: Any) -> Any:
        if row[3] is None:
            return None
        group = row[3]
        return (*row[:3], (*group[:3], spoil(group[3]), *group[4:]), *row[4:])

    assert _rewrite_shards(store, change) >= 2
    assert _rendered(_run(tree, store)) == plain


def test_a_cached_finding_is_the_one_model_construct_builds(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``_finding`` fills the model as ``model_construct`` does (and falls back to it when
    the model is no longer the one it was written for)."""
    from groupcheck import cache

    store = tmp_path / "cache"
    _run(tree, store)
    rows = [f for row in _stored(store, "shard") for f in (*row[0], *row[1])]
    assert len(rows) >= 5 and cache._DIRECT
    direct = [cache._finding(row) for row in rows]
    monkeypatch.setattr(cache, "_DIRECT", False)
    built = [cache._finding(row) for row in rows]
    for one, other in zip(direct, built, strict=True):
        assert one == other
        assert one.__dict__ == other.__dict__ and list(one.__dict__) == list(other.__dict__)
        assert one.model_fields_set == other.model_fields_set
        assert one.model_dump_json() == other.model_dump_json()
        assert one.model_copy(update={"waived": True}) == other.model_copy(update={"waived": True})


def test_by_jurisdiction_each_packs_run_scope_findings_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under ``--rules by-jurisdiction`` each pack's passes are kept under their setting."""
    top = tmp_path / "tree"
    shutil.copytree(ROOT / "charters", top / "charters")
    shutil.copytree(CASES / "GC204" / "fail-staff-no-in-two-groups", top / "pair")
    (top / "pair" / "expected.yaml").unlink()
    age(top)
    store = tmp_path / "cache"

    def run(cache: Path | None, jobs: int = 1) -> dict[str, str]:
        settings = Settings(
            paths=(str(top),),
            as_of=AS_OF,
            lang="en",
            rules_file="by-jurisdiction",
            cache_dir=None if cache is None else str(cache),
        )
        return _rendered(parallel.run(settings, jobs, serial_below=0 if jobs > 1 else 64))

    plain = run(None)
    assert '"GC204"' in plain["json"] and '"taishan"' in plain["json"]
    spied = _spy_across(monkeypatch)
    assert run(store) == plain
    assert spied["run"] >= 3
    spied.update(dict.fromkeys(spied, 0))
    assert run(store) == plain
    assert run(store, jobs=2) == plain
    assert spied["run"] == 0 and spied["postings decoded"] == 0
