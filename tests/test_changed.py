"""``validate --changed`` (issue 17, item 3): the pre-commit hook reports the groups a commit
touches, while the whole run is judged and the cross-group rules see every group.

What it reports is the whole run's report cut down to those groups (``report.restricted``),
byte for byte, with the cache or without, warm or cold, in one process or two; with a warm
cache it reads no other group's entry unless a cross-group pass must run again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import age
from groupcheck import cache, parallel, reporters
from groupcheck.cli import app
from groupcheck.report import restricted
from groupcheck.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
AS_OF = dt.date(2026, 11, 25)
FORMATS = ("json", "sarif", "junit", "concise", "table")


def _folders(tree: Path) -> list[Path]:
    return sorted(charter.parent for charter in tree.rglob("charter.yaml"))


def _run(
    tree: Path, scope: set[Path] | None, cache_dir: Path | None, jobs: int = 1
) -> parallel.RunResult:
    settings = Settings(
        paths=(str(tree),),
        as_of=AS_OF,
        lang="en",
        cache_dir=None if cache_dir is None else str(cache_dir),
        report_only=None if scope is None else frozenset(str(p) for p in scope),
    )
    return parallel.run(settings, jobs, serial_below=0 if jobs > 1 else 64)


def _rendered(result: parallel.RunResult) -> dict[str, str]:
    return {name: reporters.render(name, result, lang="en") for name in FORMATS}


def _files(folder: Path) -> int:
    return 1 + len([*folder.glob("rotations.yaml"), *folder.glob("rotations/*.yaml")])


def _edit(charter: Path, old: str, new: str) -> None:
    text = charter.read_text(encoding="utf-8")
    assert old in text, old
    charter.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The keys of the entries the cache decodes (``Cache.get``), as the run reads them."""
    keys: list[str] = []
    original = cache.Cache.get

    def counting(self: cache.Cache, key: str, *args: Any, **kwargs: Any) -> Any:
        keys.append(key)
        return original(self, key, *args, **kwargs)

    monkeypatch.setattr(cache.Cache, "get", counting)
    yield keys


def test_the_report_is_the_whole_runs_cut_down_to_the_groups_named(
    tree: Path, tmp_path: Path
) -> None:
    whole = _run(tree, None, None)
    for folder in _folders(tree):
        scoped = _run(tree, {folder}, None)
        expected = restricted(whole.report, frozenset({str(folder)}), _files(folder))
        assert scoped.report == expected, folder.name
        assert [g.folder for g in scoped.report.groups] == [str(folder)]
        assert scoped.report.summary.groups == 1
        assert all(
            f.file is not None and f.file.startswith(str(folder)) for f in scoped.report.findings
        )


@pytest.mark.parametrize("jobs", [1, 2])
def test_outputs_are_identical_with_and_without_the_cache(
    tree: Path, tmp_path: Path, jobs: int
) -> None:
    cache_dir = tmp_path / "cache"
    _run(tree, None, cache_dir, jobs)  # the desk's run fills the cache
    for folder in _folders(tree):
        plain = _rendered(_run(tree, {folder}, None, jobs))
        warm = _rendered(_run(tree, {folder}, cache_dir, jobs))
        assert warm == plain, folder.name


def test_a_warm_run_reads_only_the_entries_of_the_groups_named(
    tree: Path, tmp_path: Path, decoded: list[str]
) -> None:
    cache_dir = tmp_path / "cache"
    _run(tree, None, cache_dir)
    folder = tree / "taishan" / "taian-cangkulu-school-group"
    decoded.clear()
    _run(tree, {folder}, cache_dir)
    assert len(decoded) == 1
    # A comment changes the group's bytes, not what the cross-group rules read of it.
    _edit(folder / "charter.yaml", "id: taian-cangkulu", "# edited\nid: taian-cangkulu")
    decoded.clear()
    warm = _run(tree, {folder}, cache_dir)
    assert len(decoded) == 1  # its new key, a miss: checked again; no other entry is read
    assert _rendered(warm) == _rendered(_run(tree, {folder}, None))


def test_a_cross_group_finding_the_change_brings_shows_on_the_group_changed(
    tree: Path, tmp_path: Path, decoded: list[str]
) -> None:
    cache_dir = tmp_path / "cache"
    _run(tree, None, cache_dir)
    folder = tree / "taishan" / "taian-cangkulu-school-group"
    other = tree / "taishan" / "taian-no6-group" / "charter.yaml"
    member = next(
        line.split(": ", 1)[1]
        for line in other.read_text(encoding="utf-8").splitlines()
        if line.startswith("  - id: ")
    )
    # A member school of another group becomes one of this group's too: GC401 on both.
    _edit(folder / "charter.yaml", "taian-caiyuan-laocheng-primary\n", f"{member}\n")
    decoded.clear()
    warm = _run(tree, {folder}, cache_dir)
    assert len(decoded) > 1  # the pass is run again, over every group, read from the cache
    assert [f.group for f in warm.report.findings if f.rule == "GC401"] == [
        "taian-cangkulu-school-group"
    ]
    assert _rendered(warm) == _rendered(_run(tree, {folder}, None))
    whole = _run(tree, None, None)
    assert {f.group for f in whole.report.findings if f.rule == "GC401"} >= {
        "taian-cangkulu-school-group",
        "taian-no6-group",
    }


def test_a_group_sharing_its_id_with_another_is_reported_as_the_whole_run_does(
    tree: Path, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    _run(tree, None, cache_dir)
    folder = tree / "taishan" / "taian-no6-group"
    _edit(folder / "charter.yaml", "id: taian-no6-group\n", "id: taian-cangkulu-school-group\n")
    warm = _run(tree, {folder}, cache_dir)
    plain = _run(tree, {folder}, None)
    assert _rendered(warm) == _rendered(plain)
    assert [f.rule for f in warm.report.findings if f.rule == "GC402"] == ["GC402"]


def test_an_index_whose_kept_inputs_are_damaged_is_not_trusted(tree: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    _run(tree, None, cache_dir)
    (index,) = cache_dir.rglob("index")
    body = bytearray(index.read_bytes())
    body[-40] ^= 0xFF  # the checksum no longer matches: the whole index is a miss
    index.write_bytes(bytes(body))
    folder = tree / "taishan" / "taian-first-experimental-group"
    assert _rendered(_run(tree, {folder}, cache_dir)) == _rendered(_run(tree, {folder}, None))


def _cli(cwd: Path, *args: str) -> Any:
    here = os.getcwd()
    os.chdir(cwd)
    try:
        env = {"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "", "CI": ""}
        return CliRunner().invoke(app, ["validate", "--as-of", "2026-11-25", *args], env=env)
    finally:
        os.chdir(here)


def test_the_hook_command_prints_the_changed_groups_findings(tree: Path) -> None:
    log = "taishan/taian-dongyue-middle-group/rotations.yaml"
    files = [p for p in tree.glob("taishan/taian-dongyue-middle-group/rotations*")]
    assert files, "the group has rotation logs"
    named = str(files[0].relative_to(tree)) if files[0].is_file() else log
    done = _cli(tree, "--no-cache", "-f", "json", "--changed", named)
    report = json.loads(done.stdout)
    assert [g["id"] for g in report["groups"]] == ["taian-dongyue-middle-group"]
    concise = _cli(tree, "--no-cache", "-f", "concise", "--no-progress", "--changed", named)
    *lines, summary = concise.stdout.splitlines()
    assert all(line.startswith("taishan/taian-dongyue-middle-group/") for line in lines)
    assert summary.startswith("1 group, ")


def test_a_changed_config_or_pack_reports_every_group(tree: Path) -> None:
    (tree / "groupcheck.toml").write_text("[tool.groupcheck]\n", encoding="utf-8")
    charter = "taishan/taian-no6-group/charter.yaml"
    done = _cli(tree, "--no-cache", "-f", "json", "--changed", charter, "groupcheck.toml")
    assert json.loads(done.stdout)["summary"]["groups"] == len(_folders(tree))


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((), "give them as PATHS"),
        (("-",), "not '-'"),
        (("taishan/taian-no6-group/charter.yaml", "--write-baseline", "b.json"), "baseline"),
        (("taishan/taian-no6-group/charter.yaml", "--prune-baseline", "b.json"), "baseline"),
    ],
)
def test_changed_misused_is_a_usage_error(tree: Path, args: tuple[str, ...], said: str) -> None:
    done = _cli(tree, "--no-cache", "--changed", *args)
    assert done.exit_code == 2
    assert said in done.output
    assert not (tree / "b.json").exists()


def test_a_cold_cache_fills_for_every_group_and_then_serves_them(
    tree: Path, tmp_path: Path, decoded: list[str]
) -> None:
    cache_dir = tmp_path / "cache"
    folder = tree / "future"
    cold = _run(tree, {folder}, cache_dir)  # the first hook run: every group checked, kept
    assert _rendered(cold) == _rendered(_run(tree, {folder}, None))
    decoded.clear()
    whole = _run(tree, None, cache_dir)
    assert len(decoded) == len(_folders(tree))
    assert _rendered(whole) == _rendered(_run(tree, None, None))


def _index(cache_dir: Path) -> Path:
    (index,) = cache_dir.rglob("index")
    return index


@pytest.mark.parametrize("forged", ["other-group", "a-path"])
def test_a_group_key_forged_in_the_index_is_not_trusted(
    tree: Path, tmp_path: Path, forged: str
) -> None:
    """The index keeps each group's key by its files' stat: a key there that is not a key,
    or that names another group's entry, is a miss (it is a file name, and an entry)."""
    from test_cache import _reseal

    cache_dir = tmp_path / "cache"
    _run(tree, None, cache_dir)
    no6, cangkulu = "taian-no6-group", "taian-cangkulu-school-group"

    done: list[str] = []

    def forge(body: Any) -> Any:
        files, positions, known, groups, listings = body
        keys = {folder.rpartition("/")[2]: row[2] for folder, row in groups.items()}
        for folder, row in list(groups.items()):
            if folder.endswith(no6):
                key = keys[cangkulu] if forged == "other-group" else "/" + "a" * 63
                groups[folder] = (*row[:2], key)
                done.append(folder)
        return files, positions, known, groups, listings

    _reseal(_index(cache_dir), forge)
    assert done, "the index kept the group's key"
    cached = _run(tree, None, cache_dir)
    assert _rendered(cached) == _rendered(_run(tree, None, None))
    assert not Path("/a.shard").exists()
    folder = tree / "taishan" / no6
    assert _rendered(_run(tree, {folder}, cache_dir)) == _rendered(_run(tree, {folder}, None))


def test_a_log_named_charter_yaml_belongs_to_the_group_beside_its_folder(tree: Path) -> None:
    group = tree / "taishan" / "taian-no6-group"
    logs = sorted((group / "rotations").glob("*.yaml"))
    assert logs, "the group keeps its logs in rotations/"
    shutil.copy(logs[0], group / "rotations" / "charter.yaml")
    done = _cli(
        tree,
        "--no-cache",
        "-f",
        "json",
        "--changed",
        "taishan/taian-no6-group/rotations/charter.yaml",
    )
    assert [g["id"] for g in json.loads(done.stdout)["groups"]] == ["taian-no6-group"]


def test_a_changed_file_outside_the_runs_paths_is_said(tree: Path) -> None:
    (tree / "groupcheck.toml").write_text('paths = ["taishan"]\n', encoding="utf-8")
    done = _cli(tree, "--no-cache", "-f", "concise", "--changed", "future/charter.yaml")
    assert "future" in done.stderr and "not checked" in done.stderr
    assert done.stdout.splitlines()[-1].startswith("0 groups")


def test_changed_with_stdin_filename_is_a_usage_error(tree: Path) -> None:
    done = _cli(
        tree, "--no-cache", "--changed", "future/charter.yaml", "--stdin-filename", "x.yaml"
    )
    assert done.exit_code == 2
    assert "--stdin-filename" in done.output


def test_by_jurisdiction_the_other_packs_passes_stay_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit in one pack's group that re-runs the cross-group passes keeps those of the
    other packs too: the next commit, in another pack's group, reads no other group."""
    top = tmp_path / "tree"
    shutil.copytree(ROOT / "charters" / "shandong-taian-taishan", top / "taishan")
    shutil.copytree(ROOT / "charters" / "henan-shangqiu-liangyuan", top / "shangqiu")
    age(top)
    cache_dir = tmp_path / "cache"

    def run(scope: set[Path] | None, cached: bool = True) -> parallel.RunResult:
        settings = Settings(
            paths=(str(top),),
            as_of=AS_OF,
            lang="en",
            rules_file="by-jurisdiction",
            # The default pack's cross-group settings are not the Taishan pack's.
            jurisdictions=(("河南省商丘市梁园区", "default"),),
            cache_dir=str(cache_dir) if cached else None,
            report_only=None if scope is None else frozenset(str(p) for p in scope),
        )
        return parallel.run(settings, 1)

    every: list[int] = []
    original = parallel._FromCache.every

    def counting(self: Any) -> Any:
        every.append(1)
        return original(self)

    monkeypatch.setattr(parallel._FromCache, "every", counting)
    run(None)
    assert len(run(None).report.packs_in_use()) == 2
    taishan = top / "taishan" / "taian-no6-group"
    _edit(taishan / "charter.yaml", "id: taian-no6-group\n", "id: taian-no6-group\n# x\n")
    text = (taishan / "charter.yaml").read_text(encoding="utf-8")
    member = next(line for line in text.splitlines() if line.startswith("  - id: "))
    _edit(taishan / "charter.yaml", member + "\n", member + "-renamed\n")
    # A cross-group input changed: every pack's passes are brought up to date, no group
    # but the changed one's and those sharing a school with it read.
    assert _rendered(run({taishan})) == _rendered(run({taishan}, cached=False))
    assert every == []
    (shangqiu,) = [c.parent for c in (top / "shangqiu").rglob("charter.yaml")]
    _edit(shangqiu / "charter.yaml", "\nname: ", "\n# a comment\nname: ")
    warm = run({shangqiu})
    assert every == []
    assert _rendered(warm) == _rendered(run({shangqiu}, cached=False))


def test_a_rotations_folder_become_ordinary_is_listed_as_the_walk_lists_it(
    tree: Path, tmp_path: Path
) -> None:
    """The logs' listing of a rotations/ folder (names only) and the walk's listing of the same
    folder (folders, then files) are kept apart: a group inside rotations/ is found once the
    folder is no longer a group's log folder."""
    group = tree / "taishan" / "taian-no6-group"
    shutil.copytree(tree / "future", group / "rotations" / "inner")
    age(tree)
    cache_dir = tmp_path / "cache"
    for _ in range(2):
        assert _rendered(_run(tree, None, cache_dir)) == _rendered(_run(tree, None, None))
    (group / "charter.yaml").rename(group / "Charter.yaml")
    assert _rendered(_run(tree, None, cache_dir)) == _rendered(_run(tree, None, None))


@pytest.mark.parametrize("name", ["/tmp", "..", "a/b", "", "taian-no6-group"])
def test_folder_listings_forged_in_the_index_are_not_trusted(
    tree: Path, tmp_path: Path, name: str
) -> None:
    """A listing whose names no folder can hold (a path, "..", "", one twice) is a miss."""
    from test_cache import _reseal

    cache_dir = tmp_path / "cache"
    _run(tree, None, cache_dir)
    forged: list[str] = []

    def forge(body: Any) -> Any:
        *rest, listings = body
        for folder, (stamp, folders, files) in list(listings.items()):
            if folder == str(tree / "taishan"):
                listings[folder] = (stamp, "\0".join((*folders.split("\0"), name)), files)
                forged.append(folder)
        return (*rest, listings)

    _reseal(_index(cache_dir), forge)
    assert forged, "the walk kept the folder's listing"
    assert _rendered(_run(tree, None, cache_dir)) == _rendered(_run(tree, None, None))


def test_a_folder_kept_listed_is_said_unreadable_to_who_cannot_read_it(
    tree: Path, tmp_path: Path, unprivileged: Any
) -> None:
    """A folder's stat does not change when a user loses the right to read it: the listing
    kept is not used where the folder cannot be listed now."""
    import subprocess
    import sys

    group = tree / "taishan" / "taian-no6-group"
    group.chmod(0)
    try:
        cache_dir = tmp_path / "cache"
        _run(tree, None, cache_dir)  # root lists it and keeps the listing
        _run(tree, None, cache_dir)
        command = [sys.executable, "-m", "groupcheck", "validate", str(tree), "-f", "json"]
        command += ["--as-of", AS_OF.isoformat(), "--no-progress"]
        cached = subprocess.run(
            unprivileged([*command, "--cache-dir", str(cache_dir)]), capture_output=True
        )
        plain = subprocess.run(unprivileged([*command, "--no-cache"]), capture_output=True)
    finally:
        group.chmod(0o755)
    assert cached.stdout == plain.stdout
    assert b"taian-no6-group" in plain.stderr or b"taian-no6-group" in plain.stdout
