"""``huabei serve``: the TUI in a browser, for the person at this terminal only.

Most tests replace ``OwnerOnlyServer.serve`` with a recorder, so nothing listens on a port; the last ones run a
real server in a child process on a free loopback port. What the server lets in is ``tests/web``'s subject.
"""

from __future__ import annotations

import asyncio
import re
import shlex
import socket
import sys
from pathlib import Path

import pytest

pytest.importorskip("textual_serve.server")

from huabei_tui.web.server import OwnerOnlyServer
from support.serving import huabei_serve

TOKEN_URL = r"\?token=[A-Za-z0-9_-]{43}"


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[OwnerOnlyServer]:
    """Every server the command would have run; ``serve`` only announces the address, as once the port is open."""
    servers: list[OwnerOnlyServer] = []

    def serve(self: OwnerOnlyServer, debug: bool = False) -> None:
        servers.append(self)
        self.announce()

    monkeypatch.setattr(OwnerOnlyServer, "serve", serve)
    return servers


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_other_addresses_need_public(huabei, host: str, lang: str, db: Path, recorded: list) -> None:
    result = huabei("serve", "--host", host, lang=lang)
    assert result.code == 2
    assert host in result.err
    assert "--public" in result.err
    assert ("其他机器" if lang == "zh" else "other machines") in result.err
    assert recorded == []
    assert not db.exists()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_public_needs_an_explicit_host(huabei, lang: str, recorded: list) -> None:
    result = huabei("serve", "--public", lang=lang)
    assert result.code == 2
    assert "--host" in result.err
    assert recorded == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_public_prints_the_warning_and_an_address_a_browser_can_open(huabei, lang: str, recorded: list) -> None:
    result = huabei("serve", "--host", "0.0.0.0", "--port", "8123", "--public", lang=lang)
    assert result.code == 0, result.err
    assert ("警告" if lang == "zh" else "Warning") in result.err
    assert ("令牌" if lang == "zh" else "token") in result.err
    (server,) = recorded
    assert (server.host, server.port) == ("0.0.0.0", 8123)
    assert "0.0.0.0" not in result.out  # browsers cannot open it: the machine's own address is printed
    assert re.search(rf"http://\S+:8123/{TOKEN_URL}", result.out)


def test_public_on_a_given_address_advertises_that_address(huabei, recorded: list) -> None:
    result = huabei("serve", "--host", "192.168.1.20", "--public")
    assert result.code == 0, result.err
    (server,) = recorded
    assert re.search(rf"http://192\.168\.1\.20:8000/{TOKEN_URL}", result.out)
    assert server.served.hosts == ("192.168.1.20",)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_builds_the_tui_command(huabei, db: Path, host: str, recorded: list) -> None:
    result = huabei("serve", "--host", host, today="2026-11-29", lang="zh")
    assert result.code == 0, result.err
    assert result.err == ""  # no warning on loopback
    (server,) = recorded
    assert server.host == host and server.port == 8000
    assert shlex.split(server.command) == [sys.executable, "-m", "huabei_tui", "--db", str(db), "--lang", "zh",
                                           "--today", "2026-11-29", "tui"]


def test_demo_gives_each_tab_its_own_demo(huabei, tmp_path: Path, recorded: list) -> None:
    """``--demo serve`` served the user's real file; now each tab's app is ``huabei --demo`` (never this run's
    throw-away copy, removed when serve ends, nor any file of the user's)."""
    result = huabei.bare("--demo", "--today", "2026-11-29", "--lang", "en", "serve")
    assert result.code == 0, result.err
    (server,) = recorded
    assert shlex.split(server.command) == [sys.executable, "-m", "huabei_tui", "--demo", "--lang", "en",
                                           "--today", "2026-11-29", "tui"]
    assert not (tmp_path / "xdg-data").exists()


@pytest.mark.parametrize(("host", "url"), [("::1", "http://[::1]:8000/"), ("[::1]", "http://[::1]:8000/"),
                                           ("127.0.0.1", "http://127.0.0.1:8000/")])
def test_the_printed_url_carries_this_runs_token(huabei, host: str, url: str, recorded: list) -> None:
    result = huabei("serve", "--host", host)
    assert result.code == 0, result.err
    (server,) = recorded
    assert f"{url}?token={server.served.token}" in result.out
    assert re.search(re.escape(url) + TOKEN_URL, result.out)
    assert server.host == host.strip("[]")
    again = huabei("serve", "--host", host)
    assert recorded[1].served.token != server.served.token  # a new one each run
    assert server.served.token not in again.out


def test_default_is_127_0_0_1_with_two_tabs(huabei, recorded: list) -> None:
    result = huabei("serve")
    assert result.code == 0
    assert recorded[0].host == "127.0.0.1"
    assert recorded[0].served.max_connections == 2
    assert "at most 2" in result.out


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1", "٨٠٠٠", "8⁰00", ""])
def test_bad_port_exits_2(huabei, port: str, recorded: list) -> None:
    result = huabei("serve", "--port", port)
    assert result.code == 2
    assert port in result.err
    assert recorded == []


def test_full_width_digits_are_numbers(huabei, recorded: list) -> None:
    assert huabei("serve", "--port", "８０８０", "--max-connections", "３").code == 0
    assert (recorded[0].port, recorded[0].served.max_connections) == (8080, 3)


@pytest.mark.parametrize("value", ["0", "21", "²", "two", "-1", "1.5"])
def test_bad_max_connections_exits_2(huabei, value: str, recorded: list) -> None:
    result = huabei("serve", "--max-connections", value)
    assert result.code == 2
    assert value in result.err and "20" in result.err
    assert recorded == []


@pytest.mark.parametrize("host", ["evil.com/x", "a b", "user@127.0.0.1", "127.1", "x\x1b]52;c;cHduZWQ=\x07",
                                  "[/]"])
def test_a_host_that_is_not_a_name_or_address_exits_2_and_prints_no_escape(huabei, host: str, recorded: list) -> None:
    result = huabei("serve", "--host", host, "--public")
    assert result.code == 2
    assert "\x1b" not in result.err and "\x07" not in result.err
    assert len(result.err_lines) == 1
    assert recorded == []


def test_a_port_in_use_exits_2_with_a_message(huabei) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = huabei("serve", "--port", str(port))
    assert result.code == 2
    assert f"127.0.0.1:{port}" in result.err and "another program uses this port" in result.err
    assert result.out == ""


# -- a real server -------------------------------------------------------------------------------------------------
async def status_screen_through_the_socket(port: int, token: str, origin: str) -> str:
    """What the app sends a browser tab that connects as the page does, until the status screen is drawn."""
    from aiohttp import ClientSession

    received = b""
    async with asyncio.timeout(30), ClientSession() as session, session.ws_connect(
            f"ws://127.0.0.1:{port}/ws/{token}?width=80&height=24", origin=origin) as websocket:
        while b"Next bill" not in received:
            received += (await websocket.receive_bytes()) or b""
    return received.decode("utf-8", "replace")


def test_a_real_server_in_a_folder_named_with_markup_serves_the_app_to_its_owner(huabei, tmp_path: Path) -> None:
    """The data folder ``a[/]b`` crashed textual-serve's banner (Rich markup); the app must run behind it."""
    db = tmp_path / "a[/]b" / "huabei.json"
    db.parent.mkdir(parents=True)  # the folders “a[” and “]b”: the path reads a[/]b
    assert huabei("demo", db=db, today="2026-11-29").code == 0
    with huabei_serve(tmp_path, db) as server:
        assert server.url == f"http://127.0.0.1:{server.port}/?token={server.token}"
        shown = asyncio.run(status_screen_through_the_socket(server.port, server.token, server.origin))
        assert "Account status" in shown
        status = server.stop()
    assert status == 0, server.stderr()
    assert "Traceback" not in server.stderr() and "MarkupError" not in server.stderr()
    assert "Refused" not in server.stderr()


def test_a_real_server_refuses_a_page_elsewhere_and_says_so_in_its_terminal(tmp_path: Path) -> None:
    from aiohttp import ClientSession, WSServerHandshakeError

    async def attack(port: int, token: str) -> int:
        async with asyncio.timeout(15), ClientSession() as session:
            try:
                await session.ws_connect(f"ws://127.0.0.1:{port}/ws/{token}", origin="http://evil.example")
            except WSServerHandshakeError as refusal:
                return refusal.status
        return 101

    with huabei_serve(tmp_path, tmp_path / "h.json", lang="zh") as server:
        assert asyncio.run(attack(server.port, server.token)) == 403
        assert server.stop() == 0
    assert "其他网站" in server.stderr() and "http://evil.example" in server.stderr()


def test_the_line_chosen_is_passed_on_and_an_unknown_one_refused_before_listening(huabei, db: Path,
                                                                                   recorded: list) -> None:
    huabei.ok("line", "add", "信用购")
    assert huabei("--line", "借呗", "serve").code == 2 and recorded == []
    assert huabei("--line", "信用购", "serve", today="2026-11-29").code == 0
    (server,) = recorded
    assert shlex.split(server.command)[-3:] == ["--line", "信用购", "tui"]
