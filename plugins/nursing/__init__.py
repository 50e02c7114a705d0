"""Nursing (soins infirmiers): the coop's nurses working to their full scope.

A Quebec nurse assesses a person's physical and mental condition, keeps clinical watch,
vaccinates under the *Protocole d'immunisation du Québec*, cares for wounds, prescribes in her
own name in the domains the regulation opens to her (M-9, r. 12.001), and — the heart of a
nurse-led coop — acts under *ordonnances collectives* (OC): prescriptions signed by physicians
for a group of persons or a clinical situation (M-9, r. 25.1).

How this plugin reads, one module per chapter:

* ``forms``      — what a nurse writes in the chart (assessment, vital signs, immunization,
  wound care, progress note, application of an OC, her own prescription);
* ``protocols``  — what the chart says back: the NEWS2 early-warning score with its
  single-parameter red flag, and the blood-pressure classification with the hypertensive-urgency
  banner; every finding says what to do;
* ``oc``         — the registry of ordonnances collectives: versioned data files with the 17
  elements the regulation requires, and the engine that decides whether one applies to a person;
* ``service``    — applying an OC: the chart entry, the task for the médecin répondant, the
  communication owed to the treating physician;
* ``jobs``, ``reports``, ``fhir``, ``renderers``, ``appointments``, ``demo`` — the rest of a
  nursing service's week.
"""

from core.api import make_gettext, make_ngettext

NAME = "nursing"
_ = make_gettext(__file__, NAME)
ngettext = make_ngettext(NAME)
