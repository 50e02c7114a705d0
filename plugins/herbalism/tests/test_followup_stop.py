"""A "Stop" at follow-up ends the herb's line in the shared summary, as the chart shows it."""

import html

from sqlalchemy import select

from core.api import clinical_summary
from core.audit.models import AuditEvent

ADVICE = {"herb": "echinacea_purpurea", "preparation": "Teinture", "dose": "2 mL, 3 fois par jour",
          "duration": "10 jours", "action": "save"}


def summary_section(html: str) -> str:
    return html.split('id="summary"', 1)[1].split("</section>", 1)[0]


def recommended(client, login, herbalist, person):
    login(herbalist)
    done = client.post(f"/p/herbalism/people/{person.id}/recommend", data=ADVICE)
    assert done.status_code == 302
    chart = client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    assert "Échinacée" in summary_section(chart)


def follow_up(client, person, herb, decision):
    return client.post(f"/people/{person.id}/chart/new/herbalism.follow_up",
                       data={"herb": herb, "taken_as_advised": "yes", "decision": decision,
                             "effects": "Rhume plus court."})


def test_stop_at_follow_up_ends_the_summary_line(client, login, db, herbalist, person):
    recommended(client, login, herbalist, person)
    saved = follow_up(client, person, "echinacee", "stop")  # no accent, lower case: same herb
    assert saved.status_code == 302
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Retirée du sommaire partagé" in page
    english = client.get(saved.headers["Location"], headers={"Accept-Language": "en"})
    # the line it ended, named in the reader's language (the label keeps the writer's French)
    assert ("Ended in the shared summary: Purple coneflower (Echinacea purpurea (L.) Moench)"
            in html.unescape(english.get_data(as_text=True)))
    chart = client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    assert "Échinacée" not in summary_section(chart)
    assert clinical_summary(db, person.id).medications == ()
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "summary.end")).one()


def test_continue_keeps_the_line(client, login, db, herbalist, person):
    recommended(client, login, herbalist, person)
    assert follow_up(client, person, "Échinacée", "continue").status_code == 302
    chart = client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    assert "Échinacée" in summary_section(chart)


def test_a_stop_naming_no_active_herb_says_so_and_ends_nothing(client, login, db, herbalist, person):
    recommended(client, login, herbalist, person)
    saved = follow_up(client, person, "Valériane", "stop")
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Aucune plante nommée «\u202fValériane\u202f» n’est active" in html.unescape(page)
    assert [m.label for m in clinical_summary(db, person.id).medications] == [
        "Échinacée pourpre (Echinacea purpurea (L.) Moench)"]


def test_the_follow_up_line_names_the_herb_in_the_readers_language(client, login, db, herbalist,
                                                                    person):
    """The herb is written as the summary showed it, in French; an English reader read
    "Follow-up of Échinacée pourpre" where the register names it "Purple coneflower"."""
    recommended(client, login, herbalist, person)
    for written in ("Échinacée pourpre (Echinacea purpurea (L.) Moench)", "Tisane du jardin"):
        assert follow_up(client, person, written, "continue").status_code == 302
    english = client.get(f"/people/{person.id}/chart", headers={"Accept-Language": "en"})
    timeline = html.unescape(english.get_data(as_text=True))
    assert "Follow-up of Purple coneflower (Echinacea purpurea (L.) Moench)" in timeline
    assert "Follow-up of Tisane du jardin" in timeline  # not in the register: as written
    assert "Follow-up of Échinacée" not in timeline
    french = html.unescape(client.get(f"/people/{person.id}/chart").get_data(as_text=True))
    assert "Suivi d’Échinacée pourpre (Echinacea purpurea (L.) Moench)" in french
