"""Validation of what reception types: translated messages, nothing written on error."""

from __future__ import annotations

import re
from decimal import Decimal

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate, validates

from core.i18n import _
from core.ids import IdField

#: ASCII only: "\d" would also take Arabic-Indic or other Unicode digits
RAMQ_SHAPE = re.compile(r"^[A-Z]{4}[0-9]{8}$")


def amount_fits() -> validate.Range:
    """An amount its column (NUMERIC(10, 2)) holds: PostgreSQL refuses a larger one with an
    error, which was a server error."""
    return validate.Range(max=Decimal("99999999.99"), error=_("Enter a smaller amount."))


def normalize_ramq(value: str | None) -> str | None:
    """Upper-case, no spaces; None when empty. Only the shape is checked, nothing is inferred."""
    if not value:
        return None
    return re.sub(r"\s+", "", value).upper()


def is_ramq(value: str) -> bool:
    return value.isascii() and bool(RAMQ_SHAPE.match(normalize_ramq(value) or ""))


class Text(fields.String):
    """A string field that strips surrounding spaces and translates its messages."""

    default_error_messages = {"required": _("This field is required."),
                              "invalid": _("Enter text.")}

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


#: what the API document says of texts that are stripped, and of a blank optional text
NOT_BLANK, BLANK = r"\S", r"^\s*$"


def required_text(max_length: int, **kw):
    kw["metadata"] = {"pattern": NOT_BLANK, **kw.get("metadata", {})}
    return Text(required=True, validate=validate.Length(
        min=1, max=max_length, error=_("Enter between 1 and %(n)s characters.", n=max_length)), **kw)


def optional_text(max_length: int, **kw):
    return Text(load_default="", validate=validate.Length(
        max=max_length, error=_("Enter at most %(n)s characters.", n=max_length)), **kw)


class BlankIsNone(Schema):
    """HTML forms send empty strings for empty fields; treat them as absent.

    Unknown keys (the CSRF token, other parts of a combined form) are ignored, not errors.
    """

    class Meta:
        unknown = EXCLUDE

    @pre_load
    def _drop_blanks(self, data, **kwargs):
        return {k: v for k, v in dict(data).items() if not (isinstance(v, str) and v.strip() == "")}


class DateField(fields.Date):
    default_error_messages = {"invalid": _("Enter a date as YYYY-MM-DD.")}


class HouseholdSchema(BlankIsNone):
    name = required_text(200, metadata={"label": _("Household name")})
    address = optional_text(300, metadata={"label": _("Address")})
    city = optional_text(120, metadata={"label": _("City")})
    postal_code = optional_text(10, metadata={"label": _("Postal code")})
    phone = optional_text(40, metadata={"label": _("Phone")})


#: the values of Person.sex_at_birth ("" when the person did not say)
SEXES_AT_BIRTH = ("female", "male", "intersex")


class PersonSchema(BlankIsNone):
    first_name = required_text(120, metadata={"label": _("First name")})
    last_name = required_text(120, metadata={"label": _("Last name")})
    preferred_name = optional_text(120, metadata={"label": _("Preferred name")})
    date_of_birth = DateField(load_default=None, metadata={"label": _("Date of birth")})
    ramq = Text(load_default=None, metadata={
        "label": _("RAMQ number"), "help": _("4 letters and 8 digits, for example ABCD12345678."),
        "anyOf": [{"pattern": BLANK}, {"pattern": r"^\s*([A-Za-z]\s*){4}([0-9]\s*){8}$"}]})
    gender = optional_text(60, metadata={"label": _("Gender (as the person states it)")})
    sex_at_birth = Text(load_default="", validate=validate.OneOf(
        ["", *SEXES_AT_BIRTH], error=_("Choose from the list.")),
        metadata={"label": _("Sex assigned at birth")})
    pronouns = optional_text(40, metadata={"label": _("Pronouns")})
    email = Text(load_default="", validate=[
        validate.Email(error=_("Enter a valid e-mail address.")),
        validate.Length(max=200, error=_("Enter at most %(n)s characters.", n=200))],
        metadata={"label": _("E-mail"),
                  "anyOf": [{"format": "email", "maxLength": 200}, {"pattern": BLANK}]})
    phone = optional_text(40, metadata={"label": _("Phone")})
    language = Text(load_default="fr_CA", validate=validate.OneOf(
        ["fr_CA", "en"], error=_("Choose a language from the list.")),
        metadata={"label": _("Preferred language")})
    household_id = IdField(load_default=None,
                                  error_messages={"invalid": _("Choose a household.")})

    @validates("ramq")
    def _check_ramq(self, value, **kwargs):
        if value and not is_ramq(value):
            raise ValidationError(_("A RAMQ number is 4 letters followed by 8 digits."))


def method_titles() -> dict:
    """Translated names of the payment methods, by code (also read by the payments table)."""
    return {"cash": _("Cash"), "debit": _("Debit"), "cheque": _("Cheque"),
            "transfer": _("Transfer")}


def payment_method(**kw):
    """How money changed hands (cash, debit, cheque, transfer), or not said."""
    return Text(load_default="", validate=validate.OneOf(
        ["", *method_titles()], error=_("Choose a payment method from the list.")),
        metadata={"label": _("Method")}, **kw)


class MembershipSchema(BlankIsNone):
    number = optional_text(20, metadata={"label": _("Member number")})
    started_on = DateField(required=True, error_messages={"required": _("This field is required.")},
                           metadata={"label": _("Member since")})
    share_amount = fields.Decimal(
        required=True, places=2, validate=[
            validate.Range(min=0, error=_("Enter an amount of 0 or more.")), amount_fits()],
        error_messages={"required": _("This field is required."), "invalid": _("Enter an amount.")},
        metadata={"label": _("Membership share (part sociale)")})


    category = Text(load_default="user", validate=validate.OneOf(
        ["user", "worker", "support"], error=_("Choose a category from the list.")),
        metadata={"label": _("Category")})


class PaymentSchema(BlankIsNone):
    amount = fields.Decimal(
        required=True, places=2, validate=[
            validate.Range(min=0.01, error=_("Enter an amount above 0.")), amount_fits()],
        error_messages={"required": _("This field is required."), "invalid": _("Enter an amount.")},
        metadata={"label": _("Amount paid")})
    paid_on = DateField(required=True, error_messages={"required": _("This field is required.")},
                        metadata={"label": _("Paid on")})
    method = payment_method()




class DuesSchema(BlankIsNone):
    """The renewal form: the same as a payment, its inputs named apart (both forms share the
    household page)."""

    amount = fields.Decimal(
        required=True, places=2, data_key="dues_amount",
        validate=[validate.Range(min=0.01, error=_("Enter an amount above 0.")), amount_fits()],
        error_messages={"required": _("This field is required."), "invalid": _("Enter an amount.")})
    paid_on = DateField(required=True, data_key="dues_paid_on",
                        error_messages={"required": _("This field is required.")})
    method = payment_method(data_key="dues_method")


class StatusSchema(BlankIsNone):
    status = Text(required=True, validate=validate.OneOf(
        ["active", "withdrawn", "excluded", "deceased"], error=_("Choose a status from the list.")),
        error_messages={"required": _("Choose a status from the list.")})
    effective_on = DateField(required=True, error_messages={"required": _("This field is required.")})
    note = optional_text(500)


class CategorySchema(BlankIsNone):
    category = Text(required=True, validate=validate.OneOf(
        ["user", "worker", "support"], error=_("Choose a category from the list.")),
        error_messages={"required": _("Choose a category from the list.")})
    effective_on = DateField(required=True, error_messages={"required": _("This field is required.")})
    note = optional_text(500)


class WithdrawalSchema(BlankIsNone):
    effective_on = DateField(required=True, error_messages={"required": _("This field is required.")})
    refund = fields.Decimal(
        load_default=Decimal("0"), places=2, validate=[validate.Range(
            min=0, error=_("Enter an amount of 0 or more.")), amount_fits()],
        error_messages={"invalid": _("Enter an amount.")})
    method = payment_method()
    note = optional_text(500)
