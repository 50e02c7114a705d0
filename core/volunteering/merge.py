"""Two registrations of one person on the same shift, folded into one when they are merged.

Reception sometimes registers someone twice, and each registration may take the same shift.
The generic merge (:mod:`core.identity.merge`) cannot repoint the second sign-up (one per person
and shift) and cannot delete it while confirmed hours point at it, so this runs first: it keeps
one sign-up per shift, carries the hours to it, and gives back the place the other one held.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from core.volunteering.models import CANCELLED, CONFIRMED, HoursEntry, ShiftSignup
from core.volunteering.service import give_back_place, withdraw_reminder


def fold_signups(db: Session, kept_id: int, duplicate_id: int) -> int:
    """Where both people signed up for one shift, keep one sign-up; returns how many folded.

    The sign-up kept is the one with confirmed hours, else the one still expected, else the
    kept person's. Hours are never lost: the other sign-up's hours move to the one kept, or, when
    both have hours, stay in the ledger as hours of their own.
    """
    kept, duplicate = aliased(ShiftSignup), aliased(ShiftSignup)
    pairs = db.execute(select(kept, duplicate).join(duplicate, duplicate.shift_id == kept.shift_id)
                       .where(kept.person_id == kept_id, duplicate.person_id == duplicate_id)).all()
    for pair in pairs:
        hours = {s.id: db.scalar(select(HoursEntry).where(HoursEntry.signup_id == s.id))
                 for s in pair}
        keep, drop = sorted(pair, key=lambda s: (hours[s.id] is None, s.status != CONFIRMED,
                                                 s.status == CANCELLED, s.person_id != kept_id))
        if hours[drop.id] is not None:
            hours[drop.id].signup_id = None if hours[keep.id] is not None else keep.id
        if keep.status != CANCELLED and drop.status != CANCELLED:
            give_back_place(db, keep.shift)  # one person, one place
        withdraw_reminder(db, drop)
        db.flush()
        db.delete(drop)
        db.flush()
    return len(pairs)
