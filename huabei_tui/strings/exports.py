"""Column headers of the CSV export (``csv.*``) and the texts of the calendar file (``ics.*``)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- used by io/csv_export.py ---
    "csv.line": ("信用账户", "line"),
    "csv.type": ("类型", "type"),
    "csv.month": ("账单", "bill"),
    "csv.date": ("日期", "date"),
    "csv.amount": ("金额", "amount"),
    "csv.paid": ("已还", "paid"),
    "csv.outstanding": ("待还", "outstanding"),
    "csv.status": ("状态", "status"),
    "csv.overdue_days": ("逾期天数", "overdue_days"),
    "csv.fee": ("逾期费", "fee"),
    "csv.settled_on": ("还清日期", "settled_on"),
    "csv.record_expires_on": ("记录到期", "record_expires_on"),
    "csv.source": ("来源", "source"),
    "csv.bill": ("账单", "bill"),
    "csv.payment": ("还款", "payment"),
    # --- used by io/ics_export.py ---
    "ics.summary": ("花呗 {month} 账单到期，待还 {amount}", "Huabei bill {month} due: {amount} outstanding"),
    "ics.summary_overdue": ("花呗 {month} 账单已逾期，待还 {amount}", "Huabei bill {month} OVERDUE: {amount} outstanding"),
    "ics.description": ("账单金额 {total}，已还 {paid}，待还 {amount}。到期日当天结束前还款仍算按时。",
                        "Bill {total}, paid {paid}, outstanding {amount}. Paying before the day ends is on time."),
    "ics.description_minimum": ("账单金额 {total}，已还 {paid}，待还 {amount}。到期日当天结束前至少还 {minimum}（最低还款）"
                                "即不算逾期；余款按日计息并转入下期账单。",
                                "Bill {total}, paid {paid}, outstanding {amount}. Paying at least {minimum} (the minimum "
                                "payment) before the day ends is not late; the rest accrues daily interest and moves "
                                "into the next bill."),
    "ics.summary_minimum_paid": ("花呗 {month} 账单已还最低，余下 {amount} 将转入 {next} 账单",
                                 "Huabei bill {month}: minimum paid, {amount} moves into bill {next}"),
    "ics.description_minimum_paid": ("最低还款已按时还，不算逾期。余下 {amount} 每天计息 {per_day}，{on} 连同利息转入 {next} "
                                     "账单；在此之前还清可免去之后的利息。",
                                     "The minimum was paid on time: not late. The other {amount} accrues {per_day} a "
                                     "day and moves into bill {next} with the interest on {on}; paying it before then "
                                     "stops the interest."),
    "ics.alarm_before": ("{days} 天后花呗还款：{amount}", "Huabei payment due in {days} days: {amount}"),
    "ics.alarm_day": ("今天花呗还款：{amount}", "Huabei payment due today: {amount}"),
    "ics.calendar_name": ("花呗还款", "Huabei repayments"),
    # --- used by io/safe_output.py ---
    "output.empty": ("请输入要写入的文件路径", "enter the path of the file to write"),
    "output.data_file": ("它就是数据文件（或指向数据文件），写入会毁掉你的数据；请换一个文件名",
                         "it is the data file (or leads to it) and writing there would destroy your data;"
                         " choose another name"),
    "output.lock": ("它是数据文件的锁文件；请换一个文件名", "it is the data file's lock; choose another name"),
    "output.backups": ("它在数据文件的备份文件夹里；请换一个位置",
                       "it is in the data file's backups folder; choose another place"),
    "output.parts": ("它在数据文件的导入记录文件夹里，那里只由本程序写入；请换一个位置",
                     "it is in the data file's folder of imported rows, which only the app writes; choose another"
                     " place"),
    "output.temp": ("它是数据文件保存时的临时文件；请换一个文件名",
                    "it is a temporary file of a data file save; choose another name"),
    "output.damaged": ("它是保留下来的损坏数据文件；请换一个文件名",
                       "it is a kept copy of a damaged data file; choose another name"),
    "output.directory": ("这是一个文件夹：请给出文件名", "it is a folder: give a file name"),
    "output.folder_path": ("路径以“/”结尾，指的是文件夹，而它不是已有的文件夹：请在后面加上文件名",
                           "it ends in “/”, so it names a folder, and there is no such folder: add a file name"),
    "output.special": ("它不是普通文件（管道、设备或套接字）", "it is not a regular file (a pipe, device or socket)"),
    "output.read_only": ("它是只读文件，不会被替换；请换一个文件名或先取消只读",
                         "it is read-only and is not replaced; choose another name or make it writable"),
    "output.no_folder": ("文件夹 {folder} 不存在", "the folder {folder} does not exist"),
    "output.failed": ("无法写入 {path}：{reason}。没有写入任何内容",
                      "could not write {path}: {reason}. Nothing was written"),
    # --- used by views/text_report.py ---
    "export.details": ("账户详情", "Account details"),
    "export.screen.status": ("{k:app.go_status|1} · 账户状态", "{k:app.go_status|1} · Account status"),
    "export.screen.calendar": ("{k:app.go_calendar|2} · 还款日历", "{k:app.go_calendar|2} · Repayment calendar"),
    "export.screen.checklist": ("{k:app.go_checklist|3} · 授权核查", "{k:app.go_checklist|3} · Authorization checklist"),
    "export.screen.recovery": ("{k:app.go_recovery|4} · 逾期修复", "{k:app.go_recovery|4} · Overdue recovery"),
}
