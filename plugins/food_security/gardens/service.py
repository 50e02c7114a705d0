"""Community garden rules: seasons, allocation, the waiting list, reallocation, tools, chores.

Functions act inside the caller's transaction and never commit. A :class:`GardenError` means
nothing of the action should be kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import case, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.api import (HoursEntry, Person, VolunteeringError, VolunteerShift,
                      confirm_volunteer_hours, publish_shift, shifts_for, today as coop_today,
                      utcnow, volunteer_sign_up)

from plugins.food_security import _
from plugins.food_security.fields import ActionRefused, chosen
from plugins.food_security.gardens.models import (Allocation, Garden, GardenSeason, HarvestLog,
                                                  Plot, Tool, ToolLoan, WaitlistEntry)

#: The waiting list's priority rule, shown to coordinators and applied by :func:`ranked`.
PRIORITY_RULE = (
    _("Only requests that accept the plot are considered: the same garden or any garden, the "
      "same kind of plot or any kind."),
    _("A household that already has a plot this season waits: one plot per household."),
    _("Residents of the coop's territory come before people from elsewhere."),
    _("Then first come, first served: the earliest registration date, then the order of "
      "registration."),
)


class GardenError(ActionRefused):
    """A rule of this activity refused the action (nothing is kept)."""


def _save(db: Session, obj, data: dict):
    for key, value in data.items():
        setattr(obj, key, value)
    db.add(obj)
    db.flush()
    return obj


def save_garden(db: Session, data: dict, garden: Garden | None = None) -> Garden:
    return _save(db, garden or Garden(), data)


def add_plot(db: Session, garden: Garden, data: dict) -> Plot:
    """Add a plot; a garden on contaminated soil has raised beds only."""
    if garden.raised_only and data.get("kind") != "raised":
        raise GardenError(_("This garden has raised beds only."), "kind")
    if db.scalar(select(Plot.id).where(Plot.garden_id == garden.id, Plot.code == data["code"])):
        raise GardenError(_("This garden already has a plot with this number."), "code")
    return _save(db, Plot(garden=garden), data)


def create_season(db: Session, data: dict) -> GardenSeason:
    """A season; its planting deadline falls within it."""
    if data["ends_on"] <= data["starts_on"]:
        raise GardenError(_("The season must end after it starts."), "ends_on")
    if not data["starts_on"] <= data["planting_deadline"] <= data["ends_on"]:
        raise GardenError(_("The planting deadline must fall within the season."),
                          "planting_deadline")
    if db.scalar(select(GardenSeason.id).where(GardenSeason.year == data["year"])):
        raise GardenError(_("This season already exists."), "year")
    return _save(db, GardenSeason(), data)


def current_season(db: Session, today: date | None = None) -> GardenSeason | None:
    """The season of this year, else the latest one."""
    today = today or coop_today()
    return (db.scalar(select(GardenSeason).where(GardenSeason.year == today.year))
            or db.scalar(select(GardenSeason).order_by(GardenSeason.year.desc()).limit(1)))


# --- waiting list ---------------------------------------------------------------------------


def add_to_waitlist(db: Session, person: Person, data: dict) -> WaitlistEntry:
    """Register a household's request for a plot (one waiting request per household)."""
    if person.household_id is None:
        raise GardenError(_("This person has no household on file."), "person_id")
    if data.get("garden_id") is not None:
        chosen(db, Garden, data["garden_id"], "garden_id")
    if db.scalar(select(WaitlistEntry.id).where(WaitlistEntry.household_id == person.household_id,
                                                WaitlistEntry.status == "waiting")):
        raise GardenError(_("This household is already on the waiting list."), "person_id")
    entry = WaitlistEntry(household_id=person.household_id, person_id=person.id,
                          registered_on=data.get("registered_on") or coop_today(),
                          **{k: v for k, v in data.items() if k != "registered_on"})
    db.add(entry)
    db.flush()
    return entry


def ranked(db: Session, season: GardenSeason | None = None, plot: Plot | None = None):
    """Waiting requests in priority order (:data:`PRIORITY_RULE`), for ``plot`` when given."""
    stmt = select(WaitlistEntry).where(WaitlistEntry.status == "waiting")
    if plot is not None:
        stmt = stmt.where((WaitlistEntry.garden_id.is_(None))
                          | (WaitlistEntry.garden_id == plot.garden_id),
                          WaitlistEntry.kind.in_(("any", plot.kind)))
    if season is not None:
        holding = select(Allocation.household_id).where(Allocation.season_id == season.id,
                                                        Allocation.status == "active")
        stmt = stmt.order_by(case((WaitlistEntry.household_id.in_(holding), 1), else_=0))
    stmt = stmt.order_by(case((WaitlistEntry.resident.is_(True), 0), else_=1),
                         WaitlistEntry.registered_on, WaitlistEntry.id)
    return list(db.scalars(stmt))


def withdraw(db: Session, entry: WaitlistEntry) -> None:
    entry.status = "withdrawn"
    db.flush()


# --- allocation -----------------------------------------------------------------------------


def allocate(db: Session, plot: Plot, season: GardenSeason, gardener: Person,
             co_gardener: Person | None = None, on: date | None = None,
             entry: WaitlistEntry | None = None) -> Allocation:
    """Give ``plot`` to ``gardener``'s household for the season, with an optional co-gardener.

    The household's waiting request, if any, is marked allocated. The database refuses a plot
    or a household allocated twice in a season, even by two coordinators at the same instant.
    """
    on = on or coop_today()
    if gardener.household_id is None:
        raise GardenError(_("This person has no household on file."), "gardener_id")
    if co_gardener is not None and co_gardener.id == gardener.id:
        raise GardenError(_("The co-gardener must be someone else."), "co_gardener_id")
    if not plot.active:
        raise GardenError(_("This plot is not in use."), "plot_id")
    taken = select(Allocation.id).where(Allocation.season_id == season.id,
                                        Allocation.status == "active")
    if db.scalar(taken.where(Allocation.plot_id == plot.id)):
        raise GardenError(_("This plot is already allocated for the season."), "plot_id")
    if db.scalar(taken.where(Allocation.household_id == gardener.household_id)):
        raise GardenError(_("This household already has a plot this season."), "gardener_id")
    entry = entry or db.scalar(select(WaitlistEntry).where(
        WaitlistEntry.household_id == gardener.household_id, WaitlistEntry.status == "waiting"))
    allocation = Allocation(plot=plot, season=season, household_id=gardener.household_id,
                            gardener_id=gardener.id,
                            co_gardener_id=co_gardener.id if co_gardener else None,
                            allocated_on=on, waitlist_entry_id=entry.id if entry else None)
    try:
        with db.begin_nested():
            db.add(allocation)
            db.flush()
    except IntegrityError as exc:
        raise GardenError(_("This plot is already allocated for the season."), "plot_id") from exc
    if entry is not None:
        entry.status, entry.allocated_on = "allocated", on
    db.flush()
    return allocation


def allocate_next(db: Session, plot: Plot, season: GardenSeason,
                  on: date | None = None) -> Allocation | None:
    """Give ``plot`` to the first household in line for it; None when nobody waits."""
    for entry in ranked(db, season, plot):
        try:
            return allocate(db, plot, season, entry.person, on=on, entry=entry)
        except GardenError:
            continue  # that household got a plot meanwhile: the next one
    return None


def mark_planted(db: Session, allocation: Allocation, on: date | None = None) -> None:
    allocation.planted_on = on or coop_today()
    db.flush()


def end_allocation(db: Session, allocation: Allocation, status: str = "released",
                   on: date | None = None) -> None:
    """The gardener gives the plot back (``released``) or loses it (``forfeited``)."""
    allocation.status, allocation.ended_on = status, on or coop_today()
    db.flush()


def unplanted(db: Session, season: GardenSeason, today: date | None = None) -> list[Allocation]:
    """Active allocations not planted although the planting deadline has passed."""
    if (today or coop_today()) <= season.planting_deadline:
        return []
    return list(db.scalars(select(Allocation).where(
        Allocation.season_id == season.id, Allocation.status == "active",
        Allocation.planted_on.is_(None)).order_by(Allocation.id)))


def reallocate_unplanted(db: Session, season: GardenSeason, today: date | None = None):
    """Take back every plot not planted by the deadline and offer it to the next in line.

    Returns ``[(forfeited allocation, new allocation or None)]``.
    """
    today = today or coop_today()
    moves = []
    for allocation in unplanted(db, season, today):
        end_allocation(db, allocation, "forfeited", today)
        moves.append((allocation, allocate_next(db, allocation.plot, season, today)))
    return moves


# --- tools, chores, harvest -----------------------------------------------------------------


def add_tool(db: Session, garden: Garden, name: str) -> Tool:
    return _save(db, Tool(garden_id=garden.id), {"name": name})


def lend_tool(db: Session, tool: Tool, person_id: int, due_on: date | None = None,
              now: datetime | None = None) -> ToolLoan:
    """Lend a tool that is in the shed (one open loan per tool, enforced by the database)."""
    chosen(db, Person, person_id, "person")
    if db.scalar(select(ToolLoan.id).where(ToolLoan.tool_id == tool.id,
                                           ToolLoan.returned_at.is_(None))):
        raise GardenError(_("This tool is already lent."), "tool_id")
    loan = ToolLoan(tool=tool, person_id=person_id, due_on=due_on, lent_at=now or utcnow())
    try:
        with db.begin_nested():
            db.add(loan)
            db.flush()
    except IntegrityError as exc:
        raise GardenError(_("This tool is already lent."), "tool_id") from exc
    return loan


def return_tool(db: Session, loan: ToolLoan, now: datetime | None = None) -> None:
    if loan.returned_at is None:
        loan.returned_at = now or utcnow()
        db.flush()


# Chore shifts are core's volunteer shifts (program food_security.gardens), found again by the
# garden they belong to; the hours of a chore done go into core's hours ledger.
PROGRAM = "food_security.gardens"


def chore_source(garden: Garden) -> str:
    return f"food_security.garden:{garden.id}"


@dataclass(frozen=True)
class Chore:
    """A garden's chore shift as the garden page shows it."""

    id: int
    title: str
    starts_at: datetime
    hours: Decimal
    volunteer: Person | None
    done: bool


def add_shift(db: Session, garden: Garden, data: dict) -> VolunteerShift:
    """Publish a chore shift for one volunteer (through core's volunteering)."""
    try:
        return publish_shift(db, program=PROGRAM, title=data["title"],
                             starts_at=data["starts_at"], ends_at=data["ends_at"], needed=1,
                             place=garden.name, source=chore_source(garden))
    except VolunteeringError as exc:
        raise GardenError(exc.message, exc.field) from exc


def chores(db: Session, garden: Garden, limit: int = 30) -> list[Chore]:
    """The garden's chore shifts, newest first, with who took each and whether it is done."""
    shifts = sorted(shifts_for(db, source=chore_source(garden)), key=lambda s: s.starts_at,
                    reverse=True)[:limit]
    done = set(db.scalars(select(HoursEntry.signup_id).where(HoursEntry.signup_id.in_(
        [s.id for shift in shifts for s in shift.signups]))))
    out = []
    for shift in shifts:
        taken = [s for s in shift.signups if s.status == "confirmed"]
        out.append(Chore(shift.id, shift.title, shift.starts_at, shift.hours,
                         taken[0].person if taken else None,
                         bool(taken) and taken[0].id in done))
    return out


def garden_of(db: Session, shift: VolunteerShift) -> Garden | None:
    """The garden a chore shift belongs to (None: not a garden's shift)."""
    prefix = "food_security.garden:"
    if not shift.source.startswith(prefix) or not shift.source[len(prefix):].isdigit():
        return None
    return db.get(Garden, int(shift.source[len(prefix):]))


def sign_up(db: Session, shift: VolunteerShift, person_id: int) -> None:
    """Put a volunteer on a chore shift that nobody has taken (two at once: the first wins);
    a coordinator may record who did a chore already held."""
    chosen(db, Person, person_id, "person")
    try:
        volunteer_sign_up(db, shift, person_id, after_the_fact=True)
    except VolunteeringError as exc:
        raise GardenError(_("Someone already took this shift.") if exc.status == 409
                          else exc.message, "person_id") from exc


def mark_done(db: Session, shift: VolunteerShift, by=None) -> None:
    """The chore was done: its volunteer's hours go into the ledger."""
    taken = [s for s in shift.signups if s.status == "confirmed"]
    if not taken:
        raise GardenError(_("Nobody signed up for this shift."))
    for signup in taken:
        if db.scalar(select(HoursEntry.id).where(HoursEntry.signup_id == signup.id)) is None:
            try:
                confirm_volunteer_hours(db, signup, by)
            except VolunteeringError as exc:
                raise GardenError(exc.message, exc.field) from exc


def log_harvest(db: Session, garden: Garden, data: dict, by=None) -> HarvestLog:
    """Log kilograms harvested and given away (never more given than grown)."""
    if data.get("kg_donated", Decimal("0")) > data["kg_grown"]:
        raise GardenError(_("More cannot be given away than was harvested."), "kg_donated")
    return _save(db, HarvestLog(garden_id=garden.id, recorded_by_id=by.id if by else None), data)
