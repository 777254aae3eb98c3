"""One function per command: parse the arguments, run the session's use case, print with the shared reports.

Every change is a use case of ``huabei_tui.session`` (the app runs the very same ones); a command here only turns
text into values with the domain parsers and the result into lines. Reports, exports, the demo data and the
Alipay importer are imported inside the commands that use them: every ``huabei`` run pays for what this module
imports, and ``status --json`` needs none of the text reports.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from huabei_tui.cli.context import Context, open_repository
from huabei_tui.cli.language import user_language
from huabei_tui.clock import Clock
from huabei_tui.domain.dates import Month, parse_date, parse_month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.money import format_yuan, parse_money
from huabei_tui.domain.numbers import parse_whole_number
from huabei_tui.domain.textsafe import printable
from huabei_tui.i18n import tr
from huabei_tui.session import Session, Snapshot
from huabei_tui.storage.repository import Repository


def dispatch(args: argparse.Namespace, clock: Clock, lang: str, lang_explicit: bool = True) -> int:
    from huabei_tui.paths import selection

    selection(args.db, args.profile)  # a bad profile name, or --db with --profile: exit 2 before anything
    if args.demo and args.command in (None, "tui"):
        return run_demo_tui(clock, lang)
    if args.demo and args.command != "doctor":  # doctor reports on how ``huabei --demo`` starts, as it did
        return run_demo_command(args, clock, lang, lang_explicit)
    return run_handler(context_for(args, clock, lang, lang_explicit), args)


def run_demo_command(args: argparse.Namespace, clock: Clock, lang: str, lang_explicit: bool) -> int:
    """``huabei --demo COMMAND``: the command on a fresh throw-away demo database, as the app's ``--demo``
    (``cli/demo_run.py``); a change is made on it and announced on stderr as not saved."""
    from huabei_tui.cli import demo_run

    demo_run.refuse_unless_fit(args)
    with demo_run.demo_repository(clock) as repo:
        if not lang_explicit:
            lang = user_language(args.lang, data_file_lang(repo))
        ctx = Context(session=Session(repo, clock, chosen_line(args)), lang=lang, demo=True)
        with demo_run.notice_if_changed(ctx):
            return run_handler(ctx, args)


def run_handler(ctx: Context, args: argparse.Namespace) -> int:
    """The command's handler on ``ctx`` (the user's data file, or ``--demo``'s throw-away copy)."""
    handler = HANDLERS.get(args.command or "tui")
    try:
        return handler(ctx, args)
    finally:
        warn_if_no_backup(ctx)


def context_for(args: argparse.Namespace, clock: Clock, lang: str, lang_explicit: bool = True) -> Context:
    """The data file the options name, the language (a language remembered from the app when none was chosen),
    the profile and the line: what every command, and the app, runs on."""
    from huabei_tui.paths import selection

    chosen = selection(args.db, args.profile)
    repo = open_repository(args.db, args.profile)
    if not lang_explicit:
        lang = user_language(args.lang, data_file_lang(repo))
    return Context(session=Session(repo, clock, chosen_line(args)), lang=lang, profile=chosen.profile)


ENV_LINE = "HUABEI_LINE"


def chosen_line(args: argparse.Namespace) -> str | None:
    """``--line``, else ``HUABEI_LINE``, else None (the only line; a change asks when there are several)."""
    import os

    name = getattr(args, "line", None) or os.environ.get(ENV_LINE) or ""
    return name.strip() or None


def warn_if_no_backup(ctx: Context) -> None:
    """A save went through without its backup (the backups folder is unusable): one line on stderr says so."""
    import sys

    problem = ctx.repo.store.backup_problem
    if problem is not None:
        sys.stderr.write(printable(f"{tr('cli.warning', ctx.lang)}: {problem.message(ctx.lang)}") + "\n")


def data_file_lang(repo: Repository) -> Callable[[], object]:
    """The reader of the ``lang`` setting an older data file kept, for ``cli.language.user_language`` (the one
    rule of the language; a file that cannot be read is passed over there, and the command then says why)."""
    return lambda: repo.setting("lang")


def _dump_json(ctx: Context, data: object) -> None:
    """What every ``--json`` option prints: a character a terminal would act on (in a name, a note, a path) is
    written as a JSON escape, not dropped, so a script reads every value as stored."""
    from huabei_tui.io.json_text import for_terminal

    ctx.print(for_terminal(data))


# -- TUI -------------------------------------------------------------------------------------------------------
def cmd_tui(ctx: Context, args: argparse.Namespace) -> int:
    import gc

    # run_app pauses the cyclic collector until the first frame; pausing it already here also spares the
    # collections Python would run while importing Textual (it is enabled again however run_app ends).
    gc.disable()
    try:
        from huabei_tui.ui.app import run_app
    finally:
        gc.enable()
    if ctx.session.line:
        ctx.session.lines().get(ctx.session.line)  # an unknown --line: one line and exit 2, before the screen
    return run_app(ctx.repo, ctx.clock, ctx.lang, profile=ctx.profile, line=ctx.session.line)


def run_demo_tui(clock: Clock, lang: str) -> int:
    """The app on a throw-away demo database in a temporary folder, removed afterwards (``demo_run``)."""
    from huabei_tui.cli.demo_run import demo_repository

    with demo_repository(clock) as repo:
        from huabei_tui.ui.app import run_app

        return run_app(repo, clock, lang, demo=True)


# -- data ------------------------------------------------------------------------------------------------------
def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:
    ctx.session.load_demo(force=args.force)
    ctx.print(tr("cli.demo_done", ctx.lang, path=ctx.session.repo.path))
    return 0


def _say_line(ctx: Context, snapshot: Snapshot) -> None:
    """With several credit lines, a reading command's text first says whose figures follow (JSON is unchanged:
    programs ask with ``--line``)."""
    if snapshot.several_lines:
        ctx.print(tr("label.cli_line", ctx.lang, name=snapshot.line, names=" / ".join(snapshot.line_names)))


def cmd_account(ctx: Context, args: argparse.Namespace) -> int:
    from huabei_tui.session.settings import SETTINGS, parse_settings
    from huabei_tui.views import text_report

    snapshot = None
    if args.action == "set":
        texts = {name: getattr(args, name) for name in SETTINGS}
        changes = parse_settings(texts, ctx.session.clock.today())  # all checked before anything is saved
        if changes:
            snapshot = ctx.session.change_settings(changes)
            ctx.print(tr("cli.account_saved", ctx.lang))
    snapshot = snapshot or ctx.snapshot()
    _say_line(ctx, snapshot)
    ctx.print("\n".join(text_report.account_lines(snapshot.summary, ctx.lang, ctx.keys)))
    return 0


def cmd_bill(ctx: Context, args: argparse.Namespace) -> int:
    if args.action == "list":
        snapshot = ctx.snapshot()
        summary = snapshot.summary
        if args.json:
            from huabei_tui.io import json_view

            _dump_json(ctx, [json_view.bill_json(b) for b in summary.bills])
        else:
            from huabei_tui.views import text_report

            _say_line(ctx, snapshot)
            ctx.print("\n".join(text_report.bills_lines(summary.bills, ctx.lang)))
        return 0
    month = parse_month(args.month)
    if args.action == "remove":
        ctx.session.remove_bill(month)
        ctx.print(tr("cli.bill_removed", ctx.lang, month=month))
        return 0
    minimum_text = getattr(args, "minimum", None)
    if args.amount is None and minimum_text is None:
        raise InputError("amount", "cli.bill_set_needs", month=str(month))
    # Everything is parsed and checked before anything is saved: a bad minimum leaves a new amount unsaved too.
    amount = parse_money(args.amount) if args.amount is not None else None
    minimum: int | None = None
    auto = minimum_text is not None and minimum_text.strip().lower() in ("auto", "自动")
    if minimum_text is not None and not auto:
        minimum = parse_money(minimum_text, field="minimum")
    if amount is not None:
        saved = ctx.session.save_bill(month, amount, replace=args.action == "set", minimum=minimum,
                                      change_minimum=minimum_text is not None)
        snapshot = saved.snapshot
        key = "cli.bill_set" if args.action == "set" else "cli.bill_added"
        ctx.print(tr(key, ctx.lang, month=month, amount=format_yuan(amount)))
    else:
        snapshot = ctx.session.set_minimum(month, minimum)
    if minimum_text is not None:
        state = snapshot.summary.bill(month)
        ctx.print(tr("cli.minimum_auto" if auto else "cli.minimum_set", ctx.lang, month=month,
                     amount=format_yuan(minimum or 0), rule=format_yuan(state.minimum) if state else "-"))
    return 0


def cmd_pay(ctx: Context, args: argparse.Namespace) -> int:
    month = parse_month(args.month)
    amount = parse_money(args.amount)
    on = parse_date(args.on, field="on") if args.on else None
    saved = ctx.session.record_payment(month, amount, on)
    payment = saved.value
    # The bill it pays: after a remainder moved into the next bill, a later payment pays that one.
    state = saved.snapshot.summary.bill(payment.month)
    outstanding = format_yuan(state.outstanding) if state else "-"
    ctx.print(tr("cli.paid", ctx.lang, amount=format_yuan(payment.amount), on=payment.on.isoformat(),
                 month=payment.month, outstanding=outstanding))
    if payment.month != month:  # the user named the old bill: say why another one took the payment
        ctx.print(tr("cli.paid_moved", ctx.lang, asked=month, month=payment.month))
    return 0


def cmd_plan(ctx: Context, args: argparse.Namespace) -> int:
    """The planner for the bill to pay now (or bill MONTH): every option, its cost, its effect on the record."""
    from huabei_tui.domain.planner import plan_for

    month = parse_month(args.month) if args.month else None
    snapshot = ctx.snapshot()
    summary = snapshot.summary
    if month is not None and summary.bill(month) is None:
        raise InputError("month", "plan.unknown_bill", month=str(month))
    plan = plan_for(summary, month)
    if args.json:
        from huabei_tui.io import json_view

        _dump_json(ctx, None if plan is None else json_view.plan_json(plan))
        return 0
    from huabei_tui.views import text_report
    from huabei_tui.views.blocks import plain_lines
    from huabei_tui.views.planner import planner_page

    page = planner_page(plan, ctx.lang, hints=False, has_bills=bool(summary.bills), keys=ctx.keys)
    _say_line(ctx, snapshot)
    shown = text_report.planner_lines(page, ctx.lang) if plan is not None else [page.title, *plain_lines(page.best)]
    ctx.print("\n".join(shown))
    return 0


def cmd_instalment(ctx: Context, args: argparse.Namespace) -> int:
    """Split bill MONTH into PERIODS parts on --on (default today), or ``--cancel`` the split."""
    from huabei_tui.domain.bill_instalments import parse_periods

    month = parse_month(args.month)
    if args.cancel:
        if args.periods is not None:
            raise InputError("periods", "cli.cancel_no_periods", value=args.periods)
        saved = ctx.session.cancel_split(month)
        split, state = saved.value, saved.snapshot.summary.bill(month)
        ctx.print(tr("cli.split_cancelled", ctx.lang, month=month, periods=split.periods,
                     outstanding=format_yuan(state.outstanding if state else 0),
                     status=tr(f"status.{state.status}", ctx.lang) if state else "-"))
        return 0
    if args.periods is None:
        raise InputError("periods", "cli.split_needs_periods", month=str(month))
    periods = parse_periods(args.periods, ctx.snapshot().ledger.account.installment_rates)
    on = parse_date(args.on, field="on") if args.on else None
    split = ctx.session.split_bill(month, periods, on).value
    parts = split.parts()
    ctx.print(tr("cli.split", ctx.lang, month=month, periods=split.periods, on=split.on.isoformat(),
                 principal=format_yuan(split.principal), fee=format_yuan(split.total_fee),
                 first=str(parts[0].bill), last=str(parts[-1].bill)))
    from huabei_tui.textwidth import table

    headers = (tr("label.bill", ctx.lang), tr("cli.split_principal", ctx.lang), tr("cli.split_fee", ctx.lang),
               tr("cli.split_part", ctx.lang))
    rows = [(str(p.bill), format_yuan(p.principal), format_yuan(p.fee), format_yuan(p.amount)) for p in parts]
    ctx.print("\n".join(table(headers, rows, ("left", "right", "right", "right"))))
    return 0


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    """One line's status with ``--line``; else every line's and, with several, the total first. The JSON's top
    level is always one line's (the first without ``--line``), so scripts written for one line keep working;
    ``lines`` lists each line's own."""
    if ctx.session.line:
        snapshots = (ctx.snapshot(),)
        every = None
    else:
        every = ctx.session.all_lines()
        snapshots = every.snapshots
    if args.json:
        from huabei_tui.io import json_view

        first = json_view.status_json(snapshots[0].summary)
        data = dict(first)
        data["lines"] = [json_view.line_json(s.line, s.summary, status=first if i == 0 else None)
                         for i, s in enumerate(snapshots)]
        if every is not None and every.several:
            data["lines_total"] = json_view.lines_total_json(every.total)
        _dump_json(ctx, data)
        return 0
    from huabei_tui.views import text_report

    if every is None or not every.several:
        ctx.print(text_report.status_text(snapshots[0], ctx.lang, ctx.keys))
        return 0
    from huabei_tui.views.lines import line_heading, lines_status_lines

    ctx.print("\n".join(lines_status_lines(every, ctx.lang)))
    for snapshot in snapshots:
        ctx.print("")
        ctx.print(line_heading(snapshot.line, ctx.lang))
        ctx.print(text_report.status_text(snapshot, ctx.lang, ctx.keys))
    return 0


def cmd_line(ctx: Context, args: argparse.Namespace) -> int:
    """``huabei line add|list|rename|remove``: the credit lines of the data file (花呗, 信用购, …)."""
    session = ctx.session
    if args.action == "add":
        limit = parse_money(args.limit, field="limit") if args.limit is not None else None
        line = session.add_line(args.name, limit)
        ctx.print(tr("line.added", ctx.lang, name=line.name))
    elif args.action == "rename":
        line = session.rename_line(args.old, args.new)
        ctx.print(tr("line.renamed", ctx.lang, old=args.old.strip(), new=line.name))
    elif args.action == "remove":
        line = session.remove_line(args.name, force=args.force)
        if ctx.demo:  # its backup is in the demo's temporary folder, gone when the command ends: name none
            ctx.print(tr("line.removed_demo", ctx.lang, name=line.name))
            return 0
        backups = ctx.repo.store.backups()
        ctx.print(tr("line.removed", ctx.lang, name=line.name, backup=backups[0] if backups else "-"))
        return 0
    every = session.all_lines()
    if getattr(args, "json", False):
        from huabei_tui.io import json_view

        _dump_json(ctx, [json_view.line_json(s.line, s.summary, brief=True) | {"imports": list(line.methods)}
                         for s, line in zip(every.snapshots, session.lines().items, strict=True)])
        return 0
    from huabei_tui.views.lines import lines_table

    ctx.print("\n".join(lines_table(every, session.lines(), ctx.lang)))
    return 0


def render_export(ctx: Context, fmt: str, screen: str = "all", remind_days: int = 3) -> str:
    from huabei_tui.views.export import export_document

    snapshot = ctx.snapshot()
    return export_document(snapshot, ctx.lang, fmt, screen, remind_days, profile=ctx.profile, keys=ctx.keys)


def protected_files(ctx: Context) -> list:
    """What an output must never land on: this data file and, when another one is in use, the default one
    (``safe_output.protected_around``)."""
    from huabei_tui.io.safe_output import protected_around

    return protected_around(ctx.repo.store)


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from huabei_tui.domain.reminders import parse_days
    from huabei_tui.views.export import FORMATS

    fmt = args.format.strip().lower()
    if fmt not in FORMATS:
        raise InputError("format", "format.unknown", value=args.format)
    if args.screen != "all" and fmt != "text":
        # json/csv/ics always hold everything: a screen asked for must not be dropped without a word.
        raise InputError("screen", "format.screen_text_only", format=fmt)
    remind_days = parse_days(args.remind_days, field="remind_days")
    if args.all_lines:
        if ctx.session.line:
            raise InputError("line", "export.all_lines_and_line", line=ctx.session.line)
        from huabei_tui.views.export import export_all_lines

        text = export_all_lines(ctx.session.all_lines(), ctx.lang, fmt, args.screen, remind_days,
                                profile=ctx.profile, keys=ctx.keys)
    else:
        text = render_export(ctx, fmt, args.screen, remind_days)
    if args.output is not None and args.output != "-":
        import sys

        from huabei_tui.io.safe_output import write_output

        # newline as is: CSV and iCalendar keep the CRLF they require.
        path = write_output(args.output, text.encode("utf-8"), protected_files(ctx), ctx.lang)
        sys.stderr.write(printable(tr("cli.exported", ctx.lang, path=path)) + "\n")
    else:
        ctx.out.write(text)
    return 0


def cmd_grid(ctx: Context, args: argparse.Namespace) -> int:
    months = parse_whole_number(args.months, field="months", low=24, high=60, malformed="months.choice")
    if months not in (24, 60):
        raise InputError("months", "months.choice", value=args.months)
    from huabei_tui.views import text_report

    snapshot = ctx.snapshot()
    cells = snapshot.summary_for(months).grid
    _say_line(ctx, snapshot)
    ctx.print("\n".join(text_report.repayment_grid_lines(cells, Month.of(snapshot.today), ctx.lang)))
    return 0


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    from huabei_tui.views import text_report

    snapshot = None
    if args.action == "tick":
        saved = ctx.session.set_step(args.checklist, args.step, done=not args.off)
        snapshot = saved.snapshot
        ctx.print(tr("cli.unticked" if args.off else "cli.ticked", ctx.lang, step=tr(saved.value.text, ctx.lang)))
    elif args.action == "answer":
        from huabei_tui.domain.checks import check_answer

        # Checked here: the session takes an empty answer as "clear it", which no one asks for by typing ''.
        snapshot = ctx.session.answer(check_answer(args.answer))
        ctx.print(tr("cli.answered", ctx.lang, answer=args.answer))
    snapshot = snapshot or ctx.snapshot()
    if args.action == "tick" and args.checklist == "recovery":
        # The recovery steps are on the recovery screen, not the checklist screen: show the step just ticked.
        ctx.print(text_report.screen_text(snapshot, ctx.lang, "recovery", ctx.keys))
    else:
        ctx.print(text_report.checklist_text(snapshot, ctx.lang, ctx.keys))
    return 0


def cmd_contact(ctx: Context, args: argparse.Namespace) -> int:
    from huabei_tui.views import text_report

    snapshot = None
    if args.action == "add":
        on = parse_date(args.on, field="on") if args.on else None
        snapshot = ctx.session.add_contact(args.topic, args.outcome, args.note, on)
        ctx.print(tr("cli.contact_added", ctx.lang))
    snapshot = snapshot or ctx.snapshot()
    ctx.print("\n".join(text_report.contact_lines(snapshot, ctx.lang)))
    return 0


def cmd_backups(ctx: Context, args: argparse.Namespace) -> int:
    backups = ctx.repo.store.backups()
    problem = ctx.repo.store.backups_folder_problem()
    if problem is not None:  # said first: it matters more than the list of what was kept before
        ctx.print(f"{tr('cli.warning', ctx.lang)}: {problem.message(ctx.lang)}")
    if not backups:
        ctx.print(tr("cli.no_backup", ctx.lang))
        return 0
    ctx.print(tr("cli.backups", ctx.lang))
    for path in backups:
        ctx.print(f"  {path}")
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    if args.backup is not None and not args.backup.strip():
        # ``huabei restore "$B"`` with B unset: not "the newest backup", which would replace the data file.
        raise InputError("backup", "cli.backup_empty")
    backup = Path(args.backup).expanduser() if args.backup else None
    if backup is not None and not backup.exists():
        # A mistyped name is bad input, not a data file that could not be read (exit 1).
        raise InputError("backup", "cli.no_such_backup", value=printable(str(args.backup)))
    restored, damaged = ctx.repo.store.restore(backup)
    if damaged:
        ctx.print(tr("cli.restored", ctx.lang, backup=restored, damaged=damaged))
    else:
        ctx.print(tr("cli.restored_clean", ctx.lang, backup=restored))
    return 0


def cmd_remind(ctx: Context, args: argparse.Namespace) -> int:
    """Silent when all is well; one line per bill otherwise; the exit status says which (see reminders.py).

    Every credit line is looked at (``--line``: that one); with several, each line names its line, and the
    overdue bills of every line come first (they cost every day), then those due soon."""
    from huabei_tui.domain.reminders import due_wording, parse_days, reminders, stay_clean_amount
    from huabei_tui.views.phrases import due_phrase, per_day_fee

    within = parse_days(args.within, field="days")
    snapshots = (ctx.snapshot(),) if ctx.session.line else ctx.session.all_lines().snapshots
    status = 0
    found_by_line = [(snapshot.line if snapshot.several_lines else tr("remind.huabei", ctx.lang),
                      reminders(snapshot.summary, within)) for snapshot in snapshots]
    for name, found in found_by_line:
        status = max(status, found.exit_status)
        for bill in found.overdue:
            ctx.print(tr("remind.overdue", ctx.lang, line=name, month=bill.month, amount=format_yuan(bill.outstanding),
                         days=bill.overdue_days, fee=format_yuan(bill.fee), per_day=per_day_fee(bill)))
    for name, found in found_by_line:
        for bill in found.due_soon:
            when = due_phrase(bill, ctx.lang)
            key = {"full": "remind.due", "minimum": "remind.due_minimum", "minimum_paid": "remind.due_minimum_paid"}
            ctx.print(tr(key[due_wording(bill)], ctx.lang, line=name, month=bill.month,
                         amount=format_yuan(bill.outstanding), minimum=format_yuan(stay_clean_amount(bill)),
                         date=bill.due_date.isoformat(), when=when))
    return status


def cmd_profile(ctx: Context, args: argparse.Namespace) -> int:
    """``profile list``: every profile's file in the data folder (cli/profiles.py)."""
    from huabei_tui.cli.profiles import list_command

    return list_command(ctx, args)


def cmd_doctor(ctx: Context, args: argparse.Namespace) -> int:
    """Whether the start-up snapshot is on, where its cache is, whether a frame is ready; where the data is and
    how it is split (cli/doctor.py)."""
    from huabei_tui.cli.doctor import data_lines, report, report_json, view_lines

    if args.json:
        ctx.print(report_json(args, ctx.repo.store, ctx.lang))
        return 0
    ctx.print("\n".join([*report(args, ctx.lang), *view_lines(args, ctx.lang), *data_lines(ctx.repo.store, ctx.lang)]))
    return 0


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    """The TUI in a browser, for its owner only: ``huabei_tui.cli.serve``, imported when run so no other command
    pays for it."""
    from huabei_tui.cli.serve import cmd_serve as serve

    return serve(ctx, args)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from huabei_tui.cli.importing import cmd_import

    return cmd_import(ctx, args)


HANDLERS = {
    "tui": cmd_tui,
    "demo": cmd_demo,
    "account": cmd_account,
    "bill": cmd_bill,
    "pay": cmd_pay,
    "plan": cmd_plan,
    "instalment": cmd_instalment,
    "status": cmd_status,
    "export": cmd_export,
    "grid": cmd_grid,
    "check": cmd_check,
    "contact": cmd_contact,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "remind": cmd_remind,
    "serve": cmd_serve,
    "import": cmd_import,
    "line": cmd_line,
    "doctor": cmd_doctor,
    "profile": cmd_profile,
}
