"""A check reads in the reader's language and says everything wherever it is read: an herb of the
summary is named in the reader's language (its summary line is in the recommender's), and a
re-check says the monograph has no dose for the person's age, as the recommendation page does."""

from datetime import date

from sqlalchemy import select

from core.api import add_summary_item, entries_for, findings_for, record_entry

from plugins.herbalism.forms import RECHECK, RECOMMEND_WORKFLOW, RECOMMENDATION
from plugins.herbalism.models import Check
from plugins.herbalism.recommend import Advice, recommend

VALERIAN = Advice("valeriana_officinalis", "Infusion", "2 g au coucher", "2 semaines")
PASSIONFLOWER = {"herb": "passiflora_incarnata", "preparation": "Infusion",
                 "dose": "2 g au coucher", "duration": "2 semaines"}
ENGLISH = {"Accept-Language": "en"}


def checked_line(page: str) -> str:
    """The "Checked:" line of a check shown on a page."""
    return page.split("<small>Checked:")[1].split("</small>")[0]


def test_an_herb_of_the_summary_is_checked_under_its_name_in_the_readers_language(
        client, login, db, herbalist, nurse, person):
    recommend(db, person=person, herbalist=herbalist, locale="fr_CA", advice=VALERIAN)
    add_summary_item(db, person_id=person.id, kind="medication", label="lorazépam",
                     code="ATC:N05BA06", author=nurse)
    db.commit()
    login(herbalist)
    url = f"/p/herbalism/people/{person.id}/recommend"
    english = client.post(url, data={**PASSIONFLOWER, "action": "check"},
                          headers=ENGLISH).get_data(as_text=True)
    line = checked_line(english)
    assert "Valerian (Valeriana officinalis L.)" in line and "Valériane" not in line
    assert "lorazépam" in line  # a drug's label stays as written
    # the herb–herb alert names it in the reader's language too
    assert "Valerian (Valeriana officinalis L.):" in english
    french = client.post(url, data={**PASSIONFLOWER, "action": "check"}).get_data(as_text=True)
    assert "Valériane (Valeriana officinalis L.)" in french.split("Vérification faite avec")[1]


def test_the_stored_check_names_the_herb_in_both_languages_and_old_rows_still_read(
        client, login, db, herbalist, person):
    recommend(db, person=person, herbalist=herbalist, locale="fr_CA", advice=VALERIAN)
    done = recommend(db, person=person, herbalist=herbalist, locale="fr_CA", advice=Advice(
        **PASSIONFLOWER))
    db.commit()
    assert done.check.result["checked"] == [{"fr": "Valériane (Valeriana officinalis L.)",
                                             "en": "Valerian (Valeriana officinalis L.)"}]
    login(herbalist)
    page = f"/p/herbalism/recommendations/{done.entry.id}"
    english = client.get(page, headers=ENGLISH).get_data(as_text=True)
    assert "Valerian (Valeriana officinalis L.)" in checked_line(english)
    # a result stored before names were kept per language shows its label as written
    old = record_entry(db, person=person, form_id=RECOMMENDATION, author=herbalist,
                       workflow=RECOMMEND_WORKFLOW, payload={**done.entry.payload, "check": {
                           **done.entry.payload["check"],
                           "checked": ["Valériane (Valeriana officinalis L.)"]}})
    db.commit()
    older = client.get(f"/p/herbalism/recommendations/{old.id}", headers=ENGLISH)
    assert older.status_code == 200
    assert "Valériane (Valeriana officinalis L.)" in checked_line(older.get_data(as_text=True))


def test_a_recheck_for_a_child_says_the_monograph_has_no_dose_for_that_age(
        client, login, db, herbalist, nurse, make_person):
    child = make_person(first_name="Léo", last_name="Lavoie",
                        date_of_birth=date.today().replace(year=date.today().year - 9, day=1))
    done = recommend(db, person=child, herbalist=herbalist, locale="fr_CA", advice=VALERIAN)
    assert not done.refused and done.check.result["no_dose_for"] == "children_6_11"
    add_summary_item(db, person_id=child.id, kind="medication", label="lorazépam",
                     code="ATC:N05BA06", author=nurse)
    db.commit()
    check = db.scalars(select(Check).where(Check.trigger == "medication_change")).one()
    assert check.result["no_dose_for"] == "children_6_11"
    [entry] = entries_for(db, child.id, [RECHECK])
    # the alert the nurse sees and the herbalist's task come with it
    stored = findings_for(db, child.id, entry_ids=[entry.id])
    assert any("Aucune posologie pour cet âge" in f.message and "enfants de 6 à 11 ans"
               in f.message for f in stored)
    for who in (nurse, herbalist):
        login(who)
        french = client.get(f"/entries/{entry.id}")
        assert french.status_code == 200
        text = french.get_data(as_text=True)
        assert "Aucune posologie pour cet âge" in text and "enfants de 6 à 11 ans" in text
        assert "{&#39;herb&#39;" not in text  # the result in words, not as raw data
    english = client.get(f"/entries/{entry.id}", headers=ENGLISH).get_data(as_text=True)
    assert "No dose for this age" in english and "children 6 to 11" in english
    assert "lorazépam" in english and "Checked:" in english
    # the herb by its name in the reader's language, though the nurse wrote the entry in French
    assert "<dd>Valerian (Valeriana officinalis L.)</dd>" in english
