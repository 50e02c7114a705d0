"""A service activated by a resolution links to that resolution's record: the services page
offers the numbered resolutions and shows a cited one as a link to it."""

from core.admin.models import PluginState

from plugins.governance import ballots
from plugins.governance.models import Motion
from plugins.governance.tests.helpers import add_members, assembly_in_session, secret_motion


def test_hook_decision_records_links_a_cited_resolution_to_its_record(client, login, db, gov_on):
    members = add_members(db, 4)
    motion = secret_motion(db, assembly_in_session(db, members, quorum=2),
                           title="Offrir la psychologie")
    for membership in members[:3]:
        ballots.cast_secret(db, motion.id, membership, "for")
    ballots.close_secret(db, motion.id)
    db.commit()
    number = db.get(Motion, motion.id).number
    assert number
    login(role="admin")
    page = client.get("/admin/services").get_data(as_text=True)
    assert f'<option value="{number}">Offrir la psychologie</option>' in page  # offered
    client.post("/admin/services/psychology", data={"active": "1", "resolution": number})
    assert db.get(PluginState, "psychology").resolution == number
    page = client.get("/admin/services").get_data(as_text=True)
    link = f'href="/p/governance/assemblies/resolutions?q={number}#r-{number}">{number}</a>'
    assert link in page and "(Offrir la psychologie)" in page
    record = client.get(f"/p/governance/assemblies/resolutions?q={number}").get_data(as_text=True)
    assert f'id="r-{number}"' in record and "Offrir la psychologie" in record


def test_a_citation_of_a_decision_kept_elsewhere_stays_plain_text(client, login, db, gov_on):
    login(role="admin")
    client.post("/admin/services/psychology", data={"active": "1", "resolution": "CA 2026-11-03"})
    page = client.get("/admin/services").get_data(as_text=True)
    assert "Décidé par CA 2026-11-03 le" in page and "resolutions?q=CA" not in page
