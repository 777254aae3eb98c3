"""The argument parser, with help in the user's language.

Global options come before the command (``huabei --db x.json --today 2025-09-01 status``). Parse errors raise
``UsageError`` instead of printing argparse's multi-line usage and exiting, so ``main`` reports them as one line
with exit status 2, like every other kind of bad input.
"""

from __future__ import annotations

import argparse
from typing import NoReturn


class UsageError(Exception):
    """The command line itself is wrong (unknown option, missing argument)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _h(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


#: Every command, in the order ``huabei --help`` lists them.
COMMANDS = ("demo", "account", "bill", "pay", "plan", "instalment", "status", "export", "grid", "check", "contact",
            "backups", "restore", "remind", "import", "serve", "tui", "doctor")
#: Global options that take a value (``--db PATH``); ``--demo`` and ``--no-snapshot`` take none.
_VALUED_GLOBALS = ("--db", "--today", "--lang")
_FLAG_GLOBALS = ("--demo", "--no-snapshot")
#: ``command_in``'s answer when the whole parser is needed (help, or a command line it does not understand).
ALL = None


def command_in(argv: list[str]) -> str | None:
    """The command ``argv`` runs ("" for none: the app), or ``ALL`` when only the whole parser can tell.

    Building every command's parser costs more than the rest of a ``huabei status`` run's parsing, so ``main``
    builds only the one named here. Anything unusual (help, an unknown or abbreviated word, ``--``) gets the
    whole parser, so what is accepted and every error message stay exactly those of the whole parser.
    """
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _VALUED_GLOBALS:
            i += 2
            continue
        if arg in _FLAG_GLOBALS or any(arg.startswith(f"{name}=") for name in _VALUED_GLOBALS):
            i += 1
            continue
        if arg.startswith("-"):
            return ALL  # help, --, an abbreviation or a mistake
        return arg if arg in COMMANDS else ALL
    return ""


def build_parser(lang: str, only: str | None = ALL) -> argparse.ArgumentParser:
    """The parser, with every command or (``only``) just one: ``""`` for none, the app."""
    h = lambda zh, en: _h(lang, zh, en)  # noqa: E731 - keeps every help string on one line
    wanted = lambda name: only is ALL or only == name  # noqa: E731
    parser = _Parser(
        prog="huabei",
        description=h("花呗征信管家：账单、到期日、逾期费用与征信记录到期日。不带命令时打开终端界面。",
                      "Keep your Huabei credit line clean. Without a command, opens the terminal app."),
    )
    parser.add_argument("--db", metavar="PATH", help=h("数据文件（默认在用户数据文件夹；环境变量 HUABEI_DB）",
                                                       "data file (default: user data folder; env HUABEI_DB)"))
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=h("把“今天”设为这一天（环境变量 HUABEI_TODAY）",
                                                                 "pretend today is this date (env HUABEI_TODAY)"))
    parser.add_argument("--lang", metavar="zh|en", help=h("界面语言（默认按系统区域设置；环境变量 HUABEI_LANG）",
                                                          "language (default from the locale; env HUABEI_LANG)"))
    parser.add_argument("--demo", action="store_true",
                        help=h("在临时演示数据上打开界面（不碰你的数据）", "open the app on throw-away demo data"))
    parser.add_argument("--no-snapshot", action="store_true",
                        help=h("启动时不先显示上次的首屏画面（环境变量 HUABEI_NO_SNAPSHOT=1）",
                               "do not show the last run's first screen at start (env HUABEI_NO_SNAPSHOT=1)"))
    if only == "":
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    if wanted("demo"):
        demo = sub.add_parser("demo", help=h("向数据文件写入两年的演示数据", "fill --db with two years of demo data"))
        demo.add_argument("--force", action="store_true", help=h("覆盖已有数据", "replace existing data"))

    if wanted("account"):
        account = sub.add_parser("account", help=h("查看或修改账户设置", "show or change the account settings"))
        account_sub = account.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
        account_set = account_sub.add_parser("set", help=h("修改设置", "change settings"))
        account_set.add_argument("--limit", metavar="AMOUNT", help=h("花呗额度", "credit limit"))
        account_set.add_argument("--statement-day", metavar="N", help=h("出账日 1–28", "statement day 1–28"))
        account_set.add_argument("--due-day", metavar="N", help=h("还款日 1–28", "due day 1–28"))
        account_set.add_argument("--auto-repay", metavar="on|off", help=h("自动还款是否开启", "auto-repay on or off"))
        account_set.add_argument("--balance", metavar="AMOUNT",
                                 help=h("还款账户余额（记为今天核对）", "repayment balance (checked today)"))
        account_set.add_argument("--opened", metavar="YYYY-MM-DD", help=h("花呗开通日期", "date the account opened"))
        account_set.add_argument("--fee-rate", metavar="PERCENT_PER_DAY",
                                 help=h("逾期日费率（百分比，默认 0.05）", "overdue fee, percent per day (default 0.05)"))
        account_set.add_argument("--min-rate", metavar="PERCENT",
                                 help=h("最低还款占本金的百分比（默认 10）", "minimum payment, percent of the principal (default 10)"))
        account_set.add_argument("--interest-rate", metavar="PERCENT_PER_DAY",
                                 help=h("只还最低时余款的日利率（百分比，默认 0.05）",
                                        "interest on the rest after a minimum payment, percent per day (default 0.05)"))

    if wanted("bill"):
        bill = sub.add_parser("bill", help=h("录入、修改、列出账单", "add, change and list bills"))
        bill_sub = bill.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
        for name, zh, en in (("add", "录入账单", "add a bill"),
                             ("set", "修改账单金额或最低还款", "change a bill's amount or its minimum payment")):
            p = bill_sub.add_parser(name, help=h(zh, en))
            p.add_argument("month", metavar="MONTH", help=h("账单月份 YYYY-MM", "bill month YYYY-MM"))
            p.add_argument("amount", metavar="AMOUNT", nargs="?" if name == "set" else None,
                           help=h("账单金额", "bill amount"))
            if name == "set":
                p.add_argument("--minimum", metavar="AMOUNT|auto",
                               help=h("按支付宝显示录入最低还款（auto：按规则计算）",
                                      "the minimum payment Alipay shows (auto: the rule's)"))
        remove = bill_sub.add_parser("remove", help=h("删除手动录入的账单", "remove a typed bill"))
        remove.add_argument("month", metavar="MONTH")
        bill_list = bill_sub.add_parser("list", help=h("列出账单", "list bills"))
        bill_list.add_argument("--json", action="store_true")

    if wanted("pay"):
        pay = sub.add_parser("pay", help=h("记录一笔还款", "record a repayment"))
        pay.add_argument("month", metavar="MONTH", help=h("还的是哪期账单 YYYY-MM", "which bill, YYYY-MM"))
        pay.add_argument("amount", metavar="AMOUNT")
        pay.add_argument("--on", metavar="YYYY-MM-DD", help=h("还款日期（默认今天）", "payment date (default today)"))

    if wanted("plan"):
        plan = sub.add_parser("plan", help=h("本期还款方案：全额、最低、分期、逾期的代价", "this month's options and what each costs"))
        plan.add_argument("month", nargs="?", metavar="MONTH",
                          help=h("账单月份（默认当前要还的账单）", "bill month (default: the bill to pay now)"))
        plan.add_argument("--json", action="store_true", help=h("输出 JSON", "print JSON"))

    if wanted("instalment"):
        inst = sub.add_parser("instalment", help=h("账单分期（出账日到还款日之间）", "split a bill into instalments (statement date to due date)"))
        inst.add_argument("month", metavar="MONTH", help=h("账单月份 YYYY-MM", "bill month YYYY-MM"))
        inst.add_argument("periods", nargs="?", metavar="PERIODS", help=h("期数 3/6/9/12", "parts: 3/6/9/12"))
        inst.add_argument("--on", metavar="YYYY-MM-DD", help=h("办理日期（默认今天）", "date of the split (default today)"))
        inst.add_argument("--cancel", action="store_true",
                          help=h("取消分期（第一期出账前）", "undo the split (before its first part is issued)"))

    if wanted("status"):
        status = sub.add_parser("status", help=h("账户状态一览", "the account at a glance"))
        status.add_argument("--json", action="store_true", help=h("输出 JSON", "print JSON"))

    if wanted("export"):
        export = sub.add_parser("export", help=h("导出摘要", "export a summary"))
        export.add_argument("--format", default="text", metavar="text|json|csv|ics",
                            help=h("格式（默认 text）", "format (default text)"))
        export.add_argument("-o", "--output", metavar="FILE", help=h("写入文件（默认输出到屏幕）", "write to FILE"))
        export.add_argument("--screen", choices=("all", "status", "calendar", "checklist", "recovery"), default="all",
                            help=h("只导出某个界面的内容", "only one screen's summary"))
        export.add_argument("--remind-days", metavar="N", default="3",
                            help=h("日历提醒提前天数（ics）", "days before the due date for the ics alarm"))

    if wanted("grid"):
        grid = sub.add_parser("grid", help=h("还款记录表（估算）", "the repayment grid (an estimate)"))
        grid.add_argument("--months", default="24", metavar="24|60")

    if wanted("check"):
        check = sub.add_parser("check", help=h("授权核查、修复、撤销清单", "authorization, recovery and revoke checklists"))
        check_sub = check.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
        tick = check_sub.add_parser("tick", help=h("勾选一个步骤", "tick a step"))
        tick.add_argument("step", metavar="STEP", help=h("步骤编号或 id", "step number or id"))
        tick.add_argument("--list", dest="checklist", default="auth", choices=("auth", "recovery", "revoke"))
        tick.add_argument("--off", action="store_true", help=h("取消勾选", "untick"))
        answer = check_sub.add_parser("answer", help=h("记录核查结论", "record the answer"))
        answer.add_argument("answer", metavar="found|not-found|unsure")

    if wanted("contact"):
        contact = sub.add_parser("contact", help=h("客服沟通记录", "customer-service contact log"))
        contact_sub = contact.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
        contact_add = contact_sub.add_parser("add", help=h("添加一条记录", "add an entry"))
        contact_add.add_argument("--topic", required=True, metavar="deferral|instalments|other")
        contact_add.add_argument("--outcome", required=True, metavar="TEXT")
        contact_add.add_argument("--note", default="", metavar="TEXT")
        contact_add.add_argument("--on", metavar="YYYY-MM-DD")

    if wanted("backups"):
        sub.add_parser("backups", help=h("列出备份", "list backups"))
    if wanted("restore"):
        restore = sub.add_parser("restore", help=h("从备份恢复（损坏的文件会保留）", "restore a backup (keeps the damaged file)"))
        restore.add_argument("backup", nargs="?", metavar="BACKUP")

    if wanted("remind"):
        remind = sub.add_parser("remind", help=h("到期提醒（适合登录脚本和 cron）", "due-date reminder for login scripts and cron"))
        remind.add_argument("--within", default="3", metavar="DAYS",
                            help=h("提醒几天内到期的账单（默认 3）", "bills due within DAYS (default 3)"))

    if wanted("import"):
        imp = sub.add_parser("import", help=h("导入支付宝交易明细", "import the Alipay transaction export"))
        imp_sub = imp.add_subparsers(dest="source", metavar="SOURCE", required=True, parser_class=_Parser)
        # No abbreviations: "--password 123456" must be refused, not read as "--password-file 123456".
        alipay = imp_sub.add_parser("alipay", help=h("支付宝交易明细 CSV 或 zip", "Alipay transaction CSV or zip"),
                                    allow_abbrev=False)
        alipay.add_argument("files", nargs="+", metavar="FILE")
        alipay.add_argument("--dry-run", action="store_true", help=h("只预览，不保存", "preview only, save nothing"))
        alipay.add_argument("--password-file", metavar="PATH",
                            help=h("加密 zip 的密码所在文件（或环境变量 HUABEI_ZIP_PASSWORD；不填则在终端询问）",
                                   "file holding the encrypted zip's password (or HUABEI_ZIP_PASSWORD; "
                                   "else asked on the terminal)"))

    if wanted("serve"):
        serve = sub.add_parser("serve", help=h("在浏览器中运行界面（textual-serve）", "run the app in a browser (textual-serve)"))
        serve.add_argument("--host", help=h("监听地址（默认 127.0.0.1，仅本机）", "address to listen on (default 127.0.0.1, this machine only)"))
        serve.add_argument("--port", default="8000", help=h("端口（默认 8000）", "port (default 8000)"))
        serve.add_argument("--public", action="store_true",
                           help=h("允许 --host 为其他机器可访问的地址（仍需令牌）", "allow a --host other machines can reach (the token is still needed)"))
        serve.add_argument("--max-connections", default="2", metavar="N",
                           help=h("同时打开的浏览器标签页上限（默认 2）", "browser tabs open at once, at most (default 2)"))

    if wanted("tui"):
        sub.add_parser("tui", help=h("打开终端界面", "open the terminal app"))
    if wanted("doctor"):
        sub.add_parser("doctor", help=h("检查运行环境（首屏快照是否开启、缓存位置）",
                                        "check the setup (is the start-up snapshot on, where is its cache)"))
    return parser
