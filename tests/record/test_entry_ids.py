"""Entry ids cannot be probed: an entry that does not exist and one the viewer may not read
get the same answer, on the pages and through the API, and both attempts are audited."""

from sqlalchemy import select

from core.audit.models import AuditEvent
from tests.record.test_confidentiality import sign_in
from tests.record.test_record_api import bearer


def _answers(get, sealed_id, missing_id):
    hidden, missing = get(sealed_id), get(missing_id)
    return (hidden.status_code, missing.status_code), (hidden.mimetype, missing.mimetype)


def test_missing_and_forbidden_entries_look_the_same(app, client, db, write, make_account):
    other = make_account(roles=["practitioner"], discipline="recordtest")
    sealed = write(form_id="recordtest.shared", payload={"text": "raw"}, confidentiality="sealed")
    missing = sealed.id + 1000
    sign_in(client, other)
    statuses, kinds = _answers(lambda i: client.get(f"/entries/{i}"), sealed.id, missing)
    assert statuses == (403, 403) and kinds[0] == kinds[1]
    for suffix in ("/amend",):
        assert _answers(lambda i, suffix=suffix: client.get(f"/entries/{i}{suffix}"), sealed.id, missing)[0] == (403, 403)
    api, headers = app.test_client(), bearer(db, other)
    for method, suffix, body in [("get", "", None), ("post", "/amend", {"payload": {}}),
                                 ("post", "/error", {"reason": "x"})]:
        call = getattr(api, method)
        answers = [call(f"/api/v1/entries/{i}{suffix}", headers=headers, json=body)
                   for i in (sealed.id, missing)]
        assert [a.status_code for a in answers] == [403, 403], suffix
        assert [a.get_json()["error"]["message"] for a in answers][0] == \
            answers[1].get_json()["error"]["message"]
    denied = db.scalars(select(AuditEvent.entry_id).where(AuditEvent.outcome == "denied",
                                                          AuditEvent.actor_id == other.id)).all()
    assert sealed.id in denied and missing in denied
