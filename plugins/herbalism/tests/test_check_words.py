"""A check reads in the reader's language: an herb of the summary is named in the reader's
language (its summary line is in the recommender's)."""

from core.api import add_summary_item, record_entry

from plugins.herbalism.forms import RECOMMEND_WORKFLOW, RECOMMENDATION
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
