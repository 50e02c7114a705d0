"""Two registrations of one person merged: the herbalist's interaction checks follow.

Herbalism declares no ``person_merged`` of its own: core repoints a plugin's rows left on the
duplicate, so the checks (and the warnings they gave) read under the person kept, never on a
record search no longer finds.
"""

from sqlalchemy import select

from core.identity.merge import merge_people

from plugins.herbalism.models import Check


def test_the_duplicates_checks_follow_the_person_kept(db, herbalism, herbalist, person,
                                                      make_person):
    duplicate = make_person(person.first_name, person.last_name)
    db.add(Check(person_id=duplicate.id, herb="hypericum", trigger="recommendation",
                 outcome="warned", result={"alerts": ["sertraline"]}, actor_id=herbalist.id))
    db.commit()
    moved = merge_people(db, person, duplicate, actor=herbalist)
    db.commit()
    assert moved["herbalism_checks"] == 1
    assert db.scalars(select(Check.person_id)).all() == [person.id]
