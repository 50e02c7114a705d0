"""A production-style server for the workload: gunicorn, 2 sync workers, loopback only."""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
#: the workload signs in dozens of times a minute, faster than an authenticator app's codes
#: change; the second factor is a sign-in step, and sign-in is not among the actions measured
BENCH_MFA = "optional"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """Starts gunicorn on 127.0.0.1, waits for the sign-in page, stops it (and only it)."""

    def __init__(self, url: str, workers: int = 2, log: Path | None = None,
                 app: str = "core.app:create_app()"):
        self.url, self.workers, self.app = url, workers, app
        self.port = free_port()
        self.log = log or Path(f"/tmp/soin-bench-gunicorn-{self.port}.log")
        self.process: subprocess.Popen | None = None
        self.startup = 0.0

    def start(self, timeout: float = 60.0) -> float:
        """Start and return the seconds until the first page is served."""
        env = {**os.environ, "SOIN_DATABASE_URL": self.url, "SOIN_SECRET_KEY": secrets.token_hex(32),
               "SOIN_SCHEDULER": "0",
               # the workload signs in with a password only: a second factor costs one more
               # request at sign-in, never on the measured actions
               "SOIN_MFA": "optional"}
        began = time.perf_counter()
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--workers", str(self.workers), "--bind",
             f"127.0.0.1:{self.port}", "--log-level", "warning", "--timeout", "120",
             self.app],
            env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        while time.perf_counter() - began < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log}")
            if self._answers():
                self.startup = time.perf_counter() - began
                return self.startup
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {timeout} s; see {self.log}")

    def _answers(self) -> bool:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            connection.request("GET", "/login")
            ok = connection.getresponse().status == 200
            connection.close()
            return ok
        except OSError:
            return False

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each worker process (MB)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        sizes = []
        for pid in pids:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def install_size_mb(venv: Path = VENV_BIN.parent) -> float:
    """Size of the virtual environment on disk (MB), the platform and all its dependencies."""
    total = 0
    for path in venv.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return total / 1e6
