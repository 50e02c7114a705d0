"""Social work: social medicine's own service, where isolation, poverty, housing and food are
treated as health problems and the loop from a screening to a community service is closed.

The book, chapter by chapter (each a module):

* ``record.py``: the social worker's record as the OTSTCFQ expects it. The *evaluation of social
  functioning* is a structured report, distinct from the chronological notes, and cannot be
  saved without the social worker's **analysis** and **professional opinion**. Then the
  intervention plan with the person's agreement, progress notes, the closing note, and
  transmissions the person authorised in writing. Everything is ``discipline`` confidential,
  like psychology (``access.py``).
* ``screening.py``: social-needs screening any trained role may administer on the chart: the
  AHC HRSN core (housing, housing quality, transport, utilities, interpersonal safety) and the
  UCLA 3-item loneliness scale. Food comes from the Hunger Vital Sign already on the shared
  record (one HVS, not two). One coop rule overrides the published sum: any "physically hurt"
  answer of *rarely* or more raises a safety follow-up. Each positive domain proposes a referral,
  with the person's agreement.
* ``directory.py``: the community resource directory, modelled on Open Referral HSDS 3
  (organizations, services, locations, schedules as RRULEs, Open Eligibility terms), with a
  12-month freshness rule; ``hsds.py`` imports and exports it, validated against the HSDS
  schema shipped in ``data/hsds/``.
* ``referrals.py``: referrals that close the loop, from proposed to service received, with the
  person's consent to share enforced before anything is sent. Referrals proposed elsewhere (food
  security's positive screens) arrive through core's ``action_proposed`` hook.
* ``reports.py``, ``fhir.py``, ``demo.py``: the figures, the FHIR mapping, the demo directory.
"""

from core.api import make_gettext, make_ngettext

#: translations of this plugin (``translations/fr_CA/LC_MESSAGES/messages.po``)
_ = make_gettext(__file__, "social_work")
ngettext = make_ngettext("social_work")

NAME = "social_work"
