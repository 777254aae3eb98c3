"""``huabei serve``: check the options, make this run's token, print the address to open, serve.

The checks come first and need no web library, so a bad option is one clear line (exit 2) even where the ``web``
extra is not installed. What the server lets in is decided in ``huabei_tui.web``.
"""

from __future__ import annotations

import argparse
import errno
import shlex
import socket
import sys

from huabei_tui.cli.context import Context
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.numbers import parse_whole_number
from huabei_tui.i18n import os_reason, tr
from huabei_tui.web.access import Served, in_url, inert, is_loopback, new_token, normal_host, served

DEFAULT_HOST = "127.0.0.1"
#: Each browser tab runs its own app process (about 40 MB): a few are plenty for one person.
MAX_CONNECTIONS_LIMIT = 20

def whole_number(text: str, field: str, bounds: tuple[int, int], key: str, **params: object) -> int:
    """``text`` as a whole number within ``bounds``, read like every typed number (``domain.numbers``: ASCII or
    full-width digits only); else ``InputError(field, key)`` with the text made inert and ``params``."""
    try:
        return parse_whole_number(text, field=field, low=bounds[0], high=bounds[1])
    except InputError:
        raise InputError(field, key, value=inert(text), **params) from None


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    """The TUI in a browser, for the person at this terminal only (see ``huabei_tui.web.access``)."""
    port = whole_number(args.port, "port", (1, 65535), "serve.port")
    limit = whole_number(args.max_connections, "max_connections", (1, MAX_CONNECTIONS_LIMIT), "serve.connections",
                         high=MAX_CONNECTIONS_LIMIT)
    host = normal_host(args.host or DEFAULT_HOST)
    if host is None:
        raise InputError("host", "serve.bad_host", value=inert(args.host))
    if args.public and args.host is None:
        raise InputError("host", "serve.public_needs_host")
    loopback = is_loopback(host)
    if not loopback and not args.public:
        raise InputError("host", "serve.needs_public", host=host)
    try:
        from huabei_tui.web.server import OwnerOnlyServer
    except ImportError:
        raise InputError("serve", "serve.missing") from None

    access = served(host, port, new_token(), limit)
    if not loopback:
        sys.stderr.write(tr("serve.warning", ctx.lang, host=host) + "\n")
    # A profile is passed on by name, so the app in the browser shows it on its tab bar as the terminal app does.
    # With --demo each tab opens its own throw-away demo, as ``huabei --demo`` does (never this run's copy).
    where = ["--demo"] if ctx.demo else ["--profile", ctx.profile] if ctx.profile is not None else [
        "--db", str(ctx.repo.path)]
    command = [sys.executable, "-m", "huabei_tui", *where, "--lang", ctx.lang]
    if ctx.clock.fixed:
        command += ["--today", ctx.clock.fixed.isoformat()]
    if ctx.session.line:  # --line (or HUABEI_LINE): the browser app opens on that line, as the terminal app does
        ctx.session.lines().get(ctx.session.line)  # an unknown line: one line and exit 2, before listening
        command += ["--line", ctx.session.line]
    server = OwnerOnlyServer(shlex.join([*command, "tui"]), access, bind=host, lang=ctx.lang,
                             announce=lambda: announce(ctx, access))
    try:
        server.serve()
    except OSError as exc:  # the port is taken, the name is not this machine's, a port below 1024…
        raise InputError("serve", "serve.cannot_listen", address=f"{in_url(host)}:{port}",
                         reason=listen_failure(exc, ctx.lang)) from None
    return 0


def listen_failure(error: OSError, lang: str) -> str:
    """Why the port could not be opened, in words that say what to do (asyncio's own message is English)."""
    if isinstance(error, socket.gaierror):
        return tr("serve.unknown_host", lang)
    if error.errno == errno.EADDRINUSE:
        return tr("serve.port_in_use", lang)
    return os_reason(error, lang)


def announce(ctx: Context, access: Served) -> None:
    """Print the address to open, once the port is open (a script may be waiting for this line)."""
    first, *others = access.urls()
    ctx.print(tr("serve.listening", ctx.lang, url=first))
    for url in others:
        ctx.print(tr("serve.also", ctx.lang, url=url))
    ctx.print(tr("serve.token_note", ctx.lang, limit=access.max_connections))
    ctx.out.flush()

