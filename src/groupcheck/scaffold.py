"""``groupcheck init``: a new group folder with a commented charter.yaml and rotations.yaml.

The files are written for clerks, not programmers: every field is explained in a comment in the
chosen language, the policy numbers are named next to the field they judge (two cadres a year,
15%, 200,000 yuan…), and the optional parts are there as commented-out examples to fill in.
As written, the files hold only what the schema requires, so ``groupcheck validate`` reports no
format problem (no GC00x), only the policy findings of what is still missing (no council, no
approval, no documents…), each of which names what to add.

The first line of each file is the yaml-language-server modeline pointing at the JSON Schema
(``docs/editors.md``): the nearest ``schemas/<kind>.schema.json`` in the group folder's parents,
or, when there is none, a copy written into ``<dir>/schemas/``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from groupcheck import schema
from groupcheck.discovery import CHARTER, ROTATIONS_DIR, ROTATIONS_FILE
from groupcheck.errors import GroupcheckError
from groupcheck.messages import Lang
from groupcheck.models import SLUG_PATTERN, GroupModel
from groupcheck.output import write_atomic
from groupcheck.vocabulary import GROUP_MODEL

SCHEMAS_DIR = "schemas"


class InitError(GroupcheckError):
    """The group cannot be created as asked (exists, bad id, bad model): a usage error."""


@dataclass(frozen=True)
class InitRequest:
    group_id: str
    folder: str = "charters"
    model: str = "tight"
    lang: Lang = "zh"
    name: str | None = None
    jurisdiction: str | None = None
    core_id: str | None = None
    core_name: str | None = None
    members: tuple[tuple[str, str], ...] = ()
    """Member schools as (id, name), from ``--member ID=名称``."""
    established: dt.date = field(default_factory=dt.date.today)
    force: bool = False


@dataclass(frozen=True)
class InitResult:
    group_folder: str
    written: tuple[str, ...]


def create_group(request: InitRequest) -> InitResult:
    """Write ``<folder>/<group_id>/charter.yaml`` and ``rotations.yaml`` (and schemas if needed).

    Raises ``InitError`` when the id or model is invalid, or when the group folder already
    holds a charter or a rotation log and ``force`` is not set.
    """
    group_id = request.group_id.strip()
    if not re.fullmatch(SLUG_PATTERN, group_id) or len(group_id) > 100:
        raise InitError(
            f"{group_id!r} is not a valid group id: use lower-case letters, digits and '-' "
            "(for example mingde-primary-group)"
        )
    model = _model(request.model)
    core_id = (request.core_id or _core_id(group_id)).strip()
    if not re.fullmatch(SLUG_PATTERN, core_id) or len(core_id) > 100:
        raise InitError(f"{core_id!r} is not a valid school id for --core-id")
    for member_id, member_name in request.members:
        if not re.fullmatch(SLUG_PATTERN, member_id) or len(member_id) > 100:
            raise InitError(f"{member_id!r} is not a valid school id for --member ID=NAME")
        if not member_name.strip():
            raise InitError(f"--member {member_id}= needs the school's name after '='")
    target = os.path.join(request.folder, group_id)
    existing = [
        os.path.join(target, name)
        for name in (CHARTER, ROTATIONS_FILE, ROTATIONS_DIR)
        if os.path.lexists(os.path.join(target, name))
    ]
    if existing and not request.force:
        raise InitError(
            f"group folder {target} already holds {', '.join(existing)}; "
            "use --force to overwrite charter.yaml and rotations.yaml"
        )
    if os.path.exists(target) and not os.path.isdir(target):
        raise InitError(f"{target} exists and is not a folder")
    try:
        os.makedirs(target, exist_ok=True)
    except OSError as exc:
        raise InitError(f"cannot create {target}: {exc.strerror or exc}") from None
    written: list[str] = []
    schema_paths: dict[schema.Kind, str] = {}
    for kind in schema.KINDS:
        found = find_schema(target, kind)
        if found is None:
            found = os.path.join(request.folder, SCHEMAS_DIR, schema.SCHEMA_FILES[kind])
            os.makedirs(os.path.dirname(found), exist_ok=True)
            write_atomic(found, schema.render(kind))
            written.append(found)
        schema_paths[kind] = os.path.relpath(found, target).replace(os.sep, "/")
    values = {
        "schema": schema_paths["charter"],
        "rotations_schema": schema_paths["rotations"],
        "id": group_id,
        "name": yaml_scalar(request.name or _PLACEHOLDER[request.lang]["name"]),
        "jurisdiction": yaml_scalar(
            request.jurisdiction or _PLACEHOLDER[request.lang]["jurisdiction"]
        ),
        "model": model,
        "established": request.established.isoformat(),
        "core_id": core_id,
        "core_name": yaml_scalar(request.core_name or _PLACEHOLDER[request.lang]["core_name"]),
        "members": _members(request.members, request.established),
        "next_year": str(_next_september(request.established).year),
        "end_year": str(_next_september(request.established).year + 2),
    }
    charter_file = os.path.join(target, CHARTER)
    rotations_file = os.path.join(target, ROTATIONS_FILE)
    write_atomic(charter_file, _fill(CHARTER_TEMPLATE[request.lang], values))
    write_atomic(rotations_file, _fill(ROTATIONS_TEMPLATE[request.lang], values))
    written += [charter_file, rotations_file]
    return InitResult(group_folder=target, written=tuple(written))


def _members(members: tuple[tuple[str, str], ...], joined: dt.date) -> str:
    if not members:
        return "members: []"
    lines = ["members:"]
    for member_id, name in members:
        lines += [
            f"  - id: {member_id}",
            f"    name: {yaml_scalar(name)}",
            f"    joined: {joined.isoformat()}",
        ]
    return "\n".join(lines)


def _model(value: str) -> str:
    chosen = GROUP_MODEL.find(value)
    if chosen is None:
        allowed = [m.value for m in GroupModel]
        raise InitError(f"--model must be one of {', '.join(allowed)}, not {value!r}")
    return chosen.value


def _core_id(group_id: str) -> str:
    """``taian-no6-group`` → ``taian-no6``: a guess the clerk corrects to the real school id."""
    base = group_id[: -len("-group")] if group_id.endswith("-group") else group_id
    return f"{base}-core" if base == group_id else base


def _next_september(day: dt.date) -> dt.date:
    september = dt.date(day.year, 9, 1)
    return september if september >= day else dt.date(day.year + 1, 9, 1)


def find_schema(folder: str, kind: schema.Kind) -> str | None:
    """The nearest ``schemas/<kind>.schema.json`` in ``folder`` or one of its parents."""
    current = os.path.abspath(folder)
    while True:
        candidate = os.path.join(current, SCHEMAS_DIR, schema.SCHEMA_FILES[kind])
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def yaml_scalar(value: str, *, always_quote: bool = False) -> str:
    """``value`` as a YAML scalar that reads back as the same text (quoted only when needed).

    "Reads back" is judged with YAML 1.1, as groupcheck reads: ``yes``, ``0755`` and
    ``2022-09-01`` are quoted, Chinese text is not. ``always_quote`` quotes anyway (staff
    numbers, so a clerk sees they are text).
    """
    text = value.strip()
    plain_ok = (
        not always_quote
        and text != ""
        and "#" not in text
        and ":" not in text
        and text[0] not in "-?[]{}&*!|>'\"%@`,"
    )
    if plain_ok:
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def _fill(template: str, values: dict[str, Any]) -> str:
    """Replace ``<<name>>`` markers (YAML and its comments use braces, so no str.format)."""
    return re.sub(r"<<(\w+)>>", lambda m: str(values[m.group(1)]), template)


_PLACEHOLDER: dict[Lang, dict[str, str]] = {
    "zh": {
        "name": "请填写集团名称",
        "jurisdiction": "请填写所属省市区县",
        "core_name": "请填写核心校名称",
    },
    "en": {
        "name": "Name of the group (edit me)",
        "jurisdiction": "Province, city and district (edit me)",
        "core_name": "Name of the core school (edit me)",
    },
}

CHARTER_TEMPLATE: dict[Lang, str] = {
    "zh": """\
# yaml-language-server: $schema=<<schema>>
# 教育集团章程（groupcheck 格式第1版）。以 # 开头的是注释，groupcheck 不读取。
# 第一行让编辑器（VS Code 的 YAML 插件）按 JSON Schema 提示字段、检查错误，请保留。
# 检查本集团：groupcheck validate <本文件夹>    字段说明：docs/format.md
#
# 必填项：id、name、jurisdiction、model、established、core_school（id、name）。
# 其余各项不填不算格式错误，但相应的政策检查会报告“缺少”，例如没有理事会即 GC104。
# 日期写成 2022-09-01；学年写成 "2023-2024"（带引号）；纯数字的文字（如工号）要加引号。

# 集团标识：小写字母、数字和“-”，在所有集团中唯一；轮岗名册的 group 引用它。
id: <<id>>
# 集团名称，与正式文件一致。
name: <<name>>
# 所属行政区域（省、市、区县）。
jurisdiction: <<jurisdiction>>
# 学段：preschool 学前、primary 小学、junior 初中、senior 高中、nine-year 九年一贯制、
# twelve-year 十二年一贯制、mixed 混合。
# level: junior
# 办学模式：tight 紧密型、alliance 联盟型、hybrid 混合型、trusteeship 托管型
# （托管型由一所学校托管1至5所学校，GC101）。
model: <<model>>
# 集团成立（揭牌、签约）日期。只评判集团完整存在的学年（9月1日至次年8月31日）。
established: <<established>>

# 核心校（牵头学校）。
core_school:
  # 核心校标识：小写字母、数字和“-”；轮岗名册的 from、to 使用它。
  id: <<core_id>>
  # 核心校名称。
  name: <<core_name>>
  # 专任教师人数：首年派往成员校的教师不低于其15%（GC203）。不填则无法计算该比例。
  # teachers: 120

# 成员校：一所核心校带动的成员校原则上不超过5所（GC101）。每所成员校应有人进入理事会
# （GC104）。relation：integration 融合型（一个理事会、统一管理）或 combination 联合型。
# joined 加入日期；left 退出日期（计为成员校至前一日）。
<<members>>
#  - id: example-member-school
#    name: 成员校名称
#    relation: integration
#    joined: <<established>>

# 协作校（“1+N+X”中的X），不计为成员校。
collaborators: []
#  - id: example-partner-school
#    name: 协作校名称

# 理事会（GC104）：理事长、由成员学校推荐产生的理事，并报教育局备案（filed_with、filed_on）。
# council:
#   chair: 理事长姓名
#   members:
#     - name: 理事姓名
#       school: <<core_id>>
#   filed_with: 区教育局
#   filed_on: <<established>>

# “五个一”制度文件（GC102）：工作方案、章程、管理制度、发展规划、教研课题，各写标题和
# 通过日期。发展规划写起止年份，规划期3至5年（GC103）。
# documents:
#   work_plan: {title: 集团工作方案, adopted: <<established>>}
#   charter: {title: 集团章程, adopted: <<established>>}
#   management_rules: {title: 集团管理制度, adopted: <<established>>}
#   development_plan: {title: 集团三年发展规划, start_year: <<next_year>>, end_year: <<end_year>>}
#   research_project: {title: 集团教研课题, adopted: <<established>>}

# 审批（GC105）：区内集团报区委教育工作领导小组批准（scope: in-district）；跨区集团须经
# 区委区政府同意并签署协议（scope: out-of-district，并填写 agreement：派出人员不调动关系、
# 被托管方负责派出人员经费、托管费用）。
# approval:
#   scope: in-district
#   approved_by: 区委教育工作领导小组
#   approved_on: <<established>>
#   document_no: 某教领发〔2026〕1号

# 专项经费（GC301）：每个集团每年不少于20万元；同一年的多笔相加。金额可写 200000、
# "20万元"、"200,000元"。用途（GC302）：teacher_training 教师培训、curriculum 课程建设、
# research 教研、culture 文化建设、reform 教育改革（management、other 会被提示）。
funding: []
#  - year: <<next_year>>
#    amount_yuan: "20万元"
#    source: 区财政局集团化办学专项经费
#    uses: [teacher_training, curriculum]

# 年度考核评价（GC106）：每学年一次，涵盖 school 学校发展、teacher 教师发展、
# student 学生发展、recognition 社会认可、potential 发展潜能五个维度。
evaluations: []
#  - academic_year: "2025-2026"
#    date: 2026-07-10
#    by: 区教育局
#    dimensions: [school, teacher, student, recognition, potential]

# 经批准的规则豁免：rule 规则编号、year 学年或年度（不写则所有年度）、reason 理由、
# approved_by、document_no、expires 有效期最后一天。
waivers: []
#  - rule: GC201
#    year: "2025-2026"
#    reason: 豁免理由
#    expires: 2026-08-31
""",
    "en": """\
# yaml-language-server: $schema=<<schema>>
# Charter of an education group (groupcheck format v1). Lines starting with # are comments.
# The first line lets editors (VS Code's YAML extension) complete fields and underline
# mistakes from the JSON Schema: keep it.
# Check this group: groupcheck validate <this folder>    Every field: docs/format.md
#
# Required: id, name, jurisdiction, model, established, core_school (id, name).
# Anything else left out is not a format error, but the policy rule that needs it reports it
# as missing (no council is GC104, and so on).
# Dates are written 2022-09-01; academic years "2023-2024" (quoted); quote digit-only text.

# The group's id: lower-case letters, digits and '-', unique across all groups; rotation
# logs name it in `group`.
id: <<id>>
# The group's name as its documents write it.
name: <<name>>
# The authority it belongs to (province, city, district).
jurisdiction: <<jurisdiction>>
# School level: preschool, primary, junior, senior, nine-year (九年一贯制),
# twelve-year (十二年一贯制) or mixed.
# level: junior
# Group model: tight (紧密型), alliance (联盟型), hybrid (混合型) or trusteeship (托管型: one
# school takes over 1 to 5 others, GC101).
model: <<model>>
# The day the group was set up (unveiled or signed). Only academic years (1 September to
# 31 August) the group existed for entirely are judged.
established: <<established>>

# The core school (核心校) that leads the group.
core_school:
  # Its id: lower-case letters, digits and '-'; rotation logs use it in `from` and `to`.
  id: <<core_id>>
  # Its name.
  name: <<core_name>>
  # Full-time teacher headcount: at least 15% of them go to member schools in the first
  # year (GC203). Without it that share cannot be checked.
  # teachers: 120

# Member schools (成员校): a core school leads at most 5 (GC101), and each member should have
# a seat on the council (GC104). relation: integration (融合: one council, one management) or
# combination (联合: a pairing alliance); joined / left: dates (a member counts until the day
# before it left).
<<members>>
#  - id: example-member-school
#    name: Name of the member school
#    relation: integration
#    joined: <<established>>

# Collaborating schools (协作校, the "X" of 1+N+X): partners that are not members.
collaborators: []
#  - id: example-partner-school
#    name: Name of the partner school

# The council (理事会, GC104): a chair, members recommended by the member schools, filed with
# the education bureau (filed_with, filed_on).
# council:
#   chair: Name of the chair
#   members:
#     - name: Name of a council member
#       school: <<core_id>>
#   filed_with: District education bureau
#   filed_on: <<established>>

# The "five one" documents (五个一, GC102): work plan, charter, management rules, development
# plan and research project, each with its title and adoption date. The development plan
# gives start and end years and spans 3 to 5 years (GC103).
# documents:
#   work_plan: {title: Work plan, adopted: <<established>>}
#   charter: {title: Charter, adopted: <<established>>}
#   management_rules: {title: Management rules, adopted: <<established>>}
#   development_plan: {title: Development plan, start_year: <<next_year>>, end_year: <<end_year>>}
#   research_project: {title: Research project, adopted: <<established>>}

# Approval (GC105): an in-district group is approved by the district's education leading
# group (scope: in-district); an out-of-district group needs the district's consent and a
# signed agreement (scope: out-of-district, with agreement: staff_keep_relationship,
# host_pays_staff_costs, trusteeship_fee_yuan).
# approval:
#   scope: in-district
#   approved_by: District education leading group
#   approved_on: <<established>>
#   document_no: Number of the approving document

# Special funds (专项经费, GC301): at least 200,000 yuan per group each calendar year; entries
# of one year are added up. Amounts: 200000, "20万元" or "200,000元". Uses (GC302):
# teacher_training, curriculum, research, culture, reform (management and other are warned
# about).
funding: []
#  - year: <<next_year>>
#    amount_yuan: 200000
#    source: District special funds for education groups
#    uses: [teacher_training, curriculum]

# Annual evaluations (GC106): one per academic year, covering school, teacher and student
# development, recognition and potential.
evaluations: []
#  - academic_year: "2025-2026"
#    date: 2026-07-10
#    by: District education bureau
#    dimensions: [school, teacher, student, recognition, potential]

# Approved exceptions: rule id, year (academic or calendar; without it every year), reason,
# approved_by, document_no, expires (last day it applies).
waivers: []
#  - rule: GC201
#    year: "2025-2026"
#    reason: Why the exception was approved
#    expires: 2026-08-31
""",
}

ROTATIONS_TEMPLATE: dict[Lang, str] = {
    "zh": """\
# yaml-language-server: $schema=<<rotations_schema>>
# 轮岗交流名册（groupcheck 格式第1版）。也可以把 rotations/ 文件夹里的多个名册
# （如 rotations/2026-2027.yaml）和本文件合并使用。
# 从 Excel 名册导入：groupcheck import rotations 名册.xlsx --group <<id>>
#
# 政策要求：每学年核心校派往成员校的干部不少于2名（GC201）；首年派往成员校的教师不低于
# 核心校教师的15%（GC203）；每次交流2至5年（GC202）；同一人的交流不得重叠（GC204）；
# from、to 必须是本集团的学校（GC205）。

# 所属集团标识，必须与 charter.yaml 的 id 一致（GC005）。
group: <<id>>
# 每人每次交流一条：person 姓名；staff_no 工号（纯数字要加引号，填写后以工号识别同一人）；
# role 身份：cadre 干部 / teacher 教师；backbone 是否骨干教师（true/false）；
# from 派出学校标识；to 接收学校标识；start 开始日期；end 计划结束日期（含当日，
# 2026-09-01 至 2028-08-31 恰为两年）。
exchanges: []
#  - person: 李明
#    staff_no: "0755"
#    role: cadre
#    backbone: false
#    from: <<core_id>>
#    to: example-member-school
#    start: <<next_year>>-09-01
#    end: <<end_year>>-08-31
""",
    "en": """\
# yaml-language-server: $schema=<<rotations_schema>>
# Rotation log (groupcheck format v1). Logs in a rotations/ folder beside it (such as
# rotations/2026-2027.yaml) are merged with this one.
# Import an Excel register instead: groupcheck import rotations register.xlsx --group <<id>>
#
# Policy: at least 2 cadres a year on exchange from the core school to members (GC201); at
# least 15% of the core school's teachers sent in the first year (GC203); each exchange lasts
# 2 to 5 years (GC202); one person's exchanges do not overlap (GC204); `from` and `to` are
# schools of this group (GC205).

# The group's id; it must equal the `id` in charter.yaml (GC005).
group: <<id>>
# One entry per person and posting: person (name); staff_no (quote digit-only numbers;
# where given it identifies the person); role: cadre (干部) or teacher (教师); backbone
# (true/false: a backbone teacher); from / to: school ids; start; end (the planned last
# day, itself included, so 2026-09-01 to 2028-08-31 is exactly two years).
exchanges: []
#  - person: Li Ming
#    staff_no: "0755"
#    role: cadre
#    backbone: false
#    from: <<core_id>>
#    to: example-member-school
#    start: <<next_year>>-09-01
#    end: <<end_year>>-08-31
""",
}
