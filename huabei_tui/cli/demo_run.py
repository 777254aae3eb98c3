"""``huabei --demo COMMAND``: the command on the same throw-away demo database ``huabei --demo`` opens the app on.

Without this a command given ``--demo`` quietly ran on the user's real data file: someone trying the CLI on demo
data saw their own figures (or an empty file) with nothing to say so, and ``--demo pay`` paid a real bill. The
demo database lives in a temporary folder made for this one run and removed after it, so the user's data file,
its lock and backups are neither read nor created. A change is made on that copy, works as it would, and one
line on stderr (never stdout, which ``--json`` keeps for programs) says that nothing was saved.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from huabei_tui.cli.context import Context
from huabei_tui.clock import Clock
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.textsafe import printable
from huabei_tui.i18n import tr
from huabei_tui.session import Session
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store

#: Commands that make no sense on throw-away data, and why (exit 2 before anything is made). ``demo`` writes the
#: demo into a file the user keeps; ``profile`` lists the user's own files; ``restore`` puts back a backup of the
#: user's file, and a fresh demo has none (it failed with exit 1, "no good backup of /tmp/…"); ``backups`` would
#: list the demo's, none, which reads as "you have no backups". ``doctor`` is not
#: here: it reports on how ``huabei --demo`` starts (``cli/doctor.py``) and runs as it always has.
REFUSED = {"demo": "cli.demo_option.not_demo", "profile": "cli.demo_option.not_profile",
           "restore": "cli.demo_option.not_restore", "backups": "cli.demo_option.not_backups"}

#: The refusals name ``--demo`` themselves: no "demo:" field label before them (``i18n.describe_error``).
NO_FIELD = ""


@contextmanager
def demo_repository(clock: Clock) -> Iterator[Repository]:
    """Two years of demo history up to ``clock``'s today, in a temporary folder removed however the run ends."""
    folder = Path(tempfile.mkdtemp(prefix="huabei-demo-"))
    try:
        session = Session(Repository(Store(folder / "demo.json")), clock)
        session.load_demo(force=True)
        yield session.repo
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def refuse_unless_fit(args: argparse.Namespace) -> None:
    """``--db``/``--profile`` name the user's own file, which ``--demo`` promises not to use: saying so beats
    silently ignoring either of them. Environment variables (``HUABEI_DB``…) are the user's standing choice, not
    this command's, and are simply not used."""
    for option, value in (("--db", args.db), ("--profile", args.profile)):
        if value is not None:
            raise InputError(NO_FIELD, "cli.demo_option.with_file", given=option)
    key = REFUSED.get(args.command)
    if key is not None:
        raise InputError(NO_FIELD, key)


@contextmanager
def notice_if_changed(ctx: Context) -> Iterator[None]:
    """Around the command on the demo: once it is over (however), one line on stderr if it changed the demo."""
    before = ctx.repo.store.signature()  # every save renames a new file into place: a change changes this
    try:
        yield
    finally:
        if ctx.repo.store.signature() != before:
            sys.stderr.write(printable(tr("cli.demo_option.not_saved", ctx.lang)) + "\n")
