"""GC0xx: problems in the input itself. The loader raises these (GC006 the engine, which knows
the as-of date); they have no check function.

They are registered here so that ``rules``, ``explain``, the reports and the SARIF rule list
describe them like every other rule.
"""

from __future__ import annotations

from groupcheck.findings import Severity
from groupcheck.registry import Params, RuleDoc, RuleSpec, register


def _loader_rule(
    rule_id: str, name: str, doc: RuleDoc, severity: Severity = Severity.ERROR
) -> None:
    register(
        RuleSpec(
            id=rule_id,
            name=name,
            family="load",
            severity=severity,
            params=Params,
            doc=doc,
            check=None,
            waivable=False,
        )
    )


_loader_rule(
    "GC000",
    "internal-error",
    RuleDoc(
        summary="Every rule ran to its end on every group.",
        summary_zh="每条规则都对每个集团完整运行。",
        remediation="Report the error, with the rule and the group named in the finding, to the "
        "maintainers of groupcheck, and check the group again once it is corrected.",
        remediation_zh="将出错的规则编号及所涉集团报送软件维护单位，修复后对该集团重新核查。",
        what="A rule that raised an exception while checking a group (a bug in groupcheck or in "
        "a rule module, not a problem in the charter): the finding names the rule and the "
        "exception, at the group's charter. The group's other rules and every other group are "
        "still checked; the run exits 2.",
        why="One faulty rule must not hide the findings of a nation-sized run, nor pass as a "
        "clean one.",
        source="groupcheck (internal)",
        how="Each rule's call on each group is contained; what it raised becomes this finding "
        "and its findings for that group are dropped. --verbose prints the traceback on stderr.",
        passes="# every rule runs without raising",
        fails="# a rule raises, e.g. ZeroDivisionError: division by zero",
    ),
)
_loader_rule(
    "GC001",
    "yaml-syntax",
    RuleDoc(
        summary="The file is readable, non-empty YAML text holding one document.",
        summary_zh="文件是可读取、非空、只含一个文档的 YAML 文本。",
        remediation="Correct the file at the line given so that it is one readable YAML document, "
        "then submit it again.",
        remediation_zh="按提示的行号更正数据文件，使其成为完整、可读取的单个数据文件后重新报送。",
        what="A charter or rotation log that cannot be parsed: a YAML syntax error (at the line "
        "the parser points at), an empty file, a binary file, a folder where a file should be, "
        "an unreadable file, several documents in one file, or a top level that is not a mapping.",
        why="Nothing in a file that does not parse can be checked; the clerk needs the line.",
        source="groupcheck format v1 (docs/format.md)",
        how="libyaml parses the file; the first error stops it and is reported where it points.",
        passes="id: taian-no6-group\nname: 泰安第六中学教育集团",
        fails="id: taian-no6-group\nname: [泰安第六中学教育集团",
    ),
)
_loader_rule(
    "GC002",
    "schema",
    RuleDoc(
        summary="Every field is known, of the right type, and every required field is present.",
        summary_zh="字段均为已知字段、类型正确，且必填字段齐全。",
        remediation="Fill in the missing fields and correct the misspelt or wrongly typed ones as "
        "the data format (docs/format.md) describes, then submit the file again.",
        remediation_zh="按数据格式要求补齐缺失项目，更正名称或取值有误的项目后重新报送。",
        what="A missing required field (id, name, jurisdiction, model, established, core_school "
        "in a charter; group in a log; person, role, from, to, start, end in an exchange), a "
        "value of the wrong type or outside its allowed values, an unknown field (with the "
        "nearest known name suggested), or a member school whose `left` is before its "
        "`joined` (reported at `left`; the charter still loads and that member counts for "
        "nothing).",
        why="A typo that passes silently is a policy item that is never checked.",
        source="groupcheck format v1 (docs/format.md)",
        how="The file's data is validated against format v1's models; each error is located at "
        "the offending key's line (a missing key at its parent's).",
        passes="core_school:\n  id: taian-no6-middle\n  name: 泰安第六中学",
        fails="core_school:\n  id: taian-no6-middle\n  nmae: 泰安第六中学",
    ),
)
_loader_rule(
    "GC003",
    "duplicate-key",
    RuleDoc(
        summary="No key appears twice in one mapping.",
        summary_zh="同一映射中没有重复的键。",
        remediation="Keep one of the repeated keys, with the value that is meant, and delete the "
        "other.",
        remediation_zh="删除重复填写的项目，仅保留正确的一项。",
        what="A key repeated in one mapping, reported at the repeated key's line.",
        why="YAML loaders keep one of the two values silently; which one the author meant is "
        "unknowable, so groupcheck refuses to guess.",
        source="groupcheck format v1 (docs/format.md); YAML 1.2 §3.2.1.1 (keys are unique)",
        how="Every mapping is checked while it is built.",
        passes="members: []\ncollaborators: []",
        fails="members: []\nmembers: []",
    ),
)
_loader_rule(
    "GC004",
    "unsafe-input",
    RuleDoc(
        summary="The input is UTF-8, within the size bounds, and builds no objects.",
        summary_zh="输入为 UTF-8 编码、不超过大小上限、且不构造任何对象。",
        remediation="Save the file again as UTF-8 text, without tags or oversized aliases and "
        "nesting, and within the size limit.",
        remediation_zh="将文件另存为UTF-8编码的纯文本，删除非数据内容，文件大小和层级控制在规定范围内。",
        what="Refused input: text that is not UTF-8 (GBK is the usual culprit), a tag that would "
        "build an object (!!python/...; never executed), aliases that expand beyond a small "
        "bound (billion laughs), nesting beyond a depth bound, or a file over the size bound.",
        why="Charters come from many hands; reading one must never run code or exhaust memory.",
        source="groupcheck format v1 (docs/format.md, Limits)",
        how="Checked before and while parsing; the file is refused as a whole.",
        passes="name: 泰安第六中学教育集团  # saved as UTF-8",
        fails="name: !!python/object/apply:os.system ['true']",
    ),
)
_loader_rule(
    "GC005",
    "orphan-log",
    RuleDoc(
        summary="Every rotation log belongs to the charter in its folder.",
        summary_zh="每份轮岗名册都属于所在文件夹的章程。",
        remediation="Move the rotation log into the folder of the group it records, or correct "
        "its group to the id of the charter beside it.",
        remediation_zh="将轮岗交流名册移至所属集团的文件夹，或将名册所填集团更正为同一文件夹章程的集团标识。",
        what="A rotation log (rotations.yaml or rotations/*.yaml) in a folder with no "
        "charter.yaml, or whose group field is not the id of the charter beside it.",
        why="Exchanges filed under the wrong group would count for a group that did not make them.",
        source="groupcheck format v1 (docs/format.md)",
        how="The log's group must equal the charter's id; a mismatched log is not merged.",
        passes="# charter.yaml: id: taian-no6-group\ngroup: taian-no6-group",
        fails="# charter.yaml: id: taian-no6-group\ngroup: dongyue-group",
    ),
)
_loader_rule(
    "GC006",
    "not-established",
    RuleDoc(
        summary="The group exists on the as-of date: `established` is on or before it.",
        summary_zh="检查基准日时集团已成立：成立日期不晚于基准日。",
        what="A group whose `established` date is after --as-of: it is not yet established, so "
        "no policy rule (GC1xx to GC5xx) judges it. Each of them is reported as not checked "
        "for that group (`skip`, with the reason), and this one information finding, at "
        "`established`, says so. The file and format checks (GC001 to GC005) still apply.",
        why="A group that does not exist yet owes no exchanges, funds or evaluations; judging "
        "it would pass every yearly rule vacuously (a charter dated in the future to game an "
        "audit) or fail it for years it had not begun.",
        source="groupcheck format v1 (docs/format.md)",
        how="Compared with --as-of: a group established on the as-of date is judged, one "
        "established the day after is not. Information only: it never fails a run.",
        passes="established: 2024-07-01  # --as-of 2026-11-25",
        fails="established: 2052-07-01  # --as-of 2026-11-25: not yet established",
        remediation="Check the `established` date against the approval document; if it is "
        "right, judge the group once it has been established (a later --as-of).",
        remediation_zh="核对章程所填成立日期与批准文件是否一致；如无误，待集团成立后再行核查。",
    ),
    severity=Severity.INFO,
)
