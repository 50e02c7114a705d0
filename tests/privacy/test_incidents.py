"""The register of confidentiality incidents: every element required, follow-up of the
notices, the register as a report (CSV), and plugins recording through core.api."""

from datetime import date, timedelta

from sqlalchemy import select

from core.api import today as coop_today
from core.audit.models import AuditEvent
from core.privacy.models import ConfidentialityIncident
from tests.privacy.conftest import client_of

FORM = {"information": "Nom, date de naissance et résultat de dépistage",
        "circumstances": "Une liste imprimée oubliée dans la salle d'attente",
        "occurred_from": "2026-11-20", "discovered_on": "2026-11-21", "persons_affected": "12",
        "risk_assessment": "Renseignements de santé; liste vue par le public une heure",
        "serious_harm": "yes", "measures": "Liste récupérée; impression désactivée",
        "public_notice": "Non: toutes les personnes sont joignables"}


def test_the_officer_records_an_incident_and_follows_up_its_notices(app, db, officer,
                                                                    make_person):
    person = make_person()
    web = client_of(app, officer)
    response = web.post("/privacy/incidents", data={**FORM, "person_ids": f"{person.id}"})
    assert response.status_code == 302
    incident = db.scalar(select(ConfidentialityIncident))
    assert incident.person_ids == [person.id] and incident.serious_harm
    page = web.get(response.headers["Location"]).get_data(as_text=True)
    todo = page.split("Reste à faire\u202f:")[1].split("</p>")[0]
    assert "avis à la Commission d’accès à l’information" in todo
    assert "avis aux personnes concernées" in todo
    listing = web.get("/privacy/incidents").get_data(as_text=True)
    assert 'class="urgent"' in listing
    follow = {k: FORM[k] for k in ("risk_assessment", "serious_harm", "measures")}
    web.post(f"/privacy/incidents/{incident.id}", data={
        **follow, "cai_notified_on": "2026-11-22", "persons_notified_on": "2026-11-23"})
    db.expire_all()
    assert incident.cai_notified_on == date(2026, 11, 22)
    assert 'class="urgent"' not in web.get("/privacy/incidents").get_data(as_text=True)
    csv = web.get("/reports/core.privacy_incidents?format=csv").get_data(as_text=True)
    assert "Une liste imprimée" in csv and "2026-11-22" in csv and "2026-11-23" in csv
    actions = db.scalars(select(AuditEvent.action)).all()
    assert "privacy.incident.record" in actions and "privacy.incident.update" in actions


def test_every_element_of_the_register_is_required(app, db, officer):
    web = client_of(app, officer)
    for missing in ("information", "circumstances", "occurred_from", "discovered_on",
                    "persons_affected", "risk_assessment", "serious_harm", "measures"):
        data = {k: v for k, v in FORM.items() if k != missing}
        response = web.post("/privacy/incidents", data=data)
        assert response.status_code == 422, missing
        assert f'id="e-{missing}"' in response.get_data(as_text=True), missing
    tomorrow = (coop_today() + timedelta(days=2)).isoformat()
    for bad in ({"discovered_on": "2026-11-01"}, {"occurred_from": tomorrow},
                {"persons_affected": "-1"}, {"person_ids": "99999999"},
                {"occurred_to": "2026-11-01"}, {"serious_harm": "maybe"},
                {"occurred_from": "20-11-2026"}):
        assert web.post("/privacy/incidents", data={**FORM, **bad}).status_code == 422, bad
    assert db.scalar(select(ConfidentialityIncident)) is None


def test_only_the_privacy_officer_reaches_the_register(client, db, login):
    login(role="admin")
    assert client.get("/privacy/incidents").status_code == 403
    assert client.post("/privacy/incidents", data=FORM).status_code == 403
    assert client.get("/reports/core.privacy_incidents").status_code == 403


def test_a_plugin_records_a_confidentiality_incident_through_core_api(db, make_person):
    from core.api import record_incident

    person = make_person()
    incident = record_incident(db, {
        "information": "Sommaire de séance", "circumstances": "Envoyé au mauvais courriel",
        "occurred_from": date(2026, 11, 30), "discovered_on": date(2026, 12, 1),
        "persons_affected": 1, "person_ids": [person.id], "risk_assessment": "Faible",
        "serious_harm": False, "measures": "Destinataire a confirmé la suppression"},
        source="acupuncture")
    assert incident.source == "acupuncture" and incident.person_ids == [person.id]
    assert incident.serious_harm is False
