"""A release that corrects a shipped monograph reaches a register that already has it: the
coordinator sees what the release changes and takes it in as new versions; the coop's own
corrections are listed to compare, never overwritten."""

import copy
import html

from sqlalchemy import delete, select

from plugins.herbalism import shipped
from plugins.herbalism.knowledge import KnowledgeError
from plugins.herbalism.models import MonographVersion

PAGE = "/p/herbalism/monographs"


def _versions(db, code):
    return db.scalars(select(MonographVersion).where(MonographVersion.code == code)
                      .order_by(MonographVersion.version)).all()


def _older_release(db):
    """The register as an earlier release left it: ginkgo without its last interaction rule,
    garlic corrected by the coop on top of an older text, and no turmeric at all."""
    ginkgo = _versions(db, "ginkgo_biloba")[0]
    older = copy.deepcopy(ginkgo.document)
    older["interactions"] = older["interactions"][:-1]
    ginkgo.document = older
    garlic = _versions(db, "allium_sativum")[0]
    older_garlic = copy.deepcopy(garlic.document)
    older_garlic["interactions"] = older_garlic["interactions"][:-1]
    garlic.document = older_garlic
    edited = copy.deepcopy(older_garlic)
    edited["warnings"] = [*edited["warnings"], {"fr": "Note locale", "en": "Local note"}]
    db.add(MonographVersion(code="allium_sativum", version=2, document=edited, note="Locale",
                            source="edit"))
    db.execute(delete(MonographVersion).where(MonographVersion.code == "curcuma_longa"))
    db.commit()


def test_the_coordinator_takes_in_the_release_without_touching_the_coops_corrections(
        client, login, db, herbalism):
    assert shipped.changes(db) == []  # a fresh register holds the release as it is
    _older_release(db)
    login(role="coordinator")
    page = html.unescape(client.get(PAGE).get_data(as_text=True))
    assert "Cette version apporte des monographies" in page
    assert "Ginkgo biloba</i></a> (corrigée)" in page and "Curcuma longa</i></a> (nouvelle)" in page
    assert "Allium sativum" in page.split("jamais écrasées")[1]
    assert client.post(f"{PAGE}/release").status_code == 302
    ginkgo = _versions(db, "ginkgo_biloba")
    assert [v.version for v in ginkgo] == [1, 2]
    assert len(ginkgo[1].document["interactions"]) == len(ginkgo[0].document["interactions"]) + 1
    assert ginkgo[1].source == "data/monographs/ginkgo_biloba.json" and ginkgo[1].note
    assert [v.version for v in _versions(db, "curcuma_longa")] == [1]
    garlic = _versions(db, "allium_sativum")
    assert [v.source for v in garlic] == ["data/monographs/allium_sativum.json", "edit"]
    assert {c.code: c.kind for c in shipped.changes(db)} == {"allium_sativum": "edited_here"}


def test_whoever_cannot_manage_monographs_neither_sees_nor_takes_in_the_release(
        client, login, db, herbalism, herbalist):
    _older_release(db)
    login(herbalist)
    assert "Cette version apporte" not in client.get(PAGE).get_data(as_text=True)
    assert client.post(f"{PAGE}/release").status_code == 403
    assert [v.version for v in _versions(db, "ginkgo_biloba")] == [1]


def test_unreadable_shipped_data_is_said_on_the_page(client, login, db, herbalism, monkeypatch):
    def broken():
        raise KnowledgeError("ginkgo_biloba.json: not JSON")
    monkeypatch.setattr(shipped, "shipped_monographs", broken)
    login(role="coordinator")
    page = html.unescape(client.get(PAGE).get_data(as_text=True))
    assert "n’ont pas pu être lues" in page and "ginkgo_biloba.json: not JSON" in page
