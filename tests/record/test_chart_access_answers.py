"""The chart's page decides access from answers read with its other questions
(``core.record.policy.access_reads``, one statement with the person): the very decision that
reading the consent rules and the grant on their own gives, whatever the person chose."""

from core.record import consent, panels, policy


def both_ways(app, db, viewer, person_id):
    """(decided from the chart's answers, decided from its own read), as comparable tuples."""
    def seen(access):
        return (access.refused, access.restricted, getattr(access.glass, "id", None),
                access.can_open, access.can_break_glass)
    with app.test_request_context():
        _person, reads, _refused = panels.chart_reads(db, person_id, viewer)
        answered = policy._chart_access(db, viewer, person_id, None, reads)
    return seen(answered), seen(policy._chart_access(db, viewer, person_id, None))


def test_the_chart_s_answers_decide_as_the_consent_rules_read_alone(
        app, db, nurse, other_discipline, patient, make_account):
    colleague = make_account(roles=["practitioner"], discipline="psychology")
    answered, alone = both_ways(app, db, other_discipline, patient.id)
    assert answered == alone and alone[:2] == (False, set())
    consent.add_consent_rule(db, person_id=patient.id, kind="refuse_practitioner",
                             account_id=colleague.id, actor=nurse)
    for discipline in ("psychology", "nursing"):
        consent.add_consent_rule(db, person_id=patient.id, kind="restrict_discipline",
                                 discipline=discipline, actor=nurse)
    answered, alone = both_ways(app, db, other_discipline, patient.id)
    assert answered == alone and alone[:2] == (False, {"psychology", "nursing"})
    refusal = consent.add_consent_rule(db, person_id=patient.id, kind="refuse_practitioner",
                                       account_id=other_discipline.id, actor=nurse)
    answered, alone = both_ways(app, db, other_discipline, patient.id)
    assert answered == alone and alone[0] and not alone[3]
    consent.break_glass(db, account=other_discipline, person_id=patient.id,
                        reason="found unconscious")
    answered, alone = both_ways(app, db, other_discipline, patient.id)
    assert answered == alone and alone[2] is not None and alone[3]
    consent.revoke_consent_rule(db, refusal, actor=nurse)
    answered, alone = both_ways(app, db, other_discipline, patient.id)
    assert answered == alone and not alone[0]
