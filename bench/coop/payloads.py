"""Chart payloads built from a FormSpec's marshmallow schema, kept only when the schema accepts them.

Values are drawn from the fields themselves (choices, ranges, lengths, "must be true" boxes,
dates), with plausible ranges for common measurements. Each candidate is loaded by the form's
own schema and stored as ``validate_payload`` stores it, so a generated entry holds exactly what
the form would have stored. Cross-field rules (diastolic below systolic, a follow-up answer
after "yes") are met by drawing again; a form for which no valid payload turns up is skipped and
reported, never stored half-valid.

A field no row of :mod:`core.record.field_kinds` can draw (a nested object or a list of them:
acupuncture's points, for one) is taken from the form's declared example
(``FormSpec.extra["example"]``, the one the contract tests load), a list of objects as a random
non-empty part of the example's.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from marshmallow import fields as mf, validate as mv

from bench.coop.names import SENTENCES_EN, SENTENCES_FR, WORDS
from core.record.field_kinds import kind_of
from core.record.forms import EntryInvalid, validate_payload

#: plausible ranges for measurements found in many forms (the schema's range still applies)
PLAUSIBLE = {"temperature": (36.0, 38.4), "pulse": (52, 110), "respiratory_rate": (12, 24),
             "systolic": (100, 170), "diastolic": (58, 98), "spo2": (91, 100),
             "weight": (45.0, 120.0), "height": (150.0, 192.0), "pain_score": (0, 7),
             "oxygen_flow": (1.0, 4.0), "dose_ml": (0.5, 0.5), "dose_number": (1, 3),
             "needles_inserted": (2, 16), "needles_removed": (2, 16)}
#: answers that nearly always agree (a needle not found is rare): field -> the field it copies
SAME_AS = {"needles_removed": "needles_inserted"}
#: optional answers given rarely, whatever the share of optional fields filled in
RARELY = {"needle_incident": 0.03}
ATTEMPTS = 60


@dataclass
class FormPool:
    """Valid payloads of one form, or why none could be made."""

    spec: object
    payloads: list = field(default_factory=list)
    problem: str = ""


def _validators(f, kind):
    return [v for v in f.validators if isinstance(v, kind)]


def _choices(f) -> list:
    if f.metadata.get("choices"):
        return [c[0] for c in f.metadata["choices"]]
    for v in _validators(f, mv.OneOf):
        return list(v.choices)
    return []


def _bounds(name, f) -> tuple:
    low, high = f.metadata.get("range") or (None, None)
    for v in _validators(f, mv.Range):
        low = v.min if v.min is not None else low
        high = v.max if v.max is not None else high
    low, high = (0 if low is None else low), (100 if high is None else high)
    if name in PLAUSIBLE:
        p_low, p_high = PLAUSIBLE[name]
        low, high = max(low, p_low), min(high, p_high)
    return low, high


def _text(rng, f) -> str:
    long = f.metadata.get("widget") == "textarea"
    pool = SENTENCES_FR if rng.random() < 0.75 else SENTENCES_EN
    text = " ".join(rng.sample(pool, rng.randint(1, 3))) if long else rng.choice(pool)[:60].rstrip()
    for v in _validators(f, mv.Length):
        if v.max is not None:
            text = text[:v.max].strip() or "x"
    return text


def value_for(rng: random.Random, name: str, f, today: date):
    """One plausible value for field ``f`` (the schema decides whether it is valid)."""
    choices, kind = _choices(f), kind_of(f).name
    if kind == "list":
        inner = _choices(f.inner)
        return rng.sample(inner, rng.randint(0, min(2, len(inner)))) if inner else \
            rng.sample(WORDS, rng.randint(0, 2))
    if choices:
        return rng.choice(choices)
    if kind == "boolean":
        return True if _validators(f, mv.Equal) else rng.random() < 0.5
    if kind in ("integer", "decimal"):
        low, high = _bounds(name, f)
        if kind == "integer":
            return rng.randint(int(low), int(high))
        return round(rng.uniform(low, high), 1)
    if kind == "date":
        ahead = any(w in name for w in ("next", "follow", "review", "expiry"))
        days = rng.randint(1, 120) if ahead else -rng.randint(0, 700)
        return (today + timedelta(days=days)).isoformat()
    if isinstance(f, mf.Dict):
        return {}
    return _text(rng, f)


def drawable(f) -> bool:
    """Whether :func:`value_for` can make up a value of ``f`` (not a nested object or a list
    of them: its inner rules, a WHO point code say, are the form's own)."""
    if isinstance(f, mf.Nested):
        return False
    return kind_of(f).name != "list" or drawable(f.inner)


def _from_example(rng: random.Random, value):
    """The example's value, a list of objects cut to a random non-empty part of it."""
    if isinstance(value, list) and len(value) > 1 and all(isinstance(v, dict) for v in value):
        value = rng.sample(value, rng.randint(1, len(value)))
    return copy.deepcopy(value)


def candidate(rng: random.Random, schema, today: date, optional_share: float,
              example: dict | None = None) -> dict:
    """Required fields always, each optional one with probability ``optional_share``; a field
    that cannot be drawn comes from ``example`` (left out when the example has none)."""
    example = example or {}
    payload = {}
    for name, f in schema.load_fields.items():
        key = f.data_key or name
        if not (f.required or rng.random() < RARELY.get(name, optional_share)):
            continue
        if drawable(f):
            payload[key] = value_for(rng, name, f, today)
        elif key in example:
            payload[key] = _from_example(rng, example[key])
    for key, source in SAME_AS.items():
        if key in payload and source in payload and rng.random() < 0.97:
            payload[key] = payload[source]
    return payload


def build_pool(spec, rng: random.Random, size: int = 48, today: date | None = None) -> FormPool:
    """Up to ``size`` distinct valid payloads of ``spec`` (each stored as the chart stores it)."""
    today = today or date.today()
    pool = FormPool(spec)
    example = spec.extra.get("example")
    last_error = ""
    for attempt in range(size * ATTEMPTS):
        share = (0.6, 1.0, 0.0)[attempt % 3]
        raw = candidate(rng, spec.schema(), today, share, example)
        try:
            pool.payloads.append(validate_payload(spec, raw))
        except EntryInvalid as exc:
            last_error = "; ".join(f"{k}: {', '.join(v)}" for k, v in exc.messages.items())
        if len(pool.payloads) >= size:
            break
        if attempt >= ATTEMPTS and not pool.payloads:
            break
    if not pool.payloads:
        pool.problem = last_error or "no valid payload"
    return pool


def build_pools(specs, rng: random.Random, size: int = 48) -> list[FormPool]:
    """A pool per form (the newest version of each form id)."""
    newest: dict[str, object] = {}
    for spec in specs:
        if spec.id not in newest or spec.version > newest[spec.id].version:
            newest[spec.id] = spec
    return [build_pool(spec, rng, size) for _id, spec in sorted(newest.items())]
