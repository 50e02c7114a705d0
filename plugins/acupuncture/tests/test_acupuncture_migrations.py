"""The second revision upgrades a SQLite database that already holds sessions, points and
incidents (a rebuilt table would break their foreign keys), and goes back down."""

from alembic import command
from sqlalchemy import inspect, text

from core import db
from core.app import create_app
from core.migrate import alembic_config
from core.testing.factories import Factories


def test_the_amends_revision_keeps_existing_sessions(tmp_path):
    app = create_app({"SOIN_DATABASE_URL": f"sqlite:///{tmp_path / 'acu.sqlite'}"})
    with app.app_context():
        config = alembic_config(app)
        command.upgrade(config, "heads")
        command.downgrade(config, "acupuncture@57143c5adb38")
        engine = app.extensions["soin_db"].engine
        factories = Factories(app, db.session())
        someone = factories.person("Julie", "Gagnon")
        who = factories.account(roles=["practitioner"], discipline="acupuncture")
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO acupuncture_sessions (id, person_id, practitioner_id, status, "
                "started_at, indication, position, needle_type, needle_brand, needle_lot, "
                "disinfection, response_favourable, response_adverse, tongue, pulse, pattern, "
                "principle) VALUES (1, :p, :a, 'open', '2026-12-01 10:00:00', 'x', '', '', '', "
                "'', 0, '', '', '', '', '', '')"), {"p": someone.id, "a": who.id})
            conn.execute(text("INSERT INTO acupuncture_session_points (session_id, code, side, "
                              "technique, stimulation, needles) VALUES (1, 'LI4', 'right', "
                              "'even', 'manual', 1)"))
        db.session().close()
        command.upgrade(config, "heads")
        columns = {c["name"] for c in inspect(engine).get_columns("acupuncture_sessions")}
        assert {"amends_entry_id", "amend_reason"} <= columns
        with engine.connect() as conn:
            assert conn.execute(text("SELECT amend_reason, (SELECT count(*) FROM "
                                     "acupuncture_session_points) FROM acupuncture_sessions"
                                     )).one() == ("", 1)
        command.downgrade(config, "acupuncture@57143c5adb38")
        columns = {c["name"] for c in inspect(engine).get_columns("acupuncture_sessions")}
        assert "amends_entry_id" not in columns
