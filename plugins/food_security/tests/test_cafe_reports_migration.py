"""An installation that had the social café before core granted new roles their defaults: the
upgrade gives the café's coordinator the reports the role's description promises."""

from sqlalchemy import text

from core.app import create_app
from core.migrate import upgrade
from core.testing.plugin import new_database

GRANT = ("SELECT count(*) FROM core_role_permissions WHERE role_code = "
         "'food_security.cafe_coordinator' AND permission = 'food_security.reports.view'")


def test_the_upgrade_grants_the_cafe_coordinator_the_reports(tmp_path):
    with new_database(tmp_path, prefix="soin_cafe") as url:
        app = create_app({"SOIN_DATABASE_URL": url, "SECRET_KEY": "t"})
        upgrade(app, "c7d2f19a4b80")  # the café's release, before this fix
        engine = app.extensions["soin_db"].engine
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO core_roles (code, title, clinical) VALUES "
                              "('food_security.cafe_coordinator', 'Café', false)"))
            assert conn.execute(text(GRANT)).scalar() == 0
        upgrade(app)
        with engine.begin() as conn:
            assert conn.execute(text(GRANT)).scalar() == 1
        engine.dispose()
