"""The commons' rules: build this coop's signed package, receive another coop's, show what
changed, adopt explicitly. Services never commit; the page or the command commits once."""

from __future__ import annotations

import base64
import binascii
from datetime import date, datetime

from flask import current_app
from marshmallow import ValidationError
from sqlalchemy import select

from core.audit.service import audit
from core.commons.models import CommonsOffer, CommonsPublisher
from core.db import utcnow
from core.i18n import _, ngettext
from core.ids import MAX_ID
from core.refusal import Refused
from core.registry import plugin_host
from core.specs import SharedItem
from core.typography import sort_key
from core.web.inputs import load_json

FORMAT = "soin-commun/commons-package"
MAX_BYTES = 5 * 1024 * 1024


class PackageRefused(Refused):
    """A package that cannot be received; nothing was kept."""

    default = _("This package cannot be received.")


class AlreadyAdopted(Refused):
    status = 409
    default = _("This version was already adopted.")


def kinds(active_only: bool = True) -> dict:
    """Shareable kinds by id: ``{id: (spec, plugin)}``."""
    host = plugin_host()
    return {k.id: (k, host.owner_of("register_shareable_kinds", k.id) or "core")
            for k in host.declarations("register_shareable_kinds", active_only=active_only)}


def _call(plugin: str, hook_part: str, fn, *args):
    """A plugin's callback, its failure recorded as a fault (never a silent empty list)."""
    try:
        return fn(*args)
    except (Refused, ValidationError):
        raise
    except Exception as exc:
        plugin_host().record_fault(plugin, "register_shareable_kinds", exc)
        raise Refused(_("The %(kind)s service failed while reading its protocols: "
                        "the administrator sees why on the Services page.", kind=hook_part)) from exc


def shared_items(session, *, tolerant: bool = False) -> list[tuple[object, list[SharedItem] | None]]:
    """What this coop shares, by kind: ``[(kind spec, [SharedItem])]``. ``tolerant``: a kind
    whose service fails gives None (the public page says so) instead of refusing everything."""
    out: list = []
    for spec, plugin in kinds().values():
        try:
            items = _call(plugin, str(spec.title), spec.shared, session)
        except Refused:
            if not tolerant:
                raise
            out.append((spec, None))
            continue
        out.append((spec, sorted(items, key=lambda i: (sort_key(i.title), i.code))))
    return sorted(out, key=lambda pair: sort_key(pair[0].title))


def _item_dict(kind: str, item: SharedItem) -> dict:
    return {"kind": kind, "code": item.code, "version": int(item.version), "title": str(item.title),
            "review_date": item.review_date.isoformat() if item.review_date else None,
            "reviewed_on": item.reviewed_on.isoformat() if item.reviewed_on else None,
            "sources": list(item.sources), "document": item.document}


def _signing():
    """Ed25519 signatures (``cryptography``): loaded when a package is signed or checked,
    not by every process at start."""
    from core.commons import signing

    return signing


def sharing_key():
    """This coop's signing key (``SOIN_COMMONS_KEY``: a file outside the repository), or None."""
    path = current_app.config.get("SOIN_COMMONS_KEY")
    return _signing().load_key(path) if path else None


def build_package(session) -> dict:
    """This coop's shared protocols as a signed package (refused when no key is set up)."""
    from core.record.fhir import coop_uri

    key = sharing_key()
    if key is None:
        raise Refused(_("Sharing is not set up: the coop has no signing key (SOIN_COMMONS_KEY)."))
    package = {"publisher": {"name": current_app.config["SOIN_COOP_NAME"], "coop": coop_uri(),
                             "key": _signing().public_of(key)},
               "published_at": utcnow().isoformat(),
               "items": [_item_dict(spec.id, item) for spec, items in shared_items(session)
                         for item in items]}
    return {"format": FORMAT, "package": package, "signature": _signing().sign(key, package)}


def trust(session, *, name: str, public_key: str, actor=None) -> CommonsPublisher:
    """Add a publisher whose packages this coop accepts (their key, checked as Ed25519)."""
    name, public_key = (name or "").strip(), "".join((public_key or "").split())
    if not name:
        raise Refused(_("Name the coop that publishes."), field="name")
    try:
        raw = base64.b64decode(public_key, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise Refused(_("This is not a public key: paste the key the other coop gave you "
                        "(44 characters ending with =)."), field="public_key")
    if session.scalar(select(CommonsPublisher.id).where(CommonsPublisher.public_key == public_key)):
        raise Refused(_("This key is already trusted."), field="public_key")
    publisher = CommonsPublisher(name=name[:200], public_key=public_key, added_at=utcnow(),
                          added_by_id=getattr(actor, "id", None))
    session.add(publisher)
    session.flush()
    audit(session, "commons.trust", actor=actor,
          detail={"publisher": publisher.id, "fingerprint": _signing().fingerprint(public_key)})
    return publisher


def _envelope(raw: bytes | str) -> dict:
    if len(raw) > MAX_BYTES:
        raise PackageRefused(_("This file is too large for a package (5 MB at most)."),
                             field="package")
    try:
        data = load_json(raw)  # also nesting too deep, a number of thousands of digits
        package, signature = data["package"], data["signature"]
        key = package["publisher"]["key"]
        items = package["items"]
        datetime.fromisoformat(package["published_at"])
        ok = (data.get("format") == FORMAT and isinstance(signature, str) and isinstance(key, str)
              and isinstance(items, list) and all(isinstance(i, dict) for i in items))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        ok = False
    if not ok:
        raise PackageRefused(_("This file is not a Soin commun protocols package."), field="package")
    if not _signing().verify(key, package, signature):
        raise PackageRefused(_("The signature does not match: the package was changed after it "
                               "was signed, or it was not signed by the key it names."),
                             field="package")
    return package


def receive(session, raw: bytes | str, *, actor=None) -> dict:
    """Check a package (signature, trusted publisher) and keep each new version as an offer.

    Returns ``{"publisher", "new", "known", "unknown"}``; nothing is adopted here.
    """
    package = _envelope(raw)
    key = package["publisher"]["key"]
    publisher = session.scalar(select(CommonsPublisher).where(CommonsPublisher.public_key == key))
    if publisher is None:
        raise PackageRefused(_("%(name)s is not among the publishers this coop trusts (key "
                               "fingerprint %(print)s). Check the fingerprint with them, then "
                               "add their key.", name=str(package["publisher"].get("name", "?")),
                               print=_signing().fingerprint(key)), field="package")
    here = kinds()
    counts = {"publisher": publisher, "new": 0, "known": 0, "unknown": 0}
    published = datetime.fromisoformat(package["published_at"])
    for item in package["items"]:
        if item.get("kind") not in here:
            counts["unknown"] += 1
            continue
        try:
            offer = CommonsOffer(publisher_id=publisher.id, kind=item["kind"], code=str(item["code"])[:120],
                          version=int(item["version"]), title=str(item["title"])[:300],
                          document=dict(item["document"]), sources=list(item.get("sources") or []),
                          review_date=_day(item.get("review_date")),
                          reviewed_on=_day(item.get("reviewed_on")),
                          published_at=published, received_at=utcnow(), state="offered")
            if not 1 <= offer.version <= MAX_ID or not isinstance(item["document"], dict):
                raise ValueError("version out of range, or a document that is not an object")
        except (KeyError, TypeError, ValueError):
            raise PackageRefused(_("An item of this package is incomplete: nothing was kept."),
                                 field="package") from None
        if session.scalar(select(CommonsOffer.id).where(
                CommonsOffer.publisher_id == publisher.id, CommonsOffer.kind == offer.kind,
                CommonsOffer.code == offer.code, CommonsOffer.version == offer.version)) \
                or _in_use(session, offer):
            counts["known"] += 1
            continue
        session.add(offer)
        counts["new"] += 1
    session.flush()
    audit(session, "commons.receive", actor=actor,
          detail={"publisher": publisher.id, **{k: v for k, v in counts.items() if k != "publisher"}})
    return counts


def received_words(counts: dict) -> tuple[str, str | None]:
    """What a reception of :func:`receive` did, in the reader's words: what came in, and what
    was left aside for services not active here (None when nothing was); each count its own
    plural phrase, as French agrees "reçue(s)" with its own number."""
    came = ngettext("Received from %(name)s: %(num)s new version to read; %(known)s",
                    "Received from %(name)s: %(num)s new versions to read; %(known)s",
                    counts["new"], name=counts["publisher"].name,
                    known=ngettext("%(num)s already received or the same as the coop's.",
                                   "%(num)s already received or the same as the coop's.",
                                   counts["known"]))
    aside = ngettext("%(num)s item belongs to a service that is not active here: left aside.",
                     "%(num)s items belong to services that are not active here: left aside.",
                     counts["unknown"]) if counts["unknown"] else None
    return str(came), None if aside is None else str(aside)


def _day(value) -> date | None:
    return date.fromisoformat(value) if value else None


def _in_use(session, offer: CommonsOffer) -> bool:
    """Is the offered version exactly the one this coop uses (nothing to read)?"""
    mine = current_for(session, offer)
    return (mine is not None and int(mine.version) == offer.version
            and mine.document == offer.document)


def item_of(offer: CommonsOffer) -> SharedItem:
    """The offer as the plugin reads it."""
    return SharedItem(offer.code, offer.version, offer.title, offer.document, offer.review_date,
                      tuple(offer.sources or ()), offer.reviewed_on)


def current_for(session, offer: CommonsOffer) -> SharedItem | None:
    """What this coop uses now for the offer's protocol (None: it has none)."""
    spec, plugin = kinds()[offer.kind]
    return _call(plugin, str(spec.title), spec.current, session, offer.code)


def adopt(session, offer: CommonsOffer, *, actor) -> None:
    """Store the offered version as this coop's own (the plugin validates it); audited."""
    if offer.state != "offered":
        raise AlreadyAdopted()
    known = kinds()
    if offer.kind not in known:
        raise Refused(_("The service this protocol belongs to is not active here."))
    spec, plugin = known[offer.kind]
    if spec.adopt is None:
        raise Refused(_("This kind of protocol cannot be adopted from a package: mark it as read."))
    try:
        _call(plugin, str(spec.title), spec.adopt, session, item_of(offer), actor)
    except ValidationError as exc:
        raise Refused(messages={"_form": _flat(exc.messages)}) from None
    offer.state, offer.adopted_at, offer.adopted_by_id = "adopted", utcnow(), actor.id
    session.flush()
    audit(session, "commons.adopt", actor=actor,
          detail={"offer": offer.id, "kind": offer.kind, "code": offer.code,
                  "version": offer.version})


def mark_read(session, offer: CommonsOffer, *, actor) -> None:
    """An offer that cannot be adopted (a form definition) was read: it stops waiting."""
    if offer.state != "offered":
        raise AlreadyAdopted(_("This version was already dealt with."))
    offer.state, offer.adopted_at, offer.adopted_by_id = "read", utcnow(), actor.id
    session.flush()
    audit(session, "commons.read", actor=actor,
          detail={"offer": offer.id, "kind": offer.kind, "code": offer.code,
                  "version": offer.version})


def _flat(messages) -> list[str]:
    if isinstance(messages, dict):
        return [f"{k}: {m}" for k, v in messages.items() for m in _flat(v)]
    if isinstance(messages, (list, tuple)):
        return [m for v in messages for m in _flat(v)]
    return [str(messages)]
