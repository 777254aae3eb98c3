"""The planner / 还款方案 (``o`` on the status screen): every way to deal with the bill to pay, what each costs, what
it does to the record, and the best one highlighted.

The words and the table are ``views.planner.planner_page``'s (``huabei plan`` and the export print the same); the
screen lays them out: the bill's facts in two columns, the options as a list the cursor moves over (↑/↓), the best
one in its own colour and marked ``▶``, then the sentence naming it and what is no longer possible. Enter on a
split row opens the split's confirm dialog with that period count; Escape goes back.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from huabei_tui.domain.dates import Month
from huabei_tui.domain.planner import Plan, plan_for
from huabei_tui.i18n import tr
from huabei_tui.textwidth import cell_width, pad
from huabei_tui.ui.keys import bindings
from huabei_tui.ui.roles import lines_text, style_of
from huabei_tui.ui.screens.base import HuabeiScreen
from huabei_tui.views.blocks import Pair, plain_lines
from huabei_tui.views.planner import PlannerPage, planner_page

#: Cells between the two columns of facts.
FACTS_GAP = 4


def facts_text(pairs: tuple[Pair, ...]) -> Text:
    """The facts two to a line (due date and outstanding, minimum and balance): the table needs the rows."""
    half = (len(pairs) + 1) // 2
    left, right = pairs[:half], pairs[half:]
    label_w = [max((cell_width(p.label) for p in column), default=0) for column in (left, right)]
    value_w = max((cell_width(p.value.text) for p in left), default=0)
    text = Text()
    for index, first in enumerate(left):
        if index:
            text.append("\n")
        text.append(pad(first.label, label_w[0]) + "  ", style="dim")
        text.append(pad(first.value.text, value_w), style="bold" if first.value.role == "strong" else "")
        if index < len(right):
            second = right[index]
            text.append(" " * FACTS_GAP + pad(second.label, label_w[1]) + "  ", style="dim")
            text.append(second.value.text, style="bold" if second.value.role == "strong" else "")
    return text


class PlannerScreen(HuabeiScreen):
    NAME = "planner"
    BINDINGS = bindings("planner")  # Esc back, b balance, I split (ui/registry.py); ↑/↓ and Enter: the list's

    def __init__(self, month: Month | None = None) -> None:
        #: The bill planned for; None follows the bill to pay (it changes when that bill is paid or split).
        self.month = month
        super().__init__()
        self.page: PlannerPage | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="planner-body"):
            yield Static(id="planner-facts")
            yield Static(id="planner-header")
            yield OptionList(id="planner-options")
            yield Static(id="planner-best")
            yield Static(id="planner-unavailable")

    @property
    def plan(self) -> Plan | None:
        return plan_for(self.huabei.snapshot.summary, self.month)

    def render_state(self) -> None:
        super().render_state()
        if self.page is not None:
            self.query_one("#screen-title", Static).update(Text(self.page.title))

    def refresh_view(self) -> None:
        lang = self.lang
        page = planner_page(self.plan, lang, month=str(self.month) if self.month else None,
                            has_bills=bool(self.snapshot.summary.bills), keys=self.huabei.key_names)
        self.page = page
        self.query_one("#screen-title", Static).update(Text(page.title))
        self.query_one("#planner-facts", Static).update(facts_text(page.facts))
        header = self.query_one("#planner-header", Static)
        options = self.query_one("#planner-options", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if page.table is not None:
            title, rule, *rows = page.table.lines()
            header.update(Text("\n".join(plain_lines([title, rule])), style="bold"))
            roles = page.table.roles or ("",) * len(rows)
            # Each row in its role's style (the best bold, a late one red): colour repeats the ▶ mark and the words.
            options.add_options([Option(Text("".join(p.text for p in row), style=style_of(role)))
                                 for row, role in zip(rows, roles, strict=True)])
            best = next((i for i, role in enumerate(roles) if role == "best"), 0)
            options.highlighted = highlighted if highlighted is not None and highlighted < len(rows) else best
        header.display = options.display = page.table is not None
        self.query_one("#planner-best", Static).update(lines_text(page.best))
        unavailable = self.query_one("#planner-unavailable", Static)
        if page.unavailable:
            unavailable.update(Text("\n".join([tr("plan.unavailable", lang) + ("：" if lang == "zh" else ":"),
                                               *(f"  {u}" for u in page.unavailable)]), style="dim"))
        unavailable.display = bool(page.unavailable)
        if page.table is not None:
            options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        plan = self.page.plan if self.page is not None else None
        if plan is None:
            return
        option = plan.options[event.option_index]
        if option.kind != "instalment":
            self.notify(tr("msg.split_only_rows", self.lang))
            return
        open_split_dialog(self, plan, option.periods)

    def action_back(self) -> None:
        self.dismiss()

    def action_split(self) -> None:
        """The split's confirm dialog, on the highlighted row's period count when it is a split row (``I``, as on
        the status screen; Enter on a split row does the same)."""
        plan = self.page.plan if self.page is not None else None
        highlighted = self.query_one("#planner-options", OptionList).highlighted
        periods = None
        if plan is not None and highlighted is not None and 0 <= highlighted < len(plan.options):
            option = plan.options[highlighted]
            periods = option.periods if option.kind == "instalment" else None
        open_split_dialog(self, plan, periods)

    def action_balance(self) -> None:
        from huabei_tui.ui.dialogs.forms import balance_dialog

        self.app.push_screen(balance_dialog(self.huabei))


def open_split_dialog(screen: HuabeiScreen, plan: Plan | None, periods: int | None = None) -> None:
    """The split's confirm dialog for ``plan``'s bill; with nothing to split, say why (and when it would be
    allowed) instead. The caller's screen saves the choice."""
    from huabei_tui.domain.errors import InputError
    from huabei_tui.i18n import describe_error
    from huabei_tui.storage.errors import StoreError
    from huabei_tui.ui.dialogs.split import SplitDialog
    from huabei_tui.views.planner import split_page

    app = screen.huabei
    page = split_page(plan, app.lang, app.key_names, has_bills=bool(app.snapshot.summary.bills))
    if not page.choices or plan is None:
        app.notify(page.refused, severity="warning", timeout=8)
        return
    month = plan.month

    def save(chosen: int | None) -> None:
        if chosen is None:
            return
        try:
            app.apply_change(lambda: app.session.split_bill(month, chosen),
                             "msg.split_saved", month=str(month), periods=chosen)
        except (InputError, StoreError) as error:
            app.notify(describe_error(error, app.lang), severity="error", timeout=8)

    app.push_screen(SplitDialog(page, periods), save)


SCREEN = PlannerScreen
