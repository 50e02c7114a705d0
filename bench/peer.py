"""GNU Health 5.0.6 as the peer measured in the same window: its server, its five actions.

GNU Health is installed beside the bench by ``../shared/peer/gnuhealth/setup_gnuhealth.sh``
(its own virtual environment under ``BASE``, a Tryton database on the same PostgreSQL) and
loaded by that folder's ``bench_inprocess.py`` (patients, a health professional ``HP-BENCH``
of the institution ``BENCH``, 20 appointments a day from 2030-01-07). None of its code is
imported here: its ``trytond`` server is started from its own environment and driven over
XML-RPC with the standard library, as ``bench_server.py`` there does (a session login, then
the same remote calls: two per action).
"""

from __future__ import annotations

import base64
import configparser
import datetime as dt
import random
import subprocess
import threading
import time
import xmlrpc.client
from decimal import Decimal
from pathlib import Path

from bench.server import free_port, process_rss_mb, stop_process, wait_until_answering

#: GNU Health's side of each of our actions (the remote calls bench_server.py makes)
ACTIONS = ("create_person", "search", "chart", "book", "agenda")
GIVEN = "Ana Ben Carla David Elena Farid Grace Hugo Ines Jamal".split()
SYL = "al ba co da el fa ga hi in jo ka lo ma ne or pe qu ri sa to ul ve wi xa yo ze".split()
#: the days bench_inprocess.py filled with 20 appointments each (the agenda reads them)
AGENDA_FIRST_DAY, AGENDA_DAYS = dt.date(2030, 1, 7), 25


class PeerServer:
    """``trytond`` from GNU Health's environment on a free loopback port; stopped by its PID."""

    def __init__(self, base: Path, database: str, user: str = "admin", password: str = "admin"):
        self.base, self.database = Path(base), database
        self.user, self.password = user, password
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def _config(self) -> Path:
        """GNU Health's own configuration, listening on this run's port."""
        parser = configparser.RawConfigParser()
        parser.read(self.base / "etc" / "trytond.conf")
        if not parser.has_section("web"):
            parser.add_section("web")
        parser.set("web", "listen", f"127.0.0.1:{self.port}")
        path = Path(f"/tmp/soin-bench-trytond-{self.port}.conf")
        with path.open("w") as handle:
            parser.write(handle)
        return path

    def start(self, timeout: float = 120.0) -> float:
        """Start, and return the seconds until a first request (a login) is answered."""
        trytond = self.base / "venv" / "bin" / "trytond"
        log = Path(f"/tmp/soin-bench-trytond-{self.port}.log").open("w")
        began = time.perf_counter()
        self.process = subprocess.Popen([str(trytond), "-c", str(self._config()), "-d",
                                         self.database], stdout=log, stderr=subprocess.STDOUT,
                                        cwd=self.base)
        return wait_until_answering(self.process, self._answers, began, timeout,
                                    f"trytond (see {log.name})")

    def _answers(self) -> bool:
        try:
            self.client()
            return True
        except OSError:
            return False

    def client(self) -> PeerClient:
        """A signed-in session (one per concurrent client: a proxy is not thread-safe)."""
        return PeerClient(f"http://127.0.0.1:{self.port}/{self.database}/", self.user,
                          self.password)

    def rss_mb(self) -> list[float]:
        """GNU Health serves from one process (threads): its resident memory."""
        return [process_rss_mb(self.process.pid)] if self.process else []

    def stop(self) -> None:
        stop_process(self.process)


def _tryton_types() -> None:
    """Teach this process's XML-RPC Tryton's types (dates, times and decimals as structs and
    tags of its own), as its client library does; nothing else here speaks XML-RPC."""
    marshaller, unmarshaller = xmlrpc.client.Marshaller, xmlrpc.client.Unmarshaller
    if datetime_key(marshaller) is not None:
        return

    def dump_date(self, value, write):
        self.dump_struct({"__class__": "date", "year": value.year, "month": value.month,
                          "day": value.day}, write)

    def dump_time(self, value, write):
        self.dump_struct({"__class__": "time", "hour": value.hour, "minute": value.minute,
                          "second": value.second, "microsecond": value.microsecond}, write)

    def dump_decimal(self, value, write):
        write(f"<value><bigdecimal>{Decimal(value)}</bigdecimal></value>")

    def end_struct(self, data):
        mark = self._marks.pop()
        items = self._stack[mark:]
        struct = {items[i]: items[i + 1] for i in range(0, len(items), 2)}
        self._stack[mark:] = [_decode(struct)]
        self._value = 0

    def end_bigdecimal(self, data):
        self.append(Decimal(data))
        self._value = 0

    def end_biginteger(self, data):
        self.append(int(data))
        self._value = 0

    marshaller.dispatch.update({dt.date: dump_date, dt.time: dump_time, Decimal: dump_decimal})
    unmarshaller.dispatch.update({"struct": end_struct, "bigdecimal": end_bigdecimal,
                                  "biginteger": end_biginteger})


def datetime_key(marshaller):
    """Tryton's date dumper when already registered (dt.datetime has its own, kept)."""
    return marshaller.dispatch.get(dt.date)


def _decode(struct: dict):
    kind = struct.get("__class__")
    if kind == "date":
        return dt.date(struct["year"], struct["month"], struct["day"])
    if kind == "time":
        return dt.time(struct["hour"], struct["minute"], struct["second"], struct["microsecond"])
    if kind == "timedelta":
        return dt.timedelta(seconds=struct["seconds"])
    if kind == "Decimal":
        return Decimal(struct["decimal"])
    return struct


class PeerClient:
    """A Tryton client session over XML-RPC; ``elapsed`` adds up the timed calls."""

    def __init__(self, url: str, user: str, password: str):
        _tryton_types()
        anonymous = xmlrpc.client.ServerProxy(url, allow_none=True, use_builtin_types=True)
        session = anonymous.common.db.login(user, {"password": password})
        token = base64.b64encode(":".join(map(str, [user, *session])).encode()).decode()
        self.server = xmlrpc.client.ServerProxy(
            url, allow_none=True, use_builtin_types=True,
            headers=[("Authorization", "Session " + token)])
        self.model = self.server.model
        self.context = self.model.res.user.get_preferences(True, {})
        self.elapsed = 0.0

    def call(self, fn, *args):
        began = time.perf_counter()
        try:
            return fn(*args, self.context)
        finally:
            self.elapsed += time.perf_counter() - began


class PeerInputs:
    """What GNU Health's actions work on, read from its database once (untimed)."""

    def __init__(self, client: PeerClient, seed: int = 4242):
        m, ctx = client.model, client.context
        self.rng = random.Random(seed)
        self.hp = m.gnuhealth.healthprofessional.search([("code", "=", "HP-BENCH")], 0, 1,
                                                        None, ctx)[0]
        self.institution = m.gnuhealth.institution.search([("code", "=", "BENCH")], 0, 1,
                                                          None, ctx)[0]
        self.patients = m.gnuhealth.patient.search([], 0, None, None, ctx)
        self.lastnames = [r["lastname"] for r in m.party.party.search_read(
            [("is_patient", "=", True)], 0, 2000, None, ["lastname"], ctx)]
        self.party_fields = list(m.party.party.fields_get(None, ctx))
        self.patient_fields = list(m.gnuhealth.patient.fields_get(None, ctx))
        self.appointment_fields = list(m.gnuhealth.appointment.fields_get(None, ctx))
        last = m.gnuhealth.appointment.search_read(
            [("healthprof", "=", self.hp)], 0, 1, [("appointment_date", "DESC")],
            ["appointment_date"], ctx)
        latest = last[0]["appointment_date"] if last else dt.datetime(2031, 1, 1)
        #: bookings go after every one already made, 20 a day from 08:00 (never the agenda's days)
        self.next_day = max(latest.date(), dt.date(2031, 1, 1)) + dt.timedelta(days=1)
        self.booked = 0
        self.lock = threading.Lock()  # concurrent clients share the inputs: slots stay distinct

    def fragment(self) -> str:
        """A 3-5 letter piece of a family name, in capitals (as bench_server.py types it)."""
        name = self.rng.choice(self.lastnames)
        size = self.rng.randint(3, min(5, len(name)))
        start = self.rng.randint(0, len(name) - size)
        return name[start:start + size].upper()

    def slot(self) -> dt.datetime:
        with self.lock:
            n, self.booked = self.booked, self.booked + 1
        day = self.next_day + dt.timedelta(days=n // 20)
        return dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(minutes=15 * (n % 20))


def _defaults(client: PeerClient, model, fields) -> dict:
    """default_get, sent back as the Tryton client does on save (bench_server.py's recipe)."""
    values = client.call(model.default_get, fields, False)
    for key in ("create_date", "create_uid", "write_date", "write_uid", "code_readonly"):
        values.pop(key, None)
    for key, value in list(values.items()):
        if isinstance(value, list):
            values[key] = ([["create", value]] if value and isinstance(value[0], dict)
                           else ([["add", value]] if value else []))
    return values


def create_person(client: PeerClient, inputs: PeerInputs, n: int) -> None:
    """A new patient: default_get then create of a party (GNU Health adds the patient)."""
    party = client.model.party.party
    values = _defaults(client, party, inputs.party_fields)
    rng = inputs.rng
    values.update({"name": rng.choice(GIVEN),
                   "lastname": "".join(rng.choice(SYL) for _ in range(rng.randint(2, 4))).title(),
                   "gender": rng.choice(["m", "f"]),
                   "dob": dt.date(1930, 1, 1) + dt.timedelta(days=rng.randint(0, 33000)),
                   "is_person": True, "is_patient": True})
    client.call(party.create, [values])


def search(client: PeerClient, inputs: PeerInputs, n: int) -> None:
    """rec_name ILIKE %fragment%, first 20 patients and their names."""
    patient = client.model.gnuhealth.patient
    ids = client.call(patient.search, [("rec_name", "ilike", f"%{inputs.fragment()}%")], 0, 20,
                      None)
    client.call(patient.read, ids, ["rec_name"])


def chart(client: PeerClient, inputs: PeerInputs, n: int) -> None:
    """Open a patient's record: every field of the patient and of its party."""
    row, = client.call(client.model.gnuhealth.patient.read, [inputs.rng.choice(inputs.patients)],
                       inputs.patient_fields)
    client.call(client.model.party.party.read, [row["party"]],
                [f for f in inputs.party_fields if f != "photo"])


def book(client: PeerClient, inputs: PeerInputs, n: int) -> None:
    """A confirmed appointment with the bench's health professional."""
    appointment = client.model.gnuhealth.appointment
    values = _defaults(client, appointment, inputs.appointment_fields)
    values.update({"patient": inputs.rng.choice(inputs.patients), "healthprof": inputs.hp,
                   "institution": inputs.institution, "state": "confirmed",
                   "appointment_date": inputs.slot()})
    client.call(appointment.create, [values])


def agenda(client: PeerClient, inputs: PeerInputs, n: int) -> None:
    """The professional's appointments of one day (20 of them) and what the list shows."""
    appointment = client.model.gnuhealth.appointment
    day = dt.datetime.combine(AGENDA_FIRST_DAY + dt.timedelta(days=n % AGENDA_DAYS), dt.time())
    ids = client.call(appointment.search, [("healthprof", "=", inputs.hp),
                                           ("appointment_date", ">=", day),
                                           ("appointment_date", "<", day + dt.timedelta(days=1))],
                      0, None, None)
    client.call(appointment.read, ids, ["rec_name", "patient", "appointment_date", "state"])


OPERATIONS = {"create_person": create_person, "search": search, "chart": chart, "book": book,
              "agenda": agenda}
