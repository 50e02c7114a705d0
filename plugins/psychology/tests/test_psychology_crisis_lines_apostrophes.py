"""An installation seeded by 391640cc876e holds "Ligne d'aide" with a straight apostrophe: the
data migration 6b2f0d8e4a17 writes it "Ligne d’aide", and leaves a title the coop wrote itself."""

from sqlalchemy import select, update

from plugins.psychology.models import CrisisLine
from plugins.psychology.tests.migration_steps import run_step

LIST = "/p/psychology/crisis-lines"
OLD_988 = "Ligne d'aide en cas de crise de suicide, appels et textos, 24 h sur 24, 7 jours sur 7"
OWN_911 = "Danger imminent : services d'urgence de la région"


def _title(db, code: str) -> dict:
    db.expire_all()
    return db.scalar(select(CrisisLine.title).where(CrisisLine.code == code))


def test_the_seeded_titles_read_with_the_typographic_apostrophe_and_the_coops_own_stay(
        client, login, db, psychologist):
    # as an installation migrated before this revision holds them: one line as seeded, one the
    # coop retitled (still typed with a straight apostrophe: what people type is theirs)
    db.execute(update(CrisisLine).where(CrisisLine.code == "ca_988").values(
        title={"fr": OLD_988, "en": "Suicide Crisis Helpline, calls and texts, 24/7"}))
    db.execute(update(CrisisLine).where(CrisisLine.code == "emergency_911").values(
        title={"fr": OWN_911, "en": "Imminent danger"}, version=2))
    run_step(db, "6b2f0d8e4a17", "upgrade")
    db.commit()
    assert _title(db, "ca_988")["fr"] == OLD_988.replace("d'aide", "d’aide")
    assert _title(db, "ca_988")["en"] == "Suicide Crisis Helpline, calls and texts, 24/7"
    assert _title(db, "emergency_911") == {"fr": OWN_911, "en": "Imminent danger"}
    login(psychologist)
    line = db.scalar(select(CrisisLine.id).where(CrisisLine.code == "ca_988"))
    form = client.get(f"{LIST}/{line}").get_data(as_text=True)
    assert "Ligne d’aide en cas de crise" in form and "Ligne d&#39;aide" not in form


def test_going_back_down_restores_only_the_seeded_text(db, psy_on):
    run_step(db, "6b2f0d8e4a17", "downgrade")
    assert _title(db, "ca_988")["fr"] == OLD_988
    assert _title(db, "emergency_911")["fr"] == "Danger imminent : services d'urgence"
