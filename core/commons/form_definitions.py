"""Form definitions as a commons, as far as that can honestly go.

A chart form is code: a marshmallow schema in a plugin, with a version. No coop can install a
form from data, and none should (a form is validated, rendered, mapped to FHIR and evaluated
by protocols through that code). What coops can share is the *definition*: each form's id,
version, the service and service version that carry it, its fields (label, kind, choices) and
its JSON Schema. Another coop receives it like any protocol, sees field by field how the
publisher's version of a form differs from its own, and learns which version of the service
carries it; "adopting" it means installing that service version, so the offer page says so
and the offer is only marked as read.
"""

from __future__ import annotations

import json

from core.i18n import _, each_language
from core.registry import plugin_host, registry
from core.specs import ShareableKind, SharedItem

KIND = "core.form_definition"


def _inline(node, schemas: dict):
    """The JSON Schema with apispec's ``$ref``s to nested schemas written out in place."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            return _inline(schemas.get(ref.rsplit("/", 1)[1], {}), schemas)
        return {k: _inline(v, schemas) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, schemas) for v in node]
    return node


def json_schema(schema) -> dict:
    """A marshmallow schema as JSON Schema (apispec's converter, nested schemas inlined), each
    property with its label (``x-label``) and its choices' labels (``x-choices``) in every
    language of the coop, so the document is the same whoever reads it."""
    from apispec import APISpec
    from apispec.ext.marshmallow import MarshmallowPlugin

    plugin = MarshmallowPlugin()
    spec = APISpec("forms", "1", "3.0.3", plugins=[plugin])
    assert plugin.converter is not None
    converted = plugin.converter.schema2jsonschema(schema)
    schemas = spec.to_dict().get("components", {}).get("schemas", {})
    out = json.loads(json.dumps(_inline(converted, schemas), default=str))
    fields = schema._declared_fields if isinstance(schema, type) else schema.fields
    for name, field in fields.items():
        prop = out.get("properties", {}).get(field.data_key or name)
        if prop is None:
            continue
        if field.metadata.get("label"):
            prop["x-label"] = each_language(lambda _l, f=field: str(f.metadata["label"]))
        if field.metadata.get("choices"):
            prop["x-choices"] = {str(v): each_language(lambda _l, t=label: str(t))
                                 for v, label in field.metadata["choices"]}
    return out


def _item(spec, owner: str) -> SharedItem:
    plugin = plugin_host().plugins.get(owner)
    version = getattr(plugin, "version", "") or ""
    document = {"form": spec.id, "version": spec.version, "service": owner,
                "service_version": version, "discipline": spec.discipline,
                "confidentiality": spec.confidentiality, "schema": json_schema(spec.schema)}
    return SharedItem(spec.id, spec.version, str(spec.title), document)


def shared(session) -> list[SharedItem]:
    """The newest version of every form of the services active here."""
    found = registry()
    return [_item(spec, found.form_owner.get(spec.id, "core")) for spec in found.latest.values()]


def current(session, code: str) -> SharedItem | None:
    """This coop's newest version of the form ``code`` (None: no active service has it)."""
    found = registry()
    spec = found.latest.get(code)
    return _item(spec, found.form_owner.get(code, "core")) if spec is not None else None


def cannot_adopt(item: SharedItem) -> object:
    """What to do instead of adopting: install the service version that carries the form."""
    doc = item.document if isinstance(item.document, dict) else {}
    service = str(doc.get("service") or "?")
    info = getattr(plugin_host().plugins.get(service), "info", None)
    return _("A form is code, not data: nothing is installed from a package. This version of "
             "the form comes with the service “%(service)s” version %(version)s; to use it, "
             "install that version of the service. Mark it as read once you have compared it.",
             service=str(getattr(info, "title", "") or service), version=str(doc.get("service_version") or "?"))


KINDS = [ShareableKind(KIND, _("Form definitions"), shared, current, None, cannot_adopt)]
