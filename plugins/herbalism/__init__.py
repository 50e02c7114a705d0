"""Herbalism (herboristerie): advice on medicinal plants, kept safely beside everyone's drugs.

Herbalists are not a professional order in Quebec. They stay out of reserved acts: no
diagnosis, no drug prescribing. The coop defines their record itself, on the model of
nursing's, and what the tool must get right above all is safety: an herb recommended to someone
who takes sertraline, warfarin or a contraceptive can harm them. Peer systems lost their
interaction check when the outside service it called went away; ours is local, versioned data
with its sources, and it fails loudly.

How this plugin reads, one module per chapter:

* ``knowledge``   — the shipped data: about 25 monographs written in our own words from public
  monographs (Health Canada NNHPD, WHO, EMA/HMPC), the subset of WHO ATC codes and drug names
  the interaction rules need, the plant families people are allergic to;
* ``monograph_schema`` — what a monograph is (the shape every version is checked against);
* ``monographs``  — the register: every version kept, coordinators add or correct one;
* ``engine``      — the interaction check itself, a pure function of a monograph and the
  person's facts (medications with their ATC codes, pregnancy, breastfeeding, allergies,
  conditions from the intake): contraindicated blocks, major warns, moderate and low inform;
  kava is always blocked; a drug without an ATC code is reported "not checked" by name;
* ``facts``       — those facts, read from the shared clinical summary and the intake;
* ``forms``       — what an herbalist writes: intake, consultation, recommendation, follow-up;
* ``recommend``   — recommending an herb: the check, the block or the override with its reason
  and task, the chart entry, the herb entering the shared summary as a natural health product;
* ``recheck``     — the check again whenever the person's medication list changes: the alert on
  the screen of whoever changed it, a task for the herbalist;
* ``protocols``, ``renderers``, ``reports``, ``fhir``, ``appointments``, ``permissions``,
  ``demo``, ``views`` — the rest of an herbalist's week.
"""

from core.api import make_gettext

NAME = "herbalism"
_ = make_gettext(__file__, NAME)
