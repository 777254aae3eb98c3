"""``huabei serve`` in a real browser, as its owner and as an attacker's page would use it.

One real server (a child process on a free loopback port, demo data) serves the whole module; each test drives
a fresh headless Chromium over the DevTools protocol (``support.browser``). Skipped, with the reason, where no
Chromium is installed (``.ci/run`` installs Debian's ``chromium`` when it can).
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("textual_serve.server")

from support.browser import Browser, Tab, chromium
from support.huabei_cli import subprocess_env
from support.serving import RunningServer, free_port, huabei_serve

pytestmark = pytest.mark.skipif(chromium() is None, reason="no Chromium installed (apt-get install chromium)")

#: Each test, browser start included; the first paint of the app in the page takes a few seconds on a busy machine.
TEST_SECONDS = 40
ANSI = re.compile(rb"\x1b\[[0-9;?$]*[A-Za-z]")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    home = tmp_path_factory.mktemp("serve")
    db = home / "huabei.json"
    demo = subprocess.run([sys.executable, "-m", "huabei_tui", "--db", str(db), "--today", "2026-11-29", "demo"],
                          env=subprocess_env(home), capture_output=True, text=True, timeout=60)
    assert demo.returncode == 0, demo.stderr
    with huabei_serve(home, db) as running:
        yield running
        assert running.stop() == 0, running.stderr()
    assert "Traceback" not in running.stderr()


def in_browser(tmp_path: Path, test: Callable[[Tab], Awaitable[None]], *flags: str) -> None:
    async def main() -> None:
        async with asyncio.timeout(TEST_SECONDS), Browser(tmp_path / "profile", *flags) as browser:
            await test(await browser.tab())

    asyncio.run(main())


def test_the_printed_address_shows_the_status_screen(server: RunningServer, tmp_path: Path) -> None:
    async def test(tab: Tab) -> None:
        response = await tab.open(server.url)
        assert response["status"] == 200
        assert response["headers"].get("Referrer-Policy") == "no-referrer"

        def screen() -> str:
            return ANSI.sub(b"", tab.socket_bytes()).decode("utf-8", "replace")

        await tab.wait_until(lambda: "Next bill" in screen())
        assert "Account status" in screen() and "Limit and account" in screen()
        assert tab.sockets_opened()[0].startswith(f"ws://127.0.0.1:{server.port}/ws/{server.token}?")
        # the page's own script drew those bytes into its terminal
        await tab.wait_for_value("document.body.classList.contains('-first-byte')", bool)
        await tab.screenshot(tmp_path / "status.png")  # kept in the test's folder for a person to look at

    in_browser(tmp_path, test)


def test_the_address_without_its_token_is_refused(server: RunningServer, tmp_path: Path) -> None:
    async def test(tab: Tab) -> None:
        for url in (server.origin + "/", server.url[:-1], server.url.replace("token=", "t=")):
            response = await tab.open(url)
            assert response["status"] == 403
            text = await tab.evaluate("document.body.innerText")
            assert "This address needs its token" in text and "?token=" in text
        assert tab.sockets_opened() == []

    in_browser(tmp_path, test)


EVIL_PAGE = """<!DOCTYPE html><title>waiting</title><script>
const socket = new WebSocket("{target}");
socket.onopen = () => {{ document.title = "opened"; }};
socket.onclose = (event) => {{ if (document.title !== "opened") document.title = "closed " + event.code; }};
</script>"""


def test_a_page_on_another_origin_cannot_open_the_socket_even_knowing_the_token(server: RunningServer,
                                                                                  tmp_path: Path) -> None:
    """The worst case: the attacker's page (another port on this machine) has even learnt the token."""
    from aiohttp import web

    target = f"ws://127.0.0.1:{server.port}/ws/{server.token}?width=80&height=24"

    async def evil(request: web.Request) -> web.Response:
        return web.Response(text=EVIL_PAGE.format(target=target), content_type="text/html")

    async def test(tab: Tab) -> None:
        app = web.Application()
        app.router.add_get("/", evil)
        runner = web.AppRunner(app)
        await runner.setup()
        evil_port = free_port()
        await web.TCPSite(runner, "127.0.0.1", evil_port).start()
        try:
            await tab.open(f"http://127.0.0.1:{evil_port}/")
            title = await tab.wait_for_value("document.title", lambda t: t != "waiting")
        finally:
            await runner.cleanup()
        assert title.startswith("closed"), title  # never "opened"
        sent = tab.events("Network.webSocketWillSendHandshakeRequest")[0]["request"]["headers"]
        assert sent["Origin"] == f"http://127.0.0.1:{evil_port}"
        assert not tab.events("Network.webSocketFrameReceived")

    in_browser(tmp_path, test)
    assert "another site (http://127.0.0.1:" in server.stderr()


def test_a_rebound_name_is_refused(server: RunningServer, tmp_path: Path) -> None:
    """DNS rebinding, for real: the browser resolves the attacker's name to 127.0.0.1 and sends that name."""

    async def test(tab: Tab) -> None:
        response = await tab.open(f"http://rebind.test:{server.port}/?token={server.token}")
        assert response["status"] == 403
        assert "Wrong address" in await tab.evaluate("document.body.innerText")
        assert tab.sockets_opened() == []

    in_browser(tmp_path, test, "--host-resolver-rules=MAP rebind.test 127.0.0.1")
    assert "rebind.test" in server.stderr()
