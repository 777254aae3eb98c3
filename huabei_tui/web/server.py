"""textual-serve with a front door: only the owner's browser tab may start and drive the app.

textual-serve (1.1) serves a page and a WebSocket at ``/ws``; every socket starts an app process and types what
the browser sends into it. It checks no credential, no Origin and no Host, and starts as many processes as it is
asked for. ``OwnerOnlyServer`` keeps its page, its protocol and its app processes, and adds:

- the token (``access.Served``) on the page (``/?token=…``) and in the socket's path (``/ws/<token>``): the page's
  script appends ``?width=…`` to the socket address itself, so the token cannot ride in a query there;
- the Host header on every request and the Origin header wherever a browser sends one;
- at most ``max_connections`` app processes at once; one more tab is told why in its terminal area;
- headers that keep the token out of Referer, caches and frames; nothing of the request echoed unescaped.

It subclasses textual-serve rather than copying it: ``_make_app`` (the one place it builds its routes) is extended
with a middleware that checks every request, and the page and socket handlers check again. Were a later
textual-serve to rename its handlers or build its application elsewhere, one of the two would still refuse a
request without the token: a change there fails closed, and the tests say so.
"""

from __future__ import annotations

import asyncio
import html
import logging
import sys
from collections.abc import Callable
from typing import Any

import aiohttp_jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.server import Server

from huabei_tui.i18n import tr
from huabei_tui.web.access import Served, inert

#: How long a new tab waits for a free place before it is refused: reloading a tab opens the new socket a moment
#: before the old one closes, and that must not count as one tab too many.
SLOT_GRACE_SECONDS = 3.0
#: How long a refused tab keeps its explanation on screen; textual-serve's page covers it with "Session ended" as
#: soon as the socket closes.
REFUSAL_HOLD_SECONDS = 600.0


class OwnerOnlyServer(Server):
    """textual-serve's server that answers only requests carrying ``served``'s token, Host and Origin."""

    def __init__(self, command: str, served: Served, *, bind: str, lang: str, title: str = "huabei",
                 announce: Callable[[], None] | None = None, log: Callable[[str], None] | None = None) -> None:
        super().__init__(command, host=bind, port=served.port, title=title, public_url=served.base_url())
        self.served = served
        self.lang = lang
        self.announce = announce or (lambda: None)
        self.log = log or _stderr_line
        self.slot_grace = SLOT_GRACE_SECONDS
        self.refusal_hold = REFUSAL_HOLD_SECONDS
        #: App processes running now (one per accepted socket) and the tasks serving every open socket.
        self.sessions = 0
        self.socket_tasks: set[asyncio.Task[Any]] = set()
        self.slot_freed = asyncio.Condition()

    # -- building and running ---------------------------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        """textual-serve's application, with the gate in front of every route and the socket that needs a token."""
        app = await super()._make_app()
        _ServerLog.install(self)
        app.middlewares.insert(0, self.gate)
        app.router.add_get("/ws/{token}", self.handle_websocket, name="owner_websocket")
        app.on_response_prepare.append(self.add_safety_headers)
        return app

    async def application(self) -> web.Application:
        """The aiohttp application this server runs (tests serve it on a port of their own)."""
        return await self._make_app()

    def serve(self, debug: bool = False) -> None:
        """Listen until Ctrl+C or SIGTERM; ``announce`` runs once the port is open (so a printed address works).

        No access log: its lines would hold the token. ``OSError`` (port in use, unknown host) reaches the caller.
        """
        self.debug = debug
        web.run_app(self.application(), host=self.host, port=self.port, access_log=None, shutdown_timeout=2,
                    print=lambda _message: self.announce(), handle_signals=True)

    async def on_startup(self, app: web.Application) -> None:
        """Say nothing here: textual-serve's banner runs the command line through Rich markup (a data folder
        named ``[/]`` crashed it) and prints before the port is open; ``announce`` speaks instead."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every socket, so each app process is told to quit and the server stops at once."""
        for task in list(self.socket_tasks):
            task.cancel()
        if self.socket_tasks:  # a browser answers at once; a stuck client must not hold the exit for long
            await asyncio.wait(self.socket_tasks, timeout=3)

    # -- the gate ---------------------------------------------------------------------------------------------
    #: What textual-serve's page fetches without the token: its scripts, styles and fonts, and file downloads
    #: (its script opens ``/download/<key>`` itself; each key is a random one-off of its own).
    NO_TOKEN_PATHS = ("/static/", "/download/")

    @web.middleware
    async def gate(self, request: web.Request, handler: Callable[..., Any]) -> web.StreamResponse:
        """Every request must name this server and come from its own pages; all but the page's scripts and
        downloads must carry the token, whichever textual-serve handler would answer them."""
        refused = self.refusal(request, token_needed=not request.path.startswith(self.NO_TOKEN_PATHS))
        return refused if refused is not None else await handler(request)

    def refusal(self, request: web.Request, *, token_needed: bool = True) -> web.Response | None:
        """The page refusing ``request`` (another host, another site's page, no token), or ``None``.

        The page and socket handlers ask again besides the middleware, so they stay closed even if a later
        textual-serve built its application without ``_make_app``.
        """
        host = request.headers.get("Host")
        if not self.served.host_allowed(host):
            self.log(tr("web.log.host", self.lang, host=inert(host)))
            hosts = ", ".join(f"{h}:{self.served.port}" for h in self.served.hosts)
            return self.page(403, "web.page.host.title", tr("web.page.host.body", self.lang, hosts=hosts))
        origin = request.headers.get("Origin")
        if not self.served.origin_allowed(origin):
            self.log(tr("web.log.origin", self.lang, origin=inert(origin)))
            return self.page(403, "web.page.origin.title", tr("web.page.origin.body", self.lang))
        # The socket carries it in its path (the page's script appends ``?width=…`` to that address itself).
        token = request.match_info.get("token") or request.query.get("token")
        if token_needed and not self.served.token_matches(token):
            self.log(tr("web.log.token", self.lang, peer=inert(request.remote)))
            return self.page(403, "web.page.token.title", tr("web.page.token.body", self.lang))
        return None

    def page(self, status: int, title_key: str, body: str) -> web.Response:
        """A short refusal page in the user's language; every piece of text in it is escaped."""
        title = html.escape(tr(title_key, self.lang))
        lang = "zh-CN" if self.lang == "zh" else "en"
        text = (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>\n'
                f'<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">\n'
                f"<h1>{title}</h1>\n<p>{html.escape(body)}</p>\n</body></html>\n")
        return web.Response(status=status, text=text, content_type="text/html")

    async def add_safety_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        """The token is in the page's address: never send it on as a Referer, never cache the page, never let
        another site frame it."""
        headers = response.headers
        headers.setdefault("Referrer-Policy", "no-referrer")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        if not request.path.startswith("/static/"):
            headers["Cache-Control"] = "no-store"

    # -- the page and the socket ------------------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's page, for the token only, with the socket address carrying the token.

        The addresses in it are built from the Host the browser used (checked above), so the page works on every
        name this server answers to, and never tells a browser to connect to ``0.0.0.0``.
        """
        refused = self.refusal(request)
        if refused is not None:
            return refused
        router = request.app.router
        base = f"http://{request.host}"
        socket_path = router["owner_websocket"].url_for(token=self.served.token)
        static_path = str(router["static"].url_for(filename="/")).rstrip("/") + "/"
        try:
            font_size = int(request.query.get("fontsize", "16"))
        except ValueError:
            font_size = 16
        context = {
            "font_size": font_size,
            "app_websocket_url": f"ws://{request.host}{socket_path}",
            "config": {"static": {"url": base + static_path}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """One app process for the owner's tab, if it carries the token and a place is free."""
        refused = self.refusal(request)
        if refused is not None:
            return refused
        task = asyncio.current_task()
        if task is not None:
            self.socket_tasks.add(task)
        try:
            if not await self.take_slot():
                return await self.refuse_busy(request)
            try:
                return await super().handle_websocket(request)
            finally:
                await self.release_slot()
        finally:
            if task is not None:
                self.socket_tasks.discard(task)

    async def take_slot(self) -> bool:
        """Count one more app process, waiting ``slot_grace`` seconds for a place; ``False`` if none came free."""
        async with self.slot_freed:
            try:
                await asyncio.wait_for(self.slot_freed.wait_for(lambda: self.sessions < self.served.max_connections),
                                       self.slot_grace)
            except TimeoutError:
                return False
            self.sessions += 1
            return True

    async def release_slot(self) -> None:
        async with self.slot_freed:
            self.sessions -= 1
            self.slot_freed.notify()

    async def refuse_busy(self, request: web.Request) -> web.WebSocketResponse:
        """Tell one tab too many why it gets no app, in its terminal area, then close with a reason.

        The message is written as terminal output, which textual-serve's page shows; it stays until the tab
        leaves or ``refusal_hold`` passes. No app process is started for it.
        """
        limit = self.served.max_connections
        self.log(tr("web.log.busy", self.lang, limit=limit))
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        message = tr("web.busy", self.lang, limit=limit)
        await websocket.send_bytes(("\x1b[2J\x1b[H\r\n  " + message + "\r\n").encode("utf-8"))
        try:
            async with asyncio.timeout(self.refusal_hold):
                async for incoming in websocket:
                    if incoming.type in (WSMsgType.CLOSE, WSMsgType.ERROR):
                        break
        except TimeoutError:
            pass
        reason = tr("web.busy.reason", self.lang, limit=limit).encode("utf-8")
        await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=reason)
        return websocket


class _ServerLog(logging.Handler):
    """aiohttp's own errors as one line of the server's log, never a traceback on the owner's terminal.

    A request aiohttp cannot parse (a bad header, plain garbage on the port) is refused before any handler runs
    and logged as "Error handling request" with a traceback; with no logging set up, Python prints it to stderr.
    Any program on the machine can send one, so each becomes one line that echoes only the peer's address, inert.
    """

    def __init__(self, server: OwnerOnlyServer) -> None:
        super().__init__(logging.DEBUG)
        self.server = server

    @classmethod
    def install(cls, server: OwnerOnlyServer) -> None:
        """Route ``aiohttp.server``'s records to ``server`` (the latest server, when a test builds several)."""
        logger = logging.getLogger("aiohttp.server")
        for old in [h for h in logger.handlers if isinstance(h, cls)]:
            logger.removeHandler(old)
        logger.addHandler(cls(server))
        logger.propagate = False

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING:
            return  # aiohttp's debug notes (non-HTTP bytes on the port): nothing the owner must read
        from aiohttp.http_exceptions import HttpProcessingError

        peer = record.args[0] if isinstance(record.args, tuple) and record.args else None
        error = record.exc_info[1] if record.exc_info else None
        key = "web.log.bad_request" if isinstance(error, HttpProcessingError) else "web.log.error"
        self.server.log(tr(key, self.server.lang, peer=inert(None if peer is None else str(peer)),
                           error=inert(type(error).__name__ if error is not None else record.getMessage())))


def _stderr_line(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()
