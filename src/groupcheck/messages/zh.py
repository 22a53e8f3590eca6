"""中文消息。键与 en.py 相同：``<规则>.<键>``（发现项）与 ``ui.<键>``（表头）。"""

MESSAGES: dict[str, str] = {
    # GC001 yaml-syntax
    "GC001.syntax": "不是有效的 YAML：{problem}{hint}",
    "GC001.empty": "文件为空；章程或轮岗名册至少要有标识字段",
    "GC001.binary": "这是二进制文件，不是 YAML 文本",
    "GC001.is_directory": "这是文件夹，不是文件",
    "GC001.not_regular_file": "这不是普通文件",
    "GC001.unreadable": "无法读取文件：{reason}",
    "GC001.multiple_documents": "此处开始了第二个 YAML 文档；一个文件只能有一个文档",
    "GC001.unknown_alias": "别名 *{alias} 之前没有定义锚点 &{alias}",
    "GC001.complex_key": "映射的键必须是简单值，不能是列表或映射",
    "GC001.bad_merge": "合并键（<<）必须引用一个映射或映射列表",
    "GC001.not_mapping": "文件必须是字段映射（如 id: ...），而不是{found}{hint}",
    "GC001.hint_tab": "（YAML 不能用制表符缩进，请用空格）",
    "GC001.hint_fullwidth": "（使用了全角冒号“：”或全角空格，YAML 需要半角“: ”）",
    "GC001.hint_smart_quotes": "（弯引号“ ”不是 YAML 引号，请用直引号 \" 或 '）",
    # GC002 schema
    "GC002.missing": "{field}：缺少必填字段",
    "GC002.unknown_field": "{field}：未知字段{suggestion}",
    "GC002.did_you_mean": "；是否应为 {name}？",
    "GC002.allowed_fields": "；此处允许的字段：{names}",
    "GC002.wrong_type": "{field}：应为{expected}，实际为{found}{hint}",
    "GC002.bad_enum": "{field}：{value!r} 不是允许的值（{allowed}）",
    "GC002.bad_date": "{field}：{value!r} 不是日期，请写成 YYYY-MM-DD 格式{hint}",
    "GC002.bad_slug": (
        "{field}：{value!r} 不是有效的标识；只能用小写字母、数字和“-”"
        "（例如 taian-no6-middle）{hint}"
    ),
    "GC002.bad_number": "{field}：{value!r} {detail}",
    "GC002.bad_value": "{field}：{detail}",
    "GC002.hint_chinese_date": "（2022年7月30日 应写成 2022-07-30）",
    "GC002.hint_quote": '（请给值加引号，让 YAML 当作文本读取："{value}"）',
    "GC002.hint_fullwidth": "（使用了全角冒号“：”，YAML 需要半角“: ”）",
    "GC002.hint_fullwidth_space": "（键中含有全角空格“　”，YAML 只用半角空格缩进和分隔）",
    "GC002.hint_fullwidth_id": "；这是全角字符，请写成 {value}",
    "GC002.hint_quoted_id": "；弯引号不是 YAML 引号，请写成 {value}",
    # GC003 duplicate-key
    "GC003.duplicate_key": "键“{key}”在同一映射中出现了两次，请只保留一个",
    # GC004 unsafe-input
    "GC004.not_utf8": (
        "文件不是 UTF-8 编码（看起来是 {encoding}）；请另存为 UTF-8。"
        "旧版中文 Windows 编辑器和 Excel 保存的 GBK 是常见原因"
    ),
    "GC004.unsafe_tag": "拒绝标签 {tag}：groupcheck 从不根据 YAML 标签构造对象",
    "GC004.alias_bomb": "别名展开超过 {limit} 个值，已拒绝（疑似“十亿笑声”攻击文件）",
    "GC004.too_large": "文件大小 {size} 字节，超过 {limit} 字节上限，未读取即拒绝",
    "GC004.too_deep": "嵌套超过 {limit} 层，已拒绝",
    # GC005 orphan-log
    "GC005.no_charter": "轮岗名册所在的集团文件夹中没有 charter.yaml",
    "GC005.group_mismatch": "此名册写的集团是“{log_group}”，但所在文件夹的章程是“{charter_group}”",
    # 表头与汇总
    "ui.group": "集团",
    "ui.name": "名称",
    "ui.model": "模式",
    "ui.members": "成员校",
    "ui.status": "状态",
    "ui.pass": "通过",
    "ui.fail": "不通过",
    "ui.findings": "发现的问题",
    "ui.no_groups": "未找到集团（集团是包含 charter.yaml 的文件夹）。",
    "ui.summary": (
        "{groups} 个集团，{files} 个文件：{errors} 个错误，{warnings} 个警告，{waived} 个已豁免"
    ),
    "ui.family.load": "加载",
    "ui.family.governance": "治理",
    "ui.family.exchanges": "交流",
    "ui.family.funding": "经费",
    "ui.family.crossgroup": "跨集团",
    "ui.family.waivers": "豁免",
    "ui.title": "groupcheck {version}：截至 {as_of}",
}
