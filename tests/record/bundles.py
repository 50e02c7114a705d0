"""FHIR bundles the record tests import, written once."""


def other_system_bundle(organisation: str | None = None, recorder: str | None = None) -> dict:
    """A record from another system (no Soin commun origin stamp): a patient, a weight and an
    active asthma; ``organisation`` names its keeper (``managingOrganization``), ``recorder``
    who recorded the asthma."""
    patient = {"resourceType": "Patient", "name": [{"family": "Roy", "given": ["Léa"]}],
               "birthDate": "1990-02-03"}
    if organisation:
        patient["managingOrganization"] = {"display": organisation}
    asthma = {
        "resourceType": "Condition", "code": {"coding": [{
            "system": "http://snomed.info/sct", "code": "195967001", "display": "Asthma"}]},
        "clinicalStatus": {"coding": [{"code": "active", "system":
                           "http://terminology.hl7.org/CodeSystem/condition-clinical"}]},
        "subject": {"reference": "http://ehr.example/Patient/7"}}
    if recorder:
        asthma["recorder"] = {"display": recorder}
    return {"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "http://ehr.example/Patient/7", "resource": patient},
        {"fullUrl": "http://ehr.example/Observation/9", "resource": {
            "resourceType": "Observation", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7",
                                 "display": "Body weight"}]},
            "subject": {"reference": "http://ehr.example/Patient/7"},
            "effectiveDateTime": "2025-11-02T09:00:00Z",
            "performer": [{"display": "Dr Ève Caron"}],
            "valueQuantity": {"value": 61.5, "unit": "kg"}}},
        {"fullUrl": "http://ehr.example/Condition/3", "resource": asthma}]}
