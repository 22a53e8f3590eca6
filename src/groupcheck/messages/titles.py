"""Each rule's short title (the compliance table's row, a report column), in both languages.

The report carries them for every rule of the run's pack (``report.RuleInfo.title``), so a
reporter never looks a rule up; a rule without one here is titled by its name.
"""

from __future__ import annotations

from groupcheck.messages import Lang

TITLES: dict[Lang, dict[str, str]] = {
    "zh": {
        "GC000": "内部错误",
        "GC001": "YAML 语法",
        "GC002": "字段格式",
        "GC003": "重复键",
        "GC004": "不安全输入",
        "GC005": "名册归属",
        "GC006": "集团尚未成立",
        "GC101": "成员校数量",
        "GC102": "“五个一”制度",
        "GC103": "发展规划期限",
        "GC104": "理事会及备案",
        "GC105": "审批",
        "GC106": "年度评价",
        "GC107": "发展规划在期",
        "GC201": "干部交流人数",
        "GC202": "交流期限",
        "GC203": "首年教师派出比例",
        "GC204": "交流时间重叠",
        "GC205": "交流双方学校",
        "GC206": "年度交流轮岗比例",
        "GC301": "专项经费",
        "GC302": "经费来源与用途",
        "GC401": "学校跨集团",
        "GC402": "集团标识重复",
        "GC501": "豁免已过期",
        "GC502": "豁免未使用",
        "GC503": "豁免即将到期",
    },
    "en": {
        "GC000": "Internal error",
        "GC001": "YAML syntax",
        "GC002": "Schema",
        "GC003": "Duplicate key",
        "GC004": "Unsafe input",
        "GC005": "Orphan log",
        "GC006": "Not yet established",
        "GC101": "Member limit",
        "GC102": "Five documents",
        "GC103": "Plan horizon",
        "GC104": "Council filed",
        "GC105": "Approval",
        "GC106": "Annual evaluation",
        "GC107": "Plan current",
        "GC201": "Cadre exchanges",
        "GC202": "Exchange term",
        "GC203": "First-year teacher share",
        "GC204": "Exchange overlap",
        "GC205": "Exchange endpoints",
        "GC206": "Annual rotation share",
        "GC301": "Special funds",
        "GC302": "Funding source and use",
        "GC401": "School in two groups",
        "GC402": "Duplicate group id",
        "GC501": "Waiver expired",
        "GC502": "Waiver unused",
        "GC503": "Waiver expiring",
    },
}
