"""An OC's form marks each answer the server requires with the HTML ``required`` attribute
(was: only a visual "*", nothing a screen reader or the browser could tell); the answers the
OC leaves optional, and the treating physician, are not. The server's check stays the rule."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from core.api import current_session, today as coop_today

from plugins.nursing import service
from plugins.nursing.oc import registry


class Controls(HTMLParser):
    """Each form control's name -> whether every one of that name is ``required``."""

    def __init__(self):
        super().__init__()
        self.required: dict[str, list[bool]] = {}

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag in ("input", "select", "textarea") and found.get("type") != "hidden" \
                and found.get("name"):
            self.required.setdefault(found["name"], []).append("required" in found)


@pytest.mark.parametrize("code", ["OC-CYSTITE", "OC-WARFARINE", "OC-CONTRACEPTION"])
def test_the_answers_an_oc_requires_are_required_in_its_form(app, client, login, nurse, patient,
                                                             code):
    login(nurse)
    page = client.get(f"/p/nursing/people/{patient.id}/oc/{code}")
    assert page.status_code == 200
    controls = Controls()
    controls.feed(page.get_data(as_text=True))
    with app.test_request_context():
        row = registry.current(current_session(), code, coop_today())
        fields = service.answers_schema(row.document, "fr_CA")().load_fields
    needed = {name for name, field in fields.items() if field.required}
    assert needed and needed <= set(controls.required)
    for name in fields:
        assert set(controls.required[name]) == {name in needed}, name
    assert controls.required["treating_physician"] == [False]
