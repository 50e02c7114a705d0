""""Physically hurt": the numbers the safety advice gives (9-1-1, SOS violence conjugale) are
``tel:`` links on the saved screen's urgent finding and at the top of a refused screen, the
same way core draws a crisis line's (``Finding.phones``, ``with_phones``). They were text."""

import re

from plugins.social_work import screening

NUMBERS = {"9-1-1": "tel:911", "1 800 363-9010": "tel:+18003639010"}


def links(page: str) -> dict:
    found = re.findall(r'<a class="phone" href="(tel:[^"]+)">([^<]+)</a>', page)
    return {" ".join(number.split()): href for href, number in found}


def test_the_safety_numbers_are_tel_links_on_the_saved_screen(client, login, person, nurse,
                                                              hrsn):
    login(nurse)
    for language in ("fr_CA", "en"):
        client.post("/language", data={"locale": language, "next": "/"})
        saved = client.post(f"/people/{person.id}/chart/new/{screening.HRSN}", data=hrsn(hurt=3))
        assert saved.status_code == 302
        page = client.get(saved.headers["Location"]).get_data(as_text=True)
        alert = page[page.index('class="notice urgent" role="alert"'):]
        assert links(alert[:alert.index("</div>")]) == NUMBERS


def test_the_safety_numbers_are_tel_links_at_the_top_of_a_refused_screen(client, login, person,
                                                                         nurse, hrsn):
    login(nurse)
    answers = {k: v for k, v in hrsn(hurt=4).items() if k != "housing_situation"}
    for language in ("fr_CA", "en"):
        client.post("/language", data={"locale": language, "next": "/"})
        page = client.post(f"/people/{person.id}/chart/new/{screening.HRSN}",
                           data=answers).get_data(as_text=True)
        main = page[page.index("<h1>"):]
        assert links(main[:main.index("novalidate")]) == NUMBERS
