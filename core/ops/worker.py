"""gunicorn's ``sync`` worker, woken one at a time for a new connection.

gunicorn's own ``sync`` worker waits for a connection with ``select`` on the shared listening
socket: a new connection wakes every idle process, each of which asks to accept it, and all
but one are refused and go back to sleep. Each of those wake-ups costs its process a few
system calls and a place on a core at the very moment a request needs one, and their number
grows with the processes. This worker waits with ``epoll`` and ``EPOLLEXCLUSIVE`` (Linux 4.5
and later): the kernel wakes one idle process (rarely a few) for each connection. Everything
else (one request at a time, the heartbeat, signals, the replacement after ``max_requests``)
is gunicorn's own. Elsewhere than Linux it waits as gunicorn's does.
"""

from __future__ import annotations

import os
import select

from gunicorn.workers.sync import SyncWorker

#: the flag where this system has it (Linux 4.5+; Python 3.6+), else None
EXCLUSIVE = getattr(select, "EPOLLEXCLUSIVE", None)


class ExclusiveSyncWorker(SyncWorker):
    """One request at a time, as gunicorn's ``sync``; only one idle process woken a connection."""

    _poll: select.epoll | None = None

    def _poller(self) -> select.epoll:
        """The worker's own epoll, made in the worker (after the fork, once its pipe exists):
        the listening sockets exclusive, the signal pipe (a stop, a reload) for every process."""
        if self._poll is None:
            poll = select.epoll()
            for listener in self.sockets:
                poll.register(listener.fileno(), select.EPOLLIN | EXCLUSIVE)
            poll.register(self.PIPE[0], select.EPOLLIN)
            self._poll = poll
        return self._poll

    def wait(self, timeout: float):
        """What gunicorn's ``wait`` returns: the ready listeners (and the pipe, drained)."""
        if EXCLUSIVE is None:
            return super().wait(timeout)
        self.notify()
        ready = {fd for fd, _event in self._poller().poll(timeout)}
        if self.PIPE[0] in ready:
            os.read(self.PIPE[0], 1)
        return [fd for fd in self.wait_fds
                if (fd if isinstance(fd, int) else fd.fileno()) in ready]
