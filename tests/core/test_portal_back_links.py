"""The member's portal pages each open with the link back to their space, above the page's
title, where a member looks for it (on a phone, the bottom of a long page is far away)."""

from datetime import date
from decimal import Decimal

import pytest

from core.identity import service


@pytest.mark.parametrize("path", ["/portal/membership", "/portal/record", "/portal/access",
                                  "/portal/privacy"])
def test_a_portal_page_has_its_back_link_above_its_title(client, login, db, make_person,
                                                          make_account, path):
    person = make_person("Maude", "Ouellet")
    service.open_membership(db, person.household, {
        "started_on": date(2024, 2, 1),
        "share_amount": Decimal("10.00"), "category": "user"})
    db.commit()
    login(make_account(roles=["member"], person=person))
    page = client.get(path).get_data(as_text=True)
    main = page[page.index("<main"):]
    top, bottom = main[:main.index("<h1")], main[main.index("<h1"):]
    assert '<a href="/portal/">← Mon dossier</a>' in top
    assert 'href="/portal/"' not in bottom  # once: not a second time at the bottom
