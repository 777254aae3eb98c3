"""Headless Chromium driven over the DevTools protocol: what a real browser loads, sends and is refused.

A small client over aiohttp's WebSocket (no Selenium or Playwright to install): start Chromium with
``--remote-debugging-port=0``, read the address it prints, open a tab, and wait on the events it reports (network
responses, WebSocket frames) or on expressions evaluated in the page — never on a fixed sleep.
Loopback only: the browser is told to stay off the network (no updates, sync or QUIC), and the tests only ever
point it at servers on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, ClientWebSocketResponse

#: Debian's package is ``chromium``; other systems name it ``chromium-browser``.
NAMES = ("chromium", "chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--remote-debugging-port=0")
LISTENING = re.compile(r"DevTools listening on (ws://\S+)")
START_SECONDS = 20


def chromium() -> str | None:
    """The browser to test with, or ``None`` where none is installed."""
    return next((path for name in NAMES if (path := shutil.which(name))), None)


Event = dict[str, Any]


class Browser:
    """One headless Chromium for one test: ``async with Browser(profile) as browser: tab = await browser.tab()``."""

    def __init__(self, profile: Path, *flags: str) -> None:
        self.profile = profile
        self.flags = flags
        self.events: list[Event] = []
        self.changed = asyncio.Condition()
        self.replies: dict[int, asyncio.Future[Event]] = {}
        self.ids = itertools.count(1)

    async def __aenter__(self) -> Browser:
        executable = chromium()
        assert executable, "no Chromium"
        self.process = await asyncio.create_subprocess_exec(
            executable, *FLAGS, f"--user-data-dir={self.profile}", *self.flags, "about:blank",
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        assert self.process.stderr is not None
        address = None
        async with asyncio.timeout(START_SECONDS):
            while address is None:
                line = await self.process.stderr.readline()
                assert line, "Chromium ended before it listened"
                if match := LISTENING.search(line.decode("utf-8", "replace")):
                    address = match[1]
        self.drain = asyncio.create_task(self.process.stderr.read())  # keep its pipe from filling up
        self.session = ClientSession()
        self.socket: ClientWebSocketResponse = await self.session.ws_connect(address, max_msg_size=0)
        self.reader = asyncio.create_task(self.read())
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.reader.cancel()
        await self.socket.close()
        await self.session.close()
        if self.process.returncode is None:
            self.process.terminate()
        await self.process.wait()
        await self.drain

    async def read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            if "id" in data:
                future = self.replies.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data)
                continue
            async with self.changed:
                self.events.append(data)
                self.changed.notify_all()

    async def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        number = next(self.ids)
        reply: asyncio.Future[Event] = asyncio.get_running_loop().create_future()
        self.replies[number] = reply
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        await self.socket.send_str(json.dumps(message))
        answer = await reply
        assert "error" not in answer, answer
        return answer.get("result", {})

    async def tab(self) -> Tab:
        target = await self.call("Target.createTarget", url="about:blank")
        attached = await self.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)
        tab = Tab(self, attached["sessionId"])
        await tab.call("Network.enable")
        await tab.call("Page.enable")
        return tab


class Tab:
    """One page: navigate it, read what it shows, wait for what it receives."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        return await self.browser.call(method, self.session, **params)

    def events(self, method: str) -> list[dict[str, Any]]:
        return [e["params"] for e in self.browser.events if e.get("sessionId") == self.session and e["method"] == method]

    async def wait_until(self, done: Callable[[], bool]) -> None:
        """Until ``done()`` holds, re-checked at each event the browser reports."""
        async with self.browser.changed:
            await self.browser.changed.wait_for(done)

    async def open(self, url: str) -> dict[str, Any]:
        """Navigate and wait for the page's load event; the main document's response (status, headers)."""
        loads = len(self.events("Page.loadEventFired"))
        navigation = await self.call("Page.navigate", url=url)
        await self.wait_until(lambda: len(self.events("Page.loadEventFired")) > loads)
        return next(r["response"] for r in self.events("Network.responseReceived")
                    if r.get("loaderId") == navigation.get("loaderId") and r.get("type") == "Document")

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result["result"].get("value")

    async def wait_for_value(self, expression: str, done: Callable[[Any], bool]) -> Any:
        """Evaluate ``expression`` until ``done(value)``; the page's own script changes it, so poll gently."""
        while not done(value := await self.evaluate(expression)):
            await asyncio.sleep(0.05)
        return value

    def sockets_opened(self) -> list[str]:
        return [e["url"] for e in self.events("Network.webSocketCreated")]

    def socket_bytes(self) -> bytes:
        """Everything the page received in binary WebSocket frames (for textual-serve, the app's screen)."""
        frames = [e["response"] for e in self.events("Network.webSocketFrameReceived")]
        return b"".join(base64.b64decode(f["payloadData"]) for f in frames if f["opcode"] == 2)

    async def screenshot(self, path: Path) -> None:
        shot = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))
