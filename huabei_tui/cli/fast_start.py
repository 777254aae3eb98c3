"""Open the app with its first screen read by a child process while this one imports Textual (issue 15, goal 2).

Before the app's first frame, two things take time: importing Textual (most of it) and our own code, and reading
and summarising the data file. Neither needs the other, so ``run`` forks a child (``startup/prefetch.py``) that
runs the usual start — the command line parsed, the file chosen and read, the language decided, the status
screen's content built (``views/status_screen.py``) — and sends that content back as plain data, while this
process imports the app (Textual, the status screen; not the rules, the store or the session). The first frame
is drawn from the child's content; right after it the app loads the session itself, in a thread
(``HuabeiApp(first=…)``), holding keys typed meanwhile and handling them, in order, once it is loaded.

Why the screen never shows wrong data:

* the child is this process, forked before anything was decided: it runs the same code on the same command line
  and environment, only earlier;
* anything unusual in the child (a bad option, an unknown line, a damaged file, a crash, no answer within
  ``TIMEOUT``) gives no content, and this process starts the usual way, which reports the problem as always;
* when the session is loaded, what it shows is compared with what the child read (file signature, day,
  language, line, profile): any difference (the file saved by another terminal meanwhile, a midnight) draws the
  screen again from the session;
* the child only reads (reads take no lock), and never touches the terminal.

Measured (``bench/run.py --only-paint --before-python``, 17 interleaved pairs a run, ten-year file, 2-core machine
shared with other work): first frame 0.92× main's pair by pair at load 1.8–2.4 (three runs: 0.92, 0.92, 0.93;
457 ms against 521 ms in one), and no gain at load 3–4 (1.03×), where the child's CPU is taken from the app's own
start. ``HUABEI_NO_PREFETCH=1`` turns it off.

A repeated start needs no child at all: the content is kept between runs, as plain data under a key of
everything that decides it (``startup/view_cache.py``), and a start whose key matches draws its first frame from
it and loads the session afterwards the same way (an entry the session disagrees with is dropped). A start
without a match runs the child and keeps its content for the next one, from a background thread.

Only the app's plain command line (``huabei [--db …] [--today …] …``, ``startup.early_frame.app_start``), never
``--demo`` (its data is made at start), never a command.
"""

from __future__ import annotations

from huabei_tui.startup import view_cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from huabei_tui.session import Opened

#: Seconds to wait for the child's content before starting the usual way (a hung file system, say).
TIMEOUT = 15.0
#: The shape of the child's content (``first_view``); the parent uses nothing else.
FORMAT = view_cache.FORMAT
#: Standard modules both the child's work and Textual import: imported once, before the fork, instead of in
#: both processes (on a busy machine the two compete for the same cores, so work done twice is time lost).
SHARED_MODULES = ("typing", "dataclasses", "inspect", "logging", "traceback", "weakref", "decimal", "textwrap",
                  "threading", "unicodedata", "rich.cells")


def run(args_list: list[str]) -> int | None:
    """Run the app this way; ``None`` when it cannot or should not (not the app, no fork, the child failed):
    then the caller starts the usual way, from the start."""
    from huabei_tui.startup import early_frame, prefetch

    start = early_frame.app_start(args_list)
    if start is None or start.demo or not prefetch.available():
        return None
    # The key is taken before the child reads anything, so content saved under it was read after its file
    # signature: a file changed meanwhile gives an entry no later start can match, never a stale one.
    cache = view_cache.for_start(start)
    cached = cache.load() if cache is not None else None
    if cached is not None:  # the last run's content for this very key: no child, no data read before the frame
        return _run_first(cached, args_list, stale=cache.forget)
    from importlib import import_module

    for name in SHARED_MODULES:
        import_module(name)
    child = prefetch.fork(lambda: first_view(args_list))
    if child is None:
        return None
    import gc

    gc.disable()  # until the first frame (run_first): start-up only allocates
    try:
        from huabei_tui.ui.app import FirstStart, run_first

        view = child.result(TIMEOUT)
    except BaseException:
        child.close(kill=True)
        gc.enable()
        raise
    if not usable(view):
        gc.enable()
        return None
    if cache is None:
        return run_first(FirstStart(view, load=lambda: app_opened(args_list)))
    cache.save_in_background(view)  # for the next start (dropped again if the session shows otherwise)
    return run_first(FirstStart(view, load=lambda: app_opened(args_list), stale=cache.forget))


def _run_first(view: dict[str, Any], args_list: list[str], stale: Callable[[], None]) -> int:
    """The app from cached content; ``stale`` drops the entry if the session, once loaded, shows otherwise."""
    import gc

    gc.disable()  # until the first frame (run_first), as after the child
    try:
        from huabei_tui.ui.app import FirstStart, run_first
    except BaseException:
        gc.enable()
        raise
    return run_first(FirstStart(view, load=lambda: app_opened(args_list), stale=stale))


def usable(view: object) -> bool:
    return isinstance(view, dict) and view.get("format") == FORMAT


def app_opened(args_list: list[str]) -> Opened:
    """What the app runs on, decided as every command decides it (raises ``UsageError``, ``InputError``,
    ``StoreError``)."""
    from huabei_tui.cli import handlers
    from huabei_tui.cli.parser import parse_command_line
    from huabei_tui.session import Opened

    args, clock, lang, explicit = parse_command_line(args_list)
    ctx = handlers.context_for(args, clock, lang, explicit)
    return Opened(ctx.repo, ctx.clock, ctx.lang, ctx.profile, ctx.session.line)


def first_view(args_list: list[str]) -> dict[str, Any]:
    """The child's work: everything the first frame shows, as plain data (``marshal``)."""
    from huabei_tui.session import Session
    from huabei_tui.storage.config import read_settings
    from huabei_tui.views.status_screen import status_view

    keys = _plain_or_none(_keys_file)
    if keys is None or _remapped(keys):
        # Hints name keys as they are bound; with keys.toml moving some, only the app can name them (``ui.keys``
        # needs Textual): no content from here, and the app starts the usual way.
        raise LookupError("keys.toml moves keys")
    opened = app_opened(args_list)
    session = Session.for_app(opened.repo, opened.clock, opened.line)
    snapshot = session.snapshot
    signature = snapshot.signature
    return {
        "format": FORMAT,
        "lang": opened.lang,
        "profile": opened.profile,
        "today": snapshot.today.isoformat(),
        "line": snapshot.line,
        "several": snapshot.several_lines,
        "no_backup": opened.repo.store.backups_folder_problem() is not None,
        "signature": list(signature) if isinstance(signature, tuple) else signature,
        "status": status_view(snapshot, opened.lang, session.all_lines),
        # The user's keys and theme, read here so that the app needs no TOML parser before its first frame
        # (settings: None, so that the app reads them itself, for anything ``marshal`` cannot carry).
        "keys": keys,
        "settings": _plain_or_none(read_settings),
    }


def _remapped(keys: dict[str, Any]) -> bool:
    """``keys.toml`` moves a key (an unreadable file or refused entries move none: the app reports them)."""
    from pathlib import Path

    from huabei_tui.ui.keymap import keymap_of

    return bool(keymap_of(Path(keys["path"]), keys["data"], keys["problem"]).overrides)


def _keys_file() -> dict[str, Any]:
    from huabei_tui.storage.config import keymap_path, read_toml

    path = keymap_path()
    found = read_toml(path)
    return {"path": str(path), "data": found.data, "problem": found.problem}


def _plain_or_none(read: Callable[[], Any]) -> Any:
    import marshal

    value = read()
    try:
        marshal.dumps(value)
    except ValueError:
        return None
    return value
