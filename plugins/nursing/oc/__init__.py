"""Ordonnances collectives (M-9, r. 25.1): prescriptions physicians sign for a group of persons
or a clinical situation, which a nurse individualises for one person.

* ``document`` — an OC is data: a JSON document with the 17 elements of art. 24, its dates,
  the nurse's questions and the rules, checked when it enters the register;
* ``rules``    — the small condition language those rules are written in;
* ``engine``   — does this OC apply, today, for this nurse and this person? (and if not, why);
* ``registry`` — the coop's register: versions, the one governing today, expiry.
"""
