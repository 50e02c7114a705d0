"""A plugin whose chart panel sends a statement of its own that the database refuses (a table
that is not there): on PostgreSQL the refusal aborts the transaction the chart is read in."""

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from core.api import PanelSpec, PluginInfo, current_session, hookimpl

#: what the panel asks (a test may ask something the database answers)
STATEMENT = "SELECT count(*) FROM queryfault_no_such_table"
#: whether the panel catches the refusal itself and shows a panel of its own instead
CATCH = False


@hookimpl
def plugin_info():
    return PluginInfo("queryfault", "Query fault", "Its panel's statement fails.", "0.0.1",
                      kind="program")


@hookimpl
def chart_panels(person, viewer):
    try:
        count = current_session().execute(text(STATEMENT)).scalar()
    except SQLAlchemyError:
        if not CATCH:
            raise
        return [PanelSpec("queryfault.caught", "Query fault", ("Nothing counted",))]
    return [PanelSpec("queryfault.panel", "Query fault", (f"Counted {count}",))]
