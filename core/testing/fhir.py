"""Reading a FHIR QuestionnaireResponse in tests: validated as R4B, its items flattened."""

from __future__ import annotations


def every_item(items: list[dict]) -> list[dict]:
    """Every item of a QuestionnaireResponse's ``items``, each group's children after it."""
    return [i for item in items for i in [item, *every_item(item.get("item") or [])]]


def validated_response(items: list[dict]) -> dict:
    """A completed QuestionnaireResponse of ``items``, validated by ``fhir.resources`` (R4B),
    as an export would send it."""
    from fhir.resources.R4B import get_fhir_model_class

    response = {"resourceType": "QuestionnaireResponse", "status": "completed", "item": items}
    get_fhir_model_class("QuestionnaireResponse").model_validate(response)
    return response
