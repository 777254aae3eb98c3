"""``huabei``: parse the command line, run one command, turn every failure into one clear line.

Exit status: 0 done; 2 bad input (the data file is left byte-for-byte unchanged); 1 the data file could not be
read or written (the message says what to do); 130 interrupted. No Python traceback reaches the user unless
``HUABEI_DEBUG=1`` asks for one.

The app's first screen from the last run goes on the terminal before anything else is imported (issue 15,
``startup/early_frame.py``), so this module imports almost nothing at the top: what the commands need is imported
in ``run`` once that frame is shown.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from huabei_tui.startup import early_frame

EXIT_OK = 0
EXIT_STORE = 1
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130


def _lang_from_argv(argv: Sequence[str]) -> str | None:
    """``--lang`` as the parser will read it: among the options before the command, the last one wins (a later
    ``--lang`` overrides an alias's), and nothing after the command name (a note may say "--lang")."""
    found: str | None = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
            i += 2
            continue
        if arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
        elif arg in ("--db", "--profile", "--today", "--line"):  # their values are not the command
            i += 1
        elif not arg.startswith("-"):
            break  # the command: what follows is its own
        i += 1
    return found


def _fail(message: str, lang: str) -> None:
    """One line on stderr; the message may echo a bad value or a file name, so controls are removed first."""
    from huabei_tui.domain.textsafe import sanitize
    from huabei_tui.i18n import tr

    early_frame.end()  # on the normal screen, the terminal as it was (if a cached frame had it)
    sys.stderr.write(f"{tr('error.prefix', lang)}: {sanitize(message)}\n")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    early_frame.begin(args_list)  # the app's last first frame, at once (when on, on a terminal, and saved)
    try:
        return run(args_list)
    finally:
        early_frame.end()  # the terminal back as it was, whatever happened


def run(args_list: list[str]) -> int:
    from huabei_tui.cli.parser import UsageError, build_parser, command_in
    from huabei_tui.clock import Clock
    from huabei_tui.domain.errors import InputError
    from huabei_tui.i18n import ENV_LANG, describe_error, detect_lang, tr
    from huabei_tui.io.safe_output import OutputWriteError
    from huabei_tui.storage.errors import StoreError

    lang = detect_lang(_lang_from_argv(args_list))
    try:
        args = build_parser(lang, command_in(args_list)).parse_args(args_list)
        if args.lang and args.lang.strip().lower()[:2] not in ("zh", "en"):
            raise InputError("lang", "lang.unknown", value=args.lang)
        clock = Clock.from_option(args.today)
        from huabei_tui.cli import handlers

        explicit = bool(args.lang or os.environ.get(ENV_LANG))
        return handlers.dispatch(args, clock, lang, explicit)
    except UsageError as exc:
        _fail(tr("cli.usage_error", lang, message=str(exc)), lang)
        return EXIT_INPUT
    except InputError as exc:
        _fail(describe_error(exc, lang), lang)
        return EXIT_INPUT
    except (StoreError, OutputWriteError) as exc:  # a file could not be read or written: not the input's fault
        _fail(describe_error(exc, lang), lang)
        return EXIT_STORE
    except KeyboardInterrupt:
        _fail(tr("cli.interrupted", lang), lang)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `huabei status | head`: the reader left; nothing to report.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at interpreter exit
        return EXIT_OK
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if os.environ.get("HUABEI_DEBUG"):
            raise
        _fail(tr("cli.unexpected", lang, error=f"{type(exc).__name__}: {exc}"), lang)
        return EXIT_STORE
