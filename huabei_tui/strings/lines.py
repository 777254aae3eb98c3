"""Credit lines (``line.*``: choosing, naming and routing; ``lines.*``: the block and table of every line)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- domain/lines.py, session: names, which line a change goes to, routing an import ---
    "line.unknown": ("没有名为“{value}”的信用账户（现有：{names}）", "no credit line named “{value}” (there are: {names})"),
    "line.which": ("有多个信用账户（{names}），请用 --line 名称 指定要改哪一个（或设置 HUABEI_LINE）",
                   "there are several credit lines ({names}): say which one to change with --line NAME "
                   "(or HUABEI_LINE)"),
    "line.name_empty": ("请输入信用账户名称", "enter a name for the credit line"),
    "line.name_long": ("“{value}”太长（最多 {cells} 个半角字符宽，一个汉字算两个）",
                       "“{value}” is too long (at most {cells} cells; a Chinese character takes two)"),
    "line.name_reserved": ("“{value}”不能用作名称（不能含 =，也不能是 skip）",
                           "“{value}” cannot be a name (no =, and not skip)"),
    "line.name_invisible": ("“{value}”含有看不见的字符（如零宽空格），会和别的名称看起来一样；请去掉它们",
                            "“{value}” holds an invisible character (such as a zero-width space) that would make it "
                            "look like another name; leave it out"),
    "line.name_taken": ("已有名为“{value}”的信用账户", "there is a credit line named “{value}” already"),
    "line.route_malformed": ("“{value}”应写成 付款方式=信用账户 或 付款方式=skip（付款方式：{methods}）",
                             "“{value}” should be METHOD=LINE or METHOD=skip (methods: {methods})"),
    "line.gone": ("导入预览之后，有信用账户在别处被删除了；请重新导入", "a credit line was removed elsewhere since the "
                  "preview; import again"),
    "line.remove_has_records": ("“{name}”中还有 {bills} 期账单和 {records} 条记录；确认删除请加 --force（删除前的文件会留在备份中）",
                                "“{name}” holds {bills} bills and {records} records; add --force to remove it (the "
                                "file as it was stays in the backups)"),
    "line.remove_first": ("第一个信用账户“{name}”不能删除（可以用 line rename 改名）",
                          "the first credit line, “{name}”, cannot be removed (rename it with line rename)"),
    "line.unrouted": ("有 {count} 行用“{method}”支付，没有信用账户接收“{method}”：加 --route {method}=名称 "
                      "（或 --route {method}=skip 不导入），或先 huabei line add {method}",
                      "{count} rows are paid with “{method}” and no credit line takes “{method}”: add "
                      "--route {method}=NAME (or --route {method}=skip to leave them out), or first run "
                      "huabei line add {method}"),
    # --- huabei line add|rename|remove ---
    "line.added": ("已添加信用账户“{name}”", "Credit line “{name}” added"),
    "line.renamed": ("已把信用账户“{old}”改名为“{new}”", "Credit line “{old}” renamed to “{new}”"),
    "line.removed": ("已删除信用账户“{name}”；删除前的文件在备份中：{backup}",
                     "Credit line “{name}” removed; the file as it was is in the backups: {backup}"),
    # ``huabei --demo line remove``: the demo and its backups are deleted when the command ends (``cli/demo_run.py``)
    "line.removed_demo": ("已从演示数据删除信用账户“{name}”：演示数据用完即丢，没有留下备份",
                          "Credit line “{name}” removed from the demo data: the demo is thrown away, so no backup "
                          "was kept"),
    # --- views/lines.py: every line at once ---
    "lines.title": ("全部信用账户（{count} 个）", "Every credit line ({count})"),
    "lines.col_line": ("信用账户", "Line"),
    "lines.col_bill": ("账单", "Bill"),
    "lines.col_due": ("到期", "Due"),
    "lines.col_outstanding": ("待还", "To pay"),
    "lines.col_minimum": ("最低还款", "Minimum"),
    "lines.col_available": ("可用额度", "Available"),
    "lines.col_limit": ("额度", "Limit"),
    "lines.col_used": ("已用", "Used"),
    "lines.col_bills": ("账单数", "Bills"),
    "lines.col_imports": ("导入的付款方式", "Imports paid with"),
    "lines.nothing_due": ("各信用账户都没有待还账单", "Nothing to pay on any line"),
    "lines.due_next": ("下一个到期日 {date}（{when}）：{items}", "Due next on {date} ({when}): {items}"),
    "lines.due_item": ("{line} {amount}", "{line} {amount}"),
    "lines.due_sum": ("，合计 {amount}", "; {amount} in all"),
    "lines.overdue": ("逾期未还：{items}", "Overdue now: {items}"),
    "lines.total": ("合计：已用 {used}，额度 {limit}，可用 {available}", "In all: {used} used of {limit}, {available} available"),
    "lines.heading": ("== {name} ==", "== {name} =="),
}
