"""Volunteering, for every program of the coop: the volunteer's profile and confidentiality
undertaking, shifts any area or plugin publishes, sign-ups (first come, first served, never
over-filled), the hours ledger confirmed by the coordination, and accompaniment to an
appointment without any health detail.

Plugins reach it through ``core.api`` (``publish_shift``, ``volunteer_sign_up``,
``volunteer_hours_by_program``...) and declare their programs with
``register_volunteer_programs``.
"""
