"""French typography: what a person reads in fr_CA has a narrow no-break space before : ; ! ?
and inside « », the typographic apostrophe (’) in "l’adhésion", times written "14 h 30" (never seconds, never "14:30"), numbers with their
separators; English reads as English. Formatting is Babel's, through core's Jinja filters."""

import re
from datetime import datetime, time, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from flask import render_template_string

from core.i18n import DOMAINS
from core.typography import french

NNBSP = "\u202f"
NBSP = "\u00a0"  # inside a time: "14 h 30" never breaks across two lines
#: a space that lets a line break before French punctuation, or a bare guillemet
WRONG = re.compile(r"[ \u00a0][:;!?]|«[ \u00a0]|[ \u00a0]»")


def _french_texts_matching(pattern: re.Pattern) -> dict[str, list[str]]:
    """Each catalog's French texts, as served, that ``pattern`` finds something in."""
    found: dict[str, list[str]] = {}
    for name, domain in DOMAINS.items():
        for msgid, text in domain.catalog_for("fr_CA")._catalog.items():
            if msgid and pattern.search(text):
                found.setdefault(name, []).append(text)
    return found


def test_every_french_catalog_reads_with_narrow_no_break_spaces(app):
    """Core's catalogs and every installed plugin's, as they are served (translators type
    ordinary spaces; the catalogs are corrected as they load)."""
    assert _french_texts_matching(WRONG) == {}
    assert len(DOMAINS) > 5  # the plugins' catalogs were among them


#: a straight apostrophe between two letters: "l'adhésion" where French reads "l’adhésion"
STRAIGHT = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


def test_every_french_catalog_reads_with_typographic_apostrophes(app):
    """Translators type ' or ’ (the .po files hold both); a French page shows ’ only."""
    assert _french_texts_matching(STRAIGHT) == {}
    # typed straight in core's messages.po ("Numéro d'erreur : %(id)s"), read typographic
    error = DOMAINS["core"].catalog_for("fr_CA").gettext("Error number: %(id)s")
    assert error == f"Numéro d’erreur{NNBSP}: %(id)s"


def test_every_french_catalog_writes_the_ellipsis_as_one_character(app):
    """French writes "…", never three periods: social work's housing question read "à la
    rue...", its help texts "voisin..." and "le plus proche..."."""
    assert _french_texts_matching(re.compile(r"(?<=[^\W\d_])\.\.\.")) == {}


@pytest.mark.parametrize(("typed", "read"), [
    ("l'adhésion n'est", "l’adhésion n’est"),
    ("Aujourd'hui, jusqu'à l'Île-d'Orléans", "Aujourd’hui, jusqu’à l’Île-d’Orléans"),
    ("l’adhésion n'est", "l’adhésion n’est"),  # both typed: one apostrophe read
    ("<a href='x'>l'aide</a>", "<a href='x'>l’aide</a>"),  # an attribute's quotes stay
    ("<b class='y' title='z'>x</b>", "<b class='y' title='z'>x</b>"),
    ("l'%(name)s, d'{name} et '%(what)s'", "l'%(name)s, d'{name} et '%(what)s'"),
    ("d'1 à 2, a'_b, 'oui'", "d'1 à 2, a'_b, 'oui'"),  # no letter on one side: not elision
])
def test_french_sets_the_apostrophe_between_two_letters_only(typed, read):
    assert french(typed) == read


def test_english_keeps_its_apostrophes(app):
    """English is read as written in the code (no catalog, never through ``french``)."""
    source = "{{ _(\"Today's agenda\") }}"
    assert _render(app, source, "en") == "Today's agenda"
    assert _render(app, source, "fr") == "L’horaire du jour"


def _render(app, source: str, language: str, **values) -> str:
    headers = {"Accept-Language": "fr-CA" if language == "fr" else "en-CA"}
    with app.test_request_context("/", headers=headers):
        return render_template_string(source, **values)


# 14:30 in Montreal on 2026-12-05
MOMENT = datetime(2026, 12, 5, 19, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(("source", "french", "english"), [
    ("{{ _('Status: %(old)s → %(new)s', old='a', new='b') }}", f"Statut{NNBSP}: a → b",
     "Status: a → b"),
    ("{{ _('Category')|colon }} x", f"Catégorie{NNBSP}: x", "Category: x"),
    ("{{ at|local_time }}", f"14{NBSP}h{NBSP}30", "2:30\u202fPM"),
    ("{{ at|local_datetime }}", f"5 déc. 2026, 14{NBSP}h{NBSP}30", "Dec 5, 2026, 2:30\u202fPM"),
    ("{{ at|local_datetime('full') }}", f"samedi 5 décembre 2026, 14{NBSP}h{NBSP}30",
     "Saturday, December 5, 2026, 2:30\u202fPM"),
    ("{{ opens|local_time }}", f"09{NBSP}h{NBSP}00", "9:00\u202fAM"),
    ("{{ 12345|number }} · {{ cells|number }}", "12\u00a0345 · —", "12,345 · —"),
    ("{{ '2027-01-31'|date('long') }} {{ 'n/a'|date }}", "31 janvier 2027 n/a",
     "January 31, 2027 n/a"),
    # a Quebec coop's English reader writes its dollars "$", as en_CA does (not "CA$")
    ("{{ amount|money }}", "1\u00a0234,50\u00a0$", "$1,234.50"),
])
def test_dates_times_numbers_and_labels_in_each_language(app, source, french, english):
    values = {"at": MOMENT, "opens": time(9), "cells": "—", "amount": Decimal("1234.5")}
    assert _render(app, source, "fr", **values) == french
    assert _render(app, source, "en", **values) == english


@pytest.mark.parametrize(("currency", "french", "english"), [
    ("CAD", "1\u00a0234,50\u00a0$", "$1,234.50"),
    ("USD", "1\u00a0234,50\u00a0$\u00a0US", "$1,234.50"),
    ("EUR", "1\u00a0234,50\u00a0€", "€1,234.50"),
])
def test_money_is_written_as_the_currencys_country_writes_it_in_each_language(
        app, monkeypatch, currency, french, english):
    """English names no country: its amounts are written as in the currency's own country
    (en_CA for dollars of a Quebec coop); French is fr_CA's, which names the foreign ones."""
    monkeypatch.setitem(app.config, "SOIN_CURRENCY", currency)
    amount = {"amount": Decimal("1234.5")}
    assert _render(app, "{{ amount|money }}", "fr", **amount) == french
    assert _render(app, "{{ amount|money }}", "en", **amount) == english


def test_the_availability_of_a_practitioner_reads_in_hours_of_the_language(client, login, db,
                                                                            make_account):
    from core.scheduling.availability import add_window, resource_for_account

    resource = resource_for_account(db, make_account(roles=["practitioner"],
                                                   discipline="nursing"))
    add_window(db, resource, 1, time(9), time(16, 30))
    db.commit()
    login(role="admin")
    page = client.get(f"/schedule/setup/resources/{resource.id}").get_data(as_text=True)
    assert f"09{NBSP}h{NBSP}00–16{NBSP}h{NBSP}30" in page and "16:30" not in page


ROOT = Path(__file__).resolve().parents[2]


def test_no_template_asks_for_a_date_in_the_browsers_format():
    """A date input shows mm/dd/yyyy in an English browser: every date is typed AAAA-MM-JJ
    through ``date_attrs`` (the ``field`` macro does it for ``type='date'``)."""
    raw = re.compile(r"<input[^>]*type=[\"']?(date|datetime-local)\b")
    found = [str(p.relative_to(ROOT)) for p in sorted(ROOT.glob("[cp][ol]*/**/templates/**/*.html"))
             if raw.search(p.read_text(encoding="utf-8"))]
    assert found == []


def test_date_fields_show_the_coops_order(client, login, make_person):
    person = make_person()
    login(role="reception")
    page = client.get(f"/households/{person.household_id}").get_data(as_text=True)
    since = re.search(r'<input id="f-started_on"[^>]*>', page).group(0)
    assert 'placeholder="AAAA-MM-JJ"' in since and 'type="text"' in since


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("fmt", ["short", "medium", "long", "full"])
def test_a_pages_many_timestamps_read_as_the_local_datetime_filter_writes_them(app, language,
                                                                               fmt):
    # the chart's timeline formats its fifty timestamps with DateTimes: never another text
    from datetime import timedelta

    from core.web.formatting import DateTimes, local_datetime

    headers = {"Accept-Language": "fr-CA" if language == "fr" else "en-CA"}
    with app.test_request_context("/", headers=headers):
        many = DateTimes(fmt)
        moments = [MOMENT + timedelta(hours=7 * n, minutes=13 * n) for n in range(-800, 800)]
        assert [many(at) for at in moments] == [local_datetime(at, fmt) for at in moments]
        assert many(None) == ""


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_date_filter_writes_what_babel_writes(app, language):
    # the filter keeps Babel's pattern per format and language: the same text as format_date
    # (French writes the first of a month "1er": tests/i18n/test_first_of_month.py)
    from datetime import date, timedelta

    from babel.dates import format_date

    from core.web.formatting import day

    headers = {"Accept-Language": "fr-CA" if language == "fr" else "en-CA"}
    with app.test_request_context("/", headers=headers):
        locale = "fr_CA" if language == "fr" else "en"
        days = [date(1920, 1, 1) + timedelta(days=97 * n) for n in range(400)]
        for fmt in ("short", "medium", "long", "full", "d MMMM y"):
            written = [format_date(d, fmt, locale=locale) for d in days]
            if language == "fr" and fmt != "short":  # but the first of a month: "1er octobre"
                written = [text.replace("1 ", "1er ", 1) if d.day == 1 and "1 " in text else text
                           for d, text in zip(days, written, strict=True)]
            assert [day(d, fmt) for d in days] == written, fmt
