"""The commons' pages: the coop's public list of shared protocols (no sign-in) and its signed
package; for coordinators, receiving another coop's package, what changed, adopting."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, g, redirect, request, url_for
from sqlalchemy import select

from core import db
from core.commons import service
from core.commons.diff import changes, standing
from core.commons.models import CommonsOffer, CommonsPublisher
from core.i18n import _
from core.refusal import Refused
from core.security.access import public, require
from core.web.lifecycle import act, attempt, form_page, get_or_404

bp = Blueprint("commons", __name__, template_folder="templates")
ADOPT = "core.commons.adopt"


@bp.route("/commons")
@public
def shared():
    """What this coop shares, for anyone: titles, versions, review dates, sources."""
    from core.commons import signing  # (cryptography: loaded by these pages, not at start)

    key = service.sharing_key()
    kinds = service.shared_items(db.session(), tolerant=True)
    return form_page("commons/public.html", kinds=kinds,
                     complete=all(items is not None for _spec, items in kinds),
                     fingerprint=signing.fingerprint(signing.public_of(key)) if key else None,
                     public_key=signing.public_of(key) if key else None)


@bp.route("/commons/package.json")
@public
def package():
    """The signed package (404 while the coop has no signing key; 503 while a service cannot
    read its protocols: never a package with some of them silently left out)."""
    if service.sharing_key() is None:
        abort(404)
    try:
        built = service.build_package(db.session())
    except Refused:
        abort(503)
    body = json.dumps(built, ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": 'attachment; filename="protocols-package.json"'})


def _received_page(outcome=None, values=None):
    from core.commons import signing  # (cryptography: loaded by these pages, not at start)

    sess = db.session()
    offers = sess.scalars(select(CommonsOffer).where(CommonsOffer.state == "offered")
                          .order_by(CommonsOffer.kind, CommonsOffer.code, CommonsOffer.version)).all()
    return form_page("commons/received.html", outcome, offers=offers, values=values or {},
                     publishers=sess.scalars(select(CommonsPublisher).order_by(CommonsPublisher.name)).all(),
                     fingerprint=signing.fingerprint, titles={k: s.title for k, (s, _p)
                                                              in service.kinds().items()})


@bp.route("/admin/commons", methods=["GET", "POST"])
@require(ADOPT)
def received():
    """Receive a package from a trusted coop; the versions waiting to be looked at."""
    if request.method == "GET":
        return _received_page()
    upload = request.files.get("package")
    raw = upload.read() if upload is not None and upload.filename else b""
    outcome = attempt(lambda: service.receive(db.session(), raw, actor=g.user) if raw else
                      _choose_file())
    if not outcome:
        return _received_page(outcome)
    came, aside = service.received_words(outcome.result)
    flash(came, "success")
    if aside:
        flash(aside, "warning")
    return redirect(url_for("commons.received"))


def _choose_file():
    raise service.PackageRefused(_("Choose the package file."), field="package")


@bp.route("/admin/commons/publishers", methods=["POST"])
@require(ADOPT)
def add_publisher():
    """Trust another coop's key (after checking its fingerprint with them)."""
    form = request.form
    outcome = attempt(lambda: service.trust(db.session(), name=form.get("name", ""),
                                            public_key=form.get("public_key", ""), actor=g.user))
    if outcome:
        flash(_("Packages signed with this key are now accepted."), "success")
        return redirect(url_for("commons.received"))
    return _received_page(outcome, values=form)


@bp.route("/admin/commons/offers/<int:offer_id>", methods=["GET", "POST"])
@require(ADOPT)
def offer_page(offer_id: int):
    """One offered version: what changed against the one in use here; adopting it."""
    offer = get_or_404(CommonsOffer, offer_id)
    here = service.kinds()
    if request.method == "POST":
        target = url_for("commons.offer_page", offer_id=offer.id)
        if request.form.get("read") and offer.kind in here and here[offer.kind][0].adopt is None:
            return act(lambda: service.mark_read(db.session(), offer, actor=g.user),
                       _("Marked as read."), target)
        return act(lambda: service.adopt(db.session(), offer, actor=g.user),
                   _("Adopted: this version is now the coop's own."), target)
    if offer.kind not in here:
        abort(404)
    spec = here[offer.kind][0]
    mine = service.current_for(db.session(), offer)
    return form_page("commons/offer.html", offer=offer, mine=mine,
                     changes=changes(mine.document if mine else None, offer.document),
                     standing=standing(mine, offer), title=spec.title,
                     adoptable=spec.adopt is not None,
                     why_not=spec.cannot_adopt(service.item_of(offer))
                     if spec.adopt is None and spec.cannot_adopt else None)
