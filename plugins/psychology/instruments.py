"""The PHQ-9 and the GAD-7: items, answers, scoring rules and severity bands.

Both questionnaires are free to use (Pfizer, 2010). The English wording is the original; the
French wording in the catalog follows the versions published for Quebec (PHQ-9: INSPQ's
post-disaster toolkit; GAD-7: Pfizer's Canadian French form). They are versioned data: the
scoring rule's version is stored with every entry, so an old score can always be explained.

A total exists only when every scored item is answered: an incomplete questionnaire is refused
rather than scored low. The PHQ-9's tenth question (how difficult the problems made life) is
asked and stored but never added to the total.
"""

from __future__ import annotations

from dataclasses import dataclass

from marshmallow import Schema, fields, post_load, validate

from core.api import reader_language

from plugins.psychology import _

LOINC = "http://loinc.org"


@dataclass(frozen=True)
class Answer:
    """One answer choice: the points it scores, its words and its LOINC answer code."""

    value: int
    label: object
    loinc: str


@dataclass(frozen=True)
class Item:
    """One question of an instrument."""

    key: str
    loinc: str
    text: object


@dataclass(frozen=True)
class Band:
    """A severity band: totals from ``low`` to ``high`` inclusive."""

    low: int
    high: int
    code: str
    label: object


@dataclass(frozen=True)
class Instrument:
    """A scored questionnaire, as data."""

    code: str
    form_id: str
    name: str
    title: object
    stem: object
    items: tuple[Item, ...]
    answers: tuple[Answer, ...]
    bands: tuple[Band, ...]
    scoring_version: str
    panel_loinc: str
    total_loinc: str
    total_display: str
    source: str

    @property
    def max_total(self) -> int:
        return len(self.items) * max(a.value for a in self.answers)


#: the answer scale shared by both questionnaires (LOINC answer list LL358-3)
FREQUENCY = (
    Answer(0, _("Not at all"), "LA6568-5"),
    Answer(1, _("Several days"), "LA6569-3"),
    Answer(2, _("More than half the days"), "LA6570-1"),
    Answer(3, _("Nearly every day"), "LA6571-9"),
)

#: the PHQ-9's unscored tenth question (LOINC 69722-7, answer list LL359-1)
DIFFICULTY_LOINC = "69722-7"
DIFFICULTY_TEXT = _("If you checked off any problems, how difficult have these problems made it "
                    "for you to do your work, take care of things at home, or get along with "
                    "other people?")
DIFFICULTY = (
    Answer(0, _("Not difficult at all"), "LA6572-7"),
    Answer(1, _("Somewhat difficult"), "LA6573-5"),
    Answer(2, _("Very difficult"), "LA6575-0"),
    Answer(3, _("Extremely difficult"), "LA6574-3"),
)

STEM = _("Over the last 2 weeks, how often have you been bothered by any of the following "
         "problems?")

PHQ9 = Instrument(
    code="phq9",
    form_id="psychology.phq9",
    name="PHQ-9",
    title=_("PHQ-9 depression questionnaire"),
    stem=STEM,
    items=(
        Item("item_1", "44250-9", _("Little interest or pleasure in doing things")),
        Item("item_2", "44255-8", _("Feeling down, depressed, or hopeless")),
        Item("item_3", "44259-0", _("Trouble falling or staying asleep, or sleeping too much")),
        Item("item_4", "44254-1", _("Feeling tired or having little energy")),
        Item("item_5", "44251-7", _("Poor appetite or overeating")),
        Item("item_6", "44258-2", _("Feeling bad about yourself — or that you are a failure or "
                                    "have let yourself or your family down")),
        Item("item_7", "44252-5", _("Trouble concentrating on things, such as reading the "
                                    "newspaper or watching television")),
        Item("item_8", "44253-3", _("Moving or speaking so slowly that other people could have "
                                    "noticed? Or the opposite — being so fidgety or restless "
                                    "that you have been moving around a lot more than usual")),
        Item("item_9", "44260-8", _("Thoughts that you would be better off dead or of hurting "
                                    "yourself in some way")),
    ),
    answers=FREQUENCY,
    # Kroenke, Spitzer & Williams 2001: 5, 10, 15, 20 are the cut-points
    bands=(
        Band(0, 4, "minimal", _("Minimal")),
        Band(5, 9, "mild", _("Mild")),
        Band(10, 14, "moderate", _("Moderate")),
        Band(15, 19, "moderately_severe", _("Moderately severe")),
        Band(20, 27, "severe", _("Severe")),
    ),
    scoring_version="phq9-kroenke-2001.1",
    panel_loinc="44249-1",
    total_loinc="44261-6",
    total_display="Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
    source="Kroenke K, Spitzer RL, Williams JB. J Gen Intern Med 2001;16:606-13",
)

GAD7 = Instrument(
    code="gad7",
    form_id="psychology.gad7",
    name="GAD-7",
    title=_("GAD-7 anxiety questionnaire"),
    stem=STEM,
    items=(
        Item("item_1", "69725-0", _("Feeling nervous, anxious or on edge")),
        Item("item_2", "68509-9", _("Not being able to stop or control worrying")),
        Item("item_3", "69733-4", _("Worrying too much about different things")),
        Item("item_4", "69734-2", _("Trouble relaxing")),
        Item("item_5", "69735-9", _("Being so restless that it is hard to sit still")),
        Item("item_6", "69689-8", _("Becoming easily annoyed or irritable")),
        Item("item_7", "69736-7", _("Feeling afraid as if something awful might happen")),
    ),
    answers=FREQUENCY,
    # Spitzer et al. 2006: 5, 10, 15 are the cut-points
    bands=(
        Band(0, 4, "minimal", _("Minimal")),
        Band(5, 9, "mild", _("Mild")),
        Band(10, 14, "moderate", _("Moderate")),
        Band(15, 21, "severe", _("Severe")),
    ),
    scoring_version="gad7-spitzer-2006.1",
    panel_loinc="69737-5",
    total_loinc="70274-6",
    total_display="Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]",
    source="Spitzer RL, Kroenke K, Williams JB, Löwe B. Arch Intern Med 2006;166:1092-7",
)

INSTRUMENTS = {PHQ9.form_id: PHQ9, GAD7.form_id: GAD7}

#: a remission is a total under this value, for both questionnaires
REMISSION_BELOW = 5

LANGUAGES = (("fr", _("French")), ("en", _("English")))


# --- Scoring: pure functions ----------------------------------------------------------------


def total(instrument: Instrument, answers: dict) -> int | None:
    """The sum of the scored items, or None when any item is missing or out of range."""
    allowed = {a.value for a in instrument.answers}
    values = [answers.get(item.key) for item in instrument.items]
    if any(isinstance(v, bool) or v not in allowed for v in values):
        return None
    return sum(values)


def band(instrument: Instrument, score: int) -> Band:
    """The severity band a total falls in (a total outside the scale is a programming error)."""
    for candidate in instrument.bands:
        if candidate.low <= score <= candidate.high:
            return candidate
    raise ValueError(f"{instrument.name} total {score} outside 0-{instrument.max_total}")


def band_label(instrument: Instrument, code: str):
    """The translated label of a band code stored in a payload."""
    return next((b.label for b in instrument.bands if b.code == code), code)


def score(instrument: Instrument, answers: dict) -> dict:
    """What is stored beside the raw answers: total, severity band, scoring-rule version."""
    points = total(instrument, answers)
    if points is None:
        raise ValueError(f"{instrument.name}: every item must be answered for a total")
    return {"total": points, "severity": band(instrument, points).code,
            "scoring_version": instrument.scoring_version}


def answer_label(answers: tuple[Answer, ...], value):
    """The words of an answer value (for summaries)."""
    return next((a.label for a in answers if a.value == value), "")


# --- The chart forms --------------------------------------------------------------------------


def shown_language() -> str:
    """The language the questionnaire's items are shown in: the reader's (the form's default,
    shown selected, so the clinician sees what will be stored and changes it when the person
    answered another version)."""
    return "en" if reader_language().startswith("en") else "fr"


CHOOSE_LANGUAGE = [_("Choose the language the person answered in.")]


class InstrumentSchema(Schema):
    """Raw answers in, raw answers plus the computed score out (``post_load``)."""

    instrument: Instrument

    class Meta:
        # the computed keys come back when an entry is amended; they are recomputed, not trusted
        unknown = "exclude"

    @post_load
    def _score(self, data, **kwargs):
        return {**data, **score(self.instrument, data)}


MUST_ANSWER = _("Answer this question: every item is needed for a total.")


class ScaleAnswer(fields.Field):
    """An answer's points, stored as an integer; a web form posts them as text ("2").

    Not an ``Integer`` field on purpose: core draws integers as number boxes, and any other
    field with ``choices`` as radio buttons, which is what a questionnaire is.
    """

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise self.make_error("invalid")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise self.make_error("invalid") from None

    def _serialize(self, value, attr, obj, **kwargs):
        return value


def _answer_field(text, answers: tuple[Answer, ...], required: bool, help=""):
    """A radio question; a scored item is required (no total from a partial questionnaire)."""
    optional = {} if required else {"load_default": None, "allow_none": True}
    return ScaleAnswer(
        required=required, **optional,
        validate=validate.OneOf([a.value for a in answers], error=_("Choose one of the answers.")),
        # lists: marshmallow wraps only plain str messages, and these are lazy translations
        error_messages={"required": [MUST_ANSWER], "null": [MUST_ANSWER],
                        "invalid": [_("Choose one of the answers.")]},
        metadata={"label": text, "widget": "radio", "help": help,
                  "choices": [(a.value, a.label) for a in answers]})


def schema_for(instrument: Instrument) -> type[Schema]:
    """The marshmallow schema of an instrument's chart form, built from its items."""
    # the instruction heads the first question: core's form page shows field help, and the
    # questionnaire is not valid without it
    attrs = {item.key: _answer_field(item.text, instrument.answers, True,
                                     help=instrument.stem if index == 0 else "")
             for index, item in enumerate(instrument.items)}
    if instrument is PHQ9:
        attrs["difficulty"] = _answer_field(DIFFICULTY_TEXT, DIFFICULTY, False)
    # required: a blank used to store the clinician's interface language, which nobody chose;
    # the new form shows the questionnaire's language selected instead
    attrs["language"] = fields.String(
        required=True, validate=validate.OneOf([c for c, _l in LANGUAGES],
                                               error=CHOOSE_LANGUAGE[0]),
        error_messages={"required": CHOOSE_LANGUAGE, "null": CHOOSE_LANGUAGE},
        metadata={"label": _("Language the questionnaire was answered in"), "widget": "select",
                  "choices": LANGUAGES, "initial": shown_language})
    # computed on load, shown on the entry, never typed in
    attrs["total"] = fields.Integer(dump_only=True, metadata={"label": _("Total")})
    attrs["severity"] = fields.String(dump_only=True, metadata={"label": _("Severity")})
    attrs["scoring_version"] = fields.String(dump_only=True,
                                             metadata={"label": _("Scoring rule")})
    attrs["instrument"] = instrument
    return type(f"{instrument.name.replace('-', '')}Schema", (InstrumentSchema,), attrs)


Phq9Schema = schema_for(PHQ9)
Gad7Schema = schema_for(GAD7)
