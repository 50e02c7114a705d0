"""A production-style server for the workload: gunicorn on loopback, as ``soin serve`` runs it.

The sequential timings use 2 worker processes (one per core), each answering one request at a
time as ``soin serve``'s do; the concurrency driver may ask for threads (gunicorn's ``gthread``)
to compare. The application is loaded once before the workers are forked
(``--preload``, as ``soin serve`` does): start-up is the time to the first answered request.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
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
                 app: str = "core.app:create_app()", threads: int = 1):
        self.url, self.workers, self.app, self.threads = url, workers, app, threads
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
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        compile_sources()
        began = time.perf_counter()
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--workers", str(self.workers), "--bind",
             f"127.0.0.1:{self.port}", "--log-level", "warning", "--timeout", "120",
             "--preload", "--config", "python:bench.gunicorn_conf",
             *(["--worker-class", "gthread", "--threads", str(self.threads)]
               if self.threads > 1 else []),
             self.app],
            env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        self.startup = wait_until_answering(self.process, self._answers, began, timeout,
                                            f"gunicorn (see {self.log})")
        return self.startup

    def _answers(self) -> bool:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            connection.request("GET", "/login")
            ok = connection.getresponse().status == 200
            connection.close()
            return ok
        except OSError:
            return False

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(p) for p in children.read_text().split()] if children.exists() else []

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each worker process (MB; pages shared with the others count)."""
        return [process_rss_mb(pid) for pid in self.worker_pids()]

    def worker_pss_mb(self) -> list[float]:
        """Each worker's proportional share (MB): pages shared by n processes count 1/n."""
        return [process_pss_mb(pid) for pid in self.worker_pids()]

    def stop(self) -> None:
        stop_process(self.process)


def wait_until_answering(process: subprocess.Popen, answers: Callable[[], bool], began: float,
                         timeout: float, what: str) -> float:
    """Ask ``answers()`` every 20 ms until it says yes; return the seconds since ``began``
    (``time.perf_counter()`` before the process was started). A process that exits, or does
    not answer within ``timeout`` seconds (it is stopped), is an error naming ``what``."""
    while time.perf_counter() - began < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited")
        if answers():
            return time.perf_counter() - began
        time.sleep(0.02)
    stop_process(process)
    raise RuntimeError(f"{what} did not answer within {timeout} s")


def stop_process(process: subprocess.Popen | None) -> None:
    """SIGTERM to the process (only it), then SIGKILL if it has not ended within 30 s."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def compile_sources() -> None:
    """Byte-compile the platform's code once, as ``pip install`` does for an installed copy.

    A checkout installed in editable mode, run with ``PYTHONDONTWRITEBYTECODE`` set (as this
    machine's shells are), compiled every module again at each start: a quarter of the
    start-up measured, which no installed coop pays.
    """
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", "0",
                    *(str(root / name) for name in ("core", "plugins", "bench"))],
                   check=False, stdout=subprocess.DEVNULL)


def process_rss_mb(pid: int) -> float:
    """Resident memory of a process (MB), as ``ps`` shows it."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def process_pss_mb(pid: int) -> float:
    """Proportional set size (MB): what the process adds to the machine's memory."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def install_size_mb(venv: Path = VENV_BIN.parent) -> float:
    """Size of the virtual environment on disk (MB), the platform and all its dependencies."""
    total = 0
    for path in venv.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return total / 1e6
