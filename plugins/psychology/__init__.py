"""Psychology: the record a Quebec psychologist must keep, and the instruments they use most.

What the Ordre des psychologues du Québec asks for (C-26, r. 221, art. 3) is one record per
client. It opens with a mandate, the reason for consultation and the person's consent to
services; it holds an anamnesis, evaluations whose facts and clinical impressions stay in
separate fields, an intervention plan, progress notes, a closure note, and every transmission of
information to a third party with the signed authorisation (``forms.py``).

Everything here is confidential to the discipline by default: another discipline never reads a
psychology entry unless the person consents. Raw test data (protocols, answer sheets) goes into
*sealed* entries, and the record notes that they exist. There is no hidden second file: the
person keeps the right to read their record, and a psychologist may only *delay* access to one
entry, with a written reason of serious harm, which is recorded (``access.py``).

Two standard questionnaires are built in (``instruments.py``), in French and English: the PHQ-9
(depression) and the GAD-7 (anxiety). Each entry stores the raw answers, the total, the severity
band and the version of the scoring rule. One rule is not negotiable (``protocols.py``): any
answer above "not at all" to PHQ-9 item 9 (thoughts of death or self-harm) asks a competent
clinician for a suicide-risk assessment the same day and shows the crisis lines, whatever the
total; and a "not at all" never closes a risk assessment. The clinician records the outcome of
their risk estimate in a form; the plugin does not reproduce proprietary grids.

``reports.py`` draws each person's score trajectory (response and remission marked) and gives the
coop anonymous figures with small cells hidden; ``fhir.py`` exports the questionnaires with their
LOINC codes.
"""

from core.api import make_gettext

#: translations of this plugin (``translations/fr_CA/LC_MESSAGES/messages.po``)
_ = make_gettext(__file__, "psychology")

NAME = "psychology"
