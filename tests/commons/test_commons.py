"""Protocols as a commons: a signed, versioned package; a diff; adopting explicitly; the
public page."""

import json

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from core.commons import service, signing
from core.commons.cli import new_key
from core.commons.models import CommonsOffer
from core.refusal import Refused

from plugins.herbalism.models import MonographVersion
from plugins.nursing.models import OcVersion


@pytest.fixture
def sharing(app, db, activate, tmp_path, monkeypatch):
    """Nursing and herbalism active (their shipped OCs and monographs), a signing key set up."""
    activate("nursing", "herbalism")
    path = tmp_path / "commons.pem"
    result = app.test_cli_runner().invoke(new_key, [str(path)])
    assert result.exit_code == 0 and "fingerprint" in result.output
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    monkeypatch.setitem(app.config, "SOIN_COMMONS_KEY", str(path))
    return signing.load_key(path)


def resign(key, package):
    """The other coop's package after they changed it, signed again with their key."""
    return json.dumps({"format": service.FORMAT, "package": package,
                       "signature": signing.sign(key, package)})


def test_a_package_is_signed_versioned_and_lists_publisher_review_date_and_sources(db, sharing):
    data = service.build_package(db)
    package = data["package"]
    assert package["publisher"]["name"] and package["publisher"]["key"] == signing.public_of(sharing)
    assert signing.verify(package["publisher"]["key"], package, data["signature"])
    oc = next(i for i in package["items"] if i["code"] == "OC-CYSTITE")
    assert (oc["kind"], oc["version"], oc["review_date"]) == ("nursing.oc", 1, "2028-01-15")
    assert any("INESSS" in s for s in oc["sources"])
    assert any(i["kind"] == "herbalism.monograph" for i in package["items"])


def test_hook_register_shareable_kinds_receive_shows_what_changed_and_adopts_when_asked(db, sharing, make_account):
    officer = make_account(roles=["coordinator"])
    package = service.build_package(db)["package"]
    oc = next(i for i in package["items"] if i["code"] == "OC-CYSTITE")
    oc["version"], oc["document"] = 2, {**oc["document"], "version": 2,
                                        "expires_on": "2029-01-15"}
    package["items"] = [oc]
    raw = resign(sharing, package)
    with pytest.raises(Refused) as refused:  # the publisher is not trusted yet
        service.receive(db, raw)
    assert "fingerprint" in str(refused.value) or "empreinte" in str(refused.value)
    service.trust(db, name="Coop du Nord", public_key=signing.public_of(sharing), actor=officer)
    counts = service.receive(db, raw, actor=officer)
    assert (counts["new"], counts["known"]) == (1, 0)
    again = service.receive(db, raw, actor=officer)
    assert again["known"] == 1  # again: nothing added
    with force_locale("fr_CA"):  # each count its own plural, in the reader's words
        assert service.received_words(counts) == (
            "Reçu de Coop du Nord\u202f: 1 nouvelle version à lire\u202f; 0 déjà reçue ou "
            "identique à celle de la coop.", None)
        assert service.received_words({**again, "known": 2, "unknown": 3})[1] == (
            "3 éléments appartiennent à des services inactifs ici\u202f: mis de côté.")
    with force_locale("en"):
        assert service.received_words({**counts, "new": 2, "unknown": 1}) == (
            "Received from Coop du Nord: 2 new versions to read; 0 already received or the "
            "same as the coop's.",
            "1 item belongs to a service that is not active here: left aside.")
    offer = db.scalars(select(CommonsOffer)).one()
    mine = service.current_for(db, offer)
    from core.commons.diff import changes
    changed = {c.path: (c.before, c.after) for c in changes(mine.document, offer.document)}
    assert changed == {"expires_on": ("2028-01-15", "2029-01-15"), "version": ("1", "2")}
    assert db.scalar(select(OcVersion).where(OcVersion.code == "OC-CYSTITE",
                                             OcVersion.version == 2)) is None  # not adopted
    service.adopt(db, offer, actor=officer)
    adopted = db.scalar(select(OcVersion).where(OcVersion.code == "OC-CYSTITE",
                                                OcVersion.version == 2))
    assert adopted.source == "commons:OC-CYSTITE:2" and offer.state == "adopted"
    with pytest.raises(service.AlreadyAdopted):
        service.adopt(db, offer, actor=officer)


def test_a_monograph_adopted_becomes_the_next_version_here(db, sharing, make_account):
    officer = make_account(roles=["coordinator"])
    package = service.build_package(db)["package"]
    item = next(i for i in package["items"] if i["code"] == "allium_sativum")
    paediatric = {"fr": "Pas avant 12 ans.", "en": "Not for children under 12."}
    item["document"] = {**item["document"], "paediatric": paediatric}
    package["items"] = [item]
    service.trust(db, name="Coop du Nord", public_key=signing.public_of(sharing))
    service.receive(db, resign(sharing, package))
    service.adopt(db, db.scalars(select(CommonsOffer)).one(), actor=officer)
    latest = db.scalars(select(MonographVersion).where(MonographVersion.code == "allium_sativum")
                        .order_by(MonographVersion.version.desc())).first()
    assert latest.version == 2 and latest.document["paediatric"] == paediatric


def test_a_changed_package_or_a_bad_file_is_refused_and_nothing_kept(db, sharing):
    service.trust(db, name="Coop du Nord", public_key=signing.public_of(sharing))
    data = service.build_package(db)
    data["package"]["items"][0]["title"] = "changed after signing"
    # nesting Python cannot follow, a number of 5,000 digits: each was a 500
    for raw, reason in ((json.dumps(data), "signature"), ("{}", "paquet de protocoles"),
                        ("[" * 100_000 + "]" * 100_000, "paquet de protocoles"),
                        ("9" * 5000, "paquet de protocoles")):
        with pytest.raises(service.PackageRefused) as refused:
            service.receive(db, raw)
        assert reason in str(refused.value)
    assert db.scalars(select(CommonsOffer)).all() == []
    with pytest.raises(Refused):
        service.trust(db, name="X", public_key="not a key")


def test_the_public_page_needs_no_sign_in_and_the_package_verifies(client, db, sharing):
    page = client.get("/commons")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "OC-CYSTITE" in html and "Ordonnances collectives" in html and "2028" in html
    response = client.get("/commons/package.json")
    data = json.loads(response.get_data(as_text=True))
    assert signing.verify(data["package"]["publisher"]["key"], data["package"], data["signature"])


def test_the_package_is_not_offered_without_a_key(client, app, db, activate, monkeypatch):
    activate("nursing")
    monkeypatch.setitem(app.config, "SOIN_COMMONS_KEY", None)
    assert client.get("/commons/package.json").status_code == 404
    assert "clé de signature" in client.get("/commons").get_data(as_text=True)
