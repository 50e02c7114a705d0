"""Community garden pages: gardens, plots and seasons, allocation and the waiting list
(coordinators); tools, chores and harvests (volunteers)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.api import (Person, VolunteerShift, attempt, current_account, current_session, get_or_404,
                      has_permission, require)

from plugins.food_security import _, ngettext
from plugins.food_security.fields import chosen, row_id
from plugins.food_security.gardens import schemas, service as gardens
from plugins.food_security.gardens.models import (Allocation, Garden, GardenSeason, Plot, Tool,
                                                  ToolLoan, WaitlistEntry)
from plugins.food_security.permissions import GARDENS_HELP, GARDENS_MANAGE
from plugins.food_security.web import person_search, picked_person

bp = Blueprint("gardens", __name__)


def _page(template, **context):
    context.setdefault("errors", {})
    context.setdefault("values", {})
    context.setdefault("form", None)
    return render_template(f"food_security/gardens/{template}", **context), (
        422 if context["errors"] else 200)


def _manager():
    if not has_permission(GARDENS_MANAGE):
        abort(403)


@bp.route("/", methods=["GET", "POST"])
@require(GARDENS_HELP)
def index():
    db = current_session()
    errors, form = {}, request.form.get("form")
    if request.method == "POST":
        _manager()
        schema, action = ((schemas.SeasonSchema, gardens.create_season) if form == "season"
                          else (schemas.GardenSchema, gardens.save_garden))
        errors = attempt(lambda: action(db, schema().load(request.form))).errors
        if not errors:
            flash(_("Saved."), "success")
            return redirect(url_for(".index"))
    season = gardens.current_season(db)
    allocated = {}
    if season is not None:
        allocated = {a.plot_id: a for a in db.scalars(select(Allocation).where(
            Allocation.season_id == season.id, Allocation.status == "active"))}
    return _page("index.html", gardens=list(db.scalars(select(Garden).order_by(Garden.name))),
                 season=season, allocated=allocated, errors=errors, values=request.form,
                 form=form)


@bp.route("/<int:garden_id>", methods=["GET", "POST"])
@require(GARDENS_HELP)
def garden(garden_id: int):
    """A garden: its plots this season, tools, chores and harvests."""
    db = current_session()
    target = get_or_404(Garden, garden_id)
    season = gardens.current_season(db)
    errors, form = {}, request.form.get("form")
    if request.method == "POST":
        errors = attempt(lambda: _garden_action(db, target, season, form)).errors
        if not errors:
            flash(_("Saved."), "success")
            return redirect(url_for(".garden", garden_id=target.id))
    allocations = {}
    if season is not None:
        allocations = {a.plot_id: a for a in db.scalars(select(Allocation).join(Plot).where(
            Plot.garden_id == target.id, Allocation.season_id == season.id,
            Allocation.status == "active"))}
    gardeners = sorted({p for a in allocations.values() for p in (a.gardener, a.co_gardener)
                        if p is not None}, key=lambda p: (p.last_name, p.first_name))
    tools = list(db.scalars(select(Tool).where(Tool.garden_id == target.id).order_by(Tool.name)))
    loans = {loan.tool_id: loan for loan in db.scalars(select(ToolLoan).where(
        ToolLoan.tool_id.in_([t.id for t in tools]), ToolLoan.returned_at.is_(None)))}
    shifts = gardens.chores(db, target)
    return _page("garden.html", garden=target, season=season, allocations=allocations,
                 gardener_choices=[("", "—")] + [(p.id, p.full_name) for p in gardeners],
                 tools=tools, loans=loans, shifts=shifts, errors=errors,
                 values=request.form, form=form)


def _garden_action(db, target, season, form):
    """One of the garden page's forms; coordinators' forms check their permission."""
    if form in ("plot", "shift"):
        _manager()
    if form == "plot":
        gardens.add_plot(db, target, schemas.PlotSchema().load(request.form))
    elif form == "tool":
        gardens.add_tool(db, target, schemas.ToolSchema().load(request.form)["name"])
    elif form == "lend":
        data = schemas.LoanSchema().load(request.form)
        tool = chosen(db, Tool, row_id(request.form.get("tool_id")), "tool_id")
        if tool.garden_id != target.id:
            abort(404)
        gardens.lend_tool(db, tool, data["person"], data.get("due_on"))
    elif form == "shift":
        gardens.add_shift(db, target, schemas.ShiftSchema().load(request.form))
    elif form == "harvest":
        gardens.log_harvest(db, target, schemas.HarvestSchema().load(request.form),
                            by=current_account())
    else:
        abort(400)


@bp.route("/loans/<int:loan_id>/return", methods=["POST"])
@require(GARDENS_HELP)
def return_tool(loan_id: int):
    db = current_session()
    loan = get_or_404(ToolLoan, loan_id)
    attempt(lambda: gardens.return_tool(db, loan))
    return redirect(url_for(".garden", garden_id=loan.tool.garden_id))


@bp.route("/shifts/<int:shift_id>/<any(signup, done):action>", methods=["POST"])
@require(GARDENS_HELP)
def shift(shift_id: int, action: str):
    db = current_session()
    target = get_or_404(VolunteerShift, shift_id)
    garden = gardens.garden_of(db, target) or abort(404)
    if action == "signup":
        errors = attempt(lambda: gardens.sign_up(
            db, target, row_id(request.form.get("person")))).errors
    else:
        errors = attempt(lambda: gardens.mark_done(db, target, current_account())).errors
    for messages in errors.values():
        flash(messages[0], "error")
    return redirect(url_for(".garden", garden_id=garden.id))


# --- allocation, waiting list, reallocation (coordinators) -------------------------------------


@bp.route("/plots/<int:plot_id>/allocate", methods=["GET", "POST"])
@require(GARDENS_MANAGE)
def allocate(plot_id: int):
    """Give a plot for the season: to the first in line, or to a household chosen by name."""
    db = current_session()
    plot = get_or_404(Plot, plot_id)
    season = gardens.current_season(db) or abort(404)
    query, results = person_search()
    person, co_gardener = picked_person(), picked_person("co")
    errors = {}
    if request.method == "POST":
        def give():
            if request.form.get("entry"):
                entry = chosen(db, WaitlistEntry, row_id(request.form["entry"]), "entry")
                gardens.allocate(db, plot, season, entry.person, entry=entry)
                return
            data = schemas.AllocationSchema().load(request.form)
            gardener = picked_person() or abort(404)
            partner = (chosen(db, Person, data["co_gardener"], "co_gardener")
                       if data.get("co_gardener") else None)
            gardens.allocate(db, plot, season, gardener, co_gardener=partner)
        errors = attempt(give).errors
        if not errors:
            flash(_("Plot %(code)s allocated.", code=plot.code), "success")
            return redirect(url_for(".garden", garden_id=plot.garden_id))
    line = gardens.ranked(db, season, plot)
    return _page("allocate.html", plot=plot, season=season, next_in_line=line[:5],
                 query=query, results=results, person=person, co_gardener=co_gardener,
                 co_results=person_search("cq")[1], errors=errors, values=request.form)


@bp.route("/allocations/<int:allocation_id>/<any(planted, release):action>", methods=["POST"])
@require(GARDENS_MANAGE)
def allocation(allocation_id: int, action: str):
    db = current_session()
    target = get_or_404(Allocation, allocation_id)
    change = gardens.mark_planted if action == "planted" else gardens.end_allocation
    attempt(lambda: change(db, target))
    return redirect(url_for(".garden", garden_id=target.plot.garden_id))


@bp.route("/waitlist", methods=["GET", "POST"])
@require(GARDENS_MANAGE)
def waitlist():
    db = current_session()
    query, results = person_search()
    person = picked_person()
    errors = {}
    if request.method == "POST":
        def register():
            data = schemas.WaitlistSchema().load(request.form)
            data.pop("person")
            gardens.add_to_waitlist(db, picked_person() or abort(404), data)
        errors = attempt(register).errors
        if not errors:
            flash(_("Added to the waiting list."), "success")
            return redirect(url_for(".waitlist"))
    return _page("waitlist.html", entries=gardens.ranked(db, gardens.current_season(db)),
                 rule=gardens.PRIORITY_RULE, query=query, results=results, person=person,
                 garden_choices=[(g.id, g.name) for g in db.scalars(
                     select(Garden).order_by(Garden.name))],
                 errors=errors, values=request.form or {"resident": "y"})


@bp.route("/waitlist/<int:entry_id>/withdraw", methods=["POST"])
@require(GARDENS_MANAGE)
def withdraw(entry_id: int):
    db = current_session()
    entry = get_or_404(WaitlistEntry, entry_id)
    attempt(lambda: gardens.withdraw(db, entry))
    return redirect(url_for(".waitlist"))


@bp.route("/seasons/<int:season_id>/unplanted", methods=["GET", "POST"])
@require(GARDENS_MANAGE)
def unplanted(season_id: int):
    """Plots not planted by the deadline; one button gives them to the next in line."""
    db = current_session()
    season = get_or_404(GardenSeason, season_id)
    if request.method == "POST":
        moves = []
        attempt(lambda: moves.extend(gardens.reallocate_unplanted(db, season)))
        flash(ngettext("%(num)s plot taken back and offered to the waiting list.",
                       "%(num)s plots taken back and offered to the waiting list.", len(moves)),
              "success")
        return redirect(url_for(".unplanted", season_id=season.id))
    return _page("unplanted.html", season=season, allocations=gardens.unplanted(db, season))
