"""The benchmark generator makes a coop the platform itself would accept (figures are not tested)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from bench.coop import generate
from core.audit.service import verify
from core.identity.models import Household, Membership, Person, Practitioner
from core.record.forms import all_forms, form_version, validate_payload
from core.record.models import Encounter, Entry
from core.registry import plugin_host
from core.scheduling.models import Appointment, Occupancy

SHIPPED = ("nursing", "psychology", "food_security")


def _count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


def test_a_tiny_coop_is_complete_and_valid(app, db, activate):
    host = plugin_host(app)
    activate(*[name for name in SHIPPED if name in host.plugins])
    before = {m: _count(db, m) for m in (Person, Entry, Appointment, Encounter)}

    result = generate(db.connection(), 50, seed=7, chunk=20)

    people = _count(db, Person) - before[Person]
    entries = _count(db, Entry) - before[Entry]
    assert people == 50
    assert result.rows["record_entries"] == entries
    assert 50 * 8 < entries < 50 * 40  # about 20 a person
    assert _count(db, Appointment) > before[Appointment]
    assert _count(db, Encounter) > before[Encounter]
    assert _count(db, Membership) >= 0.6 * _count(db, Household)

    # a practitioner for every discipline whose forms were used
    disciplines = set(db.scalars(select(Practitioner.discipline)))
    used = {spec.discipline for spec in all_forms() if spec.id in result.forms}
    assert used - {None} <= disciplines

    # every active form is either used or skipped with a reason said out loud
    assert {spec.id for spec in all_forms()} == set(result.forms) | set(result.skipped)
    assert all(result.skipped.values())

    # every stored payload is what its form accepts (loading it again gives it back)
    for entry in db.scalars(select(Entry)):
        spec = form_version(entry.form_id, entry.form_version)
        assert validate_payload(spec, entry.payload) == entry.payload, entry.form_id

    # nobody is booked twice at the same time (also enforced by PostgreSQL itself)
    holds = defaultdict(list)
    for row in db.scalars(select(Occupancy)):
        holds[row.resource_id].append((row.starts_at, row.ends_at))
    for spans in holds.values():
        spans.sort()
        assert all(a_end <= b_start for (_a, a_end), (b_start, _b) in zip(spans, spans[1:], strict=False))

    # the audit trail written with the entries is an intact chain
    count, _head, problems = verify(db)
    assert count >= entries and problems == []


def test_a_form_with_nested_fields_is_generated_from_its_declared_example(app, activate):
    """Acupuncture's session (its points are nested objects with WHO codes) is not skipped: the
    points come from the form's example, the rest is drawn, and the form accepts each payload."""
    import random

    from bench.coop.payloads import build_pool

    activate("acupuncture")
    spec = form_version("acupuncture.session", 1)
    example_points = {p["code"] for p in spec.extra["example"]["points"]}

    pool = build_pool(spec, random.Random(5), size=12)

    assert pool.problem == "" and len(pool.payloads) == 12
    for payload in pool.payloads:
        assert validate_payload(spec, payload) == payload
        assert payload["points"] and {p["code"] for p in payload["points"]} <= example_points
    assert len({p["indication"] for p in pool.payloads}) > 1  # drawn, not the example copied
    # as in a real clinic, every needle is nearly always found (a mismatch needs an incident)
    assert sum(p["needles_inserted"] == p["needles_removed"] for p in pool.payloads) >= 10
