"""``huabei serve``: the TUI in a browser, loopback by default, any other address only with ``--public``.

``textual_serve.server.Server`` is replaced by a recorder, so nothing ever listens on a port in these tests.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

server_module = pytest.importorskip("textual_serve.server")


class FakeServer:
    created: list[FakeServer] = []

    def __init__(self, command: str, host: str = "localhost", port: int = 8000, title: str | None = None,
                 public_url: str | None = None, **kwargs: object) -> None:
        self.command, self.host, self.port, self.title, self.public_url = command, host, port, title, public_url
        self.served = False
        FakeServer.created.append(self)

    def serve(self, *args: object, **kwargs: object) -> None:
        self.served = True


@pytest.fixture(autouse=True)
def fake_server(monkeypatch: pytest.MonkeyPatch) -> type[FakeServer]:
    FakeServer.created = []
    monkeypatch.setattr(server_module, "Server", FakeServer)
    return FakeServer


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_other_addresses_need_public(huabei, host: str, lang: str, db: Path) -> None:
    result = huabei("serve", "--host", host, lang=lang)
    assert result.code == 2
    assert host in result.err
    assert "--public" in result.err
    assert ("没有密码" if lang == "zh" else "no password") in result.err
    assert FakeServer.created == []
    assert not db.exists()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_public_prints_the_warning_and_serves(huabei, lang: str) -> None:
    result = huabei("serve", "--host", "0.0.0.0", "--port", "8123", "--public", lang=lang)
    assert result.code == 0, result.err
    warning = "任何能访问该地址的人都能看到并修改你的数据" if lang == "zh" else "0.0.0.0"
    assert warning in result.err
    assert ("警告" if lang == "zh" else "arning") in result.err
    (server,) = FakeServer.created
    assert (server.host, server.port, server.served) == ("0.0.0.0", 8123, True)
    assert "http://0.0.0.0:8123" in result.out


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_builds_the_tui_command(huabei, db: Path, host: str) -> None:
    result = huabei("serve", "--host", host, today="2026-11-29", lang="zh")
    assert result.code == 0, result.err
    assert result.err == ""  # no warning on loopback
    (server,) = FakeServer.created
    assert server.host == host and server.port == 8000 and server.served
    assert shlex.split(server.command) == [sys.executable, "-m", "huabei_tui", "--db", str(db), "--lang", "zh",
                                           "--today", "2026-11-29", "tui"]


@pytest.mark.parametrize(("host", "url"), [("::1", "http://[::1]:8000"), ("[::1]", "http://[::1]:8000"),
                                           ("127.0.0.1", "http://127.0.0.1:8000")])
def test_the_printed_url_opens_in_a_browser(huabei, host: str, url: str) -> None:
    result = huabei("serve", "--host", host)
    assert result.code == 0, result.err
    assert url in result.out
    assert FakeServer.created[0].host == host.strip("[]")
    assert FakeServer.created[0].public_url in (None, url)


def test_default_is_127_0_0_1(huabei) -> None:
    assert huabei("serve").code == 0
    assert FakeServer.created[0].host == "127.0.0.1"


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1"])
def test_bad_port_exits_2(huabei, port: str) -> None:
    result = huabei("serve", "--port", port)
    assert result.code == 2
    assert port in result.err
    assert FakeServer.created == []
