"""Every kind carries its review dates and sources; crisis lines are shared and adopted like
the other protocols; form definitions are compared, never installed from a package."""

import json

import pytest
from sqlalchemy import select

from core.commons import service, signing
from core.commons.cli import new_key
from core.commons.models import CommonsOffer
from core.refusal import Refused

from plugins.herbalism import monographs
from plugins.psychology.models import CrisisLine


@pytest.fixture
def sharing(app, db, activate, tmp_path, monkeypatch, make_account):
    """Nursing, herbalism and psychology active, a signing key, the publisher trusted (the
    same key plays the other coop: what it sends is changed and signed again)."""
    activate("nursing", "herbalism", "psychology")
    path = tmp_path / "commons.pem"
    assert app.test_cli_runner().invoke(new_key, [str(path)]).exit_code == 0
    monkeypatch.setitem(app.config, "SOIN_COMMONS_KEY", str(path))
    key = signing.load_key(path)
    service.trust(db, name="Coop du Nord", public_key=signing.public_of(key))
    return key


def send(db, key, items, actor=None):
    package = service.build_package(db)["package"]
    package["items"] = items
    raw = json.dumps({"format": service.FORMAT, "package": package,
                      "signature": signing.sign(key, package)})
    return service.receive(db, raw, actor=actor)


def items_of(db, kind):
    return {i["code"]: i for i in service.build_package(db)["package"]["items"]
            if i["kind"] == kind}


def test_every_kind_carries_its_last_review_and_its_sources(db, sharing, make_account):
    oc = items_of(db, "nursing.oc")["OC-CYSTITE"]
    assert oc["reviewed_on"] == oc["document"]["last_revised"] and oc["review_date"]
    line = items_of(db, "psychology.crisis_line")["qc_suicide_prevention"]
    assert (line["reviewed_on"], line["sources"]) == ("2026-12-05", ["https://suicide.ca"])
    garlic = monographs.current(db, "allium_sativum")
    monographs.add_version(db, {**garlic.document, "reviewed_on": "2026-11-30"},
                           author=make_account(roles=["coordinator"]), note="Relu")
    herb = items_of(db, "herbalism.monograph")["allium_sativum"]
    assert herb["reviewed_on"] == "2026-11-30"
    assert herb["sources"] and all(" — http" in s for s in herb["sources"])


def test_the_offer_page_shows_review_dates_and_sources_beside_the_diff(client, login, db,
                                                                       sharing):
    line = items_of(db, "psychology.crisis_line")["ca_988"]
    line.update(version=2, reviewed_on="2027-01-10", sources=["https://988.ca/fr"],
                document={**line["document"], "number": "9-8-8 (24/7)",
                          "reviewed_on": "2027-01-10", "source": "https://988.ca/fr"})
    assert send(db, sharing, [line])["new"] == 1
    db.commit()
    offer = db.scalars(select(CommonsOffer)).one()
    assert offer.reviewed_on.isoformat() == "2027-01-10"
    login(role="coordinator")
    html = client.get(f"/admin/commons/offers/{offer.id}").get_data(as_text=True)
    assert "Dernière vérification le" in html and "Sources" in html
    assert "<del>2026-12-05</del>" in html and "<ins>2027-01-10</ins>" in html
    assert "<ins>https://988.ca/fr</ins>" in html and "<ins>9-8-8 (24/7)</ins>" in html


def test_a_crisis_line_is_adopted_explicitly_and_checked_like_one_typed_here(db, sharing,
                                                                              make_account):
    officer = make_account(roles=["coordinator"])
    lines = items_of(db, "psychology.crisis_line")
    changed = {**lines["ca_988"], "version": 3,
               "document": {**lines["ca_988"]["document"], "number": "9-8-8 (appels, textos)"}}
    new = {**lines["ca_988"], "code": "tel_aide", "version": 1, "title": "Tel-Aide",
           "document": {"code": "tel_aide", "title": {"fr": "Tel-Aide"}, "number": "514 935-1101",
                        "dial": "tel:+15149351101", "region": "Montréal",
                        "source": "https://www.telaide.org", "reviewed_on": "2026-12-01"}}
    broken = {**new, "code": "broken", "document": {**new["document"], "dial": "call me"}}
    counts = send(db, sharing, [changed, new, broken, lines["emergency_911"]])
    assert (counts["new"], counts["known"]) == (3, 1)  # 9-1-1 is the same as ours: not kept
    offers = {o.code: o for o in db.scalars(select(CommonsOffer))}
    assert db.scalar(select(CrisisLine).where(CrisisLine.code == "ca_988")).number == "9-8-8"
    service.adopt(db, offers["ca_988"], actor=officer)
    service.adopt(db, offers["tel_aide"], actor=officer)
    ours = {r.code: r for r in db.scalars(select(CrisisLine))}
    assert (ours["ca_988"].version, ours["ca_988"].number) == (3, "9-8-8 (appels, textos)")
    assert ours["tel_aide"].active and ours["tel_aide"].reviewed_on.isoformat() == "2026-12-01"
    with pytest.raises(Refused) as refused:
        service.adopt(db, offers["broken"], actor=officer)
    assert "tel:" in str(refused.value.messages)
    assert offers["broken"].state == "offered"


def test_a_form_definition_shows_what_differs_and_which_service_version_carries_it(
        client, login, db, sharing, make_account):
    forms = items_of(db, "core.form_definition")
    phq9 = forms["psychology.phq9"]
    schema = phq9["document"]["schema"]
    assert phq9["document"]["service"] == "psychology" and phq9["document"]["service_version"]
    assert schema["properties"]["item_9"]["x-label"]["en"] and "item_9" in schema["required"]
    newer = {**phq9, "version": 2, "document": {
        **phq9["document"], "version": 2, "service_version": "1.1.0",
        "schema": {**schema, "properties": {**schema["properties"],
                                            "context": {"type": "string"}}}}}
    counts = send(db, sharing, [newer, forms["psychology.gad7"]])
    assert (counts["new"], counts["known"]) == (1, 1)  # the same GAD-7 as ours: nothing to read
    offer = db.scalars(select(CommonsOffer)).one()
    with pytest.raises(Refused):
        service.adopt(db, offer, actor=make_account(roles=["coordinator"]))
    db.commit()
    login(role="coordinator")
    html = client.get(f"/admin/commons/offers/{offer.id}").get_data(as_text=True)
    assert "schema.properties.context.type" in html and "1.1.0" in html
    assert "Adopter cette version" not in html
    response = client.post(f"/admin/commons/offers/{offer.id}", data={"read": "1"})
    assert response.status_code == 302
    db.expire_all()
    assert offer.state == "read"
    assert "psychology.phq9" not in client.get("/admin/commons").get_data(as_text=True)


def test_a_package_from_before_review_dates_travelled_is_still_received(db, sharing):
    line = items_of(db, "psychology.crisis_line")["ca_988"]
    del line["reviewed_on"]
    line.update(version=2, document={**line["document"], "number": "9-8-8 (24/7)"})
    assert send(db, sharing, [line])["new"] == 1
    assert db.scalars(select(CommonsOffer)).one().reviewed_on is None


def test_an_item_whose_version_no_database_can_keep_is_refused_and_nothing_kept(db, sharing):
    line = items_of(db, "psychology.crisis_line")["ca_988"]
    line["version"] = 10**12
    with pytest.raises(service.PackageRefused):
        send(db, sharing, [line])
    assert db.scalars(select(CommonsOffer)).all() == []


def test_a_kind_that_cannot_be_read_is_named_and_no_partial_package_is_offered(
        app, client, db, sharing, monkeypatch):
    from core.registry import plugin_host

    from plugins.psychology import crisis_lines, shareable

    def broken(session):
        raise RuntimeError("table gone")
    monkeypatch.setattr(shareable, "in_use", broken)
    # the fault is recorded on the application's plugin host: forgotten after this test
    monkeypatch.setattr(plugin_host(app), "faults", {})
    page = client.get("/commons")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "OC-CYSTITE" in html and "ne peuvent pas être lus en ce moment" in html
    assert "/commons/package.json" not in html
    assert client.get("/commons/package.json").status_code == 503
    assert "table gone" in plugin_host(app).faults["psychology"].error
    assert crisis_lines.in_use(db)  # the page itself read nothing wrong: only the kind failed
