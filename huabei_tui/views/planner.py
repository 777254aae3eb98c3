"""The planner in words: for one bill on one day, every way to deal with it, what each costs, what it does to the
record, and the best one (issue 12: "what do I do, this month, that costs least and keeps my record clean?").

``huabei_tui.domain.planner`` decides (options, costs, ``best``, what is no longer possible and why); this module
says it: a heading with the bill's facts, a table of the options (the best one marked ``▶`` and given the ``best``
role), a sentence naming the best one, and the options left out with their reason. The planner screen, ``huabei
plan`` and the text export print the same page; the status screen shows a few lines of it (``options_lines``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from huabei_tui.domain.money import format_yuan
from huabei_tui.domain.planner import Plan, PlanOption, Unavailable
from huabei_tui.i18n import labelled, tr
from huabei_tui.textwidth import cell_width, pad
from huabei_tui.views.blocks import Line, Pair, Phrase, Table, line, pair
from huabei_tui.views.phrases import due_phrase

#: Marks the best option in the table and the status block (the ``best`` role colours it too).
BEST_MARK = "▶"
#: Options the status screen's block shows at most, the best one first (the block has three rows beside the bill).
BLOCK_OPTIONS = 2


@dataclass(frozen=True)
class PlannerPage:
    """What the planner screen, ``huabei plan`` and the export show for one bill."""

    title: str
    #: Due date, outstanding, minimum, balance: the figures every option is measured against.
    facts: tuple[Pair, ...]
    #: The options, one row each, the best one marked; None when nothing can be chosen any more.
    table: Table | None
    #: The best option in a sentence (or why there is none); its words are the ``best`` role.
    best: tuple[Line, ...]
    #: "Option: reason" for each kind (or period count) left out.
    unavailable: tuple[str, ...]
    plan: Plan | None = None


def yuan(fen: int) -> str:
    return format_yuan(fen)


def option_name(option: PlanOption | Unavailable, lang: str) -> str:
    """"Pay in full", "Minimum", "Split in 6", "7 days late" (全额还款, 最低还款, 分 6 期, 逾期 7 天)."""
    if option.kind == "instalment":
        periods = option.periods
        return tr("plan.kind.instalment", lang, periods=periods) if periods else tr("plan.kind.instalments", lang)
    if option.kind == "late":
        days = getattr(option, "days", None)
        if days is None:
            return tr("plan.kind.late_any", lang)
        return tr("plan.kind.late_one", lang) if days == 1 else tr("plan.kind.late", lang, days=days)
    return tr(f"plan.kind.{option.kind}", lang)


def _then(option: PlanOption, lang: str) -> str:
    """The last column: what the option leads to."""
    if option.kind == "full":
        return tr("plan.then.full", lang)
    if option.kind == "minimum" and option.carried_to_next is not None and option.next_bill is not None:
        return tr("plan.then.minimum", lang, amount=yuan(option.carried_to_next), month=str(option.next_bill))
    if option.kind == "instalment" and option.parts:
        return _parts_text(option.parts, lang)
    if option.kind == "late" and option.record_expires_on is not None:
        return tr("plan.then.record", lang, date=option.record_expires_on.isoformat())
    return ""


def _parts_text(parts: Sequence[int], lang: str) -> str:
    """"6 × ¥104.50", or "¥172.94 + 11 × ¥172.92" when the first part carries the leftover fen."""
    first, *rest = parts
    if all(part == first for part in rest):
        return tr("plan.then.parts_even", lang, n=len(parts), part=yuan(first))
    return tr("plan.then.parts", lang, first=yuan(first), rest=len(rest), part=yuan(rest[0]))


def _record(option: PlanOption, lang: str) -> str:
    return tr("plan.clean", lang) if option.clean else tr("plan.late_code", lang, code=option.grid_code or "1")


def option_role(option: PlanOption, plan: Plan) -> str:
    """``best`` for the best option, ``urgent-overdue`` for one that leaves a record, else none."""
    if plan.best is not None and option.key == plan.best.key and option.kind != "late":
        return "best"
    return "" if option.clean else "urgent-overdue"


def options_table(plan: Plan, lang: str) -> Table:
    """One row per option; the best one's name is led by ``BEST_MARK`` (and its row plays the ``best`` role), so
    it stands out without colour while every column still starts at one cell."""
    headers = tuple(tr(f"plan.col.{name}", lang) for name in ("option", "pay", "cost", "record", "then"))
    rows = []
    roles = []
    for option in plan.options:
        role = option_role(option, plan)
        name = option_name(option, lang)
        rows.append((f"{BEST_MARK} {name}" if role == "best" else name, yuan(option.pay_now), yuan(option.cost),
                     _record(option, lang), _then(option, lang)))
        roles.append(role)
    return Table(headers, ("left", "right", "right", "left", "left"), tuple(rows), tuple(roles), gap=2)


def _best_sentence(option: PlanOption, plan: Plan, lang: str) -> str:
    by = plan.due_date.isoformat()
    params = {"pay": yuan(option.pay_now), "cost": yuan(option.cost), "by": by}
    if option.kind == "minimum":
        params.update(carried=yuan(option.carried_to_next or 0), month=str(option.next_bill))
    if option.kind == "instalment":
        params.update(periods=option.periods, part=yuan(option.per_part or 0))
    return tr(f"plan.best.{option.kind}", lang, **params)


def best_lines(plan: Plan, lang: str) -> tuple[Line, ...]:
    """The best option in words, with what the balance says about it."""
    best, cheapest = plan.best, plan.cheapest_clean
    if cheapest is None:
        return (line(Phrase(tr("plan.no_clean", lang), "alert")),)
    if best is not None:
        head = tr("plan.best" if plan.balance_known else "plan.best_unknown", lang)
        if plan.balance_known:
            tail = tr("plan.covered", lang, balance=yuan(plan.balance or 0))
        else:
            tail = tr("plan.balance_needed", lang)
        return (line(Phrase(labelled(head, _best_sentence(best, plan, lang), lang), "best")),
                line(Phrase(tail, "dim")))
    return (line(Phrase(_shortfall_sentence(plan, lang), "alert")),)


def _shortfall_sentence(plan: Plan, lang: str) -> str:
    """A recorded balance that covers no clean option: how much it lacks for the one that needs the least now
    (the minimum, usually), not for the cheapest one (paying in full costs nothing but needs the most)."""
    clean = [o for o in plan.options if o.clean]
    least = min(clean, key=lambda o: (o.pay_now, o.cost))
    short = least.pay_now - (plan.balance or 0)
    return tr("plan.shortfall", lang, balance=yuan(plan.balance or 0), short=yuan(short),
              option=tr(f"plan.shortfall_of.{least.kind}", lang))


def _grouped_unavailable(plan: Plan, lang: str) -> tuple[str, ...]:
    """One line per reason, naming every option it rules out ("Pay in full, Minimum, Split in 3/6/9/12: the due
    date 2025-09-10 has passed")."""
    groups: dict[tuple[str, tuple[tuple[str, str], ...]], dict[str, list[Unavailable]]] = {}
    for item in plan.unavailable:
        params = tuple(sorted((k, v) for k, v in item.params.items() if k != "periods"))
        groups.setdefault((item.reason, params), {}).setdefault(item.kind, []).append(item)
    lines = []
    for (reason, params), kinds in groups.items():
        names = []
        periods = ""
        for kind, items in kinds.items():
            counts = [str(i.periods) for i in items if i.periods is not None]
            if kind == "instalment" and counts:
                periods = "/".join(counts)
                names.append(tr("plan.kind.instalment", lang, periods=periods))
            else:
                names.append(option_name(items[0], lang))
        words = tr(f"plan.reason.{reason}", lang, **dict(params), periods=periods)
        lines.append(tr("plan.reason_line", lang, option=tr("plan.names_sep", lang).join(names), reason=words))
    return tuple(lines)


def _closed_reason(plan: Plan, lang: str) -> str | None:
    """With no option left at all, the one reason that closed them (e.g. the bill was split)."""
    if plan.options:
        return None
    reasons = {(u.reason, tuple(sorted(u.params.items()))) for u in plan.unavailable}
    if len(reasons) != 1:
        return None
    reason, params = next(iter(reasons))
    return sentence(tr(f"plan.reason.{reason}", lang, **dict(params)))


def sentence(text: str) -> str:
    """A reason said on its own line starts with a capital ("The rest moved …"); Chinese is unchanged."""
    return text[:1].upper() + text[1:]


def facts(plan: Plan, lang: str, *, hints: bool = True, keys: object = None) -> tuple[Pair, ...]:
    bill = plan.bill
    # The minimum, with what is left of it to pay (or that it is paid), or that it is Alipay's typed figure.
    minimum = yuan(bill.minimum)
    if bill.minimum_left <= 0 and bill.minimum:
        minimum = tr("label.minimum_done", lang, minimum=minimum)
    elif bill.minimum_left < bill.minimum:
        minimum = tr("label.minimum_left", lang, minimum=minimum, left=yuan(bill.minimum_left))
    elif bill.minimum_overridden:
        minimum = tr("plan.minimum_set", lang, minimum=minimum)
    if plan.balance is not None:
        balance = yuan(plan.balance)
    else:
        balance = tr("plan.balance_unknown" if hints else "plan.balance_unknown_plain", lang, k=keys)
    # A bill still owing says how far its due date is; one dealt with says how (carried over, split, …).
    when = due_phrase(bill, lang) if bill.status in ("unpaid", "overdue") else tr(f"status.{bill.status}", lang)
    return (
        pair(tr("plan.due", lang), f"{bill.due_date.isoformat()}  {when}"),
        pair(tr("plan.outstanding", lang), yuan(bill.outstanding), "strong"),
        pair(tr("plan.minimum", lang), minimum),
        pair(tr("plan.balance", lang), balance),
    )


#: What a new user is told to do first when there is no bill at all (``status.next.*`` on screen, with its keys;
#: ``status.todo.*``, commands, elsewhere).
FIRST_STEPS = ("import", "add_bill")


def planner_page(plan: Plan | None, lang: str, *, month: str | None = None, hints: bool = True,
                 has_bills: bool = True, keys: object = None) -> PlannerPage:
    """The page for ``plan`` (None: no such bill, or none to pay; ``month`` names the one asked for).

    With no bill at all (``has_bills`` false: a new user) "no bill to pay" would read as a clean slate; the page
    says instead how to get the bills in (and, on screen, where the first setup is)."""
    if plan is None and month is None and not has_bills:
        if hints:
            steps = [tr(f"status.next.{step}", lang, k=keys) for step in FIRST_STEPS]
            steps.append(tr("plan.next.setup", lang, k=keys))
        else:
            steps = [tr(f"status.todo.{step}", lang, k=keys) for step in FIRST_STEPS]
        role = "hint" if hints else ""
        best = (line(Phrase(tr("plan.no_bills_next", lang), "strong")),
                *(line(Phrase(("  " if hints else "") + step, role)) for step in steps))
        return PlannerPage(tr("plan.no_bills", lang), (), None, best, ())
    if plan is None:
        title = tr("plan.none_month", lang, month=month) if month else tr("plan.none", lang)
        return PlannerPage(title, (), None, (), ())
    title = tr("plan.title_on", lang, month=str(plan.month), today=plan.today.isoformat())
    closed = _closed_reason(plan, lang)
    if closed is not None:
        return PlannerPage(title, facts(plan, lang, hints=hints, keys=keys), None, (line(Phrase(closed, "strong")),), (), plan)
    return PlannerPage(
        title=title,
        facts=facts(plan, lang, hints=hints, keys=keys),
        table=options_table(plan, lang) if plan.options else None,
        best=best_lines(plan, lang),
        unavailable=_grouped_unavailable(plan, lang),
        plan=plan,
    )


def options_lines(plan: Plan | None, lang: str, keys: object = None) -> tuple[Line, ...]:
    """The status screen's "this month's options": the best clean option first (marked), then the next one of
    in full, the minimum and the cheapest split; nothing when there is no bill to plan."""
    if plan is None or not plan.options:
        return ()
    clean = [o for o in plan.options if o.clean]
    cheapest_split = min((o for o in clean if o.kind == "instalment"), key=lambda o: o.cost, default=None)
    chosen = [o for o in clean if o.kind in ("full", "minimum")] + ([cheapest_split] if cheapest_split else [])
    best = plan.best
    if best is not None:
        chosen = [best] + [o for o in chosen if o.key != best.key]
    title = line(Phrase(tr("plan.block_title", lang), "title"), Phrase(tr("plan.block_hint", lang, k=keys), "hint"))
    out: list[Line] = [title]
    for option in chosen[:BLOCK_OPTIONS]:
        is_best = best is not None and option.key == best.key
        words = tr(f"plan.short.{option.kind}", lang, option=option_name(option, lang), pay=yuan(option.pay_now),
                   cost=yuan(option.cost), part=yuan(option.per_part or 0))
        out.append(line(Phrase(f"{BEST_MARK} " if is_best else "  ", "best" if is_best else ""),
                        Phrase(words, "best" if is_best else "")))
    if not clean:
        out.append(line(Phrase(tr("plan.no_clean", lang), "alert")))
    elif best is None and plan.balance is not None:
        out.append(line(Phrase(_shortfall_sentence(plan, lang), "alert")))
    return tuple(out)


# -- the split dialog ----------------------------------------------------------------------------------------------
#: Parts per line in the dialog ("2025-10 ¥682.02" three to a line: twelve parts take four lines).
PARTS_PER_LINE = 3


@dataclass(frozen=True)
class SplitChoice:
    periods: int
    #: One line for the list ("3 parts  fee ¥46.00  ¥682.02 + 2 × ¥681.99").
    label: str
    #: What the highlighted choice means: the fee and total, every part with its bill, what happens after.
    detail: tuple[str, ...]


@dataclass(frozen=True)
class SplitPage:
    """The bill instalment dialog: the choices the planner allows today, or why there are none."""

    title: str
    intro: str
    choices: tuple[SplitChoice, ...]
    #: With no choice: the sentence saying why, and when it would be allowed.
    refused: str
    keys: str


def _parts_grid(option: PlanOption) -> list[str]:
    cells = [f"{month}  {yuan(amount)}" for month, amount in zip(option.part_bills, option.parts, strict=True)]
    width = max((len(cell) for cell in cells), default=0)  # ASCII only: months and amounts
    return ["   ".join(cell.rjust(width) for cell in cells[i:i + PARTS_PER_LINE])
            for i in range(0, len(cells), PARTS_PER_LINE)]


def split_page(plan: Plan | None, lang: str, keys: object = None, *, has_bills: bool = True) -> SplitPage:
    """What the confirm dialog of a bill split shows for ``plan`` (the bill to pay, or the one chosen).

    With no plan the refusal speaks of splitting (not the planner's "nothing to plan"): with no bill at all
    (``has_bills`` false) it says how to get bills in; otherwise that nothing is left to pay."""
    if plan is None:
        refused = tr("plan.split.no_bills" if not has_bills else "plan.split.nothing", lang, k=keys)
        return SplitPage(refused, "", (), refused, tr("plan.split.keys", lang, k=keys))
    month = str(plan.month)
    title = tr("plan.split.title", lang, month=month)
    intro = tr("plan.split.intro", lang, outstanding=yuan(plan.bill.outstanding), today=plan.today.isoformat(),
               due=plan.due_date.isoformat())
    choices = []
    splits = [o for o in plan.options if o.kind == "instalment" and o.periods is not None]
    # The list's three columns (parts, fee, the parts' amounts) line up by cell width.
    labels = [(tr("plan.split.periods", lang, periods=o.periods), yuan(o.cost), _parts_text(o.parts, lang))
              for o in splits]
    widths = [max((cell_width(label[i]) for label in labels), default=0) for i in range(2)]
    for option, label in zip(splits, labels, strict=True):
        total = sum(option.parts)
        detail = [tr("plan.split.total", lang, cost=yuan(option.cost), total=yuan(total)), *_parts_grid(option)]
        if option.part_bills and option.cancel_until is not None:
            detail.append(tr("plan.split.after", lang, first=str(option.part_bills[0]),
                             last=str(option.part_bills[-1]), until=option.cancel_until.isoformat()))
        fee = tr("plan.split.fee", lang)
        text = f"{pad(label[0], widths[0])}  {fee} {pad(label[1], widths[1], 'right')}  {label[2]}"
        choices.append(SplitChoice(option.periods or 0, text, tuple(detail)))
    refused = ""
    if not choices:
        reasons = [u for u in plan.unavailable if u.kind == "instalment"] or list(plan.unavailable)
        words = tr(f"plan.reason.{reasons[0].reason}", lang, **reasons[0].params) if reasons else ""
        refused = tr("plan.split.refused", lang, month=month, reason=words)
    return SplitPage(title, intro, tuple(choices), refused, tr("plan.split.keys", lang, k=keys))
