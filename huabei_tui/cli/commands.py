"""One function per command. They parse values with the domain parsers and print with the shared reports.

Reports, exports, the demo data and the Alipay importer are imported inside the commands that use them: every
``huabei`` run pays for what this module imports, and ``status --json`` needs none of the text reports.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from huabei_tui.cli.context import Context, open_repository
from huabei_tui.clock import Clock
from huabei_tui.domain.account import Account, parse_on_off
from huabei_tui.domain.commands import CHECKLISTS
from huabei_tui.domain.dates import parse_date, parse_day_of_month, parse_month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.money import format_yuan, parse_money, parse_rate_percent
from huabei_tui.i18n import os_reason, pick, tr
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store


def dispatch(args: argparse.Namespace, clock: Clock, lang: str, lang_explicit: bool = True) -> int:
    if args.demo and args.command in (None, "tui"):
        return run_demo_tui(clock, lang)
    repo = open_repository(args.db)
    if not lang_explicit:
        lang = remembered_lang(repo) or lang
    ctx = Context(repo=repo, clock=clock, lang=lang)
    handler = HANDLERS.get(args.command or "tui")
    return handler(ctx, args)


def remembered_lang(repo: Repository) -> str | None:
    """The language last chosen with ``L`` in the app, unless the file cannot be read (then the command says so)."""
    from huabei_tui.storage.errors import StoreError

    try:
        value = repo.setting("lang")
    except StoreError:
        return None
    return value if value in ("zh", "en") else None


def _dump_json(ctx: Context, data: object) -> None:
    ctx.print(json.dumps(data, ensure_ascii=False, indent=2))


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
    return run_app(ctx.repo, ctx.clock, ctx.lang)


def run_demo_tui(clock: Clock, lang: str) -> int:
    """The app on a throw-away demo database in a temporary folder, removed afterwards."""
    import shutil
    import tempfile

    from huabei_tui.domain.demo import demo_ledger

    folder = Path(tempfile.mkdtemp(prefix="huabei-demo-"))
    try:
        repo = Repository(Store(folder / "demo.json"))
        repo.replace_ledger(demo_ledger(clock.today()), only_if_empty=False)
        from huabei_tui.ui.app import run_app

        return run_app(repo, clock, lang, demo=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- data ------------------------------------------------------------------------------------------------------
def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:
    from huabei_tui.domain.demo import demo_ledger

    saved = ctx.repo.replace_ledger(demo_ledger(ctx.today), only_if_empty=not args.force)
    if not saved:
        raise InputError("db", "cli.demo_refused", path=str(ctx.repo.path))
    ctx.print(tr("cli.demo_done", ctx.lang, path=ctx.repo.path))
    return 0


def parse_account_changes(args: argparse.Namespace, today) -> dict[str, object]:
    """Every option given, parsed; all are checked before anything is saved."""
    changes: dict[str, object] = {}
    if args.limit is not None:
        changes["limit"] = parse_money(args.limit, field="limit")
    if args.statement_day is not None:
        changes["statement_day"] = parse_day_of_month(args.statement_day, field="statement_day")
    if args.due_day is not None:
        changes["due_day"] = parse_day_of_month(args.due_day, field="due_day")
    if args.auto_repay is not None:
        changes["auto_repay"] = parse_on_off(args.auto_repay, field="auto_repay")
    if args.balance is not None:
        changes["balance"] = parse_money(args.balance, field="balance", allow_zero=True)
        changes["balance_checked_on"] = today
    if args.opened is not None:
        opened = parse_date(args.opened, field="opened")
        if opened > today:
            raise InputError("opened", "date.in_future", value=opened.isoformat())
        changes["opened"] = opened
    if args.fee_rate is not None:
        changes["fee_rate"] = parse_rate_percent(args.fee_rate, field="fee_rate")
    return changes


def cmd_account(ctx: Context, args: argparse.Namespace) -> int:
    from huabei_tui.io import text_report

    if args.action == "set":
        changes = parse_account_changes(args, ctx.today)
        if changes:
            ctx.repo.update_account(lambda account: Account.with_changes(account, **changes))
            ctx.print(tr("cli.account_saved", ctx.lang))
    _ledger, summary = ctx.snapshot()
    ctx.print("\n".join(text_report.account_lines(summary, ctx.lang)))
    return 0


def cmd_bill(ctx: Context, args: argparse.Namespace) -> int:
    if args.action == "list":
        _ledger, summary = ctx.snapshot()
        if args.json:
            from huabei_tui.io import json_view

            _dump_json(ctx, [json_view.bill_json(b) for b in summary.bills])
        else:
            from huabei_tui.io import text_report

            ctx.print("\n".join(text_report.bills_lines(summary.bills, ctx.lang)))
        return 0
    month = parse_month(args.month)
    if args.action == "remove":
        ctx.repo.remove_bill(month)
        ctx.print(tr("cli.bill_removed", ctx.lang, month=month))
        return 0
    amount = parse_money(args.amount)
    ctx.repo.add_bill(month, amount, ctx.today, replace=args.action == "set")
    key = "cli.bill_set" if args.action == "set" else "cli.bill_added"
    ctx.print(tr(key, ctx.lang, month=month, amount=format_yuan(amount)))
    return 0


def cmd_pay(ctx: Context, args: argparse.Namespace) -> int:
    month = parse_month(args.month)
    amount = parse_money(args.amount)
    on = parse_date(args.on, field="on") if args.on else ctx.today
    payment = ctx.repo.add_payment(month, amount, on, ctx.today)
    _ledger, summary = ctx.snapshot()
    # The bill it pays: after a remainder moved into the next bill, a later payment pays that one.
    state = summary.bill(payment.month)
    outstanding = format_yuan(state.outstanding) if state else "-"
    ctx.print(tr("cli.paid", ctx.lang, amount=format_yuan(payment.amount), on=payment.on.isoformat(),
                 month=payment.month, outstanding=outstanding))
    return 0


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    _ledger, summary = ctx.snapshot()
    if args.json:
        from huabei_tui.io import json_view

        _dump_json(ctx, json_view.status_json(summary))
    else:
        from huabei_tui.io import text_report

        ctx.print(text_report.status_text(summary, ctx.lang))
    return 0


def render_export(ctx: Context, fmt: str, screen: str = "all", remind_days: int = 3) -> str:
    from huabei_tui.io.exports import export_document

    ledger, summary = ctx.snapshot()
    return export_document(summary, ledger, ctx.lang, fmt, screen, remind_days)


def write_output(path: Path, text: str, lang: str) -> None:
    try:
        # newline="" keeps the CRLF that CSV and iCalendar require.
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise InputError("file", "file.unwritable", path=str(path), reason=os_reason(exc, lang)) from exc


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from huabei_tui.domain.reminders import parse_days
    from huabei_tui.io.exports import FORMATS

    fmt = args.format.strip().lower()
    if fmt not in FORMATS:
        raise InputError("format", "format.unknown", value=args.format)
    remind_days = parse_days(args.remind_days, field="remind_days")
    text = render_export(ctx, fmt, args.screen, remind_days)
    if args.output:
        path = Path(args.output).expanduser()
        write_output(path, text, ctx.lang)
        import sys

        sys.stderr.write(tr("cli.exported", ctx.lang, path=path) + "\n")
    else:
        ctx.out.write(text)
    return 0


def cmd_grid(ctx: Context, args: argparse.Namespace) -> int:
    if str(args.months).strip() not in ("24", "60"):
        raise InputError("months", "months.choice", value=args.months)
    from huabei_tui.io import text_report

    _ledger, summary = ctx.snapshot(int(args.months))
    ctx.print("\n".join(text_report.grid_lines(summary.grid, ctx.lang)))
    return 0


def _step_id(checklist: str, step: str) -> str:
    steps = CHECKLISTS[checklist]
    if step.isdigit() and 1 <= int(step) <= len(steps):
        return steps[int(step) - 1].id
    return step


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    from huabei_tui.io import text_report

    if args.action == "tick":
        step_id = _step_id(args.checklist, args.step)
        ctx.repo.set_tick(args.checklist, step_id, None if args.off else ctx.today)
        step = next(s for s in CHECKLISTS[args.checklist] if s.id == step_id)
        ctx.print(tr("cli.unticked" if args.off else "cli.ticked", ctx.lang, step=pick(step.text, ctx.lang)))
    elif args.action == "answer":
        ctx.repo.set_answer(args.answer, ctx.today)
        ctx.print(tr("cli.answered", ctx.lang, answer=args.answer))
    ledger, summary = ctx.snapshot()
    ctx.print(text_report.checklist_text(summary, ledger, ctx.lang))
    return 0


def cmd_contact(ctx: Context, args: argparse.Namespace) -> int:
    from huabei_tui.io import text_report

    if args.action == "add":
        on = parse_date(args.on, field="on") if args.on else ctx.today
        ctx.repo.add_contact(on, args.topic.strip().lower(), args.outcome, args.note, ctx.today)
        ctx.print(tr("cli.contact_added", ctx.lang))
    ledger, _summary = ctx.snapshot()
    ctx.print("\n".join(text_report.contact_lines(ledger, ctx.lang)))
    return 0


def cmd_backups(ctx: Context, args: argparse.Namespace) -> int:
    backups = ctx.repo.store.backups()
    if not backups:
        ctx.print(tr("cli.no_backup", ctx.lang))
        return 0
    ctx.print(tr("cli.backups", ctx.lang))
    for path in backups:
        ctx.print(f"  {path}")
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    backup = Path(args.backup).expanduser() if args.backup else None
    restored, damaged = ctx.repo.store.restore(backup)
    if damaged:
        ctx.print(tr("cli.restored", ctx.lang, backup=restored, damaged=damaged))
    else:
        ctx.print(tr("cli.restored_clean", ctx.lang, backup=restored))
    return 0


def cmd_remind(ctx: Context, args: argparse.Namespace) -> int:
    """Silent when all is well; one line per bill otherwise; the exit status says which (see reminders.py)."""
    from huabei_tui.domain.reminders import parse_days, reminders
    from huabei_tui.io import text_report

    within = parse_days(args.within, field="days")
    _ledger, summary = ctx.snapshot()
    found = reminders(summary, within)
    for bill in found.overdue:
        ctx.print(tr("remind.overdue", ctx.lang, month=bill.month, amount=format_yuan(bill.outstanding),
                     days=bill.overdue_days, fee=format_yuan(bill.fee), per_day=format_yuan(bill.fee_per_day)))
    for bill in found.due_soon:
        when = text_report.due_phrase(bill, ctx.lang)
        ctx.print(tr("remind.due", ctx.lang, month=bill.month, amount=format_yuan(bill.outstanding),
                     date=bill.due_date.isoformat(), when=when))
    return found.exit_status


def cmd_doctor(ctx: Context, args: argparse.Namespace) -> int:
    """Whether the start-up snapshot is on, where its cache is, whether a frame is ready (cli/doctor.py)."""
    from huabei_tui.cli.doctor import report

    ctx.print("\n".join(report(args, ctx.lang)))
    return 0


class _ProgressBar:
    """A one-line bar on stderr while a long import runs; silent when stderr is not a terminal (pipes, cron)."""

    def __init__(self, label: str) -> None:
        import sys

        self.stream = sys.stderr
        self.enabled = self.stream.isatty()
        self.label = label
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        percent = min(100, done * 100 // total)
        if percent == self.shown:
            return
        self.shown = percent
        filled = percent * 30 // 100
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {percent:3d}%")
        if percent >= 100:
            self.stream.write("\n")
        self.stream.flush()

    def close(self) -> None:
        """End a bar left part-way (the file turned out damaged), so the error starts on its own line."""
        if self.enabled and 0 <= self.shown < 100:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = 100


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    """Parse every file first (a bad one imports nothing), preview, then save all new records at once."""
    from huabei_tui.io.alipay import AlipayImportError, parse_alipay_export
    from huabei_tui.io.alipay_import import ImportBatch, add_export, preview_lines

    ledger = ctx.repo.load()
    batch = ImportBatch()
    parsed_files = []
    for name in args.files:
        path = Path(name).expanduser()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError("file", "file.unreadable", path=str(path), reason=os_reason(exc, ctx.lang)) from exc
        bar = _ProgressBar(path.name)
        try:
            parsed = parse_alipay_export(data, progress=bar)
        except AlipayImportError as exc:
            bar.close()
            raise InputError("import", "import.file_error", file=str(path), message=exc.message(ctx.lang)) from exc
        parsed_files.append((path.name, parsed))
        add_export(batch, parsed, ledger.account)
    ctx.print("\n".join(preview_lines(batch, parsed_files, ctx.lang)))
    if args.dry_run:
        ctx.print(tr("import.dry_run", ctx.lang))
        return 0
    if not batch.record_count:
        ctx.print(tr("import.none", ctx.lang))
        return 0
    added = ctx.repo.add_imported(batch.purchases, batch.payments, batch.plans)
    known = batch.record_count - added[0] - added[1]
    ctx.print(tr("import.new", ctx.lang, purchases=added[0], payments=added[1], plans=added[2], known=known))
    return 0


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    """The TUI in a browser, for its owner only: ``huabei_tui.cli.serve``, imported when run so no other command
    pays for it."""
    from huabei_tui.cli.serve import cmd_serve as serve

    return serve(ctx, args)


HANDLERS = {
    "tui": cmd_tui,
    "demo": cmd_demo,
    "account": cmd_account,
    "bill": cmd_bill,
    "pay": cmd_pay,
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
    "doctor": cmd_doctor,
}
