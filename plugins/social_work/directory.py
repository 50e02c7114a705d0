"""The community resource directory: services the coop refers people to, kept fresh.

Modelled on Open Referral HSDS 3 (``models.py``): an organization offers services at
locations, on schedules written as RFC 5545 RRULEs, classified with Open Eligibility terms. The
rules here are the ones a coordinator meets in the UI:

* a service's status is one of HSDS's four; only ``active`` services are offered to people and
  shown on the public page;
* a service not verified for 12 months (``assured_date``) is flagged wherever it appears;
* a schedule's RRULE is parsed by ``icalendar`` (the library core's calendar feeds use) and
  must at least say how often it recurs; opening hours close after they open;
* the services matching a need are the active ones carrying one of the need's terms.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from babel.dates import get_day_names
from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.api import format_clock, reader_language

from plugins.social_work import _
from plugins.social_work.fields import PICK_ONE, REQUIRED
from plugins.social_work.models import Location, Organization, Schedule, Service
from plugins.social_work.needs import NEED_TERMS, TERMS

STATUSES = {"active": _("Active"), "inactive": _("Inactive"), "defunct": _("Defunct"),
            "temporarily closed": _("Temporarily closed")}
LANGUAGES = {"fr": _("French"), "en": _("English"), "es": _("Spanish"), "ar": _("Arabic"),
             "ht": _("Haitian Creole"), "zh": _("Chinese"), "vi": _("Vietnamese")}
DAYS = {"MO": _("Monday"), "TU": _("Tuesday"), "WE": _("Wednesday"), "TH": _("Thursday"),
        "FR": _("Friday"), "SA": _("Saturday"), "SU": _("Sunday")}
FRESH_FOR = timedelta(days=365)



def vrecur():
    """icalendar's ``vRecur``, imported when a schedule is first read or written (importing
    icalendar cost every worker 40 ms of CPU at start-up)."""
    from icalendar import vRecur

    return vRecur

def is_stale(service: Service, today: date) -> bool:
    """Not verified for 12 months (or never): flagged until someone checks it again."""
    return service.assured_date is None or today - service.assured_date > FRESH_FOR


def parse_rrule(text: str) -> str:
    """The RRULE in canonical form, or ValueError when icalendar cannot read it or it has no
    frequency."""
    text = (text or "").strip().removeprefix("RRULE:")
    try:
        recur = vrecur().from_ical(text)
    except (ValueError, TypeError) as exc:
        raise ValueError(str(exc)) from None
    if not recur.get("FREQ"):
        raise ValueError("no FREQ")
    return recur.to_ical().decode()


def weekly_rrule(days: list[str], interval: int = 1) -> str:
    """The RRULE of a weekly schedule on ``days`` (``MO``...), every ``interval`` weeks."""
    ordered = [d for d in DAYS if d in days]
    rule = {"FREQ": "WEEKLY", "BYDAY": ordered}
    if interval > 1:
        rule["INTERVAL"] = interval
    return vrecur()(rule).to_ical().decode()


def _day_name(code: str) -> str:
    """An RRULE day (``MO``...) as the reader's language writes it inside a sentence ("lundi",
    "Monday"): the form's labels (:data:`DAYS`) stand alone, capitalised in French too."""
    if code not in DAYS:
        return code
    return get_day_names("wide", locale=reader_language())[list(DAYS).index(code)]


def describe(schedule: Schedule) -> str:
    """The schedule in words: "Tuesday, Thursday, 9:00–12:00", "Mardi, jeudi, 9 h–12 h"
    (every n weeks when not weekly)."""
    recur = vrecur().from_ical(schedule.rrule)
    days = ", ".join(_day_name(d[-2:]) for d in recur.get("BYDAY", []))
    hours = f"{format_clock(schedule.opens_at)}–{format_clock(schedule.closes_at)}"
    interval = int((recur.get("INTERVAL") or [1])[0])
    text = f"{days}, {hours}" if days else hours
    if recur.get("FREQ") == ["MONTHLY"]:
        text = str(_("Monthly: %(when)s", when=text))
    elif interval > 1:
        text = str(_("Every %(n)s weeks: %(when)s", n=interval, when=text))
    text = text[:1].upper() + text[1:]  # the line starts a sentence
    return f"{text} — {schedule.description}" if schedule.description else text


def next_opening(schedule: Schedule, after: date) -> date | None:
    """The next day the schedule opens, from ``after`` (RRULE expanded by dateutil)."""
    from dateutil.rrule import rrulestr  # loaded when a schedule is read, not by every start

    start = max(schedule.valid_from, after)
    rule = rrulestr(schedule.rrule, dtstart=_midnight(schedule.valid_from))
    found = rule.after(_midnight(start), inc=True)
    return found.date() if found else None


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


# --- reading ------------------------------------------------------------------------------------


def services(session, *, active_only: bool = False, need: str | None = None,
             query: str = "") -> list[Service]:
    """Directory services by name, optionally active only, matching a need or a word."""
    stmt = (select(Service).options(selectinload(Service.organization),
                                    selectinload(Service.location),
                                    selectinload(Service.schedules)).order_by(Service.name))
    if active_only:
        stmt = stmt.where(Service.status == "active")
    found = list(session.execute(stmt).scalars())
    if need is not None:
        wanted = NEED_TERMS.get(need, set())
        found = [s for s in found if wanted & set(s.terms or [])]
    if query:
        needle = query.casefold()
        found = [s for s in found if needle in s.name.casefold()
                 or needle in s.organization.name.casefold()
                 or needle in (s.description or "").casefold()]
    return found


def matching(session, need: str) -> list[Service]:
    """Active services answering ``need``, the ones offered on a positive screen."""
    return services(session, active_only=True, need=need)


# --- writing ------------------------------------------------------------------------------------


def _text(label_required=False, max_len=300):
    if label_required:
        return fields.String(required=True, validate=[validate.Length(max=max_len),
                                                      validate.Regexp(r"(?s).*\S", error=REQUIRED)],
                             error_messages={"required": REQUIRED, "null": REQUIRED})
    return fields.String(load_default="", validate=validate.Length(max=max_len))


def _unless_empty(validator):
    """Apply ``validator`` only to a value that was given (an empty field is allowed)."""
    def check(value):
        if value:
            validator(value)
    return check


def _codes(known):
    return fields.List(fields.String(validate=validate.OneOf(list(known), error=PICK_ONE)),
                       load_default=list)


class ServiceInput(Schema):
    """What the coordinator's service form posts (the organization chosen or named)."""

    organization_id = fields.String(load_default="")
    organization_name = _text(max_len=200)
    name = _text(True, 200)
    description = _text(max_len=5000)
    status = fields.String(load_default="active",
                           validate=validate.OneOf(list(STATUSES), error=PICK_ONE))
    eligibility_description = _text(max_len=2000)
    fees_description = _text(max_len=2000)
    application_process = _text(max_len=2000)
    phone = _text(max_len=40)
    email = fields.String(load_default="", validate=_unless_empty(
        validate.Email(error=_("Enter a valid e-mail address."))))
    url = fields.String(load_default="", validate=_unless_empty(
        validate.URL(error=_("Enter a web address starting with https://"))))
    languages = _codes(LANGUAGES)
    terms = _codes(TERMS)
    minimum_age = fields.Integer(load_default=None, allow_none=True,
                                 validate=validate.Range(0, 120, error=_("Enter an age from 0 to "
                                                                         "120.")))
    maximum_age = fields.Integer(load_default=None, allow_none=True,
                                 validate=validate.Range(0, 120, error=_("Enter an age from 0 to "
                                                                         "120.")))
    assured_date = fields.Date(load_default=None, allow_none=True,
                               error_messages={"invalid": _("Enter a valid date.")})
    address_1 = _text(max_len=200)
    city = _text(max_len=100)
    postal_code = fields.String(load_default="", validate=validate.Regexp(
        r"^$|^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$", error=_("Enter a postal code like H2X 1Y4.")))
    accessibility = _text(max_len=2000)
    schedule_days = _codes(DAYS)
    opens_at = fields.Time(load_default=None, allow_none=True,
                           error_messages={"invalid": _("Enter a time like 09:00.")})
    closes_at = fields.Time(load_default=None, allow_none=True,
                            error_messages={"invalid": _("Enter a time like 09:00.")})

    @validates_schema
    def _coherent(self, data, **kwargs):
        """An organization, ages in order, opening hours that close after they open."""
        errors = {}
        if not data.get("organization_id") and not data.get("organization_name", "").strip():
            errors["organization_name"] = [_("Choose the organization or name a new one.")]
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and high < low:
            errors["maximum_age"] = [_("The maximum age is below the minimum age.")]
        if data.get("schedule_days"):
            opens, closes = data.get("opens_at"), data.get("closes_at")
            if opens is None or closes is None:
                errors["opens_at"] = [_("Give the opening and closing times.")]
            elif closes <= opens:
                errors["closes_at"] = [_("The closing time is after the opening time.")]
        if errors:
            raise ValidationError(errors)


def save_service(session, service: Service | None, form: dict, *, today: date) -> Service:
    """Create or update a service from the posted form (no commit); ValidationError by field."""
    data = ServiceInput().load(form)
    organization = _organization(session, data)
    if service is None:
        service = Service(organization=organization, name=data["name"])
        session.add(service)
    service.organization = organization
    for key in ("name", "description", "status", "eligibility_description", "fees_description",
                "application_process", "phone", "email", "url", "languages", "terms",
                "minimum_age", "maximum_age", "assured_date"):
        setattr(service, key, data[key])
    if data["address_1"] or data["postal_code"]:
        location = service.location or Location(organization=organization)
        location.organization_id = organization.id
        location.name = data["name"]
        location.address_1, location.postal_code = data["address_1"], data["postal_code"].upper()
        location.city = data["city"] or "Montréal"
        location.accessibility = data["accessibility"]
        service.location = location
    if data["schedule_days"]:
        service.schedules.clear()
        service.schedules.append(Schedule(rrule=weekly_rrule(data["schedule_days"]),
                                          valid_from=today, opens_at=data["opens_at"],
                                          closes_at=data["closes_at"]))
    session.flush()
    return service


def _organization(session, data) -> Organization:
    if data.get("organization_id"):
        found = session.get(Organization, data["organization_id"])
        if found is None:
            raise ValidationError({"organization_id": [str(PICK_ONE)]})
        return found
    organization = Organization(name=data["organization_name"].strip())
    session.add(organization)
    session.flush()
    return organization


def verify(service: Service, today: date) -> None:
    """Record that someone checked the service with its organization today."""
    service.assured_date = today


def form_values(service: Service) -> dict:
    """The service as the edit form shows it."""
    values = {k: getattr(service, k) or "" for k in (
        "name", "description", "status", "eligibility_description", "fees_description",
        "application_process", "phone", "email", "url", "minimum_age", "maximum_age")}
    values.update(organization_id=service.organization_id, languages=service.languages or [],
                  terms=service.terms or [],
                  assured_date=service.assured_date.isoformat() if service.assured_date else "")
    if service.location:
        values.update(address_1=service.location.address_1, city=service.location.city,
                      postal_code=service.location.postal_code,
                      accessibility=service.location.accessibility)
    if service.schedules:
        first = service.schedules[0]
        values.update(schedule_days=list(vrecur().from_ical(first.rrule).get("BYDAY", [])),
                      opens_at=f"{first.opens_at:%H:%M}", closes_at=f"{first.closes_at:%H:%M}")
    return values

