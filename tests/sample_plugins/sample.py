"""A small, well-behaved plugin: a page, a menu entry, a permission, an appointment type."""

from datetime import timedelta

from flask import Blueprint

from core.api import (AppointmentTypeSpec, JobSpec, NavItem, PermissionSpec, PluginInfo, hookimpl,
                      make_gettext, require)

_ = make_gettext(__file__, "sample")
bp = Blueprint("sample", __name__)


@bp.route("/")
@require("sample.use")
def index():
    return "sample page"


@bp.route("/practice")
@require("sample.use")
def practice():
    return "sample practice page"


def _practises(account) -> bool:
    return account is not None and account.practitioner is not None


#: who sees the "Sample practice" menu entry (a test may swap the predicate)
PRACTICE_VISIBLE = {"fn": _practises}


@hookimpl
def plugin_info():
    return PluginInfo("sample", _("Sample service"), _("A plugin used by the tests."), "1.2.3",
                      kind="discipline", discipline="sample")


@hookimpl
def register_permissions():
    return [PermissionSpec("sample.use", _("Use the sample service"), default_roles=("admin",))]


@hookimpl
def register_blueprints():
    return [bp]


@hookimpl
def register_nav_items():
    return [NavItem("sample.home", _("Sample service"), "sample.index", permission="sample.use"),
            NavItem("sample.practice", _("Sample practice"), "sample.practice",
                    permission="sample.use", visible=lambda a: PRACTICE_VISIBLE["fn"](a))]


@hookimpl
def register_appointment_types():
    return [AppointmentTypeSpec("sample.visit", _("Sample visit"), timedelta(minutes=30),
                                discipline="sample")]


#: what the sample job did (the tests read it)
JOB_RUNS: list[str] = []


def _nightly(app):
    JOB_RUNS.append(app.name)


@hookimpl
def register_jobs():
    return [JobSpec("sample.nightly", _nightly, trigger="cron", trigger_args={"hour": 3},
                    title=_("Sample nightly job"))]
