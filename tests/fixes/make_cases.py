"""Write the clerk-broken corpus of ``groupcheck fix`` (``tests/fixes/<case>/``).

Each case is a group as a clerk's editor left it (``input/``), the bytes ``fix`` must turn it
into (``fixed/``; a file not there must come out unchanged), and ``case.yaml``: what it is,
whether it runs with ``--unsafe-fixes``, the kinds of fix made, the unsafe kinds left
available, and the refusal message expected, if any. Most cases are one good group (``BASE``)
broken the way clerks break files, so the expected fixed bytes are the good group itself.

Run it again after changing a case: ``python tests/fixes/make_cases.py``. The inputs are
committed (several are GBK or UTF-16, which an editor would not keep as they are).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

CHARTER = """\
# 明德教育集团章程（示例）
id: mingde-group
name: 明德教育集团   # 集团名称
jurisdiction: "山东省泰安市泰山区"
model: tight
established: 2022-07-30
core_school:
  id: mingde-primary
  name: 明德小学
  teachers: 120
members:
  - id: qingyun-primary
    name: '青云小学'
    relation: integration
    joined: 2022-09-01
council:
  chair: 王校长
  members:
    - name: 李主任
      school: qingyun-primary
funding:
  - year: 2023
    amount_yuan: 200000
    uses: [teacher_training, curriculum]
"""

ROTATIONS = """\
group: mingde-group
exchanges:
  # 2023学年
  - person: 张三
    role: cadre
    from: mingde-primary
    to: qingyun-primary
    start: 2023-09-01
    end: 2026-08-31
"""

Swap = tuple[str, str]


@dataclass
class Case:
    about: str
    charter: list[Swap] = field(default_factory=list)
    """(good text, as the clerk's file has it) replacements in the charter."""
    rotations: list[Swap] = field(default_factory=list)
    fixed_charter: list[Swap] = field(default_factory=list)
    """(good text, what fix writes instead) where that is not the good text itself."""
    fixed_rotations: list[Swap] = field(default_factory=list)
    encoding: str = "utf-8"
    encode_files: tuple[str, ...] = ("charter.yaml",)
    newline: str = "\n"
    unsafe: bool = False
    fixes: list[str] = field(default_factory=list)
    available: list[str] = field(default_factory=list)
    refusal: str | None = None
    unchanged: bool = False
    """Nothing may change (a person must mend it, or a refusal)."""


CASES: dict[str, Case] = {
    "reencode-gbk": Case(
        "A charter saved as GBK by Notepad or Excel on a Chinese Windows.",
        encoding="gbk",
        fixes=["reencode"],
    ),
    "reencode-gb18030": Case(
        "A log saved as GB18030, with a name (张䶮) that GBK cannot hold.",
        rotations=[("张三", "张䶮")],
        fixed_rotations=[("张三", "张䶮")],
        encoding="gb18030",
        encode_files=("rotations.yaml",),
        fixes=["reencode"],
    ),
    "reencode-utf16-bom": Case(
        "Notepad's 'Unicode': UTF-16 little-endian with a byte-order mark, charter and log.",
        encoding="utf-16",
        encode_files=("charter.yaml", "rotations.yaml"),
        fixes=["reencode"],
    ),
    "reencode-utf16be-bom": Case(
        "'Unicode big endian': UTF-16 big-endian with a byte-order mark.",
        encoding="utf-16-be-bom",
        fixes=["reencode"],
    ),
    "reencode-utf16le-no-bom": Case(
        "UTF-16 little-endian without a byte-order mark (some export tools).",
        encoding="utf-16-le",
        fixes=["reencode"],
    ),
    "bom": Case(
        "UTF-8 with a byte-order mark (Notepad's 'UTF-8'), charter and log.",
        encoding="utf-8-sig",
        encode_files=("charter.yaml", "rotations.yaml"),
        fixes=["bom"],
    ),
    "fullwidth-colon": Case(
        "Full-width colons typed with a Chinese input method, in every place a key has one.",
        charter=[
            ("id: mingde-group", "id：mingde-group"),
            ("name: 明德教育集团", "name： 明德教育集团"),
            ("model: tight", "model：　tight"),
            ("  teachers: 120", "  teachers：: 120"),
            ("  - id: qingyun-primary", "  - id：qingyun-primary"),
            ("core_school:", "core_school："),
            ('jurisdiction: "', 'jurisdiction："'),
        ],
        fixes=["fullwidth_colon"],
    ),
    "fullwidth-comma": Case(
        "A flow list separated with full-width commas.",
        charter=[("[teacher_training, curriculum]", "[teacher_training，curriculum]")],
        fixes=["fullwidth_comma"],
    ),
    "fullwidth-comma-and-space": Case(
        "A full-width comma followed by a full-width space in a flow list.",
        charter=[("[teacher_training, curriculum]", "[teacher_training，\u3000curriculum]")],
        fixes=["fullwidth_comma"],
    ),
    "fullwidth-space": Case(
        "Ideographic spaces (U+3000) as indentation, after a colon, before a colon, after a dash.",
        charter=[
            ("  id: mingde-primary", "\u3000\u3000id: mingde-primary"),
            ("model: tight", "model:\u3000tight"),
            ("  teachers: 120", "  teachers\u3000: 120"),
            ("    - name: 李主任", "    -\u3000name: 李主任"),
        ],
        fixed_charter=[("  teachers: 120", "  teachers : 120")],
        fixes=["fullwidth_space"],
    ),
    "tab-indent": Case(
        "Tabs from the editor's Tab key: as indentation (one tab a step) and after a dash.",
        charter=[
            ("  id: mingde-primary", "\tid: mingde-primary"),
            ("  - id: qingyun-primary", "\t- id: qingyun-primary"),
            ("    name: '青云小学'", "\t\tname: '青云小学'"),
        ],
        rotations=[
            ("  - person: 张三", "  -\tperson: 张三"),
            ("    role: cadre", "\t\trole: cadre"),
        ],
        encode_files=("charter.yaml", "rotations.yaml"),
        fixes=["tab_indent"],
    ),
    "date-slash": Case(
        "Dates written with slashes, as Excel shows them.",
        charter=[("2022-07-30", "2022/7/30"), ("2022-09-01", "2022/09/1")],
        rotations=[("2023-09-01", "2023/9/1")],
        fixes=["date"],
    ),
    "date-dot": Case(
        "Dates written with dots.",
        charter=[("2022-07-30", "2022.7.30")],
        rotations=[("2026-08-31", "2026.8.31")],
        fixes=["date"],
    ),
    "date-chinese": Case(
        "Dates written the Chinese way, one of them quoted (the quotes stay).",
        charter=[("2022-07-30", "2022年7月30日"), ("joined: 2022-09-01", 'joined: "2022年9月1日"')],
        fixed_charter=[("joined: 2022-09-01", 'joined: "2022-09-01"')],
        rotations=[("2023-09-01", "2023年9月1日")],
        fixes=["date"],
    ),
    "key-typo": Case(
        "Keys one letter off, each with a single 'did you mean'; one of them quoted.",
        charter=[
            ("established:", "estabished:"),
            ("  teachers: 120", "  teacher: 120"),
            ('jurisdiction: "', '"jurisdicton": "'),
        ],
        fixed_charter=[('jurisdiction: "', '"jurisdiction": "')],
        rotations=[("  - person:", "  - persn:")],
        fixes=["key"],
    ),
    "several-at-once": Case(
        "GBK, Windows line ends, a full-width colon after a misspelt key holding a Chinese "
        "date, a tab, a slashed date in a log: all mended, comments and quotes kept.",
        charter=[
            ("established: 2022-07-30", "estabished：2022年7月30日"),
            ("  id: mingde-primary", "\tid: mingde-primary"),
            ("model: tight", "model：tight"),
        ],
        rotations=[("2023-09-01", "2023/9/1"), ("  - person:", "  - persn:")],
        encoding="gbk",
        newline="\r\n",
        encode_files=("charter.yaml",),
        fixes=["date", "fullwidth_colon", "key", "reencode", "tab_indent"],
    ),
    "crlf-kept": Case(
        "Windows line ends: a fix changes the characters it must and keeps every CRLF.",
        charter=[("model: tight", "model：tight"), ("2022-07-30", "2022/7/30")],
        newline="\r\n",
        fixes=["date", "fullwidth_colon"],
    ),
    "unsafe-fixes": Case(
        "With --unsafe-fixes: a key two steps away, enum words with one canonical value, and "
        "YAML 1.1 booleans where text is meant.",
        charter=[
            ("  teachers: 120", "  teacher_count: 120"),
            ("model: tight", "model: Tight"),
            ("relation: integration", "relation: Integration"),
            ("[teacher_training, curriculum]", "[Teacher-Training, curriculum]"),
            ("chair: 王校长", "chair: on"),
        ],
        fixed_charter=[("chair: 王校长", 'chair: "on"')],
        rotations=[("role: cadre", "role: ｃａｄｒｅ"), ("person: 张三", "person: no")],
        fixed_rotations=[("person: 张三", 'person: "no"')],
        unsafe=True,
        fixes=["enum", "key_far", "quote"],
    ),
    "unsafe-not-applied": Case(
        "The same file without --unsafe-fixes: nothing changes; the unsafe fixes are named.",
        charter=[
            ("  teachers: 120", "  teacher_count: 120"),
            ("model: tight", "model: Tight"),
            ("chair: 王校长", "chair: on"),
        ],
        unchanged=True,
        available=["enum", "key_far", "quote"],
    ),
    "needs-a-person": Case(
        "What only a person can mend is never touched: two 'did you mean' candidates, an "
        "impossible date, a missing field, a wrong number, full-width colons in text, quotes "
        "and comments.",
        charter=[
            ("council:\n", "council:\n  filed: 区教育局\n"),
            ("2022-07-30", "2023/2/30"),
            ("model: tight\n", ""),
            ("teachers: 120", "teachers: -5"),
            ("name: 明德小学", "name: 明德：小学   # 注：东校区"),
            ("'青云小学'", "'青云：小学'"),
        ],
        unchanged=True,
    ),
    "still-not-yaml": Case(
        "GBK with curly quotes breaking a line: nothing is written, not even the re-encoding "
        "(a written file must parse); the clerk is told why.",
        charter=[('jurisdiction: "山东省泰安市泰山区"', "jurisdiction: “山东省: 泰安市”")],
        encoding="gbk",
        unchanged=True,
        refusal="unparsable",
    ),
    "ambiguous-encoding": Case(
        "Bytes that read as good GBK and as good Big5 alike: no guess, nothing re-encoded.",
        charter=[
            ("# 明德教育集团章程（示例）\n", ""),
            ("明德教育集团", "北安"),
            ('"山东省泰安市泰山区"', "北安"),
            ("明德小学", "北安"),
            ("'青云小学'", "北安"),
            ("王校长", "北安"),
            ("李主任", "北安"),
        ],
        encoding="gbk",
        unchanged=True,
        refusal="ambiguous_encoding",
    ),
}


def swapped(text: str, swaps: list[Swap]) -> str:
    for good, other in swaps:
        if good not in text:
            raise ValueError(f"{good!r} is not in the text")
        text = text.replace(good, other, 1)
    return text


def encoded(text: str, encoding: str, newline: str) -> bytes:
    text = text.replace("\n", newline)
    if encoding == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(encoding)


def write_case(name: str, case: Case) -> None:
    folder = HERE / name
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "input").mkdir(parents=True)
    for file, good, broken, fixed in (
        ("charter.yaml", CHARTER, case.charter, case.fixed_charter),
        ("rotations.yaml", ROTATIONS, case.rotations, case.fixed_rotations),
    ):
        encoding = case.encoding if file in case.encode_files else "utf-8"
        newline = case.newline if file == "charter.yaml" else "\n"
        data = encoded(swapped(good, broken), encoding, newline)
        (folder / "input" / file).write_bytes(data)
        if case.unchanged:
            continue
        out = encoded(swapped(good, fixed), "utf-8", newline)
        if out != data:
            (folder / "fixed").mkdir(exist_ok=True)
            (folder / "fixed" / file).write_bytes(out)
    meta = {
        "about": case.about,
        "unsafe": case.unsafe,
        "fixes": sorted(case.fixes),
        "available": sorted(case.available),
        "refusal": case.refusal,
    }
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    (folder / "case.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    for name, case in CASES.items():
        write_case(name, case)


if __name__ == "__main__":
    main()
