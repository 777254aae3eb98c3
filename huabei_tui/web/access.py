"""Who may drive ``huabei serve``: the rules, with no web framework in them.

A browser runs the scripts of every page the user opens, and any of them may ask it to talk to
``http://127.0.0.1:8000``. Three facts tell the owner's browser from such a page:

- **The token.** A random secret made for each run and printed only in the owner's terminal, inside the address
  to open (``http://127.0.0.1:8000/?token=…``, as Jupyter does). Another page cannot read it, so it cannot send it.
- **The Origin header** of a WebSocket: browsers always send it and a page cannot change it. It must be this
  server's own address; a page elsewhere that guessed the token is still refused.
- **The Host header**: "DNS rebinding" points an attacker's name at 127.0.0.1 so that their page counts as same
  origin; the Host header still names the attacker's domain. Only the addresses this server was started on pass.

Everything here is plain data and strings, so the rules are tested without a server.
"""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
import re
import secrets
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from huabei_tui.domain.textsafe import escaped

#: Bytes of randomness in a token: 32 bytes → 43 URL-safe characters (``secrets`` recommends at least 32).
TOKEN_BYTES = 32

#: Text from a request echoed in the terminal is cut to this many characters.
ECHO_LIMIT = 80

#: Hosts that mean "every address of this machine": bound to, never advertised (a browser cannot open them).
WILDCARDS = ("0.0.0.0", "::")

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
#: ``name``, ``name:port``, ``[v6]`` or ``[v6]:port``, and nothing else (no user info, path, spaces or controls).
_AUTHORITY = re.compile(r"(?:\[(?P<v6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9.-]+))(?::(?P<port>[0-9]{1,5}))?")


def inert(text: str | None, limit: int = ECHO_LIMIT) -> str:
    """Text from a request or the command line, safe to print in a terminal: cut to ``limit`` characters, and
    what cannot be shown as itself (escape sequences, bidirectional overrides) written as an escape
    (``domain.textsafe.escaped``)."""
    if text is None:
        return "-"
    shown = escaped(text[:limit])
    return shown + ("…" if len(text) > limit else "")


def new_token() -> str:
    """A fresh secret for one run of ``huabei serve`` (URL-safe, so it is written into addresses as it is)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_matches(expected: str, candidate: str | None) -> bool:
    """Whether ``candidate`` is the token, in time that does not depend on how much of it is right."""
    if candidate is None:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), candidate.encode("utf-8", "surrogatepass"))


def normal_host(text: str) -> str | None:
    """``--host`` as one canonical spelling (IP addresses compressed, names in lower case), or ``None``.

    ``[::1]`` is accepted as written in URLs. Anything that is neither an IP address nor a plain DNS name (spaces,
    controls, ``user@host``, a path, a port) is ``None``: the caller refuses it rather than bind to a surprise.
    """
    raw = text.strip()
    if raw.startswith("[") and raw.endswith("]"):
        raw = raw[1:-1]
    if "%" in raw:  # an IPv6 zone ("fe80::1%eth0"): browsers cannot open one
        return None
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        pass
    name = raw.lower()
    if len(name) <= 253 and _HOSTNAME.fullmatch(name) and not name.replace(".", "").isdigit():
        return name
    return None


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a ``normal_host``) is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def in_url(host: str) -> str:
    """``host`` as written in a URL: IPv6 addresses take brackets."""
    return f"[{host}]" if ":" in host else host


def split_authority(text: str | None) -> tuple[str, int] | None:
    """A Host header or an Origin's ``host[:port]`` as (canonical host, port), the port 80 when left out."""
    if not text:
        return None
    match = _AUTHORITY.fullmatch(text.lower())
    if match is None:
        return None
    host = normal_host(match["v6"] or match["name"])
    port = int(match["port"]) if match["port"] else 80
    if host is None or not 1 <= port <= 65535:
        return None
    return host, port


def machine_addresses() -> list[str]:
    """This machine's own names and addresses, the one other machines most likely reach first.

    Used only when serving on every address (``--host 0.0.0.0``). It asks the system for the address it would
    send from (a UDP ``connect`` sends no packet) and what the host name resolves to locally; it never asks DNS
    for a reverse lookup, which can hang for seconds on a broken network.
    """
    found: list[str] = []
    for family, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        with contextlib.suppress(OSError), socket.socket(family, socket.SOCK_DGRAM) as udp:
            udp.connect((probe, 9))
            found.append(udp.getsockname()[0])
    name = socket.gethostname()
    with contextlib.suppress(OSError):
        found += [info[4][0] for info in socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)]
    found.append(name)
    return found


@dataclass(frozen=True)
class Served:
    """The addresses a running server answers to, its token, and how many browser tabs may use it at once.

    ``hosts[0]`` is the one printed for the user to open; the others are other spellings of the same server that
    a browser may use (``localhost`` for ``127.0.0.1``, the machine's name when serving on every address).
    """

    hosts: tuple[str, ...]
    port: int
    token: str
    max_connections: int = 2

    def base_url(self, host: str | None = None) -> str:
        """``http://host:port``, for ``host`` or the advertised one."""
        return f"http://{in_url(host or self.hosts[0])}:{self.port}"

    def url(self, host: str | None = None) -> str:
        """The address to open in a browser, token included."""
        return f"{self.base_url(host)}/?token={self.token}"

    def urls(self) -> list[str]:
        """One address per name a browser could use, the advertised one first, loopback spellings left out
        unless nothing else is served (they only work on this machine, where the first one works too)."""
        outward = [h for h in self.hosts if not is_loopback(h)]
        return [self.url(h) for h in (outward or self.hosts[:1])]

    def host_allowed(self, header: str | None) -> bool:
        """Whether a request's Host header names this server (not an attacker's name pointed at it)."""
        authority = split_authority(header)
        return authority is not None and authority[0] in self.hosts and authority[1] == self.port

    def origin_allowed(self, header: str | None) -> bool:
        """Whether a request's Origin is this server's own page. No Origin at all is allowed: browsers send one
        with every WebSocket and every cross-site request, so only non-browser programs leave it out."""
        if header is None:
            return True
        scheme, sep, rest = header.partition("://")
        return scheme.lower() == "http" and sep == "://" and self.host_allowed(rest)

    def token_matches(self, candidate: str | None) -> bool:
        return token_matches(self.token, candidate)


def served(bind: str, port: int, token: str, max_connections: int = 2,
           machine: Callable[[], Iterable[str]] = machine_addresses) -> Served:
    """What a server bound to ``bind`` (a ``normal_host``) answers to.

    A loopback address answers to itself and ``localhost``; a named or specific address only to itself; a
    wildcard to this machine's own names and addresses (from ``machine``) and the loopback ones, never to
    ``0.0.0.0`` (browsers refuse it, and printing it sent users to a page that could not connect).
    """
    if bind == "localhost":
        hosts: list[str] = ["localhost", "127.0.0.1", "::1"]
    elif is_loopback(bind):
        hosts = [bind, "localhost"]
    elif bind in WILDCARDS:
        ipv4_only = bind == "0.0.0.0"
        hosts = []
        for candidate in machine():
            host = normal_host(candidate)
            if host is None or host in WILDCARDS or (ipv4_only and ":" in host):
                continue
            hosts.append(host)
        hosts += ["localhost", "127.0.0.1"] + ([] if ipv4_only else ["::1"])
        outward = [h for h in hosts if not is_loopback(h)]
        hosts = outward + [h for h in hosts if is_loopback(h)]
    else:
        hosts = [bind]
    return Served(tuple(dict.fromkeys(hosts)), port, token, max_connections)
