"""Serving the interactive page (:mod:`sim.app.page`) on this machine.

The page is a Solara app; this command runs ``solara run sim.app`` on 127.0.0.1 without
opening a browser, in production mode (no file watching) and without Solara's check for
a newer release, so it starts and runs with the network closed. :func:`serve` does the
same for tests and benchmarks: a server on a free port that is always stopped.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

APP = "sim.app.page"
DEFAULT_PORT = 8765
HOST = "127.0.0.1"
CLOSED_CDN = "http://127.0.0.1:9/"  # the discard port: nothing answers there


def command(port: int, host: str = HOST, app: str = APP, production: bool = True) -> list[str]:
    """The ``solara run`` command line for the page (``production``: no file watching)."""
    mode = ["--production", "--no-check-version"] if production else []
    return [sys.executable, "-m", "solara", "run", app, "--host", host, "--port", str(port),
            "--no-open", *mode]


def environment() -> dict[str, str]:
    """The server's environment: no telemetry, and quiet about what is not ours to fix.

    Solara warns about a hook in Mesa's SolaraViz and about cookies on plain http, which
    is all a page on this machine needs.
    """
    env = dict(os.environ)
    env.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "False")
    env.setdefault("SOLARA_CHECK_HOOKS", "off")
    quiet = "ignore:Cookies with samesite=none require https:UserWarning"
    env["PYTHONWARNINGS"] = ",".join(w for w in (env.get("PYTHONWARNINGS"), quiet) if w)
    return env


def free_port(host: str = HOST) -> int:
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def wait_until_answers(url: str, proc: subprocess.Popen, timeout: float) -> None:
    """Poll ``url`` until it answers 200; fail early if the server process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"no answer from {url} within {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    """Stop the server's process group: SIGTERM, then SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@contextlib.contextmanager
def serve(port: int | None = None, app: str = APP, production: bool = True,
          timeout: float = 90.0) -> Iterator[str]:
    """Run the page's server while the block runs and yield its URL; always stop it.

    The server gets its own process group so that stopping it stops all it started. Its
    output goes to a temporary file and is shown if it fails to start. Solara's asset
    proxy is pointed at a closed local port: a script missing from solara-assets would
    otherwise be fetched from a CDN, so the page is served as it would be offline.
    """
    port = port or free_port()
    url = f"http://{HOST}:{port}/"
    with tempfile.TemporaryFile(mode="w+") as log:
        env = {**environment(), "SOLARA_ASSETS_CDN": CLOSED_CDN}
        proc = subprocess.Popen(command(port, app=app, production=production), stdout=log,
                                stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            try:
                wait_until_answers(url, proc, timeout)
            except (RuntimeError, TimeoutError) as e:
                log.seek(0)
                raise RuntimeError(f"{e}; server output:\n{log.read()[-4000:]}") from e
            yield url
        finally:
            stop(proc)
