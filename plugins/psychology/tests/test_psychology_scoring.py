"""PHQ-9 and GAD-7 scoring: totals, every band boundary, incomplete questionnaires, the forms."""

import pytest
from marshmallow import ValidationError

from plugins.psychology.instruments import GAD7, PHQ9, Gad7Schema, Phq9Schema, band, score, total


def answers(instrument, *values):
    """The answers given, to the French version of ``instrument``."""
    return {**{item.key: value for item, value in zip(instrument.items, values, strict=False)},
            "language": "fr"}


def spread(instrument, points):
    """Answers adding up to ``points`` (as evenly as the 0-3 scale allows)."""
    n = len(instrument.items)
    return {item.key: points // n + (1 if i < points % n else 0)
            for i, item in enumerate(instrument.items)}


@pytest.mark.parametrize("points,expected", [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "moderately_severe"), (19, "moderately_severe"), (20, "severe"),
    (27, "severe"),
])
def test_phq9_bands_at_every_boundary(points, expected):
    result = score(PHQ9, spread(PHQ9, points))
    assert result == {"total": points, "severity": expected,
                      "scoring_version": "phq9-kroenke-2001.1"}


@pytest.mark.parametrize("points,expected", [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "severe"), (21, "severe"),
])
def test_gad7_bands_at_every_boundary(points, expected):
    result = score(GAD7, spread(GAD7, points))
    assert (result["total"], result["severity"]) == (points, expected)
    assert result["scoring_version"] == "gad7-spitzer-2006.1"


@pytest.mark.parametrize("instrument", [PHQ9, GAD7])
def test_bands_cover_the_whole_scale_without_gaps(instrument):
    covered = [p for b in instrument.bands for p in range(b.low, b.high + 1)]
    assert covered == list(range(instrument.max_total + 1))


@pytest.mark.parametrize("instrument,outside", [(PHQ9, 28), (GAD7, 22), (PHQ9, -1)])
def test_a_total_outside_the_scale_has_no_band(instrument, outside):
    with pytest.raises(ValueError):
        band(instrument, outside)


@pytest.mark.parametrize("broken", [
    {"item_9": None}, {"item_9": 4}, {"item_9": -1}, {"item_9": True}, {"item_9": "2"},
])
def test_no_total_unless_every_item_is_answered_on_the_scale(broken):
    given = {**answers(PHQ9, *[1] * 9), **broken}
    assert total(PHQ9, given) is None
    with pytest.raises(ValueError):
        score(PHQ9, given)


def test_a_missing_item_gives_no_total():
    partial = answers(PHQ9, *[3] * 8)  # item 9 left out
    assert total(PHQ9, partial) is None


def test_the_difficulty_question_is_stored_but_never_scored():
    schema = Phq9Schema()
    without = schema.load(answers(PHQ9, *[1] * 9))
    with_it = schema.load({**answers(PHQ9, *[1] * 9), "difficulty": 3})
    assert without["total"] == with_it["total"] == 9
    assert without["difficulty"] is None and with_it["difficulty"] == 3


def test_the_form_stores_raw_answers_total_band_version_and_language():
    payload = Phq9Schema().load({**answers(PHQ9, 3, 3, 2, 2, 1, 1, 0, 0, 2), "language": "en"})
    assert [payload[f"item_{i}"] for i in range(1, 10)] == [3, 3, 2, 2, 1, 1, 0, 0, 2]
    assert (payload["total"], payload["severity"]) == (14, "moderate")
    assert payload["scoring_version"] == PHQ9.scoring_version and payload["language"] == "en"


def test_the_form_refuses_an_incomplete_questionnaire_item_by_item():
    with pytest.raises(ValidationError) as refused:
        Gad7Schema().load(answers(GAD7, 1, 1, 1))
    assert set(refused.value.messages) == {"item_4", "item_5", "item_6", "item_7"}


def test_the_form_refuses_an_answer_off_the_scale():
    with pytest.raises(ValidationError) as refused:
        Gad7Schema().load({**answers(GAD7, *[0] * 7), "item_2": 5})
    assert list(refused.value.messages) == ["item_2"]


def test_a_total_sent_with_the_answers_is_recomputed_not_trusted():
    payload = Gad7Schema().load({**answers(GAD7, *[0] * 7), "total": 21, "severity": "severe"})
    assert (payload["total"], payload["severity"]) == (0, "minimal")


def test_items_carry_their_loinc_codes():
    assert [i.loinc for i in PHQ9.items] == ["44250-9", "44255-8", "44259-0", "44254-1",
                                             "44251-7", "44258-2", "44252-5", "44253-3",
                                             "44260-8"]
    assert [i.loinc for i in GAD7.items] == ["69725-0", "68509-9", "69733-4", "69734-2",
                                             "69735-9", "69689-8", "69736-7"]
    assert (PHQ9.total_loinc, GAD7.total_loinc) == ("44261-6", "70274-6")
