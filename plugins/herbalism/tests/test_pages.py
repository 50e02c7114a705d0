"""The herbalist's pages and the monograph register, as a user meets them (fr_CA by default)."""

import json

from sqlalchemy import select

from core.api import add_summary_item, clinical_summary
from core.record.models import Action

from plugins.herbalism.models import Check, MonographVersion

ADVICE = {"herb": "hypericum_perforatum", "preparation": "Extrait sec",
          "dose": "300 mg, 3 fois par jour", "duration": "6 semaines"}


def test_a_recommendation_blocked_by_sertraline_then_overridden(client, login, db, herbalist, nurse, person):
    add_summary_item(db, person_id=person.id, kind="medication", label="sertraline",
                     code="ATC:N06AB06", author=nurse)
    db.commit()
    login(herbalist)
    url = f"/p/herbalism/people/{person.id}/recommend"
    assert "Recommander une plante" in client.get(url).get_data(as_text=True)
    page = client.post(url, data={**ADVICE, "action": "check"})
    text = page.get_data(as_text=True)
    assert page.status_code == 422 and "Bloqué\u202f: une contre-indication" in text
    assert "syndrome sérotoninergique" in text and "Health Canada NNHPD" in text
    assert 'name="override_reason"' in text
    refused = client.post(url, data={**ADVICE, "action": "save"})
    assert refused.status_code == 422 and db.scalars(select(Check)).one().outcome == "blocked"
    done = client.post(url, data={**ADVICE, "action": "save",
                                  "override_reason": "Sertraline arrêtée par le médecin."})
    assert done.status_code == 302 and "/p/herbalism/recommendations/" in done.headers["Location"]
    shown = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Sertraline arrêtée par le médecin." in shown and "version" in shown
    assert db.scalars(select(Action)).one().to_discipline == "nursing"
    printed = client.get(done.headers["Location"] + "/print").get_data(as_text=True)
    assert "Votre recommandation de plante" in printed and "Prudence, dans votre cas" in printed
    assert "300 mg, 3 fois par jour" in printed and "pas un diagnostic" in printed


def test_bad_input_is_shown_and_nothing_is_written(client, login, db, herbalist, person):
    login(herbalist)
    page = client.post(f"/p/herbalism/people/{person.id}/recommend",
                       data={"herb": "hypericum_perforatum", "action": "save"})
    assert page.status_code == 422 and "Ce champ est obligatoire." in page.get_data(as_text=True)
    assert db.scalars(select(Check)).all() == []


def test_only_an_herbalist_can_recommend(client, login, db, nurse, person):
    login(nurse)
    page = client.post(f"/p/herbalism/people/{person.id}/recommend",
                       data={**{**ADVICE, "herb": "matricaria_chamomilla"}, "action": "save"})
    assert page.status_code == 403
    assert clinical_summary(db, person.id).medications == ()


def test_a_nurse_adds_sertraline_by_name_and_sees_the_alert(client, login, db, herbalist, nurse, person):
    login(herbalist)
    client.post(f"/p/herbalism/people/{person.id}/recommend", data={**ADVICE, "action": "save"})
    client.post("/logout")
    login(nurse)
    done = client.post(f"/p/herbalism/people/{person.id}/medications",
                       data={"drug": "sertraline — N06AB06"})
    assert done.status_code == 302
    [line] = [m for m in clinical_summary(db, person.id).medications if not m.natural_product]
    assert line.label == "sertraline" and line.code == "ATC:N06AB06"
    chart = client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    assert "Contre-indiqué" in chart and "sertraline" in chart and 'role="alert"' in chart
    assert db.scalars(select(Action)).one().to_discipline == "herbalism"


def test_a_coordinator_corrects_a_monograph_and_the_old_version_stays(client, login, db, herbalism):
    login(role="coordinator")
    row = db.scalars(select(MonographVersion).where(MonographVersion.code == "ginkgo_biloba")).one()
    document = json.loads(json.dumps(row.document))
    document["warnings"].append({"fr": "Nouveau texte", "en": "New text"})
    url = "/p/herbalism/monographs/ginkgo_biloba/edit/json"
    assert client.post(url, data={"document": json.dumps(document), "note": ""}).status_code == 422
    bad = client.post(url, data={"document": "{not json", "note": "x"})
    assert bad.status_code == 422 and "JSON" in bad.get_data(as_text=True)
    done = client.post(url, data={"document": json.dumps(document), "note": "Mise en garde ajoutée"})
    assert done.status_code == 302
    versions = db.scalars(select(MonographVersion).where(MonographVersion.code == "ginkgo_biloba")
                          .order_by(MonographVersion.version)).all()
    assert [v.version for v in versions] == [1, 2] and versions[1].note == "Mise en garde ajoutée"
    old = client.get("/p/herbalism/monographs/ginkgo_biloba?version=1").get_data(as_text=True)
    assert "version antérieure" in old and "Nouveau texte" not in old


def test_a_practitioner_reads_the_monographs_but_cannot_edit_them(client, login, db, herbalist):
    login(herbalist)
    page = client.get("/p/herbalism/monographs").get_data(as_text=True)
    assert "Millepertuis" in page and "jamais recommandée" in page
    assert client.get("/p/herbalism/monographs/ginkgo_biloba/edit").status_code == 403


def test_french_says_a_single_drug_not_checked_and_a_feminine_herb_without_wrong_agreement(
        client, login, db, herbalist, nurse, person):
    add_summary_item(db, person_id=person.id, kind="medication",
                     label="Comprimés pour l'estomac", author=nurse)
    db.commit()
    login(herbalist)
    url = f"/p/herbalism/people/{person.id}/recommend"
    advice = {**ADVICE, "herb": "valeriana_officinalis", "preparation": "Teinture"}
    checked = client.post(url, data={**advice, "action": "check"}).get_data(as_text=True)
    assert "Sans vérification (aucun code ATC)" in checked and "Non vérifiés" not in checked
    done = client.post(url, data={**advice, "action": "save"})
    shown = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Recommandation inscrite au sommaire partagé\u202f: Valériane" in shown
    assert "est recommandé" not in shown
    chart = client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    assert "Sans vérification avec Valériane" in chart and "Non vérifiés" not in chart


def test_the_check_says_when_pregnancy_is_not_known_for_an_herb_to_avoid(client, login, herbalist,
                                                                          person):
    login(herbalist)
    page = client.post(f"/p/herbalism/people/{person.id}/recommend",
                       data={**ADVICE, "action": "check"}).get_data(as_text=True)
    assert "Statut inconnu" in page and "</strong> grossesse, allaitement." in page
    assert "posez la question" in page


def test_the_check_says_when_the_monograph_has_no_dose_for_a_child(client, login, herbalist,
                                                                    make_person):
    from datetime import date

    child = make_person(first_name="Léo", last_name="Lavoie",
                        date_of_birth=date.today().replace(year=date.today().year - 9, day=1))
    login(herbalist)
    page = client.post(f"/p/herbalism/people/{child.id}/recommend",
                       data={**ADVICE, "herb": "valeriana_officinalis", "action": "check"})
    text = page.get_data(as_text=True)
    assert "Aucune posologie pour cet âge" in text and "enfants de 6 à 11 ans" in text
