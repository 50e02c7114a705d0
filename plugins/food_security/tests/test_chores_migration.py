"""Garden chores move onto core's volunteering with their history: a chore shift keeps its
volunteer and, when done, its hours in core's ledger (both databases), and comes back down."""

from datetime import date, datetime, timezone
from decimal import Decimal

from alembic import command
from sqlalchemy import text

from core import db
from core.app import create_app
from core.migrate import alembic_config
from core.testing.factories import Factories
from core.testing.plugin import new_database

BEFORE = "food_security@dba2c10a3abb"


def _chore(conn, title, start, end, volunteer, done):
    conn.execute(text("INSERT INTO food_security_chore_shifts (garden_id, title, starts_at, "
                      "ends_at, volunteer_id, done) VALUES (1, :t, :s, :e, :v, :d)"),
                 {"t": title, "s": start, "e": end, "v": volunteer, "d": done})


def test_a_chore_shift_with_its_volunteer_and_hours_survives_the_move(tmp_path):
    with new_database(tmp_path, "soin_chores") as url:
        app = create_app({"SOIN_DATABASE_URL": url, "TESTING": True})
        with app.app_context():
            config = alembic_config(app)
            command.upgrade(config, "heads")
            command.downgrade(config, BEFORE)
            engine = app.extensions["soin_db"].engine
            factories = Factories(app, db.session())
            gardener = factories.person("Rémi", "Jardin").id
            other = factories.person("Lou", "Compost").id
            db.session().close()
            # 21:00 on 4 May in Montreal is 01:00 on 5 May in UTC: the hours count on the 4th
            may4 = datetime(2026, 5, 5, 1, 0, tzinfo=timezone.utc)
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO food_security_gardens (id, name, address, "
                                  "raised_only, notes, active) VALUES (1, 'Sainte-Marie', '', "
                                  ":f, '', :t)"), {"f": False, "t": True})
                _chore(conn, "Arrosage", datetime(2026, 5, 4, 23, tzinfo=timezone.utc), may4,
                       gardener, True)
                _chore(conn, "Compost", datetime(2026, 6, 1, 13, tzinfo=timezone.utc),
                       datetime(2026, 6, 1, 14, 30, tzinfo=timezone.utc), other, False)
                _chore(conn, "Allées", datetime(2026, 6, 8, 13, tzinfo=timezone.utc),
                       datetime(2026, 6, 8, 15, tzinfo=timezone.utc), None, False)
            command.upgrade(config, "heads")
            with engine.connect() as conn:
                shifts = conn.execute(text(
                    "SELECT title, program, place, needed, taken, source FROM "
                    "core_volunteer_shifts ORDER BY id")).all()
                signups = conn.execute(text("SELECT person_id, status FROM "
                                            "core_volunteer_signups ORDER BY id")).all()
                hours = conn.execute(text("SELECT person_id, program, worked_on, hours FROM "
                                          "core_volunteer_hours")).all()
            assert [tuple(s) for s in shifts] == [
                ("Arrosage", "food_security.gardens", "Sainte-Marie", 1, 1,
                 "food_security.garden:1"),
                ("Compost", "food_security.gardens", "Sainte-Marie", 1, 1,
                 "food_security.garden:1"),
                ("Allées", "food_security.gardens", "Sainte-Marie", 1, 0,
                 "food_security.garden:1")]
            assert [tuple(s) for s in signups] == [(gardener, "confirmed"), (other, "confirmed")]
            assert len(hours) == 1
            person, program, worked_on, amount = hours[0]
            assert (person, program, Decimal(str(amount))) == (
                gardener, "food_security.gardens", Decimal("2.00"))
            assert str(worked_on)[:10] == "2026-05-04"
            # the garden page and the ledger read the history through core
            from core.api import volunteer_hours_by_program

            from plugins.food_security.gardens import service as gardens
            from plugins.food_security.gardens.models import Garden

            sess = db.session()
            chores = gardens.chores(sess, sess.get(Garden, 1))
            assert [(c.title, c.volunteer.first_name if c.volunteer else None, c.done)
                    for c in chores] == [("Allées", None, False), ("Compost", "Lou", False),
                                         ("Arrosage", "Rémi", True)]
            assert volunteer_hours_by_program(sess, date(2026, 1, 1), date(2026, 12, 31)) == {
                "food_security.gardens": Decimal("2.00")}
            sess.close()
            command.downgrade(config, BEFORE)
            with engine.connect() as conn:
                back = conn.execute(text("SELECT title, volunteer_id, done FROM "
                                         "food_security_chore_shifts ORDER BY id")).all()
            assert [(t, v, bool(d)) for t, v, d in back] == [
                ("Arrosage", gardener, True), ("Compost", other, False), ("Allées", None, False)]
        engine.dispose()
