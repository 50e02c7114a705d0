"""Server-side sessions and the bounded login-throttle store."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, JSONType, UTCDateTime, utcnow


class ServerSession(Base):
    """A signed-in (or anonymous but stateful) browser session, kept on the server.

    The cookie holds a random token; only its SHA-256 is stored, so reading this table gives no
    live session. Logout deletes the row: a replayed cookie finds nothing.
    """

    __tablename__ = "core_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_accounts.id", ondelete="CASCADE"), index=True)
    data: Mapped[dict] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LoginThrottle(Base):
    """Failed sign-ins counted per key (address, account, account+address) in a time window.

    One row per key at most, and rows older than the window are purged, so a flood of attempts
    cannot grow the table without bound (GNU Health SA-2016-1).
    """

    __tablename__ = "core_login_throttle"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    failures: Mapped[int] = mapped_column(Integer, default=0)


class KnownDevice(Base):
    """A browser where an account signed in successfully (device cookie, OWASP).

    Sign-ins from a known device skip the account-wide limit, so an attacker hammering an
    account from elsewhere cannot lock its owner out.
    """

    __tablename__ = "core_known_devices"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id", ondelete="CASCADE"),
                                            index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TotpDevice(Base):
    """An account's authenticator app (TOTP, RFC 6238): the second factor at sign-in.

    ``confirmed_at`` stays empty until the person has typed one code from the app, so a
    half-finished enrolment never locks anyone out. ``last_step`` is the 30-second step of the
    last code accepted: a code is good once (ASVS 6.5.1), even within its own 30 seconds.
    """

    __tablename__ = "core_totp_devices"

    account_id: Mapped[int] = mapped_column(ForeignKey("core_accounts.id", ondelete="CASCADE"),
                                            primary_key=True)
    #: the base32 secret, sealed with a key derived from SOIN_SECRET_KEY (core.security.sealing)
    sealed_secret: Mapped[str] = mapped_column("secret", String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_step: Mapped[int] = mapped_column(Integer, default=0)

    @property
    def secret(self) -> str:
        """The secret in clear (opened on each use, never stored so)."""
        from core.security.sealing import unseal

        return unseal(self.sealed_secret)

    @secret.setter
    def secret(self, plain: str) -> None:
        from core.security.sealing import seal

        self.sealed_secret = seal(plain)
