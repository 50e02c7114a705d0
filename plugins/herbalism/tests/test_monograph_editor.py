"""The monograph editor, field by field: a correction is a new version keeping what the form
does not show; bad input is refused with translated messages beside its row, nothing saved."""

import html

from sqlalchemy import select

from plugins.herbalism.models import MonographVersion

URL = "/p/herbalism/monographs/ginkgo_biloba/edit"


def _form(client, url=URL):
    """The editor's inputs as a browser would post them back (textarea and select included)."""
    import re
    page = client.get(url).get_data(as_text=True)
    values = {}
    for name, value in re.findall(r'<input id="[^"]*" name="([^"]+)" value="([^"]*)"', page):
        values[name] = html.unescape(value)
    for name, value in re.findall(r'<textarea id="[^"]*" name="([^"]+)" rows="2">([^<]*)</textarea>',
                                  page):
        values[name] = html.unescape(value)
    for name, body in re.findall(r'<select id="[^"]*" name="([^"]+)">(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        values[name] = chosen.group(1) if chosen else ""
    return values


def _versions(db):
    return db.scalars(select(MonographVersion).where(MonographVersion.code == "ginkgo_biloba")
                      .order_by(MonographVersion.version)).all()


def test_a_coordinator_adds_a_caution_and_a_review_date(client, login, db, herbalism):
    login(role="coordinator")
    values = _form(client)
    assert values["latin_binomial"].startswith("Ginkgo biloba")
    spare = next(k[:-3] for k in values if k.startswith("warnings.") and k.endswith(".fr")
                 and not values[k])
    values |= {f"{spare}.fr": "Arrêter deux semaines avant une chirurgie",
               f"{spare}.en": "Stop two weeks before surgery", "reviewed_on": "2026-12-05",
               "note": "Mise en garde chirurgie"}
    done = client.post(URL, data=values)
    assert done.status_code == 302
    old, new = _versions(db)
    assert new.version == 2 and new.note == "Mise en garde chirurgie"
    assert new.document["warnings"][-1] == {"fr": "Arrêter deux semaines avant une chirurgie",
                                            "en": "Stop two weeks before surgery"}
    assert new.document["reviewed_on"] == "2026-12-05"
    # what the form does not show is kept, and the interaction rules are unchanged
    for key in ("doses", "pregnancy", "lactation", "paediatric", "interactions", "sources"):
        assert new.document[key] == old.document[key], key


def test_bad_input_is_refused_with_translated_messages_beside_the_rows(client, login, db,
                                                                       herbalism):
    login(role="coordinator")
    values = _form(client) | {"note": "", "uses.0.claim.en": "", "interactions.0.severity": "",
                              "sources.0.url": "pas une adresse", "reviewed_on": "5 déc."}
    refused = client.post(URL, data=values)
    page = html.unescape(refused.get_data(as_text=True))
    assert refused.status_code == 422
    assert "Dites ce qui a changé et pourquoi." in page
    assert "Écrivez ce texte en français et en anglais." in page
    assert 'id="e-uses-0-claim"' in page and 'id="e-interactions-0-severity"' in page
    assert "Choisissez une des options." in page and "Écrivez la date ainsi\u202f: 2026-12-05." in page
    assert 'id="e-sources-0-url"' in page
    assert [v.version for v in _versions(db)] == [1]


def test_a_new_herb_written_field_by_field(client, login, db, herbalism):
    login(role="coordinator")
    values = {"note": "Nouvelle plante", "code": "calendula_officinalis",
              "latin_binomial": "Calendula officinalis L.", "family": "Asteraceae",
              "names.fr": "Souci officinal", "names.en": "Pot marigold",
              "part_used.fr": "Fleurs", "part_used.en": "Flowers",
              "preparations.0.form": "infusion",
              "uses.0.claim.fr": "Apaiser la peau", "uses.0.claim.en": "Soothe the skin",
              "uses.0.evidence": "traditional",
              "sources.0.key": "ema", "sources.0.kind": "ema",
              "sources.0.title": "EMA/HMPC monograph: Calendula officinalis L., flos",
              "sources.0.url": "https://www.ema.europa.eu/en/medicines/herbal/calendulae-flos",
              "sources.0.consulted": "2026-12-05"}
    refused = client.post("/p/herbalism/monographs/new", data=values)
    # the blank skeleton's doses, pregnancy and children texts must be written: said, not saved
    assert refused.status_code == 422
    assert db.scalars(select(MonographVersion).where(
        MonographVersion.code == "calendula_officinalis")).all() == []
