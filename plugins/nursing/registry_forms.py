"""The register's own form: renewing an OC (new dates and signatures, same content).

Adding a wholly new OC goes through a JSON document (uploaded or pasted) checked by
:mod:`plugins.nursing.oc.document`; renewing one — the usual yearly task — is a short form.
"""

from __future__ import annotations

import copy

from marshmallow import validates_schema

from plugins.nursing import _
from plugins.nursing.fields import NursingSchema, day, invalid, text


class RenewSchema(NursingSchema):
    """New dates and the physician who signs the renewed version."""

    effective_date = day(_("In force from"), required=True)
    expires_on = day(_("Expires on"), required=True)
    last_revised = day(_("Last revised on"), required=True)
    signer_name = text(_("Signing physician"), required=True)
    signer_role = text(_("Role of the signatory"), required=True,
                       help=_("For example: médecin répondant et signataire."))
    signed_on = day(_("Signed on"), required=True)

    @validates_schema
    def _order(self, data, **kwargs):
        if data["expires_on"] <= data["effective_date"]:
            raise invalid(_("The expiry date must come after the start date."),
                                  "expires_on")


def renewed_document(latest: dict, data: dict) -> dict:
    """The latest version's document with a higher version number, new dates and signature."""
    doc = copy.deepcopy(latest)
    doc["version"] = int(latest["version"]) + 1
    doc.update(effective_date=data["effective_date"], expires_on=data["expires_on"],
               last_revised=data["last_revised"])
    doc["signatures"] = [{"name": data["signer_name"], "role": data["signer_role"],
                          "signed_on": data["signed_on"]}]
    return doc


def field_list(schema_cls) -> list[dict]:
    """What the page template needs to draw each field of a schema, from its metadata."""
    out = []
    for name, f in schema_cls().load_fields.items():
        meta = f.metadata
        low, high = meta.get("range") or (None, None)
        out.append({"name": name, "label": str(meta.get("label", name)),
                    "help": str(meta.get("help", "")), "unit": str(meta.get("unit", "") or ""),
                    "widget": meta.get("widget", "text"), "required": f.required,
                    "choices": [(str(v), str(t)) for v, t in meta.get("choices", [])],
                    "min": low, "max": high})
    return out
