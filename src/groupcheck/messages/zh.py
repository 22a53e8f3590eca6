"""中文消息。键与 en.py 相同：``<规则>.<键>``（发现项）与 ``ui.<键>``（表头）。"""

from groupcheck import vocabulary

MESSAGES: dict[str, str] = {
    # GC000 internal-error
    "GC000.raised": (
        "规则 {rule}（{name}）运行出错：{error}；该规则对本集团的检查结果缺失"
        "（这是本工具的缺陷，请报告）"
    ),
    # GC001 yaml-syntax
    "GC001.syntax": "文件格式有误：{problem}{hint}",
    "GC001.empty": "文件为空；章程或轮岗名册至少要有标识字段",
    "GC001.binary": "这是二进制文件，不是数据文本",
    "GC001.is_directory": "这是文件夹，不是文件",
    "GC001.not_regular_file": "这不是普通文件",
    "GC001.unreadable_folder": "无法读取此文件夹（没有权限）：其中的集团未被检查",
    "GC001.reason.permission": "没有读取权限",
    "GC001.reason.link_loop": "符号链接形成循环",
    "GC001.unreadable": "无法读取文件：{reason}",
    "GC001.internal": "本工具处理此集团时出错（{error}）；其他集团照常检查，请报告此文件",
    "GC001.outside_link": "指向被检查文件夹之外的符号链接：不跟随，也不读取",
    "GC001.multiple_documents": "此处开始了第二份数据；一个文件只能有一份数据",
    "GC001.unknown_alias": "别名 *{alias} 之前没有定义锚点 &{alias}",
    "GC001.complex_key": "映射的键必须是简单值，不能是列表或映射",
    "GC001.bad_merge": "合并键（<<）必须引用一个映射或映射列表",
    "GC001.not_mapping": "文件必须是字段映射（如 id: ...），而不是{found}{hint}",
    "GC001.hint_tab": "（不能用制表符缩进，请用空格）",
    "GC001.hint_fullwidth": "（使用了全角冒号“：”或全角空格，须用半角“: ”）",
    "GC001.hint_smart_quotes": "（弯引号“ ”不能作引号，请用直引号 \" 或 '）",
    # GC002 schema
    "GC002.bad_key": "{field}：字段名必须是文本，此处被读作{found}；请改正字段名或加引号",
    "GC002.left_before_joined": (
        "{field}：退出日期 {left} 早于加入日期 {joined}；日期改正之前，该成员校不计入任何统计"
    ),
    "GC002.missing": "{field}：缺少必填字段",
    "GC002.unknown_field": "{field}：未知字段{suggestion}",
    "GC002.did_you_mean": "；是否应为 {name}？",
    "GC002.allowed_fields": "；此处允许的字段：{names}",
    "GC002.wrong_type": "{field}：应为{expected}，实际为{found}{hint}",
    "GC002.bad_enum": "{field}：{value!r} 不是允许的值（{allowed}）",
    "GC002.other_enum": (
        "{field}：{value!r} 是{other}（{other_value}），不是{kind}；是否应为 {suggestion}？"
    ),
    "GC002.enum_term": "{value}（{label}）",
    "GC002.detail.yuan_too_large": "金额过大（最多 1,000,000,000,000 元）",
    "GC002.expected.text": "文本",
    "GC002.expected.whole_number": "整数",
    "GC002.expected.number": "数字",
    "GC002.expected.boolean": "true 或 false",
    "GC002.expected.list": "列表",
    "GC002.expected.mapping": "字段映射",
    "ui.value.none": "空值",
    "ui.value.boolean": "布尔值 {value}（yes/no/on/off 会被读作布尔值）",
    "ui.value.date": "日期 {value}",
    "ui.value.number": "数字 {value}",
    "ui.value.text": "文本“{value}”",
    "ui.value.list": "列表",
    "ui.value.mapping": "映射",
    "ui.value.merge": "合并键 <<（如要表示文本请加引号）",
    "GC002.bad_date": "{field}：{value!r} 不是日期，请按“2022-07-30”的格式填写{hint}",
    "GC002.bad_slug": (
        "{field}：{value!r} 不是有效的标识；只能用小写字母、数字和“-”"
        "（例如 taian-no6-middle）{hint}"
    ),
    "GC002.bad_number": "{field}：{value!r} {detail}",
    "GC002.bad_value": "{field}：{detail}",
    "GC002.detail.greater_than_equal": "不能小于 {bound}",
    "GC002.detail.less_than_equal": "不能大于 {bound}",
    "GC002.detail.greater_than": "必须大于 {bound}",
    "GC002.detail.less_than": "必须小于 {bound}",
    "GC002.detail.string_too_short": "不能为空",
    "GC002.detail.string_too_long": "过长（最多 {limit} 个字符）",
    "GC002.detail.pattern": "格式不符合要求（{pattern}）",
    "GC002.detail.pattern_rule_id": "“{value}”不是规则编号（如 GC201）",
    "GC002.detail.pattern_academic_year": "“{value}”不是学年（如 2023-2024）",
    "GC002.detail.too_large": "数字过大",
    "GC002.detail.yuan_amount": "金额须为以元计的整数，如 200000、“200,000元”、“20万元”或“25万”",
    "GC002.detail.yuan_fraction": "金额须为以元计的整数",
    "GC002.detail.academic_year_pair": "学年须为相邻的两年，如 {first}-{following}",
    "GC002.hint_chinese_date": "（2022年7月30日 应写成 2022-07-30）",
    "GC002.repeated_id": "{field}：{value} 已是 {first} 的标识；章程中每所学校都要有自己的标识",
    "GC002.more_errors": "本文件另有 {count} 处格式错误（只列出前 {limit} 处）",
    "GC002.hint_sexagesimal": "（带冒号的不是数量；旧版格式甚至会把 1:30 读作 90，即六十进制）",
    "GC002.hint_invisible": "（字段名含有看不见的字符 {chars}：请删除后重新输入字段名）",
    "GC002.hint_quote": '（请给值加引号，使其作为文本读取："{value}"）',
    "GC002.hint_colon_space": "（冒号后要有空格：应写成“{key}: …”）",
    "GC002.hint_fullwidth": "（使用了全角冒号“：”，须用半角“: ”）",
    "GC002.hint_fullwidth_space": "（键中含有全角空格“　”，缩进和分隔只能用半角空格）",
    "GC002.hint_fullwidth_id": "；这是全角字符，请写成 {value}",
    "GC002.hint_quoted_id": "；弯引号不能作引号，请写成 {value}",
    # GC003 duplicate-key
    "GC003.duplicate_key": "键“{key}”在同一映射中出现了两次，请只保留一个",
    "GC003.more_duplicates": "本文件另有 {count} 处重复的键（只列出前 {limit} 处）",
    # GC004 unsafe-input
    "GC004.not_utf8": (
        "文件不是 UTF-8 编码（看起来是 {encoding}）；请另存为 UTF-8。"
        "旧版中文系统的编辑器和电子表格软件保存的 GBK 编码是常见原因"
    ),
    "GC004.not_utf8_unknown": ("文件不是 UTF-8 编码，也不是本工具能识别的中文编码；请另存为 UTF-8"),
    "GC004.unsafe_tag": "拒绝标签 {tag}：本工具从不根据标签构造对象",
    "GC004.alias_bomb": "别名展开超过 {limit} 个值，已拒绝（疑似“十亿笑声”攻击文件）",
    "GC004.too_large": "文件大小 {size} 字节，超过 {limit} 字节上限，未读取即拒绝",
    "GC004.too_deep": "嵌套超过 {limit} 层，已拒绝",
    # GC005 orphan-log
    "GC005.no_charter": "轮岗名册所在的集团文件夹中没有 charter.yaml",
    "GC005.misnamed": "未读取此文件（本工具读取的文件名是 {meant}）；是否应命名为 {meant}？",
    "GC005.group_mismatch": "此名册写的集团是“{log_group}”，但所在文件夹的章程是“{charter_group}”",
    # GC006 not-established
    "GC006.future": (
        "集团尚未成立：成立日期{established:date}晚于检查基准日{as_of:date}，不检查其政策规则"
    ),
    # GC101 member-limit（公文用语：数字前后不留空格，日期写作“2023年9月1日”）
    "GC101.too_many": "核心校{school}带动现有成员校{found}所，超过规定的{max}所",
    "GC101.too_many_groups": (
        "核心校{school}在集团{groups}中共带动现有成员校{found}所，超过规定的{max}所"
    ),
    "GC101.trusteeship_too_few": "托管型集团应至少托管{min}所学校，本集团现有成员校{found}所",
    # GC102 five-documents
    "GC102.missing": "缺少“五个一”制度文件：{document:key}",
    "GC102.adopted_after_as_of": (
        "{document:key}于{date:date}通过，晚于检查基准日{as_of:date}，尚不计入"
    ),
    # GC103 plan-horizon
    "GC103.no_years": "发展规划未写明起止年份",
    "GC103.out_of_range": "发展规划期限为{start}—{end}年，计{span}年，不符合{min}至{max}年的规定",
    # GC107 plan-current
    "GC107.no_plan": "集团没有发展规划，{as_of_year}年无规划在执行",
    "GC107.no_years": "发展规划未写明起始年份，无法确认其覆盖{as_of_year}年",
    "GC107.not_current": (
        "没有覆盖{as_of_year}年或自{next_year}年起执行的发展规划，最近一份为{start}—{end}年"
    ),
    # GC104 council-filed
    "GC104.no_council": "集团未设理事会",
    "GC104.no_chair": "理事会未明确理事长",
    "GC104.member_not_seated": "成员校{school}在理事会中没有理事",
    "GC104.not_filed": "理事会未报教育局备案：缺少{fields:key}",
    "GC104.filed_after_as_of": (
        "理事会于{date:date}备案，晚于检查基准日{as_of:date}，截至基准日尚未备案"
    ),
    # GC105 approval
    "GC105.no_approval": "未记录集团的批准情况",
    "GC105.missing_fields": "批准记录缺少{fields:key}",
    "GC105.approved_after_as_of": (
        "批准日期为{date:date}，晚于检查基准日{as_of:date}，截至基准日集团尚未获批"
    ),
    "GC105.approved_after_established": (
        "集团于{date:date}获批，晚于成立日期{established:date}，应先批准后组建"
    ),
    "GC105.agreement_after_established": (
        "跨区办学协议于{date:date}签署，晚于集团成立日期{established:date}，应签署协议后方可实施"
    ),
    "GC105.no_agreement": "跨区办学须签署协议，未记录协议",
    "GC105.agreement_incomplete": "跨区办学协议未明确{clauses:key}",
    # GC106 annual-evaluation
    "GC106.missing": "本学年未开展督导评价",
    "GC106.missing_dimensions": "督导评价未覆盖{dimensions:dimension}层面",
    "GC106.dated_after_as_of": (
        "本学年督导评价日期为{date:date}，晚于检查基准日{as_of:date}，尚不计入"
    ),
    # GC201 cadre-exchange-minimum
    "GC201.none": "核心校无干部到成员校交流，应不少于{needed}名",
    "GC201.too_few_one": "交流干部1名（{names}），应不少于{needed}名",
    "GC201.too_few": "交流干部{found}名（{names}），应不少于{needed}名",
    # GC202 exchange-term
    "GC202.too_short": ("{person}交流期限为{start:date}至{end:date}，计{term}，短于规定的{min}年"),
    "GC202.too_long": "{person}交流期限为{start:date}至{end:date}，计{term}，长于规定的{max}年",
    # GC203 first-year-teacher-share
    "GC203.zero_headcount": "核心校教师数填报为0，无法核算集团成立第一年的教师交流比例",
    "GC203.no_headcount": "未填报核心校教师数，无法核算集团成立第一年的教师交流比例",
    "GC203.too_few": (
        "集团成立第一年（{first:date}至{last:date}）核心校派往成员校交流教师{found}名，"
        "占教师总数{teachers}名的{share}，低于规定的{min}（{needed}名）"
    ),
    # GC204 exchange-overlap
    "GC204.overlap": (
        "{person}：{start:date}至{end:date}的交流与{other_start:date}至{other_end:date}的交流"
        "时间重叠"
    ),
    "GC204.overlap_other_group": (
        "{person}（工号{staff_no}）：{start:date}至{end:date}的交流与其在集团{other_group}"
        "（{other_file}）{other_start:date}至{other_end:date}的交流时间重叠"
    ),
    "GC204.overlap_other_groups": (
        "{person}（工号{staff_no}）：{start:date}至{end:date}的交流与其在集团{other_group}"
        "（{other_file}）{other_start:date}至{other_end:date}的交流时间重叠，另与{more}个集团的"
        "交流重叠"
    ),
    # GC205 exchange-endpoints
    "GC205.unknown_school": "{person}：{field:key}{school}不是本集团的学校",
    "GC205.same_school": "{person}：交流的派出校与接收校相同（{school}）",
    "GC205.end_before_start": "{person}：交流结束日期（{end:date}）早于开始日期（{start:date}）",
    "GC205.not_member_joined": (
        "{person}：交流开始时（{start:date}）{school}尚不是成员校（{date:date}加入）"
    ),
    "GC205.not_member_left": (
        "{person}：交流开始时（{start:date}）{school}已不是成员校（{date:date}退出）"
    ),
    # GC206 annual-rotation-share
    "GC206.zero_headcount": "核心校教师数填报为0，无法核算每学年交流轮岗比例",
    "GC206.no_headcount": "未填报核心校教师数，无法核算每学年交流轮岗比例",
    "GC206.too_few": "核心校交流教师{found}名，占教师总数{teachers}名的{share}，低于规定的{min}",
    "GC206.too_few_backbone": (
        "交流教师{exchanged}名中骨干教师{found}名（{share}），低于规定的{min}"
    ),
    # GC301 funding-minimum
    "GC301.too_little": "专项经费（{channels:channel}）合计{total}元，低于规定的{min}元",
    "GC301.none": "未记录专项经费（{channels:channel}），应不少于{min}元",
    "GC301.too_little_others": (
        "专项经费（{channels:channel}）合计{total}元，低于规定的{min}元"
        "（未计入：{others:channel_amount}）"
    ),
    "GC301.none_others": (
        "未记录专项经费（{channels:channel}），应不少于{min}元（未计入：{others:channel_amount}）"
    ),
    # GC302 funding-use
    "GC302.before_established": "记录了{funded}年的经费，早于集团成立日期{established:date}",
    "GC302.no_source": "{amount}元经费未注明来源",
    "GC302.use_not_allowed": "经费用途“{use:use}”不在允许范围内（{allowed:use}）",
    # GC401 school-in-two-groups
    "GC401.two_groups": "成员校{school}（{school_id}）同时是集团{other_group}的现有成员校",
    # GC402 duplicate-group-id
    "GC402.duplicate": "集团标识{group_id}同时被{others}使用",
    # GC501 waiver-expired
    "GC501.expired": "{waiver_rule}的豁免已于{expires:date}到期，原问题恢复有效",
    # GC502 waiver-unused
    "GC502.unused": "{waiver_rule}的豁免未对应任何问题",
    "GC502.unused_year": "{waiver_rule}在{waiver_year}年度的豁免未对应任何问题",
    "GC502.not_waivable": "按现行检查标准，{waiver_rule}不可豁免，此豁免无效",
    # GC503 waiver-expiring
    "GC503.expiring": "{waiver_rule}的豁免将于{expires:date}到期（还有{days}天）",
    # 规则列表、规则说明、表格
    "ui.rules.title": "政策包 {pack} {version}：{description}",
    "ui.rules.file": "政策包文件：{file}",
    "ui.rules.id": "编号",
    "ui.rules.name": "名称",
    "ui.rules.severity": "级别",
    "ui.rules.parameters": "参数",
    "ui.rules.source": "依据",
    "ui.rules.off": "关闭",
    "ui.explain.what": "检查内容",
    "ui.explain.why": "原因",
    "ui.explain.policy_zh": "政策原文（中文）",
    "ui.explain.policy_en": "政策原文（英文）",
    "ui.explain.source": "依据",
    "ui.explain.pack_source": "政策包引用",
    "ui.explain.basis": "检查依据",
    "ui.explain.how": "计算方法",
    "ui.explain.parameters": "参数",
    "ui.explain.none": "无",
    "ui.explain.passes": "合规示例",
    "ui.explain.fails": "不合规示例",
    "ui.explain.remediation": "整改建议",
    "ui.explain.status": "在政策包 {pack} 中：{state}，级别 {severity}，可豁免：{waivable}",
    "ui.explain.enabled": "启用",
    "ui.explain.disabled": "停用",
    "ui.yes": "是",
    "ui.no": "否",
    "ui.failures": "未通过的项目",
    "ui.waived_hint": "已豁免",
    # 表头与汇总
    "ui.group": "集团",
    "ui.name": "名称",
    "ui.model": "模式",
    **vocabulary.catalog("zh", prefix="ui."),  # ui.model.tight, ui.role.cadre …
    "ui.not_read": "不是 charter.yaml 或轮岗记录，未读取",
    "ui.extra_missing": "{command} 需要 {modules}，当前安装中没有：请运行 {install}",
    "ui.pdf_missing_glyphs": "已安装的字体都没有 {characters}：PDF 中显示为空框",
    "ui.report.bad_format": "--format 只能是 {formats} 之一，不能是“{value}”",
    "ui.report.bad_suffix": (
        "无法从输出文件名“{output}”判断格式（应以 {suffixes} 结尾）；请用 --format 指定"
    ),
    "ui.report.format_suffix": "--format {format} 与输出文件名“{output}”（{named} 格式）不符；"
    "请改文件名或 --format",
    "ui.report.docx_unavailable": "此版本不能生成 Word 文档（--format docx）",
    "ui.report.bad_detail": "--detail 只能是 {details} 之一，不能是“{value}”",
    "ui.report.bad_date": "{option} 应为 YYYY-MM-DD 格式的日期，不能是“{value}”",
    "ui.report.bad_lang": "--lang 只能是 en 或 zh，不能是“{value}”",
    "ui.report.no_folder": "无法写入 {output}：文件夹 {folder} 不存在",
    "ui.report.not_writable": "无法写入 {output}：文件夹 {folder} 不可写",
    "ui.report.path_not_found": "路径不存在：{path}",
    "ui.report.unknown_group": "--group {groups}：{paths} 下没有这个集团（现有：{known}）",
    "ui.report.written": "已生成 {output}{pages}：{groups}个集团，{failed}个不符合要求"
    "{unverifiable}",
    "ui.report.written_unverifiable": "，{unverifiable}个无法核查",
    "ui.report.written_pages": "（{pages}页）",
    "ui.report.written_stdout": "标准输出",
    "ui.progress.layout": "正在排版 PDF",
    "ui.progress.pdf": "正在写入 PDF",
    "ui.progress.page": "第{page}页",
    "ui.members": "成员校",
    "ui.status": "状态",
    "ui.pass": "通过",
    "ui.fail": "不通过",
    "ui.findings": "发现的问题",
    "ui.no_group_under": "groupcheck: 警告：{path}：未找到集团（集团是包含 charter.yaml 的文件夹）",
    "ui.changed_outside": (
        "groupcheck: 警告：{folder}：变更文件所在的集团不在本次检查的路径内，未检查"
    ),
    "ui.no_groups": "未找到集团（集团是包含 charter.yaml 的文件夹）。",
    "ui.summary": (
        "{groups} 个集团，{files} 个文件：{errors} 个错误，{warnings} 个警告，{waived} 个已豁免"
    ),
    "ui.summary_known": "，{known} 个已知（见基线）",
    "ui.family.load": "加载",
    "ui.family.governance": "治理",
    "ui.family.exchanges": "交流",
    "ui.family.funding": "经费",
    "ui.family.crossgroup": "跨集团",
    "ui.family.waivers": "豁免",
    "ui.title": "groupcheck {version}：截至 {as_of}",
    # CI formats (sarif, junit, github, gitlab, markdown, parsable) and validate's extras
    "ui.ci.title_pass": "groupcheck：通过",
    "ui.ci.title_fail": "groupcheck：未通过",
    "ui.ci.context": "groupcheck {version}，截至 {as_of}，政策包 {pack}",
    "ui.ci.errors": "错误",
    "ui.ci.warnings": "警告",
    "ui.ci.waived_column": "已豁免",
    "ui.ci.failures": "未通过的项目（{count}）",
    "ui.ci.waived_list": "已豁免（{count}）",
    "ui.ci.known_list": "已知问题，见基线（{count}）",
    "ui.ci.no_findings": "没有发现问题。",
    "ui.ci.waived": "已豁免：{reason}",
    "ui.ci.known": "已知问题：见基线",
    "ui.ci.not_loaded": "未评判：章程未能加载",
    "ui.skip_reason.logs_unread": "名册无法读取",
    "ui.skip_reason.not_established": "检查基准日时集团尚未成立",
    "ui.not_checked": "{group}：{rules} 未检查（{reason}）",
    "ui.ci.wrote_baseline": "已将 {count} 个问题写入基线 {file}",
    "ui.ci.baseline_stale": (
        "基线 {file}：{count} 条记录已不再匹配；--prune-baseline {file} 可将其删除"
    ),
    "ui.ci.pruned_baseline": "已从基线 {file} 删除 {count} 条记录",
    "ui.ci.baseline_flags": "--write-baseline 与 --prune-baseline 不能同时使用",
    "ui.ci.summary_cut": (
        "为使摘要不超过 GitHub 的 1 MiB 上限，省略了 {count} 个集团；完整报告：{where}"
    ),
    "ui.ci.summary_log": "本步骤的日志（每个问题一条注释）",
    "ui.ci.files_group": "集团 {folder}",
    "ui.ci.files_orphans": "没有章程的轮岗记录（GC005）",
    "ui.ci.files_ignored": "已指定但不读取（不是章程或轮岗记录）",
    "ui.ci.files_total": "{groups} 个集团，{files} 个文件",
    # import rotations / export (cli/authoring.py, excel.py)
    "import.missing_value": "{column}：未填写",
    "import.bad_role": "{column}：“{value}”不是“干部”或“教师”",
    "import.bad_backbone": "{column}：“{value}”不是“是”或“否”",
    "import.bad_date": (
        "{column}：“{value}”不是日期（请写成 2022-09-01、2022/9/1、2022.9.1 或 2022年9月1日）"
    ),
    "import.unknown_school": (
        "{column}：“{value}”不是集团 {group} 的学校（请填写章程中的学校标识或学校名称）"
    ),
    "import.ambiguous_school": "{column}：“{value}”对应多所学校（{ids}），请填写学校标识",
    "import.bad_value": "{column}：{detail}",
    "import.no_sheet": "{file}：没有名为 {sheet} 的工作表（现有：{sheets}）",
    "import.no_header": "{file}：没有找到名册表头（在前 10 行中查找 {columns}）",
    "import.missing_columns": "{file}：表头（第 {row} 行）缺少这些列：{columns}",
    "import.bad_rows": "{count} 行有误，未写入任何内容（请改正，或用 --skip-bad 只导入正确的行）",
    "import.skipped": "已跳过 {count} 行有误的数据（--skip-bad）",
    "import.other_groups": "已忽略其他集团的 {count} 行",
    "import.written": "已将集团 {group} 的 {count} 条交流记录写入 {file}",
    "import.exists": (
        "{file} 已存在；用 --force 覆盖，或用 --output {suggestion} 另存一份名册（同一集团的名册"
        "合并计算）"
    ),
    "import.no_group": "在 {path} 下没有找到标识为 {group} 的章程（可用 --charters 指定路径）",
    "import.many_groups": "集团标识 {group} 被多个章程使用：{files}",
    "import.charter_broken": (
        "集团 {group} 的章程（{file}）无法加载，请先用 groupcheck validate 检查"
    ),
    "ui.export.sheet.findings": "问题清单",
    "ui.export.sheet.matrix": "年度汇总",
    "ui.export.sheet.exchanges": "交流名册",
    "ui.export.sheet.groups": "集团",
    "ui.export.group": "集团标识",
    "ui.export.group_name": "集团名称",
    "ui.export.rule": "规则",
    "ui.export.rule_name": "规则名称",
    "ui.export.severity": "级别",
    "ui.export.severity.error": "错误",
    "ui.export.severity.warning": "警告",
    "ui.export.severity.info": "提示",
    "ui.export.year": "年度",
    "ui.export.file": "文件",
    "ui.export.line": "行",
    "ui.export.message": "说明",
    "ui.export.waived": "已豁免",
    "ui.export.calendar_year": "年份",
    "ui.export.academic_year": "学年",
    "ui.export.judged": "已评判",
    "ui.export.cadres": "交流干部数",
    "ui.export.cadre_names": "交流干部",
    "ui.export.teachers": "交流教师数",
    "ui.export.core_teachers": "核心校教师数",
    "ui.export.teacher_share": "教师交流比例",
    "ui.export.first_year_teachers": "本学年新派教师数",
    "ui.export.first_year_share": "本学年新派比例",
    "ui.export.backbone": "骨干教师数",
    "ui.export.backbone_share": "骨干教师占比",
    "ui.export.funds_yuan": "专项经费（元）",
    "ui.export.funds_other_yuan": "其他渠道经费（未计入，元）",
    "ui.export.funds_threshold": "应达金额（元）",
    "ui.export.funds_judged": "经费已评判",
    "ui.export.funds_met": "经费达标",
    "ui.export.figure_found": "实际",
    "ui.export.figure_needed": "要求",
    "ui.export.figure_verdict": "结论",
    "ui.export.verdict.pass": "通过",
    "ui.export.verdict.fail": "不通过",
    "ui.export.verdict.waived": "已豁免",
    "ui.export.verdict.skip": "未评判",
    "ui.export.status": "状态",
    "ui.export.errors": "错误",
    "ui.export.warnings": "警告",
    "ui.export.wrote": "已写入 {file}",
    # groupcheck fix
    "ui.fix.fixed": "已修复 {file}：{what}",
    "ui.fix.nothing": "没有需要修复的内容",
    "ui.fix.lines": "（第 {lines} 行）",
    "ui.fix.lines_many": "（第 {lines} 行）",
    "ui.fix.kind.reencode": "已从 {before} 转存为 UTF-8",
    "ui.fix.kind.bom": "已删除字节顺序标记（BOM）",
    "ui.fix.kind.fullwidth_colon": "全角冒号“：”→“:”",
    "ui.fix.kind.fullwidth_comma": "全角逗号“，”→“,”",
    "ui.fix.kind.fullwidth_space": "全角空格“　”→半角空格",
    "ui.fix.kind.tab_indent": "制表符（Tab）缩进 → 空格",
    "ui.fix.kind.date": "日期 {before} → {after}",
    "ui.fix.kind.key": "字段名 {before} → {after}",
    "ui.fix.kind.key_far": "字段名 {before} → {after}",
    "ui.fix.kind.enum": "取值 {before} → {after}",
    "ui.fix.kind.quote": "{before} 加引号作为文本：{after}",
    "ui.fix.unsafe_available": (
        "另有 {count} 处修复需加 --unsafe-fixes（会改变文件的含义）：{what}"
    ),
    "ui.fix.refused.outside": "这是指向所检查文件夹之外的链接：不跟随，不修复",
    "ui.fix.refused.ambiguous_encoding": (
        "这些字节既可按 {encodings} 读通：不转码（请自行另存为 UTF-8）"
    ),
    "ui.fix.refused.encoding": "文件看来是 {encoding} 编码：不转码，请另存为 UTF-8",
    "ui.fix.refused.unparsable": "未修复：修复后仍不是有效的 YAML（见下方问题）",
    "ui.fix.refused.changed": "修复过程中文件被改动：保持原样",
    "ui.fix.refused.unverified": "修复后的文件读回的数据不一致：保持原样",
    "ui.fix.refused.unwritable": "无法写入修复后的文件：{reason}",
    "ui.fix.recheck": "已重新检查，仍存在的问题：",
    "ui.fix.clean": "没有问题。",
}

YAML_PROBLEMS = {
    "mapping values are not allowed in this context": (
        "此处不允许出现“键: 值”（常见原因：缩进不对，或值里有未加引号的冒号）"
    ),
    "mapping values are not allowed here": (
        "此处不允许出现“键: 值”（常见原因：冒号后缺少空格，或缩进不对）"
    ),
    "could not find expected ':'": "找不到应有的“:”（常见原因：上一行的键缺少冒号）",
    "found character that cannot start any token": (
        "有一个字符不能出现在此处（常见原因：用了制表符 Tab 缩进）"
    ),
    "did not find expected key": "找不到应有的键（常见原因：缩进不一致）",
    "did not find expected '-' indicator": "找不到应有的列表项“-”（常见原因：列表项缩进不一致）",
    "found unexpected end of stream": "文件意外结束（常见原因：引号没有闭合）",
    "found unknown escape character": "双引号内有无法识别的转义字符（反斜杠 \\ 后的字符）",
    "found undefined tag handle": "使用了未定义的标签前缀",
    "did not find expected node content": "找不到应有的值",
    "found unexpected ':'": "出现了多余的“:”",
    "block sequence entries are not allowed in this context": "此处不允许出现列表项“-”",
    "found a tab character that violates indentation": "有违反缩进规则的制表符（Tab）",
    "did not find expected ',' or ']'": "找不到应有的“,”或“]”",
    "did not find expected ',' or '}'": "找不到应有的“,”或“}”",
    "found a tab character where an indentation space is expected": (
        "应为缩进空格处出现了制表符（Tab）"
    ),
    "expected <document start>, but found '<block mapping start>'": "文档中出现了多余的内容",
}
"""libyaml's own wording of the commonest syntax errors, for ``--lang zh`` (others are shown as
libyaml words them)."""
