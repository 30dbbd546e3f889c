"""`parallax serve`: the app over HTTP on this machine, through textual-serve."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from tui import cli


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _session(port: int) -> bytes:
    """Open an app session as the page's script does (a websocket) and read what the app draws,
    until the article list is there or 30 s have passed."""
    import aiohttp

    got = b""
    async with aiohttp.ClientSession() as session, session.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=30") as ws:
        try:
            async with asyncio.timeout(30):
                async for message in ws:
                    got += message.data if isinstance(message.data, bytes) else str(message.data).encode()
                    if b"Yonhap News Agency" in got:
                        break
        except TimeoutError:
            pass
    return got


def test_serve_answers_a_local_request_with_the_apps_page_and_stops(seed_articles, seed_cache_dir):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "tui", "serve", "--port", str(port), "--cache-dir", str(seed_cache_dir)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        page, deadline = None, time.monotonic() + 30
        while page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    page = (answer.status, answer.read().decode("utf-8", "replace"))
            except OSError:
                time.sleep(0.3)
        assert page is not None, server.stderr.read().decode() if server.poll() is not None else "no answer in 30 s"
        status, body = page
        assert status == 200 and "<html" in body.lower() and "textual.js" in body and "Parallax" in body
        painted = asyncio.run(_session(port))   # what a browser tab's session gets: the app, drawn
        assert b"Yonhap News Agency" in painted, painted[-2000:]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
    err = server.stderr.read().decode()
    assert f"at http://127.0.0.1:{port}" in err and "warning" not in err      # loopback: no warning


def test_serve_warns_when_listening_beyond_this_machine(monkeypatch, capsys):
    import textual_serve.server

    served = []
    monkeypatch.setattr(textual_serve.server.Server, "serve", lambda self, debug=False: served.append((self.host, self.port)))
    assert cli.main(["serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    err = capsys.readouterr().err
    assert "anyone who can reach port 8123" in err and served == [("0.0.0.0", 8123)]
    assert cli.main(["serve", "--host", "::1"]) == 0
    assert "warning" not in capsys.readouterr().err
    assert cli.main(["serve", "--port", "70000"]) == 2
    assert cli.main(["serve", "/no/such/corpus"]) == 2
