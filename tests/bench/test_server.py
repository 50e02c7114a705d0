"""The benchmark's servers (ours under gunicorn, GNU Health's trytond) start and stop through
one loop: the time to the first answer, a server that exits or never answers said plainly, and
stopped (only it)."""

import subprocess
import sys
import time

import pytest

from bench.server import stop_process, wait_until_answering


def _sleeper(seconds: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", f"import time; time.sleep({seconds})"])


def test_the_seconds_to_the_first_answer_are_counted_from_the_start():
    process, began, asked = _sleeper(30), time.perf_counter(), []
    try:
        seconds = wait_until_answering(process, lambda: asked.append(1) or len(asked) > 2,
                                       began, 10, "sleeper")
    finally:
        stop_process(process)
    assert len(asked) == 3 and 0.04 <= seconds < 10 and process.poll() is not None


def test_a_server_that_exits_or_never_answers_is_said_and_stopped():
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    with pytest.raises(RuntimeError, match="sleeper exited"):
        wait_until_answering(gone, lambda: False, time.perf_counter(), 10, "sleeper")
    silent = _sleeper(30)
    with pytest.raises(RuntimeError, match="did not answer within 0.2 s"):
        wait_until_answering(silent, lambda: False, time.perf_counter(), 0.2, "sleeper")
    assert silent.poll() is not None  # stopped, not left behind
    stop_process(silent)  # stopping a stopped process is nothing
