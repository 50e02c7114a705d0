"""What nurses type is checked with clear messages; entries read well in both languages."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError

from plugins.nursing import forms, renderers


def _errors(schema, data, app, lang="fr"):
    with app.test_request_context(headers={"Accept-Language": lang}):
        with pytest.raises(ValidationError) as caught:
            schema().load(data)
        # a lazy message is a leaf, not a list: fold both shapes as core's renderer does
        return {k: [str(m) for m in (v if isinstance(v, list) else [v])]
                for k, v in caught.value.messages.items()}


def test_vital_signs_rules(app):
    assert _errors(forms.VitalSignsSchema, {"comment": "rien"}, app) == {
        "temperature": ["Entrez au moins une mesure."]}
    assert _errors(forms.VitalSignsSchema, {"systolic": "120"}, app) == {
        "diastolic": ["Entrez les deux valeurs de pression artérielle."]}
    assert _errors(forms.VitalSignsSchema, {"systolic": "90", "diastolic": "95"}, app, "en") == {
        "diastolic": ["The diastolic value must be lower than the systolic."]}
    assert _errors(forms.VitalSignsSchema, {"pulse": "80", "oxygen_flow": "2"}, app) == {
        "oxygen": ["Un débit d’oxygène signifie que la personne reçoit de l’oxygène."]}
    assert _errors(forms.VitalSignsSchema, {"spo2": "104"}, app) == {
        "spo2": ["Entrez une valeur entre 50 et 100."]}


def test_immunization_needs_consent_and_a_product_name(app):
    base = {"administered_on": "2026-10-01", "lot": "X1", "site": "left_deltoid", "route": "IM"}
    assert _errors(forms.ImmunizationSchema, {**base, "product": "influenza"}, app) == {
        "consent": ["Vaccinez seulement après un consentement éclairé."]}
    assert _errors(forms.ImmunizationSchema, {**base, "product": "other", "consent": "1"},
                   app) == {"product_other": ["Nommez le produit."]}
    assert _errors(forms.ImmunizationSchema, {**base, "product": "x", "consent": "1",
                                              "administered_on": "01/10/2026"}, app) == {
        "product": ["Choisissez une des options."],
        "administered_on": ["Entrez une date au format AAAA-MM-JJ."]}


@pytest.mark.parametrize("domain, medication", [("smoking_cessation", "Varénicline 1 mg"),
                                                ("smoking_cessation", "bupropion SR"),
                                                ("wound_care", "Sulfadiazine d'argent 1 %")])
def test_nurse_prescription_stays_within_the_regulation(app, domain, medication):
    errors = _errors(forms.PrescriptionSchema, {"domain": domain, "medication": medication,
                                                "indication": "x"}, app)
    assert errors == {"medication": ["Ce médicament n’entre pas dans la prescription infirmière "
                                     "pour ce domaine\u202f: orientez vers un médecin ou une IPS."]}


def test_nicotine_replacement_is_within_scope():
    loaded = forms.PrescriptionSchema().load({"domain": "smoking_cessation",
                                             "medication": "Timbre de nicotine 14 mg",
                                             "indication": "Cessation"})
    assert loaded["medication"] == "Timbre de nicotine 14 mg"


VITALS = {"temperature": 37.2, "pulse": 80, "respiratory_rate": 16, "systolic": 120,
          "diastolic": 80, "spo2": 97, "oxygen": "air", "consciousness": "A", "weight": 68.5}


def test_timeline_summary_in_french_and_english(app):
    with app.test_request_context():
        assert renderers.vitals_summary(VITALS) == (
            "T 37,2 °C · P 80 · R 16 · PA 120/80 · SpO2 97 % (air) · 68,5 kg · NEWS2 0")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert renderers.vitals_summary(VITALS) == (
            "T 37.2 °C · P 80 · R 16 · BP 120/80 · SpO2 97% (air) · 68.5 kg · NEWS2 0")


def test_plain_language_for_the_member(app):
    immunization = {"administered_on": "2026-10-01", "product": "influenza", "lot": "X",
                    "site": "left_deltoid", "route": "IM"}
    with app.test_request_context():
        assert renderers.vitals_plain(VITALS).startswith("Température\u202f: 37,2 °C. Pouls\u202f: 80")
        assert renderers.immunization_plain(immunization) == (
            "Vous avez reçu un vaccin\u202f: Influenza (Inf), le 1er octobre 2026 (deltoïde gauche, "
            "intramusculaire).")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert renderers.oc_plain({"outcome": "referred", "oc_name": "Cystitis"}).startswith(
            "Your situation needs the opinion of a physician")
        assert renderers.wound_plain({"location": "left leg", "dressing": "foam",
                                      "next_change_on": "2026-10-04"}) == (
            "Your wound (left leg) was assessed and dressed with: foam. "
            "Next dressing change: October 4, 2026.")


def test_days_in_the_members_sentences_are_written_out_in_their_language(app):
    """The member read "Prochaine réfection du pansement : 2026-12-06." and "le 2026-12-06":
    the staff's ISO day inside a sentence; now each reader's language writes the day out."""
    wound = {"location": "jambe gauche", "dressing": "mousse", "next_change_on": "2026-12-06"}
    assessment = {"reason": "suivi", "follow_up_on": "2026-12-15"}
    immunization = {"administered_on": "2026-12-06", "product": "influenza", "lot": "X",
                    "site": "left_deltoid", "route": "IM"}
    with app.test_request_context():
        assert renderers.wound_plain(wound).endswith(
            "Prochaine réfection du pansement\u202f: 6 décembre 2026.")
        assert renderers.assessment_plain(assessment).endswith("15 décembre 2026.")
        assert "le 6 décembre 2026 (" in renderers.immunization_plain(immunization)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert renderers.wound_plain(wound).endswith("Next dressing change: December 6, 2026.")
        assert renderers.assessment_plain(assessment).endswith(
            "Follow-up planned on December 15, 2026.")
        assert "on December 6, 2026 (" in renderers.immunization_plain(immunization)
