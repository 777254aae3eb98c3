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
    """Run the command line; every error becomes one line and an exit status (see the module docstring).

    Opening the app goes through ``fast_start`` first (the first screen's data read in a child process while
    Textual is imported); ``None`` from it means the usual way, below. The error classes are imported only when
    an error happens: none of them is needed before the app's first frame."""
    try:
        from huabei_tui.cli import fast_start

        code = fast_start.run(args_list)
        if code is not None:
            return code
        from huabei_tui.cli.parser import parse_command_line

        args, clock, lang, explicit = parse_command_line(args_list)
        from huabei_tui.cli import handlers

        return handlers.dispatch(args, clock, lang, explicit)
    except KeyboardInterrupt:
        from huabei_tui.i18n import tr

        lang = _error_lang(args_list)
        _fail(tr("cli.interrupted", lang), lang)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `huabei status | head`: the reader left; nothing to report.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at interpreter exit
        return EXIT_OK
    except Exception as exc:
        code = _report(exc, _error_lang(args_list))
        if code is None:  # HUABEI_DEBUG=1 asks for the traceback
            raise
        return code


def _error_lang(args_list: list[str]) -> str:
    """The language of error messages: the one the command itself speaks and its help pages too (``--lang``,
    ``HUABEI_LANG``, the language remembered from the app, an older data file's, the locale's: the one rule of
    ``cli.language``, asked through ``parser.user_lang``).

    Without the remembered language a user who chose 中文 with ``L`` got Chinese output but English errors, and an
    export refused its ``-o`` path in half of each ("error: file: cannot write x: 它就是数据文件…")."""
    from huabei_tui.cli.parser import user_lang

    return user_lang(args_list)


def _report(exc: Exception, lang: str) -> int | None:
    """One line for ``exc`` and the exit status; ``None`` for an unexpected error with ``HUABEI_DEBUG`` set."""
    from huabei_tui.cli.parser import UsageError, translate_error
    from huabei_tui.domain.errors import InputError
    from huabei_tui.i18n import describe_error, tr
    from huabei_tui.io.safe_output import OutputWriteError
    from huabei_tui.storage.errors import StoreError

    if isinstance(exc, UsageError):
        # The parser words its errors in the language it was built in (--lang or the locale); the remembered
        # language may be another: argparse's English is translated again (text already translated is left).
        _fail(tr("cli.usage_error", lang, message=translate_error(str(exc), lang)), lang)
        return EXIT_INPUT
    if isinstance(exc, InputError):
        _fail(describe_error(exc, lang), lang)
        return EXIT_INPUT
    if isinstance(exc, (StoreError, OutputWriteError)):  # a file could not be read or written: not the input's fault
        _fail(describe_error(exc, lang), lang)
        return EXIT_STORE
    if os.environ.get("HUABEI_DEBUG"):
        return None
    # the last line of defence: one line, never a traceback
    _fail(tr("cli.unexpected", lang, error=f"{type(exc).__name__}: {exc}"), lang)
    return EXIT_STORE
