"""Referrals that close the loop: from a food-security screen to "service received", the
consent-to-share rule enforced on the server, the routed action closed with the referral."""

from datetime import timedelta

import pytest

from core.api import record_entry, today as coop_today
from core.record.models import Action
from core.registry import plugin_host

from plugins.social_work import directory, referrals
from plugins.social_work.models import Referral
from plugins.social_work.referrals import ReferralRefused


@pytest.fixture
def food_referral(db, activate, person, nurse):
    """A positive Hunger Vital Sign recorded by a nurse: food security proposes social work."""
    activate("food_security")
    entry = record_entry(db, person=person, form_id="food_security.hunger_vital_sign",
                         author=nurse, payload={"hvs1": "sometimes", "hvs2": "never"})
    db.commit()
    return db.query(Referral).filter_by(person_id=person.id).one(), entry


def test_hook_action_proposed(db, food_referral):
    """Core tells the receiving plugin about a routed referral; social work opens its own."""
    referral, entry = food_referral
    action = db.query(Action).filter_by(entry_id=entry.id, kind="referral").one()
    assert (referral.need, referral.status) == ("food", "proposed")
    assert (referral.source_entry_id, referral.source_action_id) == (entry.id, action.id)


def test_a_food_security_screen_travels_to_service_received(db, food_referral, social_worker,
                                                            services):
    referral, entry = food_referral
    today = coop_today()
    bank = next(s for s in services if s.name == "Dépannage alimentaire")
    assert bank in directory.matching(db, "food")
    referrals.choose_service(db, referral, bank.id, by=social_worker)
    referrals.record_consent(db, referral, what="Name and phone", with_whom=bank.organization.name,
                             on=today, by=social_worker, today=today)
    for step in ("sent", "accepted", "service_received"):
        referrals.advance(db, referral, step, by=social_worker, today=today)
    assert referral.status == "service_received"
    assert referral.follow_up_on == today + timedelta(days=14)
    with pytest.raises(ReferralRefused) as refused:
        referrals.advance(db, referral, "closed", by=social_worker, today=today)
    assert "outcome" in refused.value.messages
    referrals.advance(db, referral, "closed", by=social_worker, today=today,
                      outcome="Receives a food basket every week.")
    db.commit()
    assert [e.status for e in referral.events][-4:] == ["sent", "accepted", "service_received",
                                                        "closed"]
    action = db.get(Action, referral.source_action_id)
    assert (action.status, action.closed_by_id) == ("done", social_worker.id)


def test_nothing_is_sent_without_the_persons_consent(db, food_referral, social_worker, services):
    referral, _entry = food_referral
    referrals.choose_service(db, referral, services[1].id, by=social_worker)
    with pytest.raises(ReferralRefused) as refused:
        referrals.advance(db, referral, "sent", by=social_worker, today=coop_today())
    assert "consent_what" in refused.value.messages
    with pytest.raises(ReferralRefused) as refused:
        referrals.record_consent(db, referral, what="Name", with_whom="", by=social_worker,
                                 on=coop_today() + timedelta(days=1), today=coop_today())
    assert set(refused.value.messages) == {"consent_with", "consent_on"}


def test_consent_to_share_is_enforced_on_the_server(client, login, db, food_referral,
                                                    social_worker, services):
    referral, _entry = food_referral
    login(social_worker)
    url = f"/p/social_work/referrals/{referral.id}"
    page = client.get(url)
    assert page.status_code == 200 and "Dépannage alimentaire" in page.get_data(as_text=True)
    bank = next(s for s in services if s.name == "Dépannage alimentaire")
    assert client.post(f"{url}/service", data={"service_id": bank.id}).status_code == 302
    refused = client.post(f"{url}/status", data={"status": "sent"})
    assert refused.status_code == 422
    assert "consentement" in refused.get_data(as_text=True)
    db.expire_all()
    assert db.get(Referral, referral.id).status == "proposed"
    assert client.post(f"{url}/consent", data={"consent_what": "Nom et téléphone",
                                               "consent_with": bank.organization.name,
                                               "consent_on": coop_today().isoformat()}
                       ).status_code == 302
    assert client.post(f"{url}/status", data={"status": "sent"}).status_code == 302
    db.expire_all()
    assert db.get(Referral, referral.id).status == "sent"


def test_a_consent_naming_recipients_longer_than_its_column_is_refused_on_its_field(
        client, login, db, food_referral, social_worker):
    # PostgreSQL refused the 301st character of the column with a server error
    referral, _entry = food_referral
    login(social_worker)
    refused = client.post(f"/p/social_work/referrals/{referral.id}/consent", data={
        "consent_what": "Nom et téléphone", "consent_with": "B" * 301,
        "consent_on": coop_today().isoformat()})
    assert refused.status_code == 422
    assert "Nommez ces destinataires en 300 caractères au plus." in refused.get_data(as_text=True)
    db.expire_all()
    assert not db.get(Referral, referral.id).consent_given


def test_the_consent_line_reads_without_doubled_punctuation(client, login, food_referral,
                                                            social_worker):
    # what the person agrees to share is typed as a sentence ("... coordonnées."): the line
    # that quotes it goes on with a comma, not "coordonnées., avec"
    referral, _entry = food_referral
    login(social_worker)
    url = f"/p/social_work/referrals/{referral.id}"
    assert client.post(f"{url}/consent", data={"consent_what": "Nom et coordonnées.",
                                               "consent_with": "La banque",
                                               "consent_on": coop_today().isoformat()}
                       ).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Nom et coordonnées, avec La banque" in page and "coordonnées.," not in page


@pytest.mark.parametrize("data", [{"status": "closed"}, {"status": "nonsense"},
                                  {"status": "sent", "follow_up_on": "not a date"}])
def test_bad_steps_are_refused_with_a_message_and_change_nothing(client, login, db,
                                                                 food_referral, social_worker,
                                                                 data):
    referral, _entry = food_referral
    login(social_worker)
    response = client.post(f"/p/social_work/referrals/{referral.id}/status", data=data)
    assert response.status_code == 422
    assert 'class="error"' in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(Referral, referral.id).status == "proposed"


def test_follow_ups_due_appear_on_the_social_workers_list(client, login, db, food_referral,
                                                          social_worker):
    referral, _entry = food_referral
    referral.follow_up_on = coop_today()
    db.commit()
    login(social_worker)
    page = client.get("/p/social_work/referrals").get_data(as_text=True)
    due = page.split('data-due', 1)[1].split("</ul>", 1)[0]
    assert "Ginette Lalonde" in due


def test_due_follow_ups_are_on_the_social_workers_home_work_list(client, login, db,
                                                                food_referral, social_worker,
                                                                nurse):
    referral, _entry = food_referral
    referral.follow_up_on = coop_today() + timedelta(days=1)
    db.commit()
    login(social_worker)
    assert "Suivis de références à faire" not in client.get("/").get_data(as_text=True)
    referral.follow_up_on = coop_today() - timedelta(days=2)
    db.commit()
    home = client.get("/").get_data(as_text=True)
    assert "Suivis de références à faire" in home
    assert "Faire le suivi de la référence de Ginette Lalonde" in home and "en retard depuis" in home
    assert f'href="/p/social_work/referrals/{referral.id}"' in home
    assert "Alimentation" not in home.split("Suivis de références à faire", 1)[1][:600]
    referrals.advance(db, referral, "declined", by=social_worker, today=coop_today(),
                      note="La personne ne veut plus.")
    db.commit()
    assert "Suivis de références à faire" not in client.get("/").get_data(as_text=True)
    client.post("/logout")
    login(nurse)  # no referral permission: nothing on her home page
    assert "Suivis de références à faire" not in client.get("/").get_data(as_text=True)


def test_a_person_who_refused_the_worker_is_hidden_and_their_referral_forbidden(
        client, login, db, food_referral, social_worker):
    from core.record.consent import add_consent_rule
    referral, _entry = food_referral
    add_consent_rule(db, person_id=referral.person_id, kind="refuse_practitioner",
                     account_id=social_worker.id, actor=social_worker)
    db.commit()
    login(social_worker)
    assert "Ginette" not in client.get("/p/social_work/referrals").get_data(as_text=True)
    assert client.get(f"/p/social_work/referrals/{referral.id}").status_code == 403


def test_the_member_reads_their_referrals_in_plain_language(client, login, db, food_referral,
                                                            make_account, person):
    member = make_account(roles=["member"], person=person)
    login(member)
    page = client.get("/p/social_work/my/referrals")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Rien n’a encore été envoyé" in text or "Nothing has been sent yet" in text


def test_a_merge_moves_the_referrals_and_the_export_carries_them(db, make_person, person,
                                                                 social_worker):
    from core.identity.merge import merge_people
    from core.record.export import export_csv
    duplicate = make_person("Ginette", "Lalonde")
    referrals.propose(db, person_id=duplicate.id, need="legal")
    db.commit()
    merge_people(db, person, duplicate, actor=social_worker)
    db.commit()
    assert [r.need for r in referrals.of_person(db, person.id)] == ["legal"]
    portability = export_csv(db, person, purpose="test")        # the person's own export
    # under the plugin's title, in the reader's language (it read "plugin:social_work")
    assert "\nTravail social,1," in portability or "\nSocial work,1," in portability
    assert "Aide juridique" in portability or "Legal help" in portability


def test_the_charts_panel_lists_the_referrals_under_way_with_their_service(
        app, client, login, db, person, social_worker, services):
    # asked with the chart's own questions (no statement of its own): the referrals not
    # closed, newest first, whatever their service's name holds
    from sqlalchemy import event

    food = next(s for s in services if s.name == "Dépannage alimentaire")
    food.name = "Dépannage alimentaire, 2 3 (lun., mer.)"
    db.add_all([Referral(person_id=person.id, need="food", status="sent", service=food),
                Referral(person_id=person.id, need="housing", status="proposed"),
                Referral(person_id=person.id, need="transportation", status="closed")])
    db.commit()
    login(social_worker)
    client.get(f"/people/{person.id}/chart")  # the process's first chart may build the statement
    sent: list[str] = []
    engine = app.extensions["soin_db"].engine
    keep = lambda _conn, _cursor, statement, *_args: sent.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", keep)
    try:
        page = client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    [asked] = [s for s in sent if "social_work_referrals" in s]
    assert "core_persons" in asked  # the chart's statement, the person read with it
    panel = page[page.index('aria-label="Références vers les services communautaires"'):]
    panel = panel[:panel.index("</section>")]
    assert "— Dépannage alimentaire, 2 3 (lun., mer.)" in panel
    assert panel.index("Logement") < panel.index("Dépannage alimentaire")  # newest first
    assert "Transport" not in panel and "Aucune référence en cours" not in panel


def test_the_charts_panel_is_for_those_who_follow_referrals(make_account, social_worker, sw_on):
    from plugins.social_work import chart

    assert set(chart.panel_reads(social_worker)) == {chart.UNDER_WAY}
    assert chart.panel_reads(make_account(roles=["reception"])) == {}


def test_a_final_status_whatever_its_spelling_keeps_its_referral_off_the_panel(
        app, client, login, db, person, social_worker, services, monkeypatch):
    """The final statuses are values the database compares, not SQL: one holding a quote (a
    coop's own status, say) neither breaks the chart's question nor shows its referral."""
    from plugins.social_work import chart

    odd = "l'abandon \"définitif\""  # both quotes: no hand-made quoting can take it
    monkeypatch.setattr(chart, "FINAL", chart.FINAL | {odd})
    monkeypatch.setattr(chart, "STATUSES", {**chart.STATUSES, odd: "Abandon"})
    chart._reads.cache_clear()
    monkeypatch.setattr(plugin_host(app), "faults", {})  # forgotten after this test
    db.add_all([Referral(person_id=person.id, need="food", status="sent"),
                Referral(person_id=person.id, need="housing", status=odd)])
    db.commit()
    login(social_worker)
    try:
        page = client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    finally:
        chart._reads.cache_clear()  # the next chart builds the question with the real statuses
    assert "could not be shown" not in page and "pas pu être affiché" not in page
    assert "social_work" not in plugin_host(app).faults
    panel = page[page.index('aria-label="Références vers les services communautaires"'):]
    panel = panel[:panel.index("</section>")]
    assert "Alimentation" in panel
    assert "Logement" not in panel


def test_the_persons_export_reads_in_french_words_at_the_coops_clock(db, person, social_worker,
                                                                    services):
    """A member reads their export in a spreadsheet: the referral page's labels, the need and
    status by their words, the day proposed at the coop's clock (it read "need", "status",
    "closed", "consent_on" and a UTC time)."""
    from datetime import date, datetime, timezone

    from flask_babel import force_locale

    bank = next(s for s in services if s.name == "Dépannage alimentaire")
    referral = referrals.propose(db, person_id=person.id, need="food")
    referral.service, referral.status = bank, "closed"
    referral.consent_what, referral.consent_with = "Nom et téléphone", "La banque"
    referral.consent_on = date(2026, 12, 5)
    referral.created_at = datetime(2026, 12, 6, 3, 30, tzinfo=timezone.utc)  # 22 h 30 before
    db.commit()
    with force_locale("fr_CA"):
        [row] = referrals.export_rows(db, person)["Références vers les services communautaires"]
    assert row == {"Besoin": "Alimentation", "Statut": "Fermée",
                   "Destination": "Dépannage alimentaire", "Accepté le": "2026-12-05",
                   "Ce que la personne accepte de communiquer": "Nom et téléphone",
                   "Avec qui": "La banque", "Proposée le": "2026-12-05T22:30-05:00"}


def test_the_history_reads_the_consent_step_in_the_reader_s_language(client, login,
                                                                     food_referral, social_worker):
    referral, _entry = food_referral
    login(social_worker)
    url = f"/p/social_work/referrals/{referral.id}"
    assert client.post(f"{url}/consent", data={"consent_what": "Nom", "consent_with": "La banque",
                                               "consent_on": coop_today().isoformat()}
                       ).status_code == 302  # written in French
    english = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Consent to share recorded." in english
    assert "Consentement à communiquer consigné" not in english
    assert "Consentement à communiquer consigné" in client.get(url).get_data(as_text=True)
