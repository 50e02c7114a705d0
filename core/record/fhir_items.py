"""A form's payload as QuestionnaireResponse items, each question named as its reader reads it.

A field is a question, its label the item's text and its answers typed by its kind
(:mod:`core.record.field_kinds`); a mapping is a group with one child per key. A key is named
by the ``key_labels`` its field declares (see :class:`core.form_specs.FormSpec`), by the field
a ``Nested`` schema declares for it, or else stays the key: the label is for the reader, the
``linkId`` stays the key, which is what a program reads.

A coded value is answered as a ``valueCoding``: its ``code`` the stored value (what a program
reads), its ``display`` the reader's words, from the field's static ``choices`` or from the
``value_labels`` it declares (alike ``key_labels``, by key path, or a function of the payload:
for the words that depend on the entry, the OC version it names). A value no label names keeps
its own type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field as dataclass_field, replace

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


def _answers(field, value, words: Mapping | None = None) -> list[dict]:
    """The answers to one question (several for a list), typed by the field's kind, or by
    their own Python type when no field declares one; a coded value as a coding, named by
    the field's ``choices`` or by ``words`` (its ``value_labels`` at this place)."""
    values = [v for v in (value if isinstance(value, list) else [value]) if v not in (None, "")]
    kind = None
    if field is not None:
        kind = kind_of(field.inner if kind_of(field).name == "list" else field)
        choices = dict((str(v), str(t)) for v, t in field.metadata.get("choices", []))
        if choices:  # a declared choice: every value is a code, named or not
            return [_coding(item, choices.get(str(item), str(item))) for item in values]
    words = words if isinstance(words, Mapping) else {}
    out = []
    for item in values:
        display = words.get(str(item)) if not isinstance(item, (bool, dict, list)) else None
        if display is not None and str(display):
            out.append(_coding(item, str(display)))
        else:
            out.append(kind.fhir(item) if kind is not None else typed_answer(item))
    return out


def _coding(code, display: str) -> dict:
    """A coded answer: the stored value (what a program reads) and the reader's words."""
    return {"valueCoding": {"code": str(code), "display": display}}


class KeyNames:
    """What a reader reads for an entry's keys and coded values: a field's ``key_labels`` and
    ``value_labels`` metadata (a mapping by key path, or a function of the entry's payload
    giving one, see :class:`core.form_specs.FormSpec`), worked out once per field and entry,
    in the reader's language. A function that raises costs its labels (the keys and values
    stay as stored), never the export, and marks the form's plugin faulty."""

    def __init__(self, payload: dict, form_id: str):
        self.payload, self.form_id = payload, form_id
        self._found: dict[tuple[int, str], Mapping | None] = {}

    def of(self, field, meta: str = "key_labels") -> Mapping | None:
        """The labels ``field`` declares in its ``meta`` metadata (``key_labels`` for its
        keys, ``value_labels`` for its coded values); None when it declares none."""
        if field is None or meta not in field.metadata:
            return None
        if (id(field), meta) not in self._found:
            self._found[(id(field), meta)] = self._work_out(field.metadata[meta])
        return self._found[(id(field), meta)]

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


@dataclass(frozen=True)
class _Place:
    """Where a value sits below the nearest fields that declare ``key_labels`` and
    ``value_labels``: those labels and the value's path below each of those fields (``key``,
    ``key.inner``; a list's members share theirs, the field's own values are at ``""``)."""

    keys: Mapping = dataclass_field(default_factory=dict)
    key_path: str = ""
    values: Mapping = dataclass_field(default_factory=dict)
    value_path: str = ""

    def at(self, field, names: KeyNames | None) -> _Place:
        """This place seen from ``field``: its own labels, if it declares any, start afresh."""
        keys = names.of(field) if names is not None else None
        values = names.of(field, "value_labels") if names is not None else None
        place = self
        if keys is not None:
            place = replace(place, keys=keys, key_path="")
        if values is not None:
            place = replace(place, values=values, value_path="")
        return place

    def below(self, key) -> _Place:
        """The place of ``key`` of the mapping held here."""
        return replace(self, key_path=_join(self.key_path, key),
                       value_path=_join(self.value_path, key))


def _join(path: str, key) -> str:
    return f"{path}.{key}" if path else str(key)


def _items(link_id: str, text: str, field, value, names: KeyNames | None = None,
           place: _Place = _Place()) -> list[dict]:
    """One payload value as QuestionnaireResponse items, empty values left out: a question
    and its answers; a mapping as a group, one child per key (``<linkId>.<key>``), however
    deep; a list of mappings as a repeating group (one item each, same linkId). A group holds
    items and no answer (FHIR's qrs-1), so a reader gets the structure, not a Python repr.

    A child's text is what its reader reads for its key (:func:`_key_text`), an answer's
    words those its place names (``value_labels``): ``place`` holds the labels of the
    nearest fields that declare them (``names``) and the value's path below each; a
    ``Nested`` field's keys are its schema's fields, answered as those fields are."""
    place = place.at(field, names)
    if isinstance(value, Mapping):
        inner = getattr(field, "value_field", None)  # Dict(values=...): the values' kind
        declared = _nested_fields(field)
        children = []
        for key, v in value.items():
            there = place.below(key)
            children += _items(f"{link_id}.{key}",
                               _key_text(place.keys, there.key_path, declared.get(key), key),
                               declared.get(key, inner), v, names, there)
        return [{"linkId": link_id, "text": text, "item": children}] if children else []
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        # List(Nested(...)), List(Dict(...)), or Nested(many=True): each member read alike
        inner = getattr(field, "inner", None) or (field if isinstance(field, mf.Nested) else None)
        return [group for v in value for group in _items(link_id, text, inner, v, names, place)]
    answers = _answers(field, value, place.values.get(place.value_path))
    return [{"linkId": link_id, "text": text, "answer": answers}] if answers else []
