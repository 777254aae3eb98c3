"""``huabei serve``'s server on a real loopback port: who gets the page, the socket and an app process.

Each test serves ``OwnerOnlyServer`` with aiohttp's ``TestServer`` on 127.0.0.1 and talks to it with aiohttp's
client. The app behind each socket is ``fake_app.py`` (textual-serve's protocol, an echo), so a test can open
several sockets cheaply; the real app in a real browser is ``test_browser.py``'s.
"""

from __future__ import annotations

import asyncio
import gc
import os
import shlex
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("textual_serve.server")

from aiohttp import ClientSession, ClientWebSocketResponse, WSMsgType, WSServerHandshakeError
from aiohttp.test_utils import TestServer

from huabei_tui.web.access import new_token, served
from huabei_tui.web.server import OwnerOnlyServer

FAKE_APP = shlex.join([sys.executable, str(Path(__file__).with_name("fake_app.py"))])
#: No scenario here needs more; a hang fails the test instead of the run.
SCENARIO_SECONDS = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gate:
    """An ``OwnerOnlyServer`` listening on 127.0.0.1 in the test's event loop, and what it told the terminal."""

    def __init__(self, lang: str = "en", max_connections: int = 2) -> None:
        self.port = free_port()
        self.access = served("127.0.0.1", self.port, new_token(), max_connections)
        self.token = self.access.token
        self.logged: list[str] = []
        self.server = OwnerOnlyServer(FAKE_APP, self.access, bind="127.0.0.1", lang=lang, log=self.logged.append)
        self.server.slot_grace = 0.2
        self.origin = f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> Gate:
        self.test_server = TestServer(await self.server.application(), host="127.0.0.1", port=self.port)
        await self.test_server.start_server()
        self.session = ClientSession()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.session.close()
        await self.test_server.close()

    def url(self, path: str) -> str:
        return f"{self.origin}{path}"

    async def socket(self, path: str | None = None, *, origin: str | None = "", **kwargs: Any) -> ClientWebSocketResponse:
        """A WebSocket as the owner's page opens it (its own Origin), unless told otherwise."""
        return await self.session.ws_connect(self.url(path or f"/ws/{self.token}?width=80&height=24"),
                                             origin=self.origin if origin == "" else origin, **kwargs)


@pytest.fixture(autouse=True)
def app_pids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where each fake app started by the test leaves its process id (the server passes its environment on)."""
    folder = tmp_path / "app-pids"
    folder.mkdir()
    monkeypatch.setenv("FAKE_APP_PIDS", str(folder))
    return folder


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def open_app_pipes() -> int:
    return sum(1 for thing in gc.get_objects()
               if isinstance(thing, asyncio.SubprocessTransport) and not thing.is_closing())


async def every_app_ended(folder: Path) -> None:
    """Wait until each app process the test caused is gone and the loop has heard so: textual-serve never waits
    for its processes itself, and a loop closed before their exit reached it complains about their pipes."""
    pids = [int(path.name) for path in folder.iterdir()]
    while any(alive(pid) for pid in pids) or open_app_pipes():
        await asyncio.sleep(0.01)


def scenario(test: Callable[..., Awaitable[None]], **gate_options: Any) -> None:
    """Run ``test(gate)`` against a fresh server, within ``SCENARIO_SECONDS``; every app it started must end."""

    async def main() -> None:
        async with asyncio.timeout(SCENARIO_SECONDS):
            async with Gate(**gate_options) as gate:
                await test(gate)
            await every_app_ended(Path(os.environ["FAKE_APP_PIDS"]))

    asyncio.run(main())


async def first_bytes(websocket: ClientWebSocketResponse) -> bytes:
    message = await websocket.receive(timeout=10)
    assert message.type == WSMsgType.BINARY, message
    return message.data


async def refused(gate: Gate, path: str, **kwargs: Any) -> int:
    """The status a socket handshake was refused with (it must be refused)."""
    with pytest.raises(WSServerHandshakeError) as refusal:
        await gate.socket(path, **kwargs)
    return refusal.value.status


# -- the page ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "words"), [("en", "This address needs its token"), ("zh", "此地址需要令牌")])
def test_the_page_without_its_token_is_refused_with_a_page_that_says_why(lang: str, words: str) -> None:
    async def test(gate: Gate) -> None:
        for query in ("/", "/?token=", "/?token=wrong", f"/?token={gate.token[:-1]}", f"/?Token={gate.token}"):
            async with gate.session.get(gate.url(query)) as response:
                assert response.status == 403, query
                page = await response.text()
                assert words in page and "?token=" in page
                assert gate.token not in page
        assert len(gate.logged) == 5
        assert gate.server.sessions == 0

    scenario(test, lang=lang)


def test_the_page_with_its_token_points_its_socket_at_the_token_on_the_address_the_browser_used() -> None:
    async def test(gate: Gate) -> None:
        for host in ("127.0.0.1", "localhost"):
            headers = {"Host": f"{host}:{gate.port}"}
            async with gate.session.get(gate.url(f"/?token={gate.token}"), headers=headers) as response:
                assert response.status == 200
                page = await response.text()
                assert f'data-session-websocket-url="ws://{host}:{gate.port}/ws/{gate.token}"' in page
                assert f"http://{host}:{gate.port}/static/js/textual.js" in page
                assert "0.0.0.0" not in page
                # the token is in this page's address: never passed on, cached or framed
                assert response.headers["Referrer-Policy"] == "no-referrer"
                assert response.headers["Cache-Control"] == "no-store"
                assert response.headers["X-Frame-Options"] == "DENY"
        assert gate.logged == []

    scenario(test)


# -- the socket ----------------------------------------------------------------------------------------------------
def test_the_socket_without_its_token_is_refused_and_starts_no_app() -> None:
    async def test(gate: Gate) -> None:
        for path in ("/ws", "/ws?token=", "/ws/", "/ws/wrong", f"/ws/{gate.token}x", f"/ws/{gate.token[:-1]}?width=80",
                     f"/ws/x?token={gate.token}"):
            status = await refused(gate, path)
            assert status in (403, 404), path
        assert gate.server.sessions == 0

    scenario(test)


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:1", "https://127.0.0.1", "null",
                                    "http://localhost.evil.example"])
def test_a_page_on_another_site_cannot_open_the_socket_even_with_the_token(origin: str) -> None:
    async def test(gate: Gate) -> None:
        assert await refused(gate, f"/ws/{gate.token}", origin=origin) == 403
        assert gate.server.sessions == 0
        assert any("another site" in line and origin in line for line in gate.logged), gate.logged

    scenario(test)


@pytest.mark.parametrize("host", ["rebind.evil.example", "127.0.0.1.nip.io", "0.0.0.0", "[::1]"])
def test_a_name_that_is_not_this_server_is_refused_everywhere(host: str) -> None:
    """DNS rebinding: the attacker's name now points at 127.0.0.1, so their page is "same origin" with us; the
    Host header still carries their name. The page, the socket and even the scripts refuse it."""

    async def test(gate: Gate) -> None:
        headers = {"Host": f"{host}:{gate.port}"}
        for path in (f"/?token={gate.token}", "/static/js/textual.js", "/download/x"):
            async with gate.session.get(gate.url(path), headers=headers) as response:
                assert response.status == 403, path
                assert "Wrong address" in await response.text()
        origin = f"http://{host}:{gate.port}"
        assert await refused(gate, f"/ws/{gate.token}", origin=origin, headers=headers) == 403
        assert gate.server.sessions == 0
        assert any("DNS rebinding" in line for line in gate.logged)

    scenario(test)


def test_the_owner_drives_the_app_with_the_token_and_the_servers_own_origin() -> None:
    async def test(gate: Gate) -> None:
        websocket = await gate.socket()
        assert await first_bytes(websocket) == b"fake app ready"
        assert gate.server.sessions == 1
        await websocket.send_json(["stdin", "q"])
        assert await first_bytes(websocket) == b"echo:q"
        await websocket.close()
        for _ in range(200):  # the server notices the close and frees the place
            if gate.server.sessions == 0:
                break
            await asyncio.sleep(0.01)
        assert gate.server.sessions == 0
        assert gate.logged == []

    scenario(test)


def test_a_program_without_an_origin_still_needs_the_token_in_the_path_or_the_query() -> None:
    async def test(gate: Gate) -> None:
        assert await refused(gate, "/ws/nope", origin=None) == 403
        for path in (None, f"/ws?token={gate.token}&width=80"):
            websocket = await gate.socket(path, origin=None)
            assert await first_bytes(websocket) == b"fake app ready"
            await websocket.close()

    scenario(test)


# -- the connection limit ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "words", "reason"), [
    ("en", "as many browser tabs as this serve allows (2)", "limit 2"), ("zh", "上限（2）", "上限（2）")])
def test_one_tab_too_many_is_told_why_and_gets_no_app(lang: str, words: str, reason: str) -> None:
    async def test(gate: Gate) -> None:
        gate.server.refusal_hold = 0.3
        first, second = await gate.socket(), await gate.socket()
        assert await first_bytes(first) == await first_bytes(second) == b"fake app ready"
        third = await gate.socket()
        shown = (await first_bytes(third)).decode("utf-8")
        assert words in shown and "--max-connections" in shown
        closing = await third.receive(timeout=5)
        assert closing.type == WSMsgType.CLOSE
        assert third.close_code == 1013  # "try again later"
        assert reason in (closing.extra or "")
        assert gate.server.sessions == 2
        assert any("--max-connections" in line for line in gate.logged)
        await first.close()
        fourth = await gate.socket()  # a place came free
        assert await first_bytes(fourth) == b"fake app ready"
        await asyncio.gather(second.close(), fourth.close())

    scenario(test, lang=lang)


def test_a_reloaded_tab_gets_its_place_back_while_the_old_socket_closes() -> None:
    """A reload opens the new socket a moment before the old one closes: that is not one tab too many."""

    async def test(gate: Gate) -> None:
        gate.server.slot_grace = 5
        first, second = await gate.socket(), await gate.socket()
        await asyncio.gather(first_bytes(first), first_bytes(second))
        reloaded = asyncio.create_task(gate.socket())
        await asyncio.sleep(0.1)
        await first.close()
        third = await reloaded
        assert await first_bytes(third) == b"fake app ready"
        await asyncio.gather(second.close(), third.close())

    scenario(test)


def test_the_limit_is_an_option() -> None:
    async def test(gate: Gate) -> None:
        gate.server.refusal_hold = 0
        only = await gate.socket()
        assert await first_bytes(only) == b"fake app ready"
        refused_tab = await gate.socket()
        assert b"(1)" in await first_bytes(refused_tab)
        await only.close()

    scenario(test, max_connections=1)


def test_stopping_the_server_ends_every_session() -> None:
    async def test(gate: Gate) -> None:
        sockets = [await gate.socket(), await gate.socket()]
        for websocket in sockets:
            assert await first_bytes(websocket) == b"fake app ready"
        endings = [asyncio.create_task(websocket.receive(timeout=10)) for websocket in sockets]  # as a browser reads
        await gate.test_server.close()
        for ending in endings:
            assert (await ending).type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
        assert gate.server.sessions == 0

    scenario(test)


# -- hostile text --------------------------------------------------------------------------------------------------
def test_header_text_from_an_attacker_reaches_the_terminal_inert() -> None:
    """An Origin holding an OSC 52 sequence (it would set the user's clipboard) is logged as visible escapes."""

    async def test(gate: Gate) -> None:
        origin = b"http://e\x1b]52;c;cHduZWQ=\x07.example"
        request = (b"GET /ws/" + gate.token.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1:" + str(gate.port).encode()
                   + b"\r\nOrigin: " + origin + b"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        reader, writer = await asyncio.open_connection("127.0.0.1", gate.port)
        writer.write(request)
        status = await reader.readline()
        writer.close()
        assert status.split()[1] in (b"400", b"403")  # refused by the HTTP parser or by the gate
        assert gate.server.sessions == 0
        assert not any("\x1b" in line or "\x07" in line for line in gate.logged)

    scenario(test)


def test_the_handlers_refuse_on_their_own_if_textual_serve_built_its_application_without_the_gate() -> None:
    """Fails closed: textual-serve's own application (no middleware, no ``/ws/<token>`` route) still asks."""
    from textual_serve.server import Server

    async def test(gate: Gate) -> None:
        bare = TestServer(await Server._make_app(gate.server), host="127.0.0.1", port=free_port())
        await bare.start_server()
        try:
            gate.server.served = served("127.0.0.1", bare.port, gate.token)
            origin = f"http://127.0.0.1:{bare.port}"
            async with gate.session.get(f"{origin}/") as response:
                assert response.status == 403
            with pytest.raises(WSServerHandshakeError):
                await gate.session.ws_connect(f"{origin}/ws", origin="http://evil.example")
            with pytest.raises(WSServerHandshakeError):
                await gate.session.ws_connect(f"{origin}/ws?width=80", origin=origin)
            assert gate.server.sessions == 0
        finally:
            await bare.close()

    scenario(test)


def test_a_malformed_request_is_one_inert_line_in_the_terminal_not_a_traceback(caplog: pytest.LogCaptureFixture
                                                                              ) -> None:
    # aiohttp refuses a request it cannot parse before any handler runs, and logged "Error handling request"
    # with a traceback to the owner's terminal (Python's last-resort log handler): any program on the machine
    # could fill it with them. The server says it in one line of its own, echoing nothing of the request.
    logged: list[str] = []

    async def test(gate: Gate) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", gate.port)
        writer.write(b"GET / HTTP/1.1\r\nHost: evil\x1b[2J\x1b[31m\r\n\r\n")
        await writer.drain()
        answer = await reader.read()
        writer.close()
        assert answer.split(b"\r\n")[0].endswith(b"400 Bad Request") and b"\x1b" not in answer
        await asyncio.sleep(0.05)
        logged.extend(gate.logged)

    scenario(test)
    assert [record.getMessage() for record in caplog.records if record.name.startswith("aiohttp")] == []
    assert logged == ["Refused: a request that is not valid HTTP (from 127.0.0.1)"]
