"""A real SMTP server (aiosmtpd) for tests of anything that sends e-mail."""

from __future__ import annotations

import socket
from email import message_from_bytes

import pytest


def free_port() -> int:
    """A local TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler keeping what arrived: ``messages`` (parsed) and their ``recipients``."""

    def __init__(self):
        self.messages = []
        self.recipients = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


@pytest.fixture
def smtp(app, monkeypatch):
    """A real SMTP server on a free local port; the app sends its mail there. Yields its
    :class:`Inbox`."""
    from aiosmtpd.controller import Controller

    port = free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setitem(app.config, "SOIN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SOIN_SMTP_PORT", port)
    yield inbox
    controller.stop()
