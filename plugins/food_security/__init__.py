"""Food security (sécurité alimentaire): the coop acting on the first determinant of health.

This is a community *program*, not a clinical discipline. Most of what it keeps is not health
data and is run by coordinators and trained volunteers who have no clinical access at all. The
one clinical piece, the screening, lives on the chart and never leaves it except as aggregated,
small-cell-suppressed figures.

How this plugin reads, one module per chapter:

* ``screening``   — the Hunger Vital Sign (2 items) and the USDA six-item short form, scored on
  the chart; a positive screen proposes, with the person's agreement, the solidarity price tier
  at the market and a referral to social work. Market volunteers see the tier, never the reason.
* ``market/``     — a solidarity food market on the Open Food Network food-hub model: local
  producers and their products, order cycles (opens, closes, pickup place and time), members'
  orders, the pickup list, what to pay each producer. An order is never placed outside an open
  cycle nor beyond the quantity left: the database decides, even when two members order the
  last units at the same instant.
* ``kitchen/``    — collective kitchens (*cuisines collectives*, RCCQ model): groups with a
  theme, sessions, recipes with yield and allergens, purchases, portions taken home and the
  cost per portion.
* ``gardens/``    — community gardens (Montreal conventions): plots, seasons, allocation to a
  household with an optional co-gardener, the waiting list and its priority rule, reallocation
  of plots not planted by the deadline, tool loans, chore shifts and the harvest log.
* ``reports``     — figures for funders and the general assembly, small cells suppressed.
* ``permissions`` — coordinator and volunteer roles for each activity (none of them clinical).
* ``plugin``      — the hook implementations that hand all of this to core.
"""

from core.api import make_gettext, make_ngettext

NAME = "food_security"
#: translations of this plugin (``translations/fr_CA/LC_MESSAGES/messages.po``)
_ = make_gettext(__file__, NAME)
ngettext = make_ngettext(NAME)
