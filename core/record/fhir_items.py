"""A form's payload as QuestionnaireResponse items, each question named as its reader reads it.

A field is a question, its label the item's text and its answers typed by its kind
(:mod:`core.record.field_kinds`); a mapping is a group with one child per key. A key is named
by the ``key_labels`` its field declares (see :class:`core.form_specs.FormSpec`), by the field
a ``Nested`` schema declares for it, or else stays the key: the label is for the reader, the
``linkId`` stays the key, which is what a program reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from marshmallow import fields as mf

from core.record.field_kinds import kind_of, typed_answer
from core.registry import plugin_host


def payload_items(payload: dict, schema_fields: Mapping, form_id: str) -> list[dict]:
    """The items of an entry of ``form_id`` whose schema's fields are ``schema_fields`` (none
    when the form is unknown here: every key is then its own question)."""
    names = KeyNames(payload, form_id)
    items = []
    for name, value in payload.items():
        field = schema_fields.get(name)
        text = str(field.metadata.get("label", name)) if field is not None else name
        items += _items(name, text, field, value, names)
    return items


def _answers(field, value) -> list[dict]:
    """The answers to one question (several for a list), typed by the field's kind, or by
    their own Python type when no field declares one."""
    values = [v for v in (value if isinstance(value, list) else [value]) if v not in (None, "")]
    if field is None:
        return [typed_answer(v) for v in values]
    kind = kind_of(field.inner if kind_of(field).name == "list" else field)
    names = dict((str(v), str(t)) for v, t in field.metadata.get("choices", []))
    out = []
    for item in values:
        if names:
            out.append({"valueCoding": {"code": str(item), "display": names.get(str(item), str(item))}})
        else:
            out.append(kind.fhir(item))
    return out


class KeyNames:
    """What a reader reads for the keys of an entry's mappings: a field's ``key_labels``
    metadata (a mapping ``{key path: label}``, or a function of the entry's payload giving one,
    see :class:`core.form_specs.FormSpec`), worked out once per field and entry, in the
    reader's language. A function that raises costs its labels (the keys stay), never the
    export, and marks the form's plugin faulty."""

    def __init__(self, payload: dict, form_id: str):
        self.payload, self.form_id = payload, form_id
        self._found: dict[int, Mapping | None] = {}

    def of(self, field) -> Mapping | None:
        """The labels ``field`` declares for its keys; None when it declares none."""
        if field is None or "key_labels" not in field.metadata:
            return None
        if id(field) not in self._found:
            self._found[id(field)] = self._work_out(field.metadata["key_labels"])
        return self._found[id(field)]

    def _work_out(self, labels) -> Mapping:
        if callable(labels):
            try:
                labels = labels(self.payload)
            except Exception as exc:  # the keys stay: a reader still gets every answer
                host = plugin_host()
                host.record_fault(host.owner_of("register_forms", self.form_id) or "core",
                                  "register_forms", exc)
                return {}
        return labels if isinstance(labels, Mapping) else {}


def _key_text(labels: Mapping, path: str, declared, key) -> str:
    """A key as its reader reads it: its label in ``labels`` (by its path), else the label of
    the nested schema's field that holds it, else the key itself (never lost)."""
    label = labels.get(path)
    if label is None and declared is not None:
        label = declared.metadata.get("label")
    words = str(label) if label is not None else ""
    return words or str(key)


def _nested_fields(field) -> dict:
    """A ``Nested`` field's schema fields by name (its keys are known); others: none."""
    return dict(field.schema.load_fields) if isinstance(field, mf.Nested) else {}


def _items(link_id: str, text: str, field, value, names: KeyNames | None = None,
           labels: Mapping = MappingProxyType({}), path: str = "") -> list[dict]:
    """One payload value as QuestionnaireResponse items, empty values left out: a question
    and its answers; a mapping as a group, one child per key (``<linkId>.<key>``), however
    deep; a list of mappings as a repeating group (one item each, same linkId). A group holds
    items and no answer (FHIR's qrs-1), so a reader gets the structure, not a Python repr.

    A child's text is what its reader reads for its key (:func:`_key_text`): ``labels`` are
    those of the nearest field that declares ``key_labels`` (``names``), keyed by ``path``,
    the key's place below that field (``key``, ``key.inner``; a list's members share theirs);
    a ``Nested`` field's keys are its schema's fields, answered as those fields are."""
    own = names.of(field) if names is not None else None
    if own is not None:
        labels, path = own, ""
    if isinstance(value, Mapping):
        inner = getattr(field, "value_field", None)  # Dict(values=...): the values' kind
        declared = _nested_fields(field)
        children = []
        for key, v in value.items():
            where = f"{path}.{key}" if path else str(key)
            children += _items(f"{link_id}.{key}", _key_text(labels, where, declared.get(key), key),
                               declared.get(key, inner), v, names, labels, where)
        return [{"linkId": link_id, "text": text, "item": children}] if children else []
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        # List(Nested(...)), List(Dict(...)), or Nested(many=True): each member read alike
        inner = getattr(field, "inner", None) or (field if isinstance(field, mf.Nested) else None)
        return [group for v in value
                for group in _items(link_id, text, inner, v, names, labels, path)]
    answers = _answers(field, value)
    return [{"linkId": link_id, "text": text, "answer": answers}] if answers else []
