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
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from groupcheck import parallel, reporters
from groupcheck.cache import default_dir
from groupcheck.cli import app
from groupcheck.discovery import GroupSource
from groupcheck.messages import Lang
from groupcheck.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
AS_OF = dt.date(2026, 11, 25)
FORMATS = ("json", "sarif", "junit", "gitlab", "github", "markdown", "parsable", "concise", "table")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Real groups, a broken one and one not yet established."""
    top = tmp_path / "tree"
    shutil.copytree(ROOT / "charters" / "shandong-taian-taishan", top / "taishan")
    shutil.copytree(CASES / "GC006" / "established-day-after-as-of" / "g", top / "future")
    broken = top / "broken"
    broken.mkdir()
    (broken / "charter.yaml").write_text("id: broken\nname: [unclosed\n", encoding="utf-8")
    return top


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
    return sorted(cache.rglob("*.json"))


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


def _damage(entry: Path, how: str, other: Path) -> None:
    raw = entry.read_bytes()
    head, _, body = raw.partition(b"\n")
    if how == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif how == "garbage":
        entry.write_bytes(b"\x00\xff not json at all")
    elif how == "empty":
        entry.write_bytes(b"")
    elif how == "foreign":  # another group's entry under this key
        entry.write_bytes(other.read_bytes())
    elif how == "body-edited":  # the checksum no longer matches
        entry.write_bytes(head + b"\n" + body.replace(b'"line":', b'"line":1'))
    elif how == "checksummed-nonsense":  # a well-formed entry of the wrong shape
        body = json.dumps({"load": "x", "rules": [], "figures": [], "group": 1}).encode()
        header = json.loads(head)
        header["sha256"] = hashlib.sha256(body).hexdigest()
        entry.write_bytes(json.dumps(header).encode() + b"\n" + body)
    elif how == "other-format":
        header = json.loads(head)
        header["groupcheck-cache"] = 999
        entry.write_bytes(json.dumps(header).encode() + b"\n" + body)
    elif how == "fifo":
        entry.unlink()
        os.mkfifo(entry)


@pytest.mark.parametrize(
    "how",
    [
        "truncated",
        "garbage",
        "empty",
        "foreign",
        "body-edited",
        "checksummed-nonsense",
        "other-format",
        "fifo",
    ],
)
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
    # Each damaged entry was written again, whole.
    assert _rendered(_run(tree, cache)) == plain
    for entry in _entries(cache):
        assert entry.is_file() and entry.read_bytes().startswith(b'{"groupcheck-cache": 1')


def test_writes_are_atomic_and_leave_no_temporary(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(tree, cache, jobs=2)
    leftovers = [p for p in cache.rglob("*") if p.is_file() and not p.name.endswith(".json")]
    assert leftovers == []


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
