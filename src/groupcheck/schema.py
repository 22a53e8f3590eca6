"""JSON Schema of the two file kinds (charter, rotation log), generated from the pydantic models.

Editors (VS Code with the YAML extension, any client of yaml-language-server) read these schemas
to offer completion, hover help and red underlines while a clerk types a charter. The schema is
*generated* from ``models.py`` so that it cannot say something the loader does not; what the
models cannot carry is added here:

* every field's **description in English and Chinese** and its **examples**, from the table
  ``FIELDS`` keyed by ``"<Model>.<field>"`` (generation fails when a model field has no entry,
  so a new field cannot ship undocumented);
* the **Chinese words** the loader accepts for enum values (``role: 干部``), from the enum's
  table in ``groupcheck.vocabulary``, with a description of every value (``enumDescriptions``,
  which VS Code shows in completion).

Amounts (``amount_yuan``) written as text such as ``"20万元"`` are described on the model's
``Yuan`` type itself, with the very pattern the loader reads.

The output is JSON Schema **draft-07**, the version yaml-language-server implements; ``$ref``
siblings are ignored in draft-07, so a described reference is wrapped in ``allOf``. Dates are
``"format": "date"`` strings: an editor (YAML 1.2) sees ``2022-07-30`` as a string, where PyYAML
(YAML 1.1) builds a date object; the tests convert loaded data the same way before validating.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from groupcheck import models, vocabulary

Kind = Literal["charter", "rotations"]
KINDS: tuple[Kind, ...] = ("charter", "rotations")
DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_FILES: dict[Kind, str] = {
    "charter": "charter.schema.json",
    "rotations": "rotations.schema.json",
}
"""File names under ``schemas/`` in the repository (and next to charters written by ``init``)."""


class SchemaDocsMissing(Exception):
    """A model field has no entry in ``FIELDS`` (a programming error caught by the tests)."""


@dataclass(frozen=True)
class Doc:
    en: str
    zh: str
    examples: tuple[Any, ...] = ()

    def description(self) -> str:
        return f"{self.en}\n\n{self.zh}"


_DATE = ("2022-09-01",)

MODELS: dict[str, Doc] = {
    "Charter": Doc(
        "The charter of one education group (集团化办学): what the group is — its schools, "
        "council, documents, approval, special funds and evaluations. groupcheck format v1.",
        "一个教育集团的章程信息：集团的学校、理事会、制度文件、审批、专项经费和考核评价。"
        "groupcheck 格式第1版。",
    ),
    "RotationLog": Doc(
        "A rotation log: the rotation exchanges (轮岗交流) of cadres and teachers of one group. "
        "All logs of a group (rotations.yaml and rotations/*.yaml) are merged.",
        "轮岗交流名册：一个集团内干部、教师的交流记录。同一集团的所有名册"
        "（rotations.yaml 与 rotations/*.yaml）合并计算。",
    ),
    "CoreSchool": Doc("The core school (核心校) that leads the group.", "牵头的核心校。"),
    "Member": Doc("A member school (成员校) of the group.", "集团成员校。"),
    "Collaborator": Doc(
        "A collaborating school (协作校, one of the 'X' of 1+N+X); it is not a member.",
        "协作校（“1+N+X”中的X），不计为成员校。",
    ),
    "Council": Doc("The group's council (理事会).", "集团理事会。"),
    "CouncilMember": Doc("One member of the council.", "理事会成员。"),
    "Documents": Doc(
        'The "five one" documents (五个一): work plan, charter, management rules, '
        "development plan, research project (GC102).",
        "“五个一”制度文件：工作方案、章程、管理制度、发展规划、教研课题（GC102）。",
    ),
    "Document": Doc("A document and the day it was adopted.", "一份文件及其通过日期。"),
    "DevelopmentPlan": Doc(
        "A development plan (发展规划), 3 to 5 years long counting both end years (GC103).",
        "集团发展规划，规划期3至5年（含起止年份，GC103）。",
    ),
    "Approval": Doc(
        "How the group was approved (GC105).",
        "集团组建的审批情况（GC105）。",
    ),
    "Agreement": Doc(
        "What an out-of-district group's agreement states (GC105).",
        "跨区集团化办学协议中须明确的事项（GC105）。",
    ),
    "Funding": Doc(
        "One grant of special funds (专项经费); entries of one year are added up (GC301).",
        "一笔专项经费；同一年度的多笔金额相加计算（GC301）。",
    ),
    "Evaluation": Doc(
        "One annual evaluation (督导评价) of the group (GC106).",
        "一次年度考核评价（GC106）。",
    ),
    "Waiver": Doc(
        "An approved exception to a rule for this group; the findings it covers are reported "
        "as waived and never fail the run.",
        "经批准的规则豁免；被豁免的问题仍会列出，但不判为不合格。",
    ),
    "Exchange": Doc(
        "One person's posting from one school of the group to another.",
        "一人次的交流：从集团内一所学校派往另一所学校。",
    ),
    "Level": Doc("School level (学段).", "学段。"),
    "GroupModel": Doc("How tightly the core school runs the group.", "集团化办学模式。"),
    "Relation": Doc("A member school's relation to the core school.", "成员校与核心校的关系。"),
    "Role": Doc("Cadre (干部) or teacher (教师).", "干部或教师。"),
    "Use": Doc("What the special funds are used for.", "专项经费用途。"),
    "Channel": Doc(
        "Where a grant's money comes from (GC301 adds up only its `channels`).",
        "经费渠道（GC301 只合计其 channels 参数所列的渠道）。",
    ),
    "Dimension": Doc(
        "A dimension of the annual evaluation.",
        "考核评价的维度。",
    ),
    "Scope": Doc("In-district or out-of-district.", "区内或跨区。"),
}
"""Descriptions of the models and enums themselves (the ``definitions`` entries)."""


FIELDS: dict[str, Doc] = {
    # charter.yaml
    "Charter.id": Doc(
        "The group's id, unique across everything checked: lower-case letters, digits and '-' "
        "(at most 100 characters). Rotation logs name it in `group`.",
        "集团标识，在所有被检查的集团中唯一：小写字母、数字和“-”（最多100个字符）。"
        "轮岗名册的 group 字段引用它。",
        ("taian-no6-group",),
    ),
    "Charter.name": Doc(
        "The group's name as its documents write it.",
        "集团名称，与正式文件一致。",
        ("泰安第六中学教育集团",),
    ),
    "Charter.jurisdiction": Doc(
        "The authority the group belongs to (province, city, district).",
        "集团所属行政区域（省、市、区县）。",
        ("山东省泰安市泰山区",),
    ),
    "Charter.level": Doc(
        "School level: preschool, primary, junior, senior, nine-year (九年一贯制), "
        "twelve-year (十二年一贯制) or mixed.",
        "学段：学前、小学、初中、高中、九年一贯制、十二年一贯制或混合。",
        ("junior", "primary"),
    ),
    "Charter.model": Doc(
        "The group model: tight (紧密型: the core school manages people, money and things), "
        "alliance (联盟型: members keep their legal person and funding), hybrid (混合型) or "
        "trusteeship (托管型: one school takes over 1 to 5 others, GC101).",
        "办学模式：紧密型（核心校统一管理人、财、物）、联盟型（成员校法人和经费不变）、"
        "混合型或托管型（一所学校托管1至5所学校，GC101）。",
        ("tight", "alliance"),
    ),
    "Charter.established": Doc(
        "The day the group was set up (unveiled or signed), YYYY-MM-DD. Only academic years "
        "the group existed for entirely are judged.",
        "集团成立（揭牌、签约）日期，格式 YYYY-MM-DD。只评判集团完整存在的学年。",
        ("2022-07-30",),
    ),
    "Charter.core_school": Doc(
        "The core school (核心校): id, name and its teacher headcount.",
        "核心校：标识、名称及专任教师人数。",
        ({"id": "taian-no6-middle", "name": "泰安第六中学", "teachers": 142},),
    ),
    "Charter.members": Doc(
        "The member schools (成员校). A core school leads at most 5 current members (GC101); "
        "each member should have a seat on the council (GC104).",
        "成员校名单。一所核心校带动的成员校原则上不超过5所（GC101）；每所成员校应有理事会成员"
        "（GC104）。",
        ([{"id": "taian-shanggao-school", "name": "上高学校", "relation": "integration"}],),
    ),
    "Charter.collaborators": Doc(
        "The collaborating schools (协作校): partners that are not members.",
        "协作校名单：合作但不属于成员校的学校。",
        ([{"id": "mingde-donghu-primary", "name": "泰山区东湖小学"}],),
    ),
    "Charter.council": Doc(
        "The council (理事会): its chair and members recommended by the member schools, filed "
        "with the education bureau (GC104).",
        "集团理事会：理事长及由成员学校推荐产生的理事会成员，并报教育局备案（GC104）。",
        ({"chair": "韩立新", "filed_with": "泰山区教育和体育局", "filed_on": "2022-08-19"},),
    ),
    "Charter.documents": Doc(
        'The "five one" documents (五个一, GC102): work_plan, charter, management_rules, '
        "development_plan (3 to 5 years, GC103) and research_project.",
        "“五个一”制度文件（GC102）：工作方案、章程、管理制度、发展规划（3至5年，GC103）和教研"
        "课题。",
        ({"work_plan": {"title": "集团工作方案", "adopted": "2022-08-26"}},),
    ),
    "Charter.approval": Doc(
        "The approval (GC105): in-district groups are approved by the district's education "
        "leading group; out-of-district groups need the district's consent and an agreement.",
        "审批情况（GC105）：区内集团报区委教育工作领导小组批准；跨区集团须经区委区政府同意并"
        "签署协议。",
        ({"scope": "in-district", "approved_by": "区委教育工作领导小组"},),
    ),
    "Charter.funding": Doc(
        "The special funds (专项经费), one entry per grant: at least 200,000 yuan per group "
        "per calendar year (GC301), used for training, curriculum, research or culture (GC302).",
        "专项经费，每笔一项：每个集团每年不少于20万元（GC301），用于教师培训、课程建设、教研或"
        "文化建设（GC302）。",
        ([{"year": 2024, "amount_yuan": "20万元", "uses": ["curriculum"]}],),
    ),
    "Charter.evaluations": Doc(
        "The annual evaluations (督导评价): one per academic year, covering school, teacher and "
        "student development, recognition and potential (GC106).",
        "年度考核评价：每学年一次，涵盖学校发展、教师发展、学生发展、社会认可和发展潜能（GC106）。",
        ([{"academic_year": "2023-2024", "date": "2024-07-10"}],),
    ),
    "Charter.waivers": Doc(
        "Approved exceptions to rules for this group (rule, year, reason, expiry).",
        "本集团经批准的规则豁免（规则、年度、理由、有效期）。",
        ([{"rule": "GC201", "year": "2024-2025", "reason": "副校长岗位空缺"}],),
    ),
    "CoreSchool.id": Doc(
        "The core school's id: lower-case letters, digits and '-'. Rotation logs use it in "
        "`from` and `to`.",
        "核心校标识：小写字母、数字和“-”。轮岗名册的 from、to 使用它。",
        ("taian-no6-middle",),
    ),
    "CoreSchool.name": Doc("The core school's name.", "核心校名称。", ("泰安第六中学",)),
    "CoreSchool.teachers": Doc(
        "Its full-time teacher headcount: the base of the 15% first-year teacher-exchange share "
        "(GC203).",
        "核心校专任教师人数：首年派往成员校教师不低于15%的计算基数（GC203）。",
        (142,),
    ),
    "Member.id": Doc(
        "The member school's id: lower-case letters, digits and '-'.",
        "成员校标识：小写字母、数字和“-”。",
        ("taian-shanggao-school",),
    ),
    "Member.name": Doc("The member school's name.", "成员校名称。", ("上高学校",)),
    "Member.relation": Doc(
        "integration (融合: one council and one management) or combination (联合: a pairing "
        "alliance).",
        "与核心校的关系：融合（一个理事会、统一管理）或联合（结对联盟）。",
        ("integration", "combination"),
    ),
    "Member.joined": Doc(
        "The day it joined (YYYY-MM-DD); it counts as a member from that day.",
        "加入日期（YYYY-MM-DD），自该日起计为成员校。",
        ("2022-07-30",),
    ),
    "Member.left": Doc(
        "The day it left (YYYY-MM-DD); it counts as a member until the day before.",
        "退出日期（YYYY-MM-DD），计为成员校至前一日。",
        ("2026-08-31",),
    ),
    "Collaborator.id": Doc(
        "The collaborating school's id.", "协作校标识。", ("mingde-donghu-primary",)
    ),
    "Collaborator.name": Doc(
        "The collaborating school's name.", "协作校名称。", ("泰山区东湖小学",)
    ),
    "Council.chair": Doc(
        "The council's chair (usually the core school's principal).",
        "理事长（一般为核心校校长）。",
        ("韩立新",),
    ),
    "Council.members": Doc(
        "The council's members, each with the school that recommended them.",
        "理事会成员及推荐其产生的学校。",
        ([{"name": "邵春梅", "school": "taian-shanggao-school"}],),
    ),
    "Council.filed_with": Doc(
        "The bureau the council is filed with (备案).",
        "理事会备案的教育行政部门。",
        ("泰山区教育和体育局",),
    ),
    "Council.filed_on": Doc("The day it was filed.", "备案日期。", ("2022-08-19",)),
    "CouncilMember.name": Doc("The member's name.", "理事姓名。", ("邵春梅",)),
    "CouncilMember.school": Doc(
        "The id of the school that recommended them.",
        "推荐该理事的学校标识。",
        ("taian-shanggao-school",),
    ),
    "Documents.work_plan": Doc(
        "The work plan (工作方案).",
        "集团工作方案。",
        ({"title": "集团工作方案", "adopted": "2022-08-26"},),
    ),
    "Documents.charter": Doc(
        "The group's charter (章程).",
        "集团章程。",
        ({"title": "集团章程", "adopted": "2022-08-26"},),
    ),
    "Documents.management_rules": Doc(
        "The management rules (管理制度).",
        "集团管理制度。",
        ({"title": "集团管理制度汇编", "adopted": "2022-08-26"},),
    ),
    "Documents.development_plan": Doc(
        "The development plan (发展规划), 3 to 5 years (GC103); one covering the as-of year, or "
        "starting the year after, is current (GC107). A list holds several (the one ended and "
        "the one in force).",
        "集团发展规划，3至5年（GC103）；须有覆盖检查基准年度或自次年起执行的规划（GC107）。"
        "可写成列表，列出已结束的与正在执行的规划。",
        (
            {"title": "集团三年发展规划（2023—2025年）", "start_year": 2023, "end_year": 2025},
            [
                {"title": "集团三年发展规划（2022—2024年）", "start_year": 2022, "end_year": 2024},
                {"title": "集团三年发展规划（2025—2027年）", "start_year": 2025, "end_year": 2027},
            ],
        ),
    ),
    "Documents.research_project": Doc(
        "The joint research project (教研课题).",
        "集团教研课题。",
        ({"title": "集团校际联合教研实践研究", "adopted": "2022-08-26"},),
    ),
    "Document.title": Doc("The document's title.", "文件标题。", ("集团工作方案",)),
    "Document.adopted": Doc("The day it was adopted.", "通过日期。", ("2022-08-26",)),
    "DevelopmentPlan.title": Doc(
        "The plan's title.", "规划标题。", ("集团三年发展规划（2023—2025年）",)
    ),
    "DevelopmentPlan.start_year": Doc("The plan's first calendar year.", "规划起始年份。", (2022,)),
    "DevelopmentPlan.end_year": Doc(
        "The plan's last calendar year; 3 to 5 years in all, both end years counted: 2023 to "
        "2025 is three years (GC103).",
        "规划截止年份；规划期共3至5年，起止年份均计入：2023—2025年为三年（GC103）。",
        (2025,),
    ),
    "Approval.scope": Doc(
        "in-district (区内) or out-of-district (跨区).",
        "区内或跨区。",
        ("in-district", "out-of-district"),
    ),
    "Approval.approved_by": Doc(
        "Who approved the group.", "批准机关。", ("中共泰安市泰山区委教育工作领导小组",)
    ),
    "Approval.approved_on": Doc("The day it was approved.", "批准日期。", ("2022-07-22",)),
    "Approval.document_no": Doc(
        "The approving document's number.", "批准文件文号。", ("泰山教领发〔2022〕4号",)
    ),
    "Approval.agreement": Doc(
        "For an out-of-district group: what its signed agreement states (GC105).",
        "跨区集团：所签协议明确的事项（GC105）。",
        (
            {
                "staff_keep_relationship": True,
                "host_pays_staff_costs": True,
                "trusteeship_fee_yuan": "10万元",
            },
        ),
    ),
    "Agreement.staff_keep_relationship": Doc(
        "Dispatched staff keep their personnel relationship (派出人员不得调动关系).",
        "派出人员不调动人事关系。",
        (True,),
    ),
    "Agreement.host_pays_staff_costs": Doc(
        "The receiving side pays the dispatched staff's costs.",
        "被托管方负责派出人员经费。",
        (True,),
    ),
    "Agreement.trusteeship_fee_yuan": Doc(
        'The trusteeship fee in yuan: a number, or text such as "10万元" or "100,000元".',
        "托管费用（元）：数字，或“10万元”“100,000元”这样的写法。",
        (100000, "10万元"),
    ),
    "Agreement.signed_on": Doc(
        "The day the agreement was signed; on or before `established` (003 三(二): "
        "签署相关协议后方可实施, GC105).",
        "协议签署日期；不得晚于集团成立日期（003 三(二)：签署相关协议后方可实施，GC105）。",
        ("2024-06-25",),
    ),
    "Funding.year": Doc("The calendar year of the grant.", "经费所属年度。", (2024,)),
    "Funding.amount_yuan": Doc(
        'The amount in whole yuan: a number, or text such as "200,000元", "20万元" or '
        '"25万". At least 200,000 yuan a year in all (GC301).',
        "金额（元，整数）：数字，或“200,000元”“20万元”“25万”这样的写法。每年合计不少于20万元"
        "（GC301）。",
        (200000, "20万元", "200,000元"),
    ),
    "Funding.source": Doc(
        "Who paid (GC302 warns when it is not named).",
        "经费来源（未写明时 GC302 提示）。",
        ("泰山区财政局集团化办学专项经费",),
    ),
    "Funding.channel": Doc(
        "Where the money comes from: finance (财政拨款, the default), pooled (成员校公用经费统筹, "
        "members' public funds pooled by the group, 003 四(六)) or other. GC301 adds up only "
        "the channels of its `channels` parameter (finance by default) and shows the others.",
        "经费渠道：finance（财政拨款，默认）、pooled（成员校公用经费统筹，003 四(六)）"
        "或 other（其他）。GC301 只合计其 channels 参数所列渠道（默认财政拨款），"
        "其他渠道列出但不计入。",
        ("finance", "pooled"),
    ),
    "Funding.uses": Doc(
        "What it is used for: teacher_training, curriculum, research, culture, reform, "
        "management or other (the default policy allows the first five, GC302).",
        "用途：教师培训、课程建设、教研、文化建设、教育改革、管理或其他（默认政策只允许前五项，"
        "GC302）。",
        (["curriculum", "teacher_training"],),
    ),
    "Evaluation.academic_year": Doc(
        'The academic year evaluated, written "2023-2024" (1 September to 31 August).',
        "被考核的学年，写作“2023-2024”（9月1日至次年8月31日）。",
        ("2023-2024",),
    ),
    "Evaluation.date": Doc("The day of the evaluation.", "考核日期。", ("2024-07-10",)),
    "Evaluation.by": Doc("Who evaluated.", "考核单位。", ("泰山区教育和体育局",)),
    "Evaluation.dimensions": Doc(
        "The dimensions covered: school, teacher, student, recognition, potential; all five "
        "are required (GC106).",
        "考核维度：学校发展、教师发展、学生发展、社会认可、发展潜能；五项均须涵盖（GC106）。",
        (["school", "teacher", "student", "recognition", "potential"],),
    ),
    "Waiver.rule": Doc(
        "The rule waived (GC followed by three digits).", "被豁免的规则编号。", ("GC201",)
    ),
    "Waiver.year": Doc(
        'The academic year ("2024-2025") or calendar year (2024) waived; without it the '
        "waiver covers every year.",
        "被豁免的学年（“2024-2025”）或年度（2024）；不写则豁免所有年度。",
        ("2024-2025", 2024),
    ),
    "Waiver.reason": Doc(
        "Why the exception was approved.",
        "豁免理由。",
        ("集团组建首学年副校长岗位空缺，仅派出1名干部交流",),
    ),
    "Waiver.approved_by": Doc("Who approved it.", "批准单位。", ("泰山区教育和体育局",)),
    "Waiver.document_no": Doc(
        "The approving document's number.", "批准文件文号。", ("泰山教体函〔2024〕35号",)
    ),
    "Waiver.expires": Doc(
        "Its last day (YYYY-MM-DD); from the next day it covers nothing (GC501).",
        "有效期最后一天（YYYY-MM-DD）；次日起失效（GC501）。",
        ("2027-08-31",),
    ),
    # rotations.yaml
    "RotationLog.group": Doc(
        "The id of the group's charter; it must equal the `id` of the charter.yaml in the "
        "group folder (GC005).",
        "所属集团标识，必须与同一文件夹中 charter.yaml 的 id 一致（GC005）。",
        ("taian-no6-group",),
    ),
    "RotationLog.exchanges": Doc(
        "One entry per person and posting. At least 2 cadres a year from the core school to "
        "members (GC201); at least 15% of the core school's teachers in the first year "
        "(GC203); each posting 2 to 5 years (GC202).",
        "每人每次交流一条。每学年核心校派往成员校的干部不少于2名（GC201）；首年派出教师不低于"
        "核心校教师的15%（GC203）；交流期限2至5年（GC202）。",
        (
            [
                {
                    "person": "李明",
                    "staff_no": "0755",
                    "role": "cadre",
                    "from": "taian-no6-middle",
                    "to": "taian-shanggao-school",
                    "start": "2022-09-01",
                    "end": "2024-08-31",
                }
            ],
        ),
    ),
    "Exchange.person": Doc("The person's name.", "姓名。", ("李明",)),
    "Exchange.staff_no": Doc(
        "Their staff number (工号); where given it identifies the person. Quote digit-only "
        'numbers ("0755").',
        '工号；填写后以工号识别同一人。纯数字工号请加引号（"0755"）。',
        ("0755", "T2015031"),
    ),
    "Exchange.role": Doc(
        "cadre (干部) or teacher (教师).", "身份：干部或教师。", ("cadre", "teacher")
    ),
    "Exchange.backbone": Doc(
        "A backbone teacher (骨干教师); default false.",
        "是否骨干教师；默认 false。",
        (True, False),
    ),
    "Exchange.from": Doc(
        "The sending school's id (派出学校).", "派出学校标识。", ("taian-no6-middle",)
    ),
    "Exchange.to": Doc(
        "The receiving school's id (接收学校).", "接收学校标识。", ("taian-shanggao-school",)
    ),
    "Exchange.start": Doc(
        "First day of the exchange (YYYY-MM-DD).", "交流开始日期（YYYY-MM-DD）。", _DATE
    ),
    "Exchange.end": Doc(
        "Planned last day, inclusive: 2022-09-01 to 2024-08-31 is exactly two years (GC202).",
        "计划结束日期（含当日）：2022-09-01 至 2024-08-31 恰为两年（GC202）。",
        ("2024-08-31",),
    ),
}

ROOT_MODELS: dict[Kind, type[BaseModel]] = {
    "charter": models.Charter,
    "rotations": models.RotationLog,
}


YAML11_BOOLEANS = ("yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF")
"""The words groupcheck (YAML 1.1) reads as booleans and an editor (YAML 1.2) as text: a
boolean field's schema accepts them too, so ``backbone: yes`` is not red in the editor while
the checker takes it as true."""


def build(kind: Kind) -> dict[str, Any]:
    """The JSON Schema (draft-07) of ``kind``, with descriptions and examples everywhere."""
    model = ROOT_MODELS[kind]
    raw = model.model_json_schema(by_alias=True, ref_template="#/definitions/{model}")
    definitions = raw.pop("$defs", {})
    body = _model_schema(model.__name__, raw)
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$comment": (
            f"Generated by `groupcheck schema {kind}` from groupcheck's models (format v1). "
            "Do not edit by hand."
        ),
        **body,
    }
    schema["definitions"] = {
        name: _definition(name, definition) for name, definition in sorted(definitions.items())
    }
    return schema


def render(kind: Kind) -> str:
    """``build(kind)`` as the text committed under ``schemas/`` (stable, UTF-8, newline-ended)."""
    return json.dumps(build(kind), ensure_ascii=False, indent=2) + "\n"


def _definition(name: str, definition: dict[str, Any]) -> dict[str, Any]:
    if "enum" in definition:
        return _enum_schema(name, definition)
    return _model_schema(name, definition)


def _model_schema(name: str, definition: dict[str, Any]) -> dict[str, Any]:
    doc = MODELS.get(name)
    if doc is None:
        raise SchemaDocsMissing(f"no description of model {name} in groupcheck.schema.MODELS")
    result: dict[str, Any] = {}
    for key, value in definition.items():
        if key == "properties":
            result[key] = {prop: _property(name, prop, sub) for prop, sub in value.items()}
        elif key == "description":
            continue  # the model's docstring: for programmers, replaced below
        else:
            result[key] = value
    result["title"] = name
    result["description"] = doc.description()
    result["markdownDescription"] = doc.description()
    return result


def _enum_schema(name: str, definition: dict[str, Any]) -> dict[str, Any]:
    """An enum with every word the loader accepts for it (``groupcheck.vocabulary``)."""
    doc = MODELS.get(name)
    if doc is None:
        raise SchemaDocsMissing(f"no description of enum {name} in groupcheck.schema")
    table = vocabulary.named(name)
    enum: list[str] = []
    descriptions: list[str] = []
    for term in table:
        about = term.note or term.en
        for word in term.words:
            enum.append(word)
            descriptions.append(
                f"{about} — {term.zh}" if word == term.value else f"{word} = {term.value.value}"
            )
    return {
        "title": name,
        "description": doc.description(),
        "markdownDescription": doc.description(),
        "type": "string",
        "enum": enum,
        "enumDescriptions": descriptions,
    }


def _property(model: str, name: str, sub: dict[str, Any]) -> dict[str, Any]:
    key = f"{model}.{name}"
    doc = FIELDS.get(key)
    if doc is None:
        raise SchemaDocsMissing(f"no description of field {key} in groupcheck.schema.FIELDS")
    body = {k: v for k, v in sub.items() if k not in ("title", "description")}
    if body.get("default", ...) is None:
        del body["default"]  # an editor would offer to insert "null"
    if "anyOf" in body:  # ``Yuan | None``: the amount's own choices, then null
        body["anyOf"] = _flat_choices(body["anyOf"])
    if "$ref" in body:
        body["allOf"] = [{"$ref": body.pop("$ref")}]  # draft-07 ignores $ref's siblings
    if body.get("type") == "boolean":
        del body["type"]
        body["anyOf"] = [{"type": "boolean"}, {"type": "string", "enum": list(YAML11_BOOLEANS)}]
    return {
        **body,
        "description": doc.description(),
        "markdownDescription": doc.description(),
        "examples": list(doc.examples),
    }


def _flat_choices(choices: list[dict[str, Any]]) -> list[dict[str, Any]]:
    flat: list[dict[str, Any]] = []
    for choice in choices:
        flat += _flat_choices(choice["anyOf"]) if set(choice) == {"anyOf"} else [choice]
    return flat


def to_json_data(value: Any) -> Any:
    """Loaded YAML data as an editor's YAML 1.2 parser sees it: dates become ISO text.

    PyYAML (and so ``yamlsource.parse``) builds ``datetime.date`` objects from unquoted
    ``2022-07-30``; yaml-language-server keeps it a string, which the schema checks with
    ``"format": "date"``.
    """
    import datetime as dt

    if isinstance(value, dict):
        return {str(k): to_json_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json_data(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
