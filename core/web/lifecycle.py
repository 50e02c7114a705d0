"""One request lifecycle for every page: load or 404, check, act, commit once or show why not.

A page that changes something reads, in this order::

    visit = get_or_404(Visit, visit_id)                     # 1. load (404: absent or no id)
    check(visit)                                            # 2. access (abort 403/404 itself)
    outcome = attempt(lambda: service.close(session, visit))  # 3. act; 4. commit once
    if outcome:
        flash(_("Closed."), "success")
        return redirect(url_for(...))
    return form_page("visit.html", outcome, visit=visit)    # 5. or the form again, with why

:func:`attempt` is the one place a page commits: the action's writes are kept together or not
at all. An action refuses with :class:`core.refusal.Refused` (or a marshmallow
``ValidationError``); :func:`attempt` rolls back and turns the refusal into translated
messages by field, which :func:`form_page` shows next to the fields with a 422 (409 for a
conflict). :func:`act` is the same for a button that redirects whatever happens (the reason is
flashed). A read that writes an audit event ends with :func:`commit_reads`.
Any other exception is a bug: it rolls back and becomes a 500 with an error id.

The HTTP API (``/api/v1``) has the same lifecycle with JSON answers: :func:`api_attempt` runs
the action and commits once, answering the result as JSON, or the refusal as
:func:`json_refusal` says it (422 with the messages by field, 409 with the conflict's message).

These are the only commits of request code (``tests/core/test_one_commit.py`` fails on another).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from flask import (abort, flash, has_request_context, jsonify, redirect, render_template, request,
                   session as flask_session)
from marshmallow import ValidationError
from sqlalchemy import event as sa_event, inspect as sa_inspect
from sqlalchemy.orm import Session as OrmSession

from core import db
from core.i18n import _
from core.ids import parse_id
from core.phones import PhoneText
from core.refusal import FORM, Refused
from core.web.templating import PageTemplate

#: what an action raises to refuse: shown to the person, never a 500
REFUSALS: tuple[type[Exception], ...] = (ValidationError, Refused)

@cache
def schema(kind: type) -> Any:
    """One instance of the form schema ``kind``, built once per process: loading a form does
    not change a schema, and building one (its fields copied) cost more than the loading."""
    return kind()


def row_id(raw: Any) -> int | None:
    """An id typed in a form or a URL, or None when it cannot be one (``core.ids.parse_id``:
    ASCII digits, 1 up to the largest value an INTEGER column holds)."""
    return parse_id(raw)


def get_or_404(model: type, ident: Any, check: Callable[[Any], Any] | None = None, *,
               options: tuple = ()) -> Any:
    """The row ``ident`` of ``model``, or 404 (also for an id that cannot be one).

    ``check(row)``, when given, runs next: it aborts (403, or 404 to hide that the row exists)
    when the reader may not act on the row. ``options``: loader options for the read (the
    page's next question answered in the same statement, e.g. ``joinedload(...)``).
    """
    key = row_id(ident) if _integer_key(model) else ident
    row = db.session().get(model, key, options=options) if key is not None else None
    if row is None:
        abort(404)
    if check is not None:
        check(row)
    return row


def _integer_key(model: type) -> bool:
    """Whether ``model``'s primary key is one integer (most tables; a few are keyed by code)."""
    keys = sa_inspect(model).primary_key
    return len(keys) == 1 and keys[0].type.python_type is int


def errors_of(exc: BaseException) -> dict[str, list]:
    """A refusal as ``{field: [message]}`` in the reader's language (``_form``: the whole form)."""
    messages = getattr(exc, "messages", None)
    if messages is None:
        messages = {getattr(exc, "field", None) or FORM: [exc]}
    elif not isinstance(messages, dict):
        messages = {FORM: messages}
    return {key: _plain(value if isinstance(value, (list, dict)) else [value])
            for key, value in messages.items()}


def _plain(value: Any) -> Any:
    """Lazy translations as text, keeping the shape (a list field's messages are by index)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    from core.record.forms import translate_message  # marshmallow's own messages are English

    return translate_message(value)


@dataclass
class Outcome:
    """What :func:`attempt` did: true when the action was kept.

    ``result`` is what the action returned; ``errors`` the messages by field when it was refused
    (empty otherwise), ``status`` the HTTP status to answer them with, ``refusal`` the exception.
    """

    result: Any = None
    errors: dict = field(default_factory=dict)
    status: int = 200
    refusal: BaseException | None = None

    def __bool__(self) -> bool:
        return self.refusal is None


def attempt(action: Callable[[], Any], *, refusals: tuple[type[BaseException], ...] = ()
            ) -> Outcome:
    """Run ``action()``; commit once and return its result, or roll back and say why.

    ``refusals`` adds exception types (besides :data:`REFUSALS`) that mean "refused, show why".
    Anything else propagates after the rollback: a bug is never shown as a form error.
    """
    sess = db.session()
    commit_waiting()  # an earlier action of this request is kept whatever becomes of this one
    try:
        result = action()
    except (*REFUSALS, *refusals) as exc:
        sess.rollback()
        return Outcome(errors=errors_of(exc), status=getattr(exc, "status", 422), refusal=exc)
    except BaseException:
        sess.rollback()
        raise
    if _session_can_join():
        # written now (a broken rule shows here, as before); committed at the end of the
        # request with the signed-in session's row (the message flashed, the time last seen):
        # one commit per form post, where the session's own transaction made two
        sess.flush()
        request.environ[WAITING] = list(flask_session.get("_flashes", ()))
    else:
        sess.commit()
    return Outcome(result=result)


#: set while a kept action waits for the end of its request to be committed (its value: the
#: messages flashed before it, put back should that commit fail)
WAITING = "soin.lifecycle.waiting"


def _session_can_join() -> bool:
    from core.security.sessions import joins_page_commit

    return has_request_context() and joins_page_commit(flask_session)


def commit_waiting() -> None:
    """Commit now an action :func:`attempt` kept waiting for the end of the request."""
    if has_request_context() and request.environ.pop(WAITING, None) is not None:
        db.session().commit()


def finish_request() -> None:
    """The end of a request (before the session is saved): a kept action is committed with the
    session's row, in one commit. Should that commit fail, nothing of it is kept, the success
    message goes, and the error propagates (a 500 with an error id, as any failed commit)."""
    if not has_request_context():
        return
    flashed = request.environ.pop(WAITING, None)
    if flashed is None:
        return
    from core.security.sessions import joins_page_commit, write_in_page

    sess = db.session()
    try:
        if joins_page_commit(flask_session):  # the page may have signed out meanwhile
            write_in_page(sess, flask_session)
        sess.commit()
    except BaseException:
        sess.rollback()
        _unflash(flashed)
        raise


def _unflash(flashed: list) -> None:
    """The messages flashed before the kept action, and none after (it was not kept); the
    session store saves them on its own."""
    if flashed:
        flask_session["_flashes"] = flashed
    else:
        flask_session.pop("_flashes", None)


@sa_event.listens_for(OrmSession, "after_soft_rollback")
def _not_kept(_session, previous) -> None:
    """A rollback of the whole transaction (an error after the action, a view's own rollback)
    takes the waiting action away: nothing is left to commit, and its message goes too."""
    if previous.parent is None and has_request_context():
        flashed = request.environ.pop(WAITING, None)
        if flashed is not None:
            _unflash(flashed)


def act(action: Callable[[], Any], message: Any, target: str, *,
        then: Callable[[Any], str] | None = None,
        refusals: tuple[type[BaseException], ...] = ()):
    """A button's lifecycle: :func:`attempt` ``action``, flash ``message`` (None: nothing to
    say) or every reason it was refused, and redirect to ``target`` (``then(result)`` instead,
    once kept)."""
    outcome = attempt(action, refusals=refusals)
    if outcome:
        if message is not None:
            flash(message, "success")
        return redirect(then(outcome.result) if then is not None else target)
    for text in flat_messages(outcome.errors):
        flash(text, "error")
    return redirect(target)


def flat_messages(errors: dict) -> list[str]:
    """Every message of ``errors`` in field order (for a flash, where there is no field)."""
    out: list[str] = []
    for value in errors.values():
        stack = [value]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                stack[:0] = list(item.values())
            elif isinstance(item, (list, tuple)):
                stack[:0] = list(item)
            else:  # a text holding numbers to call stays one: its page links them
                out.append(item if isinstance(item, PhoneText) else str(item))
    return out


def form_page(template: str, outcome: Outcome | dict | None = None, *,
              rename: dict[str, str] | None = None, **context: Any):
    """``template`` rendered with ``errors`` (from ``outcome``) and ``context``: 200, or the
    refusal's status (422, 409) when there are errors to show next to the fields.

    ``rename`` maps a service's field names to the form's (``practitioner`` ->
    ``practitioner_id``), as :func:`json_refusal` does for the API, so that the message is shown
    next to its field. A message the page still has no place for (no field of that name, no
    ``_form`` area) is shown at the top of the page (:class:`FormTemplate`), never lost."""
    if isinstance(outcome, Outcome):
        errors, status = outcome.errors, (outcome.status if outcome.errors else 200)
    else:
        errors = outcome or {}
        status = 422 if errors else 200
    if rename:
        shown: dict[str, Any] = {}
        for name, messages in errors.items():
            key = rename.get(name, name)
            shown[key] = [*shown[key], *messages] if key in shown else messages
        errors = shown
    return render_template(template, errors=errors, **context), status


class ReadErrors(dict):
    """A page's ``errors`` remembering which fields the page looked up (``errors.get(name)``,
    ``errors[name]``, ``name in errors``; all of them when it went through them all)."""

    def __init__(self, errors: dict) -> None:
        super().__init__(errors)
        self.read: set = set()

    def get(self, key: Any, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: Any) -> bool:
        self.read.add(key)
        return super().__contains__(key)

    def __iter__(self):
        self.read.update(super().keys())
        return super().__iter__()

    def keys(self):  # type: ignore[override]
        self.read.update(super().keys())
        return super().keys()

    def items(self):  # type: ignore[override]
        self.read.update(super().keys())
        return super().items()

    def values(self):  # type: ignore[override]
        self.read.update(super().keys())
        return super().values()

    def unread(self) -> dict:
        """The messages of the fields the page never looked up."""
        return {key: value for key, value in dict.items(self) if key not in self.read}


class FormTemplate(PageTemplate):
    """Every page's template (``app.jinja_env.template_class``): a page drawn with ``errors``
    that never looks some of them up (a service's name the form has no field for, a ``_form``
    message on a page with no place for one) is drawn again with those messages at the top
    (``unplaced_errors``, shown by ``base.html``), rather than answer a 422 that says nothing.

    Only a page with errors is watched, and drawn twice only when one was left out."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        # Flask passes one dict: read as it is (a page without errors costs one look-up)
        given = args[0] if len(args) == 1 and not kwargs and isinstance(args[0], dict) else (
            dict(*args, **kwargs))
        errors = given.get("errors")
        if not errors or not isinstance(errors, dict) or "unplaced_errors" in given:
            return super().render(given)
        context = {**given, "errors": (read := ReadErrors(errors))}
        page = super().render(context)
        unplaced = read.unread()
        if not unplaced:
            return page
        context["unplaced_errors"] = flat_messages(unplaced)
        return super().render(context)


def commit_reads() -> None:
    """End a page that only read but wrote its audit events (chart reads are audited)."""
    db.session().commit()


#: the key of a message about the whole body in the HTTP API's ``fields`` (marshmallow's own)
API_FORM = "_schema"


def json_refusal(exc: BaseException, rename: dict[str, str] | None = None):
    """A refusal as the HTTP API answers it (``{"error": {...}}``).

    A conflict (409, any status but 422) gives its translated message; bad input a 422 with
    the translated messages by field under ``fields`` (:data:`API_FORM` for the whole body).
    ``rename`` maps a service's field names to the body's (``person`` -> ``person_id``).
    """
    from core.record.forms import translate_messages  # marshmallow's own messages are English

    status = getattr(exc, "status", 422)
    if status != 422:
        return jsonify(error={"status": status, "message": str(exc)}), status
    messages = getattr(exc, "messages", None)
    named = {(API_FORM if key == FORM else (rename or {}).get(key, key)): value
             for key, value in messages.items()} if isinstance(messages, dict) else {}
    return jsonify(error={"status": 422, "message": str(_("Please correct the fields shown.")),
                          "fields": translate_messages(named)}), 422


def api_attempt(action: Callable[[], Any], dump: Callable[[Any], Any], *, status: int = 200,
                rename: dict[str, str] | None = None,
                refusals: tuple[type[BaseException], ...] = ()):
    """The HTTP API's lifecycle: :func:`attempt` ``action``; ``dump(result)`` as JSON with
    ``status`` (201 for a creation) once kept, or the refusal as :func:`json_refusal` says it
    (nothing kept)."""
    outcome = attempt(action, refusals=refusals)
    if outcome:
        return jsonify(dump(outcome.result)), status
    assert outcome.refusal is not None
    return json_refusal(outcome.refusal, rename)
