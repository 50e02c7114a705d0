"""Acupuncture: the record the Ordre des acupuncteurs du Québec asks for, kept faster than on paper.

A short book about the discipline, one module per chapter:

1. **The points** (``points.py``, ``data/points.json``). Acupuncturists name points by the WHO
   standard code (LI4, BL67, GV20); in Quebec many write the French abbreviation (GI4, V67, VG20)
   or the pinyin (Hégǔ). The 361 classical points are *generated* from each meridian's point
   count, and the extra points (EX-HN3...) are a list anyone can extend. Typing "li4", "GI4" or
   "hegu" finds the same point.
2. **The record** (``forms.py``). The regulation (A-5.1, r. 5, art. 2) asks, once, for the
   observations of the interview and examination and the opinion on the nature of the illness
   according to oriental energetic medicine; and at each session for the indication, the sites
   used by their international code, the methods of stimulation, the needles and technique,
   the reactions, and the known diagnoses and *all medication, notably anticoagulants and
   corticosteroids*. Diagnoses and medication are read from the shared clinical summary and
   shown, never retyped; the closed session keeps what was shown.
3. **The session** (``sessions.py``, ``views.py``). A session is worked on while the person is
   on the table: points are added one by one (by code or on the body map, ``bodymap.py``), then
   it is closed, which writes the signed entry into the shared record.
4. **Safety** (``cautions.py``, ``reconciliation.py``). Traditionally forbidden points in
   pregnancy ask for an acknowledgement and a written rationale (the evidence does not support a
   hard block, so the record shows the decision); points over the lung are flagged with the
   person's risk factors and the position must be recorded; anticoagulants and corticosteroids
   raise a caution. A check that cannot run says so on screen. Needles are counted in and out:
   a session does not close on a mismatch until the needle is found or an incident is recorded,
   because a forgotten needle is the most frequent acupuncture incident.
5. **Adverse events and incidents** (``incidents.py``, ``protocols.py``). Mild and transient
   reactions are recorded; a serious one (pneumothorax, infection, nerve or organ injury)
   creates a task for the coordinator and enters the plugin's incident list, which core can
   take over when it has a register of its own.
6. **Figures and exchange** (``reports.py``, ``fhir.py``): sessions, points most used, adverse
   events by type, reconciliation incidents; FHIR Procedure (with body sites) and AdverseEvent.
"""

from core.api import make_gettext, make_ngettext

#: translations of this plugin (``translations/fr_CA/LC_MESSAGES/messages.po``)
_ = make_gettext(__file__, "acupuncture")
ngettext = make_ngettext("acupuncture")

NAME = "acupuncture"
