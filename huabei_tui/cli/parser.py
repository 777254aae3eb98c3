"""The argument parser, with help in the user's language.

Global options come before the command (``huabei --db x.json --today 2025-09-01 status``). Parse errors raise
``UsageError`` instead of printing argparse's multi-line usage and exiting, so ``main`` reports them as one line
with exit status 2, like every other kind of bad input. Every help text is a string key (``arg.*``, in
``huabei_tui/strings/cli.py``); argparse's own words (``usage:``, the section titles, ``-h``) and its common error
messages are translated too, so a Chinese help page has no English left in it.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from huabei_tui.i18n import tr

if TYPE_CHECKING:
    from huabei_tui.clock import Clock


class UsageError(Exception):
    """The command line itself is wrong (unknown option, missing argument)."""


#: argparse's error messages (English, built by argparse) and the string that says the same in the user's language.
_ERRORS = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "arg.error.required"),
    (re.compile(r"unrecognized arguments: (?P<names>.+)"), "arg.error.unrecognized"),
    (re.compile(r"argument (?P<name>\S+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
     "arg.error.choice"),
    (re.compile(r"argument (?P<name>\S+?): expected one argument"), "arg.error.one_value"),
    (re.compile(r"ambiguous option: (?P<name>\S+) could match (?P<matches>.+)"), "arg.error.ambiguous"),
)


def translate_error(message: str, lang: str) -> str:
    """argparse's ``message`` in ``lang``: English as argparse wrote it, Chinese where the wording is known."""
    if lang == "en":
        return message
    for pattern, key in _ERRORS:
        found = pattern.fullmatch(message)
        if found:
            return tr(key, lang, **found.groupdict())
    return message


class _Parser(argparse.ArgumentParser):
    """A parser in one language: errors raise ``UsageError``; ``-h``, ``usage:`` and section titles translated."""

    lang = "en"  # set on the per-language subclass ``_parser_class`` makes

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help=tr("arg.help", self.lang))

    def error(self, message: str) -> NoReturn:
        raise UsageError(translate_error(message, self.lang))

    def format_usage(self) -> str:
        return self._translated(super().format_usage())

    def format_help(self) -> str:
        return self._translated(super().format_help())

    def _translated(self, text: str) -> str:
        if self.lang == "en":
            return text
        if text.startswith("usage: "):
            text = tr("arg.usage", self.lang) + text[len("usage: "):]
        colon = "：" if self.lang == "zh" else ":"
        for heading, key in (("positional arguments:", "arg.positionals"), ("options:", "arg.options")):
            text = re.sub(rf"(?m)^{heading}$", tr(key, self.lang) + colon, text)
        return text


def _parser_class(lang: str) -> type[_Parser]:
    return type("Parser", (_Parser,), {"lang": lang})


#: Every command, in the order ``huabei --help`` lists them.
COMMANDS = ("demo", "account", "bill", "pay", "plan", "instalment", "status", "export", "grid", "check", "contact",
            "backups", "restore", "remind", "import", "line", "serve", "profile", "tui", "doctor")
#: Global options that take a value (``--db PATH``); ``--demo`` and ``--no-snapshot`` take none.
_VALUED_GLOBALS = ("--db", "--profile", "--today", "--lang", "--line")
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
    h = lambda key: tr(f"arg.{key}", lang)  # noqa: E731 - keeps every help string on one line
    parser_class = _parser_class(lang)
    wanted = lambda name: only is ALL or only == name  # noqa: E731
    parser = parser_class(prog="huabei", description=h("description"))
    parser.add_argument("--db", metavar="PATH", help=h("db"))
    parser.add_argument("--profile", metavar="NAME", help=h("profile"))
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=h("today"))
    parser.add_argument("--lang", metavar="zh|en", help=h("lang"))
    parser.add_argument("--line", metavar="NAME", help=h("line"))
    parser.add_argument("--demo", action="store_true", help=h("demo"))
    parser.add_argument("--no-snapshot", action="store_true", help=h("no_snapshot"))
    if only == "":
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_class)

    if wanted("demo"):
        demo = sub.add_parser("demo", help=h("demo_cmd"), description=h("demo_cmd"))
        demo.add_argument("--force", action="store_true", help=h("demo_force"))

    if wanted("account"):
        account = sub.add_parser("account", help=h("account"), description=h("account"))
        account_sub = account.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
        account_set = account_sub.add_parser("set", help=h("account_set"), description=h("account_set"))
        account_set.add_argument("--limit", metavar="AMOUNT", help=h("limit"))
        account_set.add_argument("--statement-day", metavar="N", help=h("statement_day"))
        account_set.add_argument("--due-day", metavar="N", help=h("due_day"))
        account_set.add_argument("--auto-repay", metavar="on|off", help=h("auto_repay"))
        account_set.add_argument("--balance", metavar="AMOUNT", help=h("balance"))
        account_set.add_argument("--opened", metavar="YYYY-MM-DD", help=h("opened"))
        account_set.add_argument("--fee-rate", metavar="PERCENT_PER_DAY", help=h("fee_rate"))
        account_set.add_argument("--min-rate", metavar="PERCENT", help=h("min_rate"))
        account_set.add_argument("--interest-rate", metavar="PERCENT_PER_DAY", help=h("interest_rate"))

    if wanted("bill"):
        bill = sub.add_parser("bill", help=h("bill"), description=h("bill"))
        bill_sub = bill.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=parser_class)
        for name in ("add", "set"):
            p = bill_sub.add_parser(name, help=h(f"bill_{name}"), description=h(f"bill_{name}"))
            p.add_argument("month", metavar="MONTH", help=h("bill_month"))
            p.add_argument("amount", metavar="AMOUNT", nargs="?" if name == "set" else None, help=h("bill_amount"))
            if name == "set":
                p.add_argument("--minimum", metavar="AMOUNT|auto", help=h("bill_minimum"))
        remove = bill_sub.add_parser("remove", help=h("bill_remove"), description=h("bill_remove"))
        remove.add_argument("month", metavar="MONTH", help=h("bill_month"))
        bill_list = bill_sub.add_parser("list", help=h("bill_list"), description=h("bill_list"))
        bill_list.add_argument("--json", action="store_true", help=h("json"))

    if wanted("pay"):
        pay = sub.add_parser("pay", help=h("pay"), description=h("pay"))
        pay.add_argument("month", metavar="MONTH", help=h("pay_month"))
        pay.add_argument("amount", metavar="AMOUNT", help=h("pay_amount"))
        pay.add_argument("--on", metavar="YYYY-MM-DD", help=h("pay_on"))

    if wanted("plan"):
        plan = sub.add_parser("plan", help=h("plan"), description=h("plan"))
        plan.add_argument("month", nargs="?", metavar="MONTH", help=h("plan_month"))
        plan.add_argument("--json", action="store_true", help=h("json"))

    if wanted("instalment"):
        inst = sub.add_parser("instalment", help=h("instalment"), description=h("instalment"))
        inst.add_argument("month", metavar="MONTH", help=h("bill_month"))
        inst.add_argument("periods", nargs="?", metavar="PERIODS", help=h("instalment_periods"))
        inst.add_argument("--on", metavar="YYYY-MM-DD", help=h("instalment_on"))
        inst.add_argument("--cancel", action="store_true", help=h("instalment_cancel"))

    if wanted("status"):
        status = sub.add_parser("status", help=h("status"), description=h("status"))
        status.add_argument("--json", action="store_true", help=h("json"))

    if wanted("export"):
        export = sub.add_parser("export", help=h("export"), description=h("export"))
        export.add_argument("--format", default="text", metavar="text|json|csv|ics",
                            help=h("format"))
        export.add_argument("-o", "--output", metavar="FILE", help=h("output"))
        export.add_argument("--screen", choices=("all", "status", "calendar", "checklist", "recovery"), default="all",
                            help=h("screen"))
        export.add_argument("--remind-days", metavar="N", default="3",
                            help=h("remind_days"))
        export.add_argument("--all-lines", action="store_true", help=h("all_lines"))

    if wanted("grid"):
        grid = sub.add_parser("grid", help=h("grid"), description=h("grid"))
        grid.add_argument("--months", default="24", metavar="24|60", help=h("months"))

    if wanted("check"):
        check = sub.add_parser("check", help=h("check"), description=h("check"))
        check_sub = check.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
        tick = check_sub.add_parser("tick", help=h("tick"), description=h("tick"))
        tick.add_argument("step", metavar="STEP", help=h("step"))
        tick.add_argument("--list", dest="checklist", default="auth", choices=("auth", "recovery", "revoke"),
                          help=h("checklist"))
        tick.add_argument("--off", action="store_true", help=h("off"))
        answer = check_sub.add_parser("answer", help=h("answer"), description=h("answer"))
        answer.add_argument("answer", metavar="found|not-found|unsure", help=h("answer_value"))

    if wanted("contact"):
        contact = sub.add_parser("contact", help=h("contact"), description=h("contact"))
        contact_sub = contact.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
        contact_add = contact_sub.add_parser("add", help=h("contact_add"), description=h("contact_add"))
        contact_add.add_argument("--topic", required=True, metavar="deferral|instalments|other", help=h("topic"))
        contact_add.add_argument("--outcome", required=True, metavar="TEXT", help=h("outcome"))
        contact_add.add_argument("--note", default="", metavar="TEXT", help=h("note"))
        contact_add.add_argument("--on", metavar="YYYY-MM-DD", help=h("contact_on"))

    if wanted("backups"):
        sub.add_parser("backups", help=h("backups"), description=h("backups"))
    if wanted("restore"):
        restore = sub.add_parser("restore", help=h("restore"), description=h("restore"))
        restore.add_argument("backup", nargs="?", metavar="BACKUP", help=h("backup"))

    if wanted("remind"):
        remind = sub.add_parser("remind", help=h("remind"), description=h("remind"))
        remind.add_argument("--within", default="3", metavar="DAYS",
                            help=h("within"))

    if wanted("import"):
        imp = sub.add_parser("import", help=h("import"), description=h("import"))
        imp_sub = imp.add_subparsers(dest="source", metavar="SOURCE", required=True, parser_class=parser_class)
        # No abbreviations: "--password 123456" must be refused, not read as "--password-file 123456".
        alipay = imp_sub.add_parser("alipay", help=h("import_alipay"), description=h("import_alipay"), allow_abbrev=False)
        alipay.add_argument("files", nargs="+", metavar="FILE", help=h("import_files"))
        alipay.add_argument("--dry-run", action="store_true", help=h("dry_run"))
        alipay.add_argument("--route", action="append", default=[], metavar="METHOD=LINE", help=h("route"))
        alipay.add_argument("--password-file", metavar="PATH", help=h("password_file"))

    if wanted("line"):
        line = sub.add_parser("line", help=h("line_command"), description=h("line_command"))
        line_sub = line.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
        line_add = line_sub.add_parser("add", help=h("line_add"), description=h("line_add"))
        line_add.add_argument("name", metavar="NAME", help=h("line_name"))
        line_add.add_argument("--limit", metavar="AMOUNT", help=h("line_limit"))
        line_list = line_sub.add_parser("list", help=h("line_list"), description=h("line_list"))
        line_list.add_argument("--json", action="store_true", help=h("json"))
        line_rename = line_sub.add_parser("rename", help=h("line_rename"), description=h("line_rename"))
        line_rename.add_argument("old", metavar="OLD", help=h("line_old"))
        line_rename.add_argument("new", metavar="NEW", help=h("line_new"))
        line_remove = line_sub.add_parser("remove", help=h("line_remove"), description=h("line_remove"))
        line_remove.add_argument("name", metavar="NAME", help=h("line_remove_name"))
        line_remove.add_argument("--force", action="store_true", help=h("line_force"))

    if wanted("serve"):
        serve = sub.add_parser("serve", help=h("serve"), description=h("serve"))
        serve.add_argument("--host", help=h("host"))
        serve.add_argument("--port", default="8000", help=h("port"))
        serve.add_argument("--public", action="store_true", help=h("public"))
        serve.add_argument("--max-connections", default="2", metavar="N", help=h("max_connections"))

    if wanted("profile"):
        profile = sub.add_parser("profile", help=h("profile_cmd"), description=h("profile_cmd"))
        profile_sub = profile.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=parser_class)
        profile_list = profile_sub.add_parser("list", help=h("profile_list"), description=h("profile_list"))
        profile_list.add_argument("--json", action="store_true", help=h("json"))

    if wanted("tui"):
        sub.add_parser("tui", help=h("tui"), description=h("tui"))
    if wanted("doctor"):
        doctor = sub.add_parser("doctor", help=h("doctor"), description=h("doctor"))
        doctor.add_argument("--json", action="store_true", help=h("doctor_json"))
    return parser


def lang_from_argv(argv: Sequence[str]) -> str | None:
    """``--lang`` as the parser will read it: among the options before the command, the last one wins (a later
    ``--lang`` overrides an alias's), and nothing after the command name (a note may say "--lang")."""
    from huabei_tui.cli.language import global_options

    return global_options(argv).get("--lang")


def user_lang(argv: Sequence[str]) -> str:
    """The language the user reads, decided from the command line before it is parsed: the rule of error messages
    and of the help pages, the one the command itself speaks by (``cli.language.user_language``; here the older
    data file's setting is read only when neither ``settings.toml`` nor an option decides).

    No Textual is imported: help stays quick. Nothing remembered that cannot be read makes help or an error fail."""
    from huabei_tui.cli.language import argv_data_file_lang, user_language

    return user_language(lang_from_argv(argv), argv_data_file_lang(argv))


def asks_for_help(argv: Sequence[str]) -> bool:
    """Whether argparse will print a help page for ``argv``: ``-h``/``--help`` (or an abbreviation argparse takes,
    ``--he``) anywhere before ``--``, for the program or a command."""
    for arg in argv:
        if arg == "--":
            return False
        if arg == "-h" or (arg.startswith("-h") and not arg.startswith("--")) or (
                len(arg) > 2 and "--help".startswith(arg)):
            return True
    return False


def parse_command_line(args_list: list[str]) -> tuple[argparse.Namespace, Clock, str, bool]:
    """The parsed command line, the clock it asks for, the language and whether the language was chosen
    (``--lang``/``HUABEI_LANG``; else a language remembered from the app may win). Raises ``UsageError`` or
    ``InputError``. The same for every command and for the app, whichever process reads it.

    A help page is printed while parsing, before the language remembered from the app is otherwise looked at
    (``handlers.context_for``): for help the parser is built in ``user_lang``, the same rule as errors."""
    from huabei_tui.cli.language import lang_chosen
    from huabei_tui.clock import Clock
    from huabei_tui.domain.errors import InputError
    from huabei_tui.i18n import detect_lang

    lang = user_lang(args_list) if asks_for_help(args_list) else detect_lang(lang_from_argv(args_list) or None)
    args = build_parser(lang, command_in(args_list)).parse_args(args_list)
    if args.lang and args.lang.strip().lower()[:2] not in ("zh", "en"):
        raise InputError("lang", "lang.unknown", value=args.lang)
    clock = Clock.from_option(args.today)
    return args, clock, lang, lang_chosen(args.lang)
