"""Browser, on a phone and a desktop, as a nurse and a herbalist: the clinical summary gives its
values the room they need (its names' column was more than half a phone, a product's code broken
a few letters a line), and a date in a table's column is never broken inside ("2026-12-" over
"06"), its table fitting the screen or scrolling inside itself, never the page."""

from datetime import timedelta

import pytest

from core.testing.browser import read_pages

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

#: a short code (a natural health product's number, an ATC code) is never broken; a long one
#: only after its ":" or an "_"
SHORT_CODE = 16

#: the summary's name column against its width, how far it reaches right, how far the page
#: scrolls sideways, and each code with the character ending each of its lines but the last
SUMMARY = """() => {
  const facts = document.querySelector('#summary dl.facts');
  const codes = [...facts.querySelectorAll('small')].map(code => {
    const ends = []; let top = null, last = '';
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
        const at = range.getBoundingClientRect().top;
        if (top !== null && at > top + 2) ends.push(last);
        top = at; last = node.data[i];
      }
    }
    return [code.textContent, ends];
  });
  return {names: facts.querySelector('dt').getBoundingClientRect().width
                 / facts.getBoundingClientRect().width,
          right: facts.getBoundingClientRect().right - window.innerWidth,
          page: document.documentElement.scrollWidth - window.innerWidth, codes};
}"""

#: how many dates (and times) the page's tables and a chart's open actions write, those not on
#: one line, those free to break (not kept whole by their element), and how far the page scrolls
#: sideways
BROKEN_DATES = r"""() => {
  const broken = [], loose = []; let dates = 0;
  // a day as figures ("2026-12-08") or in words ("8 déc. 2026", "1er mars 2027"), and its time
  const written = /(?:\d{4}-\d{2}-\d{2}|\d{1,2}(?:er)?[ \u00a0][a-zéûè]{3,9}\.?[ \u00a0]\d{4})(?:,?[ \u00a0]\d{1,2}[ \u00a0]h[ \u00a0]\d{2})?/g;
  for (const table of document.querySelectorAll('main table, main ul.open-actions')) {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(written)) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                                          .map(r => Math.round(r.top)));
        dates += 1;
        if (tops.size > 1) broken.push(m[0]);
        if (getComputedStyle(node.parentElement).whiteSpace !== 'nowrap') loose.push(m[0]);
      }
    }
  }
  return {dates, broken, loose, page: document.documentElement.scrollWidth - window.innerWidth};
}"""


def _charted(live_server) -> dict:
    """A person whose summary names medications and natural health products with their codes,
    with a task for nursing and one for herbalism, and a nurse's note corrected once; a nurse
    and a herbalist."""
    def make(session):
        from core.api import utcnow
        from core.record.models import Action
        from core.record.service import amend_entry, record_entry
        from core.record.summary import add_summary_item
        from core.testing.factories import Factories

        made = Factories(live_server.app, session)
        person = made.person("Émile", "Desjardins")
        nurse = made.account(discipline="nursing", roles=[], display_name="Isabelle Roy")
        herbalist = made.account(discipline="herbalism", roles=[], display_name="Lou Gagnon")
        for label, code, natural, detail in (
                ("sertraline", "ATC:N06AB06", False, ""),
                ("Millepertuis (Hypericum perforatum L.)", "HERB:hypericum_perforatum", True,
                 "Extrait sec, 300 mg, 3 fois par jour, 6 semaines"),
                ("Vitamine D3", "80012345", True, "1 000 UI par jour")):
            add_summary_item(session, person_id=person.id, kind="medication", label=label,
                             code=code, natural_product=natural, detail=detail, author=herbalist)
        due = utcnow() + timedelta(days=1)
        for discipline in ("nursing", "herbalism"):
            session.add(Action(
                person_id=person.id, kind="task", to_discipline=discipline, due_at=due,
                title="Plante recommandée malgré une contre-indication : Millepertuis "
                      "(Hypericum perforatum L.)",
                detail="Raison donnée par l’herboriste : la sertraline est arrêtée par son "
                       "médecin cette semaine; informer le médecin de la personne au besoin."))
        note = record_entry(session, person=person, form_id="nursing.progress_note",
                            payload={"focus": "Sommeil", "note": "Dort mal depuis une semaine."},
                            author=nurse)
        session.flush()
        amend_entry(session, note, author=nurse, reason="Précision sur la durée",
                    payload={"focus": "Sommeil", "note": "Dort mal depuis dix jours."})
        return {"person": person.id, "note": note.id, "nurse": nurse.username,
                "herbalist": herbalist.username}
    live_server.activate("nursing", "herbalism")
    return live_server.setup(make)


def _measured(live_server, chromium, viewport, username: str, paths: list[str],
              script: str) -> dict:
    """What ``script`` answers on each of ``paths``, read by ``username`` at ``viewport``."""
    return read_pages(live_server, chromium, viewport, username, paths, script)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("reader", ["nurse", "herbalist"])
def test_the_summary_gives_its_values_the_room_they_need(live_server, _chromium, viewport,
                                                         reader):
    """On a phone the names took 13rem of 22 (57 %): "HERB:hypericum_perforatum" came out a
    dozen letters a line, "HERB:hypericu" over "m_perforatum"."""
    charted = _charted(live_server)
    path = f"/people/{charted['person']}/chart"
    summary = _measured(live_server, _chromium, viewport, charted[reader], [path],
                        SUMMARY)[path]
    assert summary["names"] <= 0.45, summary
    assert summary["right"] <= 0 and summary["page"] <= 0, summary
    codes = dict(summary["codes"])
    assert set(codes) == {"ATC:N06AB06", "HERB:hypericum_perforatum", "80012345"}
    assert {code: ends for code, ends in codes.items()
            if (ends if len(code) <= SHORT_CODE else set(ends) - {":", "_"})} == {}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_date_in_a_table_or_a_charts_actions_is_never_broken_inside(live_server, _chromium,
                                                                      viewport):
    """The nurse's and the herbalist's tasks, the open actions on the chart, and the versions
    of a corrected note: each due date and each time written stays on its line, and the page
    never scrolls sideways (a table too wide for a phone scrolls inside itself)."""
    charted = _charted(live_server)
    chart = f"/people/{charted['person']}/chart"
    nurse = _measured(live_server, _chromium, viewport, charted["nurse"],
                      ["/record/tasks", chart, f"/entries/{charted['note']}"], BROKEN_DATES)
    herbalist = _measured(live_server, _chromium, viewport, charted["herbalist"],
                          ["/record/tasks", chart], BROKEN_DATES)
    pages = {f"nurse {path}": found for path, found in nurse.items()}
    pages |= {f"herbalist {path}": found for path, found in herbalist.items()}
    assert all(found["dates"] for found in pages.values()), pages
    assert {name: found for name, found in pages.items()
            if found["broken"] or found["loose"] or found["page"] > 0} == {}
