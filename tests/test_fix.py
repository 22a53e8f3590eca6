"""``groupcheck fix``: the clerk-broken corpus, the bad-input corpus, and the guarantees.

``tests/fixes/<case>/`` (written by ``tests/fixes/make_cases.py``) holds a group as a clerk's
editor left it (``input/``), the bytes the fix must give (``fixed/``; a file not there must
come out unchanged) and ``case.yaml`` (the kinds of fix made, the unsafe ones left available, a
refusal). Every case runs through the real command; a second run must change nothing, and the
fixed group must load without the problems fixed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import groupcheck
from conftest import PreCommit
from groupcheck import fixes
from groupcheck.cli import app
from groupcheck.fixes import Kind, files
from groupcheck.fixes.encoding import readings
from groupcheck.fixes.values import canonical_enum, iso_date, key_candidate
from groupcheck.models import Charter
from test_ci_precommit import _git

ROOT = Path(__file__).resolve().parent.parent
FIXES = ROOT / "tests" / "fixes"
CORPUS = ROOT / "tests" / "corpus"
CASES = sorted(p.parent.name for p in FIXES.glob("*/case.yaml"))
AS_OF = ["--as-of", "2026-11-25"]
LOAD_RULES = ("GC001", "GC002", "GC003", "GC004")


def run_cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def load_findings(folder: Path) -> list[groupcheck.Finding]:
    loaded = groupcheck.load([str(folder)])
    return [f for f in loaded.findings if f.rule in LOAD_RULES]


# ---------------------------------------------------------------------------------------------
# The clerk-broken corpus


@pytest.mark.parametrize("case", CASES)
def test_fix_case(case: str, tmp_path: Path) -> None:
    meta = yaml.safe_load((FIXES / case / "case.yaml").read_text("utf-8"))
    group = tmp_path / "g"
    shutil.copytree(FIXES / case / "input", group)
    before = tree(group)
    expected = dict(before)
    if (FIXES / case / "fixed").is_dir():
        expected.update(tree(FIXES / case / "fixed"))
    unsafe = ["--unsafe-fixes"] if meta["unsafe"] else []

    run = fixes.plan([str(group)], unsafe=meta["unsafe"])
    assert sorted({f.kind.value for item in run.files for f in item.applied}) == meta["fixes"]
    assert sorted({f.kind.value for item in run.files for f in item.available}) == meta["available"]
    refusals = [item.refusal.key for item in run.files if item.refusal is not None]
    assert refusals == ([meta["refusal"]] if meta["refusal"] else [])

    diff = run_cli("fix", str(group), "--diff", "--lang", "en", *unsafe, *AS_OF)
    assert tree(group) == before  # --diff writes nothing
    assert diff.exit_code == (1 if expected != before else 0), diff.output
    if expected == before:
        assert diff.stdout == ""

    fixed = run_cli("fix", str(group), "--lang", "en", *unsafe, *AS_OF)
    assert fixed.exit_code in (0, 1), fixed.output
    assert tree(group) == expected
    changed = sorted(name for name in expected if expected[name] != before[name])
    for name in changed:
        assert f"fixed {group / name}" in fixed.stdout or f"fixed {name}" in fixed.stdout
    assert "Re-checked" in fixed.stdout

    again = run_cli("fix", str(group), "--diff", "--lang", "en", *unsafe, *AS_OF)
    assert again.exit_code == 0 and again.stdout == "", again.output  # idempotent
    if changed and not meta["refusal"]:
        assert load_findings(group) == []


def test_every_kind_of_fix_has_a_case() -> None:
    made = set()
    for case in CASES:
        meta = yaml.safe_load((FIXES / case / "case.yaml").read_text("utf-8"))
        made |= set(meta["fixes"])
    assert made == {kind.value for kind in Kind}


def test_several_fixes_at_once_are_listed_on_one_line(tmp_path: Path) -> None:
    shutil.copytree(FIXES / "several-at-once" / "input", tmp_path / "g")
    result = run_cli("fix", str(tmp_path / "g"), "--lang", "en", *AS_OF)
    line = next(x for x in result.stdout.splitlines() if "charter.yaml" in x and "fixed" in x)
    assert "re-encoded from GBK to UTF-8" in line
    assert "full-width colon" in line and "tab indentation" in line
    assert "date 2022年7月30日 → 2022-07-30 (line 6)" in line
    assert "key estabished → established (line 6)" in line


def test_messages_in_chinese(tmp_path: Path) -> None:
    shutil.copytree(FIXES / "unsafe-not-applied" / "input", tmp_path / "g")
    result = run_cli("fix", str(tmp_path / "g"), "--lang", "zh", *AS_OF)
    assert "没有需要修复的内容" in result.stdout
    assert "已重新检查" in result.stdout
    assert "--unsafe-fixes" in result.stderr and "另有 3 处修复" in result.stderr
    shutil.copytree(FIXES / "date-slash" / "input", tmp_path / "h")
    result = run_cli("fix", str(tmp_path / "h"), "--lang", "zh", *AS_OF)
    assert "已修复" in result.stdout and "日期 2022/7/30 → 2022-07-30（第 6 行）" in result.stdout


def test_unsafe_fixes_are_named_but_not_made_without_the_flag(tmp_path: Path) -> None:
    shutil.copytree(FIXES / "unsafe-not-applied" / "input", tmp_path / "g")
    before = tree(tmp_path / "g")
    result = run_cli("fix", str(tmp_path / "g"), "--lang", "en", *AS_OF)
    assert tree(tmp_path / "g") == before
    assert "3 more fix(es) with --unsafe-fixes" in result.stderr
    assert "key teacher_count → teachers" in result.stderr
    assert 'on quoted as text: "on"' in result.stderr


# ---------------------------------------------------------------------------------------------
# The bundled charters and the bad-input corpus

FIXABLE_IN_THE_BAD_INPUT_CORPUS = {
    "chinese-date/charter.yaml": {"date"},
    "fullwidth-colon-first-line/charter.yaml": {"fullwidth_colon"},
    "fullwidth-colon-key/charter.yaml": {"fullwidth_colon"},
    "fullwidth-colon/charter.yaml": {"fullwidth_colon"},
    "fullwidth-space-indent/charter.yaml": {"fullwidth_space"},
    "fullwidth-space-key/charter.yaml": {"fullwidth_space"},
    "gbk-charter/charter.yaml": {"reencode"},
    "slash-date/charter.yaml": {"date"},
    "tab-indent/charter.yaml": {"tab_indent"},
    "utf16-bom-charter/charter.yaml": {"reencode"},
    "utf16le-no-bom-charter/charter.yaml": {"reencode"},
    "utf8-bom/charter.yaml": {"bom"},
    "utf8-bom/rotations.yaml": {"bom"},
    "zero-width-space-in-a-key/charter.yaml": {"key"},  # issue 19's case: the key is mended
}
"""What fix mends in tests/corpus: everything else there (binary files, tags, alias bombs,
curly quotes, impossible dates, YAML 1.1 surprises without --unsafe-fixes...) needs a person."""


def test_the_bundled_charters_need_no_fix(tmp_path: Path) -> None:
    diff = run_cli("fix", str(ROOT / "charters"), "--diff", *AS_OF)
    assert diff.exit_code == 0 and diff.stdout == "", diff.output
    copy = tmp_path / "charters"
    shutil.copytree(ROOT / "charters", copy)
    before = tree(copy)
    result = run_cli("fix", str(copy), "--lang", "en", *AS_OF)
    assert result.exit_code in (0, 1)
    assert "nothing to fix" in result.stdout
    assert tree(copy) == before


def test_the_bad_input_corpus_stays_unfixable_where_it_should(tmp_path: Path) -> None:
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS, copy, symlinks=True)
    before = tree(copy)
    run = fixes.plan([str(copy)])
    made = {
        str(Path(item.target.real).relative_to(copy.resolve())): {
            f.kind.value for f in item.applied
        }
        for item in run.changed
    }
    assert made == FIXABLE_IN_THE_BAD_INPUT_CORPUS
    assert all(w.outcome is fixes.Outcome.WRITTEN for w in fixes.write(run))
    after = tree(copy)
    assert sorted(n for n in after if after[n] != before[n]) == sorted(made)
    for name in made:  # the fixed files now load without a problem
        assert load_findings((copy / name).parent) == [], name
    assert fixes.plan([str(copy)]).changed == []  # idempotent


# ---------------------------------------------------------------------------------------------
# Safety: links, changes while fixing, read-back, permissions


def _broken_group(folder: Path) -> Path:
    shutil.copytree(FIXES / "fullwidth-colon" / "input", folder)
    return folder / "charter.yaml"


def test_a_link_out_of_the_tree_is_never_followed(tmp_path: Path) -> None:
    outside = _broken_group(tmp_path / "outside")
    secret = outside.read_bytes()
    tree_folder = tmp_path / "tree" / "g"
    tree_folder.mkdir(parents=True)
    (tree_folder / "charter.yaml").symlink_to(outside)
    result = run_cli("fix", str(tmp_path / "tree"), "--lang", "en", *AS_OF)
    assert outside.read_bytes() == secret
    assert (tree_folder / "charter.yaml").is_symlink()
    assert "leads outside the checked folder" in result.stderr
    diff = run_cli("fix", str(tmp_path / "tree"), "--diff", *AS_OF)
    assert diff.stdout == "" and diff.exit_code == 0


def test_a_link_inside_the_tree_is_fixed_at_its_real_place(tmp_path: Path) -> None:
    real = _broken_group(tmp_path / "tree" / "real")
    linked = tmp_path / "tree" / "linked"
    linked.mkdir()
    (linked / "charter.yaml").symlink_to(real)
    run_cli("fix", str(tmp_path / "tree"), *AS_OF)
    assert (linked / "charter.yaml").is_symlink()
    assert real.read_bytes() == (FIXES / "fullwidth-colon" / "fixed" / "charter.yaml").read_bytes()


def test_a_file_changed_while_being_fixed_is_left_alone(tmp_path: Path) -> None:
    charter = _broken_group(tmp_path / "g")
    run = fixes.plan([str(tmp_path / "g")])
    assert run.changed
    charter.write_bytes(charter.read_bytes() + b"# the clerk saved again\n")
    edited = charter.read_bytes()
    [written] = fixes.write(run)
    assert written.outcome is fixes.Outcome.CHANGED
    assert charter.read_bytes() == edited
    assert sorted(p.name for p in charter.parent.iterdir()) == ["charter.yaml", "rotations.yaml"]


def test_a_file_changed_between_the_read_back_and_the_rename_is_left_alone(
    tmp_path: Path,
) -> None:
    charter = _broken_group(tmp_path / "g")
    original = charter.read_bytes()
    snapshot = files.read(str(charter))

    def saved_meanwhile(data: bytes) -> bool:
        charter.write_bytes(original.replace(b"tight", b"alliance"))
        return True

    outcome, _ = files.write(str(charter), snapshot, b"id: x\n", saved_meanwhile)
    assert outcome is files.Outcome.CHANGED
    assert charter.read_bytes() == original.replace(b"tight", b"alliance")


def test_a_file_that_does_not_read_back_is_never_written(tmp_path: Path) -> None:
    charter = _broken_group(tmp_path / "g")
    original = charter.read_bytes()
    outcome, _ = files.write(str(charter), files.read(str(charter)), b"id: x\n", lambda b: False)
    assert outcome is files.Outcome.UNVERIFIED
    assert charter.read_bytes() == original
    assert sorted(p.name for p in charter.parent.iterdir()) == ["charter.yaml", "rotations.yaml"]


def test_the_read_back_compares_the_planned_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    charter = _broken_group(tmp_path / "g")
    original = charter.read_bytes()
    run = fixes.plan([str(tmp_path / "g")])
    real_write = files.write

    def corrupting(path: str, snapshot: Any, fixed: bytes, reads_back: Any) -> Any:
        return real_write(path, snapshot, fixed.replace(b"tight", b"hybrid"), reads_back)

    monkeypatch.setattr(files, "write", corrupting)
    [written] = fixes.write(run)
    assert written.outcome is fixes.Outcome.UNVERIFIED
    assert charter.read_bytes() == original


def test_permissions_are_kept_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    charter = _broken_group(tmp_path / "g")
    charter.chmod(0o640)
    run_cli("fix", str(tmp_path / "g"), *AS_OF)
    assert charter.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in charter.parent.iterdir()) == ["charter.yaml", "rotations.yaml"]


def test_a_file_that_cannot_be_written_is_exit_2(
    tmp_path: Path, unprivileged: Callable[[list[str]], list[str]]
) -> None:
    """Permission denied for real: the command runs without root's power over file modes."""
    group = tmp_path / "g"
    charter = _broken_group(group)
    original = charter.read_bytes()
    tmp_path.chmod(0o755)
    for path in group.iterdir():
        path.chmod(0o644)
    group.chmod(0o555)  # the files are writable, the folder (for the temporary file) is not
    command = [sys.executable, "-m", "groupcheck", "fix", "g", "--lang", "en", *AS_OF]
    command = unprivileged(command)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", HOME=str(tmp_path))
    proc = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, check=False, env=env
    )
    group.chmod(0o755)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "cannot write the fixed file" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert charter.read_bytes() == original


def test_usage_errors(tmp_path: Path) -> None:
    result = run_cli("fix", str(tmp_path / "missing"))
    assert result.exit_code == 2 and "path not found" in result.stderr
    charter = _broken_group(tmp_path / "g")
    before = charter.read_bytes()
    result = run_cli("fix", str(tmp_path / "g"), "--rules", str(tmp_path / "no-pack.yaml"))
    assert result.exit_code == 2 and "policy pack" in result.stderr
    assert charter.read_bytes() == before  # nothing written before the usage error


def test_diff_is_a_unified_diff_that_patch_applies(tmp_path: Path) -> None:
    assert shutil.which("patch"), "patch is needed (python3 tools/test.py installs it)"
    group = tmp_path / "g"
    shutil.copytree(FIXES / "several-at-once" / "input", group)
    (group / "charter.yaml").write_bytes(
        (group / "charter.yaml").read_bytes().decode("gbk").encode()
    )
    result = subprocess.run(
        [sys.executable, "-m", "groupcheck", "fix", "g", "--diff"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith(b"--- a/g/charter.yaml\n+++ b/g/charter.yaml\n@@ ")
    subprocess.run(
        ["patch", "-p1", "--binary"],
        input=result.stdout,
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    assert fixes.plan([str(group)]).changed == []


# ---------------------------------------------------------------------------------------------
# The pieces


def test_dates() -> None:
    assert iso_date("2022/9/1") == dt.date(2022, 9, 1)
    assert iso_date("2022.09.01") == dt.date(2022, 9, 1)
    assert iso_date("2022年9月1日") == dt.date(2022, 9, 1)
    assert iso_date("2023/2/30") is None
    assert iso_date("9/1/2022") is None
    assert iso_date("2022/9/1/") is None


def test_enum_words() -> None:
    allowed = ["tight", "alliance", "hybrid", "trusteeship"]
    assert canonical_enum("Tight", allowed) == "tight"
    assert canonical_enum("ＴＩＧＨＴ", allowed) == "tight"
    assert canonical_enum("紧密型", allowed) == "tight"
    assert canonical_enum("tite", allowed) is None
    uses = ["teacher_training", "curriculum"]
    assert canonical_enum("Teacher-Training", uses) == "teacher_training"


def test_key_candidates() -> None:
    assert key_candidate("estabished", list(Charter.model_fields)) == "established"
    assert key_candidate("filed", ["chair", "members", "filed_with", "filed_on"]) is None
    assert key_candidate("zzz", ["chair", "members"]) is None


def test_encodings_are_never_guessed() -> None:
    gbk = "name: 泰安第六中学教育集团\njurisdiction: 山东省泰安市\n".encode("gbk")
    assert [r.label for r in readings(gbk)] == ["GBK"]
    big5 = "name: 泰安第六中學教育集團\njurisdiction: 山東省泰安市\n".encode("big5")
    assert [(r.label, r.fixable) for r in readings(big5)] == [("Big5", False)]
    both = "name: 北安\n".encode("gbk")
    assert [r.label for r in readings(both)] == ["GBK", "Big5"]
    assert readings(b"\x89PNG\r\n\x1a\n\x00\x00") == []


def test_the_hook_is_declared() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert by_id["groupcheck-fix"]["entry"].startswith("groupcheck fix")
    assert by_id["groupcheck"]["entry"].startswith("groupcheck validate")  # issue 17: concise


def test_the_docs_show_every_fix() -> None:
    doc = (ROOT / "docs" / "fix.md").read_text("utf-8")
    for kind in Kind:
        assert f"`{kind.value}`" in doc, kind
    assert "groupcheck-fix" in doc
    assert "groupcheck fix" in (ROOT / "README.md").read_text("utf-8")


def test_a_file_named_directly_is_the_only_one_fixed(tmp_path: Path) -> None:
    group = tmp_path / "g"
    shutil.copytree(FIXES / "date-slash" / "input", group)
    before = tree(group)
    run_cli("fix", str(group / "rotations.yaml"), *AS_OF)
    after = tree(group)
    assert after["charter.yaml"] == before["charter.yaml"]
    assert (
        after["rotations.yaml"] == (FIXES / "date-slash" / "fixed" / "rotations.yaml").read_bytes()
    )


@pytest.mark.slow
def test_the_pre_commit_fix_hook_mends_and_then_passes(
    tmp_path: Path, pre_commit: PreCommit
) -> None:
    """``pre-commit run`` of the committed project's hook ``groupcheck-fix``: the first run
    mends the staged charter and fails (a hook changed a file); the second passes."""
    charters = tmp_path / "charters"
    shutil.copytree(FIXES / "several-at-once" / "input", charters / "groups" / "mingde")
    _git("init", "--quiet", ".", cwd=charters)
    _git("add", "-A", cwd=charters)

    def hook() -> subprocess.CompletedProcess[str]:
        return pre_commit.run("groupcheck-fix", charters)

    first = hook()
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    fixed = FIXES / "several-at-once" / "fixed"
    for name in ("charter.yaml", "rotations.yaml"):
        assert (charters / "groups" / "mingde" / name).read_bytes() == (fixed / name).read_bytes()
    _git("add", "-A", cwd=charters)
    second = hook()
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


SYNTAX_CASES = [
    # (as typed, after the syntax fixes): only YAML syntax changes, never text
    ("id：x\n", "id: x\n"),
    ("name： 明德\n", "name: 明德\n"),
    ("model：\u3000tight\n", "model: tight\n"),
    ("teachers：: 120\n", "teachers: 120\n"),
    ('"id"：x\n', '"id": x\n'),
    ("- id：x\n", "- id: x\n"),
    ("x: {id：a，name：b}\n", "x: {id: a, name: b}\n"),
    ("x: [a，b]\n", "x: [a, b]\n"),
    ("x: [a,\u3000b]\n", "x: [a, b]\n"),
    ("name:\u3000x\n", "name: x\n"),
    ("a:\n\tb: 1\n", "a:\n  b: 1\n"),
    ("a:\n-\tx\n", "a:\n- x\n"),
    # text stays text
    ("name: 泰安：一中\n", "name: 泰安：一中\n"),
    ("name: '泰安：一中，东校区'\n", "name: '泰安：一中，东校区'\n"),
    ('name: "a：b"\n', 'name: "a：b"\n'),
    ("name: x  # 注：东校区\n", "name: x  # 注：东校区\n"),
    ("# 注：说明\nid: x\n", "# 注：说明\nid: x\n"),
    ("reason: |\n  原因：经费\n  a：b\n", "reason: |\n  原因：经费\n  a：b\n"),
    ("name: 山东省\n  泰安市：一中\n", "name: 山东省\n  泰安市：一中\n"),
    ("x: [a, \u3000b]\n", "x: [a, \u3000b]\n"),
    ("- 明德:\u3000小学\n", "- 明德:\u3000小学\n"),
    ("src: 市财政，区财政\n", "src: 市财政，区财政\n"),
    ('x: {name: 0"，y}\n', 'x: {name: 0", y}\n'),
    # a quote right after a mended colon opens a scalar: its brace is text, not flow (found
    # by tests/test_fix_properties.py: the next line's colon was then left alone)
    ("x: {a: 1,\n\tno：'{'}\nw：[]\n", "x: {a: 1,\n  no: '{'}\nw: []\n"),
]


@pytest.mark.parametrize(("typed", "expected"), SYNTAX_CASES)
def test_syntax_fixes_touch_only_syntax(typed: str, expected: str) -> None:
    from groupcheck.fixes.edits import apply
    from groupcheck.fixes.syntax import syntax_edits

    assert apply(typed, syntax_edits(typed)) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "uses: [teacher_：training, curriculum]",  # a colon inside a flow list's word
        "uses:\n      - teacher_：training",  # ... and a block list's: a list item, not a key
    ],
)
def test_a_colon_that_would_turn_a_word_into_a_mapping_is_left(typed: str) -> None:
    good = (FIXES / "fullwidth-comma" / "fixed" / "charter.yaml").read_bytes()
    raw = good.replace(b"uses: [teacher_training, curriculum]", typed.encode())
    assert raw != good
    assert not fixes.plan_bytes(raw, Charter).changed
