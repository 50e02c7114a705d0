"""The least a page can cost on this stack: Flask under the same gunicorn, no Soin commun code.

Served by :mod:`bench.floor`. Each route is one layer of what every page of the platform does:
answering at all; one statement through SQLAlchemy's pool (checkout, its liveness ping,
transaction); as many statements as a day agenda sends (7); one committed write; an ORM read of
20 people rendered through a Jinja template. The platform's figures sit on top of these.
"""

from __future__ import annotations

import os

from flask import Flask, url_for
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from core.db import make_engine

PEOPLE = """<!doctype html><table>{% for p in people %}<tr><td><a href="{{ url_for('orm_page',
 id=p.id) }}">{{ p.last_name }}, {{ p.first_name }}</a></td><td>{{ p.date_of_birth }}</td></tr>
{% endfor %}</table>"""  # the shape of the search results, without menus or translations


def create_app() -> Flask:
    """The floor application (``gunicorn 'bench.floor_app:create_app()'``)."""
    from core.identity.models import Person

    app = Flask(__name__)
    # the platform's own engine settings (pool, liveness ping; SQLite's pragmas and BEGIN IMMEDIATE)
    engine = make_engine(os.environ["SOIN_DATABASE_URL"])
    template = app.jinja_env.from_string(PEOPLE)

    @app.get("/login")  # what bench.server waits for
    @app.get("/plain")
    def plain():
        return "ok"

    @app.get("/one-statement")
    def one_statement():
        with engine.connect() as connection:
            connection.execute(text("SELECT 1")).scalar()
        return "ok"

    @app.get("/seven-statements")
    def seven_statements():
        with engine.connect() as connection:
            for _ in range(7):
                connection.execute(text("SELECT 1")).scalar()
        return "ok"

    @app.get("/one-write")
    def one_write():
        # one committed write, the least a booking is: a row rewritten as it was (the write is
        # real, WAL and fsync included, and changes nothing a bench run reads)
        with engine.begin() as connection:
            connection.execute(text("UPDATE core_plugin_states SET active = active "
                                    "WHERE name = (SELECT min(name) FROM core_plugin_states)"))
        return "ok"

    @app.get("/orm-page")
    def orm_page():
        with Session(engine) as session:
            people = session.scalars(select(Person).order_by(Person.id).limit(20)).all()
            return template.render(people=people, url_for=url_for)

    return app
