"""Importing the Alipay export: the parser's errors and skip reasons (``alipay.*``, ``skip.*``), the
preview the CLI and the dialog print, and the dialog's own lines (``import.*``).
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- used by io/alipay.py ---
    # Whole-file errors: nothing is imported.
    "alipay.not_an_export": (
        "这不是支付宝交易明细文件：找不到“交易时间、交易对方、金额……”表头",
        "This is not an Alipay transaction export: no header with 交易时间, 交易对方, 金额 … was found",
    ),
    "alipay.bad_encoding": (
        "第 {line} 行：文字已损坏，既不是 UTF-8 也不是 GBK/GB18030",
        "line {line}: damaged text, readable neither as UTF-8 nor as GBK/GB18030",
    ),
    "alipay.missing_columns": (
        "第 {line} 行：表头缺少这些列：{columns}",
        "line {line}: the header lacks these columns: {columns}",
    ),
    "alipay.csv_error": (
        "第 {line} 行：CSV 格式损坏（{detail}）",
        "line {line}: broken CSV ({detail})",
    ),
    "alipay.cell_count": (
        "第 {line} 行：应有 {expected} 列，实际有 {found} 列",
        "line {line}: expected {expected} cells, found {found}",
    ),
    "alipay.bad_time": (
        "第 {line} 行：无法识别交易时间“{value}”",
        "line {line}: unreadable transaction time “{value}”",
    ),
    "alipay.bad_amount": (
        "第 {line} 行：金额“{value}”无效",
        "line {line}: invalid amount “{value}”",
    ),
    "alipay.too_big": (
        "文件超过 {limit} MB，不像支付宝交易明细（十年的明细也只有几十 MB）",
        "the file is larger than {limit} MB, which no Alipay export is (ten years take a few tens of MB)",
    ),
    "alipay.line_too_long": (
        "第 {line} 行超过 {limit} KB，不是支付宝交易明细的一行",
        "line {line} is longer than {limit} KB, which no line of an Alipay export is",
    ),
    "alipay.order_no_mangled": (
        "第 {line} 行：交易订单号“{value}”已被 Excel 改成数字，请从支付宝重新导出并直接导入",
        "line {line}: order number “{value}” was turned into a number by Excel; "
        "export again and import the file unedited",
    ),
    "alipay.bad_repay_month": (
        "第 {line} 行：还款说明“{value}”中的账单月份无效",
        "line {line}: the bill month in repayment “{value}” is invalid",
    ),
    # Why a parsed file yields no rows at all (ParsedExport.notice).
    "alipay.web_no_method": (
        "旧版网页导出没有“收/付款方式”列，无法分辨哪些交易用了花呗；请在支付宝 App 中导出交易明细",
        "The old web export has no payment-method column, so Huabei rows cannot be told apart; "
        "export the statement from the Alipay app instead",
    ),
    # Per-row skip reasons (SkippedRow.reason); counted in the preview, so no parameters.
    "skip.not_huabei": ("未使用花呗", "not paid with or repaying Huabei"),
    "skip.unrouted": ("付款方式未分配给信用账户（按选择不导入）", "paid with a method no line takes (left out as asked)"),
    "skip.not_expense": ("用了花呗但不是支出", "Huabei, but not an expense (收/支 is not 支出)"),
    "skip.closed": ("交易关闭（未付款或已取消）", "closed (never paid, or cancelled)"),
    "skip.pending": (
        "交易未完成（如等待确认收货），完成后请重新导入",
        "not finished yet (e.g. 等待确认收货); import again later",
    ),
    "skip.not_successful": ("交易未成功", "not successful"),
    "skip.zero_amount": ("金额为 0", "amount is zero"),
    "skip.repayment_no_month": ("花呗还款但没有账单月份", "Huabei repayment without a bill month"),
    "skip.web_layout": ("旧版网页导出，无法识别花呗", "old web export: Huabei cannot be identified"),
    # --- used by io/alipay_import.py ---
    "import.preview": ("{file}：读取 {rows} 行（{layout}，{encoding}）", "{file}: {rows} rows read ({layout}, {encoding})"),
    "import.counts": ("花呗消费 {purchases} 笔（其中分期 {plans} 笔），退款 {refunds} 笔，还款 {repayments} 笔",
                      "Huabei purchases {purchases} ({plans} in instalments), refunds {refunds}, repayments {repayments}"),
    # One credit line's share of an import over several, under its name (信用购's are not 花呗's purchases).
    "import.counts_line": ("消费 {purchases} 笔（其中分期 {plans} 笔），退款 {refunds} 笔，还款 {repayments} 笔",
                           "Purchases {purchases} ({plans} in instalments), refunds {refunds}, repayments {repayments}"),
    "import.total": ("共读取 {rows} 行", "{rows} rows read in all"),
    "import.bills": ("涉及账单：{months}", "Bills affected: {months}"),
    "import.bills_many": ("涉及账单 {count} 期：{months}", "Bills affected ({count}): {months}"),
    "import.more_runs": ("等另 {count} 段", "and {count} more"),
    # Records dated after the session's today (``--today`` in the past, or a clock that is off): saved, but the
    # bills and the limit used take them only from their own date (``ImportedTotals``; payments by their date);
    # an instalment purchase's plan counts at once (its plan carries no date).
    "import.after_today": ("{count} 行的日期在今天（{today}）之后：照样保存，但到了各自的日期才计入账单和已用额度",
                           "{count} rows are dated after today ({today}): they are saved, but count on bills and in "
                           "the limit used only from their own dates"),
    "import.after_today_one": ("1 行的日期在今天（{today}）之后：照样保存，但到了它的日期才计入账单和已用额度",
                               "1 row is dated after today ({today}): it is saved, but counts on its bill and in the "
                               "limit used only from its own date"),
    "import.after_today_plans": ("其中 {plans} 笔是分期消费：分期计划现在就计入已用额度",
                                 "{plans} of them are bought in instalments, which count in the limit used at once"),
    "import.skipped": ("跳过 {count} 行：", "Skipped {count} rows:"),
    "import.skip_reason": ("  {reason}：{count} 行", "  {reason}: {count}"),
    "import.new": ("新增：消费/退款 {purchases} 笔，还款 {payments} 笔，分期计划 {plans} 个；已有的 {known} 笔未重复导入",
                   "Added: {purchases} purchases/refunds, {payments} repayments, {plans} instalment plans; "
                   "{known} already known were not added again"),
    "import.dry_run": ("预览模式：未保存任何内容", "Dry run: nothing was saved"),
    "import.none": ("没有可导入的花呗记录", "No Huabei records to import"),
    "import.file_error": ("{file}：{message}", "{file}: {message}"),
    "import.already": ("其中 {known} 笔以前导入过，不会重复添加", "{known} of them were imported before and will not be added twice"),
    # Batch-level skip reasons (the parser's are in alipay.MESSAGES); counted, so no parameters.
    "skip.duplicate": ("与本次导入的另一行重复（导出文件有重叠）", "the same record again (overlapping exports)"),
    "skip.conflict": ("订单号相同但金额不同（保留先读到的一行）", "same order number, another amount (the first row was kept)"),
    "skip.bad_periods": ("分期期数花呗不提供", "an instalment count Huabei does not offer"),
    # Oddities: one line each in the preview.
    "import.notes": ("请注意：", "Please note:"),
    "import.where": ("{file} 第 {line} 行", "{file} line {line}"),
    "import.where_bare": ("第 {line} 行", "line {line}"),
    "odd.conflict": ("  {where}：订单号 {order} 金额 {amount}，但在 {first}是 {first_amount}；保留了先读到的一行，这一行未导入",
                     "  {where}: order {order} is {amount} here but {first_amount} at {first}; the first was kept, "
                     "this row was not imported"),
    "odd.stored_conflict": ("  {where}：订单号 {order} 以前导入时金额是 {stored}，现在是 {amount}；保留已有记录",
                            "  {where}: order {order} was imported before as {stored}, now {amount}; the stored one "
                            "is kept"),
    "odd.periods": ("  {where}：“{method}”有 {periods} 期，花呗分期只有 {offered} 期（或设置中没有该期数的手续费）；"
                    "这笔 {amount} 未导入，请核对后手动录入账单",
                    "  {where}: “{method}” has {periods} periods; Huabei offers {offered} (or the settings have no fee "
                    "for it); this {amount} was not imported: check it and type the bill"),
    "odd.orphan_refund": ("  {where}：退款 {amount}（{description}）在这些文件和已有数据中找不到对应的消费；计入 {month} 账单",
                          "  {where}: refund {amount} ({description}) matches no purchase in these files or your data; "
                          "it lowers bill {month}"),
    "odd.no_bill": ("  {where}：还款 {amount} 对应的 {month} 账单不存在（没有消费记录，也没有手动录入）；"
                    "已记录，录入该账单后生效：huabei bill add {month} 金额",
                    "  {where}: repayment {amount} is for bill {month}, which does not exist (no purchases, not typed); "
                    "it is recorded and counts once you add the bill: huabei bill add {month} AMOUNT"),
    "odd.plan_cancelled": ("  {where}：退款 {amount} 取消分期“{plan}”未出账的 {parts} 期（{from_month} 起，共 {before}）",
                           "  {where}: refund {amount} cancels the {parts} unbilled parts of instalment plan “{plan}” "
                           "(from {from_month}, {before} in all)"),
    "odd.plan_credit": ("；已出账的本金 {credit} 退回 {month} 账单", "; the {credit} of principal already billed comes "
                        "back on bill {month}"),
    "odd.plan_lowered": ("  {where}：退款 {amount} 使分期“{plan}”未出账的 {parts} 期（{from_month} 起）由 {before} 降为 {after}",
                         "  {where}: refund {amount} lowers the {parts} unbilled parts of instalment plan “{plan}” "
                         "(from {from_month}) from {before} to {after}"),
    "odd.plan_after_end": ("  {where}：退款 {amount} 在分期“{plan}”各期都出账之后，计入 {month} 账单",
                           "  {where}: refund {amount} comes after every part of instalment plan “{plan}” was billed; "
                           "it lowers bill {month}"),
    "odd.more": ("  ……另有 {count} 行同类情况", "  … and {count} more like this"),
    # --- used by io/import_files.py ---
    "zip.password_needed": ("zip 已加密：请用 --password-file 文件或环境变量 HUABEI_ZIP_PASSWORD 提供密码"
                            "（支付宝 App 中显示的密码）",
                            "the zip is encrypted: give its password (shown in the Alipay app) with --password-file "
                            "or the HUABEI_ZIP_PASSWORD environment variable"),
    "zip.wrong_password": ("密码错误", "wrong password"),
    "zip.no_csv": ("zip 中没有 CSV 文件（里面有：{names}）", "the zip holds no CSV file (it holds: {names})"),
    "zip.empty": ("这是空的 zip 文件", "an empty zip file"),
    "zip.damaged": ("zip 已损坏，无法解压（{detail}）", "the zip is damaged and cannot be unpacked ({detail})"),
    "zip.unsupported": ("zip 使用了不支持的压缩方式（{detail}）；请解压后导入 CSV",
                        "the zip uses a compression method this app cannot read ({detail}); unpack it and import "
                        "the CSV"),
    "zip.too_many": ("zip 中有 {count} 个 CSV 文件，最多 {limit} 个", "the zip holds {count} CSV files; at most {limit}"),
    "zip.member_error": ("{member}：{message}", "{member}: {message}"),
    # Asking for the password (the command line on the terminal, the app in a masked field).
    "zip.password_prompt": ("{file} 的密码（支付宝 App 中显示；输入时不显示）：",
                            "Password of {file} (shown in the Alipay app; not echoed): "),
    # --- used by ui/dialogs/import_dialog.py ---
    "import.title": ("导入支付宝交易明细", "Import the Alipay transaction export"),
    "import.intro": (
        "支付宝交易明细 CSV 或 zip 文件的路径。\n可填多个，用空格分开（含空格的路径请加引号）；~ 表示主目录。",
        "Path of the Alipay transaction CSV or zip. Several paths separated by spaces (quote a path with "
        "spaces); ~ is your home folder.",
    ),
    "import.hint_path": ("Enter 读取并预览 · {k:import.cancel|Esc} 取消", "Enter read and preview · {k:import.cancel|Esc} cancel"),
    "import.hint_reading": ("正在读取…  {k:import.cancel|Esc} 取消", "Reading…  {k:import.cancel|Esc} cancel"),
    "import.hint_preview": ("{k:import.confirm*|Enter/y} 导入 · {k:import.cancel|Esc}/{k:import.cancel_n|n} 取消（尚未保存任何内容）",
                            "{k:import.confirm*|Enter/y} import · {k:import.cancel|Esc}/{k:import.cancel_n|n} cancel (nothing saved yet)"),
    "import.hint_nothing": ("{k:import.confirm|Enter}/{k:import.cancel|Esc} 关闭", "{k:import.confirm|Enter}/{k:import.cancel|Esc} close"),
    "import.no_path": ("请输入文件路径", "Enter a file path"),
    "import.password_label": ("{file} 已加密，请输入密码（支付宝 App 中显示）：",
                              "{file} is encrypted: type its password (shown in the Alipay app):"),
    "import.password_wrong": ("密码错误，还可以再试 {left} 次", "Wrong password; you can try {left} more times"),
    "import.password_failed": ("{file}：密码错误（已试 {tries} 次），未导入任何内容",
                               "{file}: wrong password ({tries} tries); nothing was imported"),
    "import.hint_password": ("Enter 解密并读取 · {k:import.cancel|Esc} 取消", "Enter unlock and read · {k:import.cancel|Esc} cancel"),
    # --- an import over several credit lines (session/importing.py, the import dialog) ---
    "import.line_share": ("信用账户“{name}”：", "Credit line “{name}”:"),
    "import.unrouted": ("{count} 行用“{method}”支付，尚未指定归入哪个信用账户（导入前需回答）",
                        "{count} rows paid with “{method}”: which credit line they go to is still to be answered"),
    "import.route_question": ("有 {count} 行用“{method}”支付：归入哪个信用账户？{choices} · s 不导入（会被记住）",
                              "{count} rows paid with “{method}”: which credit line? {choices} · s leave them "
                              "out (remembered)"),
    "import.route_choice": ("{n} {name}", "{n} {name}"),
    "import.hint_route": ("按数字选择信用账户 · s 不导入 · {k:import.cancel|Esc} 取消", "A number picks the line · s leave out · {k:import.cancel|Esc} cancel"),
}
