"""What each screen says, as plain data: the screens lay it out, the text export prints it.

One module per screen (``status``, ``calendar``, ``checklist``, ``recovery``) turns a ``Snapshot`` and a language
into rows and phrases; ``phrases`` holds the sentences several of them (and the CLI) share; ``blocks`` the few
shapes they are made of (a phrase with a style *role*, a labelled pair, a table measured by terminal cells).

Nothing here imports Textual or builds Rich text: a phrase names its role ("strong", "dim", "urgent-overdue", …)
and the screen maps roles to styles (``huabei_tui.ui.roles``), while ``text_report`` prints the same words as
plain text (``export`` puts it beside the other formats of ``io``). So the screen and the export cannot drift apart, and a screen never computes a date or an amount.
"""
