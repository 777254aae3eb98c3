"""The rules of ``huabei serve``'s front door, without a server: tokens, addresses, Host and Origin headers."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from huabei_tui.strings.core import STRINGS as CORE
from huabei_tui.strings.web import STRINGS as SERVE
from huabei_tui.web.access import (
    Served,
    in_url,
    inert,
    is_loopback,
    new_token,
    normal_host,
    served,
    split_authority,
    token_matches,
)

TOKEN = "t0k3n-_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"


def loopback(port: int = 8000) -> Served:
    return served("127.0.0.1", port, TOKEN)


def test_tokens_are_new_each_time_long_and_url_safe() -> None:
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    for token in tokens:
        assert len(token) >= 43
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


@pytest.mark.parametrize("candidate", [None, "", TOKEN[:-1], TOKEN + "x", TOKEN.upper(), " " + TOKEN, "é" * 43,
                                       "\udcff", "\x00" + TOKEN[1:]])
def test_only_the_exact_token_matches(candidate: str | None) -> None:
    assert not token_matches(TOKEN, candidate)
    assert token_matches(TOKEN, TOKEN)


@pytest.mark.parametrize(("text", "host"), [
    ("127.0.0.1", "127.0.0.1"), (" [::1] ", "::1"), ("0:0:0:0:0:0:0:1", "::1"), ("LocalHost", "localhost"),
    ("0.0.0.0", "0.0.0.0"), ("::", "::"), ("192.168.1.20", "192.168.1.20"), ("nas.example.org", "nas.example.org"),
    ("my-box", "my-box"),
])
def test_normal_host(text: str, host: str) -> None:
    assert normal_host(text) == host


@pytest.mark.parametrize("text", ["", " ", "127.1", "2130706433", "evil.com/x", "user@127.0.0.1", "127.0.0.1:80",
                                  "a b", "host\x1b]52;c;AAAA\x07", "-bad", "bad-", "a..b", "[/]", "fe80::1%eth0",
                                  "例子.中国", "x" * 254])
def test_normal_host_refuses_what_is_not_a_plain_name_or_address(text: str) -> None:
    assert normal_host(text) is None


@pytest.mark.parametrize(("host", "expected"), [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True),
                                                ("localhost", True), ("0.0.0.0", False), ("::", False),
                                                ("192.168.1.20", False), ("example.org", False)])
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.mark.parametrize(("header", "expected"), [
    ("127.0.0.1:8000", ("127.0.0.1", 8000)), ("LOCALHOST:8000", ("localhost", 8000)), ("[::1]:8000", ("::1", 8000)),
    ("example.org", ("example.org", 80)), (None, None), ("", None), ("127.0.0.1:", None), ("127.0.0.1:99999", None),
    ("127.0.0.1:0", None), ("user@127.0.0.1:8000", None), ("127.0.0.1:8000/x", None), ("127.0.0.1 :8000", None),
    ("::1:8000", None), ("127.1:8000", None),
])
def test_split_authority(header: str | None, expected: tuple[str, int] | None) -> None:
    assert split_authority(header) == expected


def test_a_loopback_server_answers_to_its_address_and_localhost_on_its_port_only() -> None:
    access = loopback()
    for header in ("127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000"):
        assert access.host_allowed(header), header
    for header in (None, "", "127.0.0.1", "127.0.0.1:8001", "attacker.example:8000", "127.0.0.1.nip.io:8000",
                   "localhost.attacker.example:8000", "[::1]:8000", "0.0.0.0:8000"):
        assert not access.host_allowed(header), header


def test_dns_rebinding_is_refused_by_the_host_header() -> None:
    """The attacker's name resolves to 127.0.0.1 by then, but the browser still sends the attacker's name."""
    assert not loopback().host_allowed("rebind.attacker.example:8000")


@pytest.mark.parametrize(("origin", "expected"), [
    (None, True),  # not a browser (browsers send Origin with every WebSocket)
    ("http://127.0.0.1:8000", True), ("http://localhost:8000", True), ("HTTP://127.0.0.1:8000", True),
    ("http://127.0.0.1:9000", False),  # another program's page on this machine
    ("https://127.0.0.1:8000", False), ("http://evil.example", False), ("http://evil.example:8000", False),
    ("null", False), ("", False), ("file://", False), ("http://127.0.0.1:8000/path", False),
    ("http://127.0.0.1:8000.evil.example", False), ("ws://127.0.0.1:8000", False),
])
def test_only_the_servers_own_pages_are_an_allowed_origin(origin: str | None, expected: bool) -> None:
    assert loopback().origin_allowed(origin) is expected


def test_the_printed_address_carries_the_token() -> None:
    assert loopback().url() == f"http://127.0.0.1:8000/?token={TOKEN}"
    assert served("::1", 8080, TOKEN).url() == f"http://[::1]:8080/?token={TOKEN}"
    assert served("localhost", 8000, TOKEN).urls() == [f"http://localhost:8000/?token={TOKEN}"]


def test_a_named_or_specific_address_answers_to_itself_only() -> None:
    for bind in ("192.168.1.20", "nas.example.org"):
        access = served(bind, 8000, TOKEN)
        assert access.hosts == (bind,)
        assert access.urls() == [f"http://{bind}:8000/?token={TOKEN}"]
        assert not access.host_allowed("127.0.0.1:8000")


def test_every_address_is_served_under_the_machines_own_names_never_as_0_0_0_0() -> None:
    machine = lambda: ["192.168.1.20", "2001:db8::5", "box", "127.0.1.1", "0.0.0.0", "bad name", "192.168.1.20"]  # noqa: E731
    access = served("0.0.0.0", 8000, TOKEN, machine=machine)
    assert access.hosts[0] == "192.168.1.20"  # advertised: what other machines reach
    assert "2001:db8::5" not in access.hosts  # bound to IPv4 only
    assert {"box", "localhost", "127.0.0.1", "127.0.1.1"} <= set(access.hosts)
    assert "0.0.0.0" not in access.hosts
    assert access.urls() == [f"http://192.168.1.20:8000/?token={TOKEN}", f"http://box:8000/?token={TOKEN}"]
    assert access.host_allowed("box:8000") and access.host_allowed("localhost:8000")
    assert not access.host_allowed("0.0.0.0:8000")
    both = served("::", 8000, TOKEN, machine=machine)
    assert "2001:db8::5" in both.hosts and "::1" in both.hosts
    lonely = served("0.0.0.0", 8000, TOKEN, machine=lambda: [])
    assert lonely.urls() == [f"http://localhost:8000/?token={TOKEN}"]


def test_in_url_brackets_ipv6() -> None:
    assert in_url("::1") == "[::1]"
    assert in_url("127.0.0.1") == "127.0.0.1"


def test_inert_keeps_terminal_sequences_and_long_text_out() -> None:
    assert inert("http://evil.example\x1b]52;c;cHduZWQ=\x07") == "http://evil.example\\x1b]52;c;cHduZWQ=\\x07"
    assert inert("a\u202eb\x9bc") == "a\\u202eb\\x9bc"
    assert inert("x" * 200).endswith("…") and len(inert("x" * 200)) == 81
    assert inert(None) == "-"
    assert inert("[/] [bold]") == "[/] [bold]"  # markup is not the terminal's problem: it is printed as text


#: What serve says, and the names of its options (field.*, core strings like every field's name).
STRINGS = {**SERVE, **{key: pair for key, pair in CORE.items() if key in ("field.port", "field.host", "field.serve",
                                                                          "field.max_connections")}}


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_serve_string_has_both_languages_and_the_same_placeholders(key: str) -> None:
    zh, en = STRINGS[key]
    assert zh.strip() and en.strip()
    assert _placeholders(zh) == _placeholders(en)
    assert "\n" not in zh + en


def test_every_string_the_server_and_the_command_use_exists() -> None:
    import huabei_tui

    package = Path(huabei_tui.__file__).parent
    used = set()
    for path in [*sorted((package / "web").glob("*.py")), package / "cli" / "serve.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("tr", "InputError"):
                used.update(a.value for a in node.args[:2] if isinstance(a, ast.Constant) and "." in a.value)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "page":
                used.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    assert len(used) > 15
    assert used <= set(STRINGS), used - set(STRINGS)
