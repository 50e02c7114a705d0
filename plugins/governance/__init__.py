"""Governance: the coop's direct democracy, from the assembly's notice to its adopted minutes.

A Quebec health coop is run by its members: they decide in general assembly, and teams decide
together day to day. This plugin keeps what the cooperatives act asks for and what a meeting
needs on the day:

* ``assemblies`` — convening (date, place or video link, agenda, documents, quorum, notice
  period), the notice e-mailed to every member who may vote with the sending kept as proof and a
  printable list of those without e-mail (``notices``), sign-in on the day (staff tablet or the
  member's phone, with the room code), the live quorum count against the register, motions and
  amendments in agenda order, minutes drafted here and adopted at the next assembly;
* ``ballots`` — votes by show of hands (the counts recorded) or secret ballot: a member votes
  once, even pressing twice at once; the fact of having voted and the ballot are stored apart,
  with nothing that links them (no ids, no times, rows rewritten in a shuffled order when the
  vote closes), and results exist only once it is closed — administrators included;
* ``decisions`` — everyday decisions of teams, committees and the board, Loomio's way:
  proposals with a closing date, agree / abstain / disagree / block with reasons, an outcome,
  and a log any member of the group can search;
* ``annual`` — the annual report to the assembly, drawn from core and every active plugin.

The register itself (who is a member, who may vote) is core's: a coop that only uses the record
still keeps it. This plugin reads it through ``core.api``.
"""

from core.api import make_gettext, make_ngettext

NAME = "governance"
#: translations of this plugin (``translations/fr_CA/LC_MESSAGES/messages.po``)
_ = make_gettext(__file__, NAME)
ngettext = make_ngettext(NAME)
