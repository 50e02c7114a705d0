"""The coop's SMTP server, for every part that sends e-mail (reminders, access notices, plugins)."""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import smtplib


def smtp_connection(config) -> smtplib.SMTP:
    """A connection to the coop's SMTP server, STARTTLS (certificate checked) and sign-in done
    when ``SOIN_SMTP_STARTTLS`` / ``SOIN_SMTP_USER`` are set. Raises ``OSError`` (or an
    ``smtplib.SMTPException``) when the server cannot be used; use it as a context manager."""
    import smtplib  # sending mail alone needs it: not loaded by every start

    smtp = smtplib.SMTP(config["SOIN_SMTP_HOST"], config["SOIN_SMTP_PORT"], timeout=30)
    try:
        if config.get("SOIN_SMTP_STARTTLS"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("SOIN_SMTP_USER"):
            smtp.login(config["SOIN_SMTP_USER"], config.get("SOIN_SMTP_PASSWORD") or "")
    except OSError:
        smtp.close()
        raise
    return smtp
