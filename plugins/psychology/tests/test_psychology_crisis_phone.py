"""The crisis lines are numbers a clinician on a phone taps to call: on every page that shows
them (the refused form's top, the saved entry's urgent finding, the chart's alert and panel,
the member's plain words, the list of lines) each number is a ``tel:`` link dialling the line's
stored dial. They were plain text, though each dial was kept with the finding."""

import re

from plugins.psychology.crisis_lines import BUILT_IN

LINES = [(line.number, line.dial) for line in BUILT_IN]


def links(page: str) -> dict:
    """{number as written: its link's href} for the page's tel: links (one each)."""
    found = re.findall(r'<a class="phone" href="(tel:[^"]+)">([^<]+)</a>', page)
    return {" ".join(number.split()): href for href, number in found}


def assert_dialable(page: str) -> None:
    shown = links(page)
    for number, dial in LINES:
        assert shown.get(number) == dial, (number, shown)


def post_phq9(client, person, answers):
    return client.post(f"/people/{person.id}/chart/new/psychology.phq9",
                       data={k: str(v) for k, v in answers.items()})


def test_each_crisis_number_is_a_tel_link_on_the_saved_entry_and_the_chart(
        client, login, psychologist, client_person, phq9):
    login(psychologist)
    for language in ("fr_CA", "en"):
        client.post("/language", data={"locale": language, "next": "/"})
        saved = post_phq9(client, client_person, phq9(item9=1))
        assert saved.status_code == 302
        entry = client.get(saved.headers["Location"]).get_data(as_text=True)
        alert = entry[entry.index('role="alert"'):]
        assert_dialable(alert[:alert.index("</div>")])  # inside the urgent finding itself
        chart = client.get(f"/people/{client_person.id}/chart").get_data(as_text=True)
        panel = chart[chart.index('class="panel notice urgent"'):]
        assert_dialable(panel[:panel.index("</section>")])  # the assessment under way
        timeline = chart[chart.index('id="timeline-title"'):]
        assert_dialable(timeline)  # the finding under the entry's line


def test_each_crisis_number_is_a_tel_link_at_the_top_of_a_refused_phq9(
        client, login, psychologist, client_person, phq9):
    login(psychologist)
    answers = phq9(item9=2)
    del answers["item_3"]
    for language in ("fr_CA", "en"):
        client.post("/language", data={"locale": language, "next": "/"})
        page = post_phq9(client, client_person, answers).get_data(as_text=True)
        main = page[page.index("<h1>"):]
        assert_dialable(main[:main.index("novalidate")])  # above the questions


def test_the_member_and_the_list_of_lines_dial_the_numbers_too(
        client, login, write, phq9, member_account, psychologist):
    write("psychology.phq9", phq9(item9=1, others=2))
    login(member_account)
    assert_dialable(client.get("/portal/record").get_data(as_text=True))
    client.post("/logout")
    login(psychologist)
    page = client.get("/p/psychology/crisis-lines").get_data(as_text=True)
    assert 'class="phone" href="tel:988"' in page


def test_a_saved_finding_keeps_its_numbers_in_each_language(db, write, phq9):
    entry = write("psychology.phq9", phq9(item9=3))
    from core.record.models import Finding

    kept = db.query(Finding).filter_by(entry_id=entry.id, severity="urgent").one()
    assert [dial for _label, _number, dial in kept.texts["en"]["phones"]] == [
        dial for _number, dial in LINES]
    titles = [label for label, _number, _dial in kept.texts["fr_CA"]["phones"]]
    assert titles[0].startswith("Ligne québécoise de prévention du suicide")
