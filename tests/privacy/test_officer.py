"""The privacy officer: designated by an administrator, a role of its own, shown to members."""

from sqlalchemy import select

from core.privacy.models import PrivacyOfficerDesignation

PASSWORD = "correct horse battery staple"


def _designate(client, account, **extra):
    data = {"account_id": account.id, "email": "vie.privee@coop.example",
            "phone": "514 555-0199", "delegation": "Résolution CA-2026-11", **extra}
    return client.post("/admin/privacy-officer", data=data)


def _client_of(app, account):
    other = app.test_client()
    other.post("/login", data={"username": account.username, "password": PASSWORD})
    return other


def test_admin_designates_the_officer_who_gets_the_role_and_the_previous_loses_it(
        app, client, db, login, make_account):
    login(role="admin")
    first = make_account(roles=["coordinator"], display_name="Odile Officière")
    second = make_account(roles=["reception"], display_name="Paul Protection")
    assert _designate(client, first).status_code == 302
    db.expire_all()
    assert "privacy_officer" in first.role_codes
    assert _client_of(app, first).get("/admin/privacy-officer").status_code == 403  # not admin
    assert _designate(client, second, email="", phone="514 555-0100").status_code == 302
    db.expire_all()
    assert "privacy_officer" not in first.role_codes and "privacy_officer" in second.role_codes
    rows = db.scalars(select(PrivacyOfficerDesignation).order_by(PrivacyOfficerDesignation.id)).all()
    assert [r.account_id for r in rows] == [first.id, second.id]
    assert rows[0].ended_at is not None and rows[1].ended_at is None
    page = client.get("/admin/privacy-officer").get_data(as_text=True)
    assert "Odile Officière" in page and "Paul Protection" in page  # the history
    assert 'href="tel:+15145550100"' in page  # the current officer's phone dials


def test_bad_designations_are_refused_with_reasons_and_change_nothing(client, db, login,
                                                                      make_account):
    login(role="admin")
    target = make_account(roles=["coordinator"])
    unreachable = _designate(client, target, email="", phone="")
    assert unreachable.status_code == 422
    assert "joindre" in unreachable.get_data(as_text=True)
    assert _designate(client, target, delegation="").status_code == 422
    assert _designate(client, target, account_id="nope").status_code == 422
    assert _designate(client, target, account_id="999999").status_code == 422
    assert _designate(client, target, email="not-an-address").status_code == 422
    db.expire_all()
    assert db.scalar(select(PrivacyOfficerDesignation)) is None
    assert "privacy_officer" not in target.role_codes


def test_the_accounts_page_neither_grants_nor_removes_the_officer_role(client, db, login,
                                                                       make_account):
    login(role="admin")
    officer = make_account(roles=["coordinator"])
    other = make_account(roles=["reception"])
    _designate(client, officer)
    client.post(f"/admin/accounts/{officer.id}", data={"roles": ["coordinator"], "active": "1"})
    client.post(f"/admin/accounts/{other.id}", data={"roles": ["reception", "privacy_officer"],
                                                     "active": "1"})
    db.expire_all()
    assert "privacy_officer" in officer.role_codes and "privacy_officer" not in other.role_codes


def test_officer_pages_are_checked_on_the_server(app, client, db, login, make_account):
    from core.api import PRIVACY_OFFICER, privacy_officer
    from core.security.access import has_permission

    admin = login(role="admin")
    officer = make_account(roles=["coordinator"])
    _designate(client, officer)
    db.expire_all()
    assert has_permission(PRIVACY_OFFICER, account=officer)
    assert not has_permission(PRIVACY_OFFICER, account=admin)
    assert privacy_officer(db).account_id == officer.id


def test_members_see_who_the_officer_is_and_how_to_reach_them(app, client, db, login,
                                                              make_account, make_person):
    login(role="admin")
    person = make_person()
    owner = make_account(roles=["member"], person=person)
    member = _client_of(app, owner)
    assert "pas encore" in member.get("/portal/").get_data(as_text=True)
    _designate(client, make_account(roles=["coordinator"], display_name="Odile Officière"))
    for url in ("/portal/", "/portal/privacy"):
        page = member.get(url).get_data(as_text=True)
        assert "Odile Officière" in page
        assert 'href="mailto:vie.privee@coop.example"' in page and 'href="tel:+15145550199"' in page
    # a member's own account cannot be designated
    assert _designate(client, owner).status_code == 422


def test_the_officers_phone_dials_the_number_with_its_country_code_never_its_extension(
        app, client, db, login, make_account, make_person):
    """It was ``tel:514555-0199``: hyphens kept, no country code, an extension dialled too."""
    login(role="admin")
    member = _client_of(app, make_account(roles=["member"], person=make_person()))
    officer = make_account(roles=["coordinator"])
    _designate(client, officer, phone="(514) 555-0199 poste 3")
    page = member.get("/portal/privacy").get_data(as_text=True)
    assert ('<a class="phone" href="tel:+15145550199">(514) 555-0199</a> poste 3' in page)
    _designate(client, officer, phone="Réception, demandez Odile")  # no number: shown only
    page = member.get("/portal/privacy").get_data(as_text=True)
    assert "Réception, demandez Odile" in page and "tel:" not in page
