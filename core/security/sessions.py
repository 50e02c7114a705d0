"""Server-side sessions: logout really ends a session, and a replayed cookie is refused.

Stock Flask keeps the session in a signed cookie, which still works after logout when replayed.
Here the cookie carries a random 256-bit token; the session lives in ``core_sessions`` with
its idle (30 min) and absolute (12 h) deadlines checked on every request.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import cache

from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import bindparam, select, text, update
from werkzeug.datastructures import CallbackDict
from werkzeug.http import parse_cookie

from core.db import get_database, joined, utcnow
from core.security import flash_cookie
from core.security.access import GRANTS_SEPARATOR, split_codes
from core.security.flash_cookie import FLASHES
from core.security.models import ServerSession, TotpDevice

COOKIE = "soin_session"
#: how often last_seen_at is written back (avoids a write on every page)
TOUCH_EVERY = timedelta(seconds=60)


def _plain(data) -> dict:
    """Session data as plain JSON (lazy translated strings in flashed messages become text)."""
    return json.loads(json.dumps(dict(data), default=str))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Session(CallbackDict, SessionMixin):
    """The session dict, plus the token it belongs to and whether it must be rotated."""

    def __init__(self, initial=None, token=None, account_id=None, row_state=None):
        def on_update(this):
            this.modified = True

        super().__init__(initial or {}, on_update)
        self.token = token
        self.account_id = account_id
        self.row_state = row_state  # (created_at, last_seen_at) when loaded from the store
        self.modified = False
        self.rotate_requested = False
        self.ended = False
        self.account = None  # the account row read with the session, if any
        self.grants = None  # its permissions and the active plugins, read with it
        self.second_factor = None  # whether its authenticator app is confirmed, read with it
        self.page_reads: dict = {}  # what PAGE_READS read with it, by name
        self.expired_token = None  # an expired session's token: its row is deleted on save
        self.row_data = None  # the row's data as read (a kept session writes it if it changed)
        self.flashes_in = None  # the messages the request came with (flash_cookie), or None

    def login(self, account_id: int) -> None:
        """Bind to an account under a brand-new token (ASVS 7.2.4)."""
        self.clear()
        self.account_id = account_id
        self.rotate_requested = True
        self.modified = True

    def logout(self) -> None:
        """End the session on the server; the cookie is cleared."""
        self.clear()
        self.account_id = None
        self.ended = True
        self.modified = True


#: what a browser's page (a GET outside the API) reads with its session row besides the
#: account, by name: ``(column, keep)``. ``column(account_id)`` is a labelled scalar subquery
#: about the account whose id column it is given; ``keep(account, value)`` puts what it read
#: where the page looks for it, in the request. Areas add theirs as the application is built
#: (:func:`read_with_page`): the menu's urgent tasks were a round trip of every page.
PAGE_READS: dict[str, tuple[Callable, Callable]] = {}


def read_with_page(name: str, column: Callable, keep: Callable) -> None:
    """Read ``column(account_id)`` with a page's session row and hand it to ``keep``."""
    PAGE_READS[name] = (column, keep)


@cache
def _session_statement(reads: tuple[str, ...] = ()):
    """The session row, its account (roles, practitioner), the permissions of its roles, the
    active plugins, whether the account has confirmed its authenticator app (checked on every
    page when the coop asks staff for one) and ``reads`` (:data:`PAGE_READS`) in one statement:
    every signed-in request needs them, and each used to cost a round trip."""
    from sqlalchemy.orm import joinedload, lazyload, load_only

    from core.identity.models import Account, Role, account_roles
    from core.security.access import grant_columns

    session_id = ServerSession.account_id
    enrolled = (select(TotpDevice.account_id)
                .where(TotpDevice.account_id == session_id, TotpDevice.confirmed_at.is_not(None))
                .correlate(ServerSession).exists().label("second_factor"))
    # the account's roles as two columns, not joined rows: one row, whatever the number of
    # roles (every column above was computed again for each role's row)
    codes = (select(joined(account_roles.c.role_code, GRANTS_SEPARATOR))
             .where(account_roles.c.account_id == session_id).correlate(ServerSession)
             .scalar_subquery().label("role_codes"))
    clinical = (select(account_roles.c.role_code)
                .join(Role, Role.code == account_roles.c.role_code)
                .where(account_roles.c.account_id == session_id, Role.clinical.is_(True))
                .correlate(ServerSession).exists().label("clinical_role"))
    extra = [PAGE_READS[name][0](session_id) for name in reads]
    # the session's row as plain columns: no object to build, nor to keep out of the page's
    # commits (it is written back by save_session, with one UPDATE)
    table = ServerSession.__table__
    return (select(table.c.account_id, table.c.data, table.c.created_at, table.c.last_seen_at,
                   Account, codes, clinical, *grant_columns(session_id), enrolled, *extra)
            .outerjoin(Account, Account.id == session_id)
            .where(ServerSession.token_hash == bindparam("hash"))
            .options(lazyload(Account.roles), joinedload(Account.practitioner),
                     # what pages read of the account, not its password hash, e-mail or
                     # dates: each column costs every request (the rest loads if asked)
                     load_only(Account.username, Account.display_name, Account.active,
                               Account.locale, Account.person_id, Account.is_demo)))


_NO_FSYNC_WAIT = text("SET LOCAL synchronous_commit TO OFF")


class ServerSessionInterface(SessionInterface):
    """Flask session interface backed by ``core_sessions``."""

    def _store(self, app):
        """The store's own session: the session row is written (and committed) there once the
        page has answered, apart from the page's transaction (core.web.lifecycle commits that),
        so a page's rollback or refusal never loses a sign-in, a sign-out or a flash message.
        These are the only commits outside the request lifecycle while a request runs."""
        return get_database(app).factory()

    def open_session(self, app, request):
        """Read the session in the request's own transaction (one connection per request:
        the account, its permissions and the page's data are read in it next)."""
        # the Cookie header parsed as request.cookies parses it, without finding it first
        # among every header (werkzeug's EnvironHeaders: 45 calls a page)
        cookies = parse_cookie(request.environ)
        token = cookies.get(COOKIE)
        if not token:
            return Session()
        from core import db as dbmod

        db = dbmod.session()
        # a form post answers with a redirect and the API with JSON: no menu to draw
        page = request.method in ("GET", "HEAD") and not request.path.startswith("/api/")
        reads = tuple(PAGE_READS) if page else ()
        digest = token_hash(token)
        found = db.execute(_session_statement(reads), {"hash": digest}).first()
        if found is None:
            return Session()
        (account_id, data, created_at, last_seen_at, account, codes, clinical, permissions,
         active_plugins, enrolled, *extra) = found
        now = utcnow()
        if (now - last_seen_at > app.config["SOIN_IDLE_TIMEOUT"]
                or now - created_at > app.config["SOIN_ABSOLUTE_TIMEOUT"]):
            expired = Session()  # the page goes on signed out; the row goes when it is saved
            expired.expired_token = token
            return expired
        row = dict(data or {})
        values, carried = row, cookies.get(flash_cookie.COOKIE)
        if carried:  # the messages of the page before (flash_cookie), shown with the row's
            flashes = flash_cookie.unseal(carried, digest, app.config["SECRET_KEY"])
            values = {**row, FLASHES: [*row.get(FLASHES, []), *flashes]} if flashes else row
        opened = Session(values, token, account_id, (created_at, last_seen_at))
        opened.row_data = row
        opened.flashes_in = list(values.get(FLASHES, [])) if carried else None
        opened.account = account  # load_account takes it from here
        if account is not None:
            account.request_roles = (frozenset(split_codes(codes)), bool(clinical))
        opened.grants = (permissions, active_plugins)  # read with it, in the same statement
        opened.second_factor = enrolled
        opened.page_reads = dict(zip(reads, extra, strict=True))
        return opened

    def save_session(self, app, session, response):
        if joins_page_commit(session):
            _carry_messages(app, session, response)
        if _unchanged(session):
            return  # most pages: nothing to write, no store session to open
        kwargs = _cookie_options(app)
        with self._store(app) as db:
            if session.expired_token:
                gone = db.get(ServerSession, token_hash(session.expired_token))
                if gone is not None:
                    db.delete(gone)
            if session.token and (session.ended or session.rotate_requested):
                old = db.get(ServerSession, token_hash(session.token))
                if old is not None:
                    db.delete(old)
            if session.ended:
                db.commit()
                for name in (COOKIE, flash_cookie.COOKIE):
                    response.delete_cookie(name, **kwargs)
                return
            now = utcnow()
            if session.token is None or session.rotate_requested:
                if not session and session.account_id is None:
                    db.commit()
                    return  # nothing worth a session yet: no cookie for anonymous visitors
                token = secrets.token_urlsafe(32)
                db.add(ServerSession(token_hash=token_hash(token), account_id=session.account_id,
                                     data=_plain(session), created_at=now, last_seen_at=now))
                db.commit()
                response.set_cookie(COOKIE, token, **kwargs)
                session.token = token
                return
            if row_changed(session) or _touch_due(session, now):
                # one UPDATE (no read first); a row deleted meanwhile (logout elsewhere,
                # password changed) simply stays deleted
                if db.get_bind().dialect.name == "postgresql":
                    # a touch or a flash message need not wait for the disk: after a crash
                    # the worst lost is "last seen" a moment older. Every form post paid a
                    # second fsync for it, the first wait of committed writes under load.
                    # (Sign-in and sign-out, above, still wait: they must survive a crash.)
                    db.execute(_NO_FSYNC_WAIT)
                db.execute(_touch_statement(), _touch(session, now))
                db.commit()


def _cookie_options(app) -> dict:
    """The attributes of our cookies: ``HttpOnly``, the configured ``SameSite``, ``Secure``
    over HTTPS (or when configured), the whole site."""
    from flask import request

    secure = request.is_secure or app.config.get("SESSION_COOKIE_SECURE", False)
    return dict(httponly=True, samesite=app.config["SESSION_COOKIE_SAMESITE"], secure=secure,
                path="/")


def _carry_messages(app, session: Session, response) -> None:
    """A kept session's messages for the next page, in their sealed cookie (flash_cookie): set
    when the page left new ones, removed when it showed them (or the cookie did not open).
    A request that neither adds nor shows any (a style sheet beside the page) leaves the cookie
    alone, so that a message shown is never carried again."""
    flashes = session.get(FLASHES) or []
    came = session.flashes_in
    if flashes and flashes != came:
        response.set_cookie(flash_cookie.COOKIE, flash_cookie.seal(
            flashes, token_hash(session.token), app.config["SECRET_KEY"]),
            max_age=flash_cookie.TTL, **_cookie_options(app))
    elif not flashes and came is not None:
        response.delete_cookie(flash_cookie.COOKIE, **_cookie_options(app))


def _row_part(session: Session) -> dict:
    """What a kept session's row holds: everything but the messages (they travel apart)."""
    return {key: value for key, value in session.items() if key != FLASHES}


def row_changed(session: Session) -> bool:
    """Whether what the session's row holds changed in this request (a message added or shown
    changes only the cookie of :mod:`core.security.flash_cookie`)."""
    return session.modified and (session.row_data is None or _row_part(session) != session.row_data)


def _unchanged(session: Session) -> bool:
    """A signed-in session neither changed nor due for its "last seen" write."""
    return (session.token is not None and session.row_state is not None
            and not (row_changed(session) or session.ended or session.rotate_requested
                     or session.expired_token or _touch_due(session, utcnow())))


def _touch_due(session: Session, now) -> bool:
    """Whether a kept session's "last seen" is old enough to be written back."""
    return now - session.row_state[1] > TOUCH_EVERY


@cache
def _touch_statement():
    """The session row's data and last-seen time written back (one UPDATE, no read first),
    built once: building it cost more than sending it."""
    # the table's, not the model's: an ORM update looks for the row's objects in the session
    # to bring them up to date (there are none: the row is read as plain columns), at the cost
    # of half the request's commit
    table = ServerSession.__table__
    return (update(table).where(table.c.token_hash == bindparam("hash"))
            .values(data=bindparam("new_data", type_=table.c.data.type),
                    last_seen_at=bindparam("seen", type_=table.c.last_seen_at.type)))


def _touch(session: Session, now) -> dict:
    """A kept session's row written back: its data without the messages (flash_cookie)."""
    return {"hash": token_hash(session.token), "new_data": _plain(_row_part(session)),
            "seen": now}


def joins_page_commit(session) -> bool:
    """Whether the session's row may be written in the page's own transaction: a signed-in
    session kept as it is (neither new, nor rotated at sign-in, nor ended at sign-out: those
    commit on their own, and must survive whatever the page does)."""
    return (isinstance(session, Session) and session.token is not None
            and session.row_state is not None and not (session.ended or session.rotate_requested))


def write_in_page(db, session: Session) -> None:
    """Write the session's row in the page's transaction (committed with it), if what it holds
    changed or its "last seen" is due; the session store then finds nothing left to save (see
    :func:`core.web.lifecycle.finish_request`). A page whose only change is its message for
    the next page writes nothing here: the message goes in its cookie."""
    now = utcnow()
    if row_changed(session) or _touch_due(session, now):
        db.execute(_touch_statement(), _touch(session, now))
        session.row_state = (session.row_state[0], now)
        session.row_data = _row_part(session)
    session.modified = False


def end_sessions_of(db, account_id: int) -> int:
    """End every session of an account (account disabled, password changed by an admin)."""
    return db.query(ServerSession).filter_by(account_id=account_id).delete()
