"""A test plugin declaring appointment types (individual, online, group) for scheduling tests."""

from datetime import timedelta

from core.api import AppointmentTypeSpec, PluginInfo, hookimpl

CHANGES: list[tuple] = []


@hookimpl
def plugin_info():
    return PluginInfo("schedtest", "Scheduling test service", "Types for the tests.", "0.1",
                      discipline="schedtest")


@hookimpl
def register_appointment_types():
    return [
        AppointmentTypeSpec("schedtest.visit", "Test visit", timedelta(minutes=60),
                            discipline="schedtest", bookable_online=True),
        AppointmentTypeSpec("schedtest.short", "Short visit", timedelta(minutes=30),
                            discipline="schedtest"),
        AppointmentTypeSpec("schedtest.group", "Test workshop", timedelta(minutes=90),
                            capacity=3, bookable_online=True),
    ]


@hookimpl
def appointment_status_changed(appointment, old_status, new_status, session):
    CHANGES.append((appointment.id, old_status, new_status))
