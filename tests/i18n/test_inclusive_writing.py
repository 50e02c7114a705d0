"""One way of writing for everyone in French, core's catalogs and every plugin's alike.

The coop follows the Office québécois de la langue française: epicene wording where it reads
naturally ("les personnes inscrites", "Inscription faite", "Personne intervenante"), else full
doublets ("une clinicienne ou un clinicien"); never the abbreviated forms a screen reader
spells out and a reader stumbles on: the point médian ("inscrit·e"), parentheses ("né(e)"), a
slash ("inscrit/e") or a dot ("inscrit.e"). Pages read "inscrite ou inscrit" on one screen and
"Inscrit·e" on the next before this test.

A validated questionnaire's published French (the PHQ-9's "déprimé(e)") is the instrument
itself and is not rewritten: its entry carries the translator comment ``# published wording``.
"""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted([*ROOT.glob("core/translations/fr*/LC_MESSAGES/*.po"),
                   *ROOT.glob("plugins/*/translations/fr*/LC_MESSAGES/*.po")])

#: a feminine ending cut off from its word: "inscrit·e", "intervenant·es", "né(e)",
#: "directeur(-trice)", "inscrit/e", "inscrit.e", "cet·te". A separator between words with
#: spaces ("Arrivées : 3 · vues : 2") is not one.
ABBREVIATED = re.compile(r"\w[·∙•]\w"
                         r"|\w\(-?(?:e|es|ne|nes|le|les|se|ses|te|tes|ice|ices|rice|rices|trice"
                         r"|trices|euse|euses|ère|ères)\)"
                         r"|\w[/.](?:e|es|ne|nes|le|les|te|tes|trice|trices|euse|euses|ère|ères)\b")


def matches(path: Path, pattern: re.Pattern) -> list[str]:
    """``line: words :: text`` for each match of ``pattern`` in the catalog's French (the
    published wording of a validated instrument left out)."""
    with path.open("rb") as fh:
        catalog = read_po(fh)
    found = []
    for message in catalog:
        if not message.id or any(c.startswith("published wording")
                                 for c in message.user_comments):
            continue
        texts = message.string if isinstance(message.string, tuple | list) else (message.string,)
        for text in texts:
            found += [f"{message.lineno}: {hit.group(0)} :: {text}"
                      for hit in pattern.finditer(text or "")]
    return found


def abbreviated_forms(path: Path) -> list[str]:
    """``line: form :: text`` for each abbreviated inclusive form of the catalog's French."""
    return matches(path, ABBREVIATED)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_french_texts_use_no_point_median_nor_parentheses(path):
    found = abbreviated_forms(path)
    assert not found, (f"{path.relative_to(ROOT)} abbreviates inclusive writing; write an "
                       f"epicene wording or a full doublet (\"inscrite ou inscrit\"):\n"
                       + "\n".join(found))


def test_every_catalog_is_scanned():
    """Core's areas and every plugin with a French catalog (a new plugin is picked up)."""
    parts = [p.relative_to(ROOT).parts for p in CATALOGS]
    names = {part[1] if part[0] == "plugins" else part[0] for part in parts}
    plugins = {d.name for d in (ROOT / "plugins").iterdir()
               if (d / "translations" / "fr_CA" / "LC_MESSAGES" / "messages.po").exists()}
    assert "core" in names and plugins <= names and len(plugins) >= 5


def test_the_scan_sees_each_abbreviated_form(tmp_path):
    """The forms the catalogs held before, and the separators they keep."""
    po = tmp_path / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "a"\nmsgstr "Vous êtes inscrit·e."\n\n'
                  'msgid "b"\nmsgstr "Né(e) le %(date)s"\n\n'
                  'msgid "c"\nmsgstr "Cet·te intervenant/e"\n\n'
                  'msgid "d"\nmsgstr "Arrivées : %(a)s · vues : %(s)s (%(when)s)"\n\n'
                  '# published wording (validated questionnaire)\n'
                  'msgid "e"\nmsgstr "Se sentir déprimé(e)"\n', encoding="utf-8")
    assert [line.split(" :: ")[0] for line in abbreviated_forms(po)] == [
        "5: t·e", "8: é(e)", "11: t·t", "11: t/e"]


#: people counted or named with a masculine generic: "0 membre présent", "Inscrits (3)",
#: "12 participants", "Présents", "votants" (write "personnes présentes", "personnes inscrites",
#: "personnes participantes", "personne membre présente"); "les intervenants" ("le personnel
#: intervenant", "une personne intervenante"), "producteurs locaux" ("fermes et entreprises
#: locales", "production locale"), "l'administrateur" ("l’équipe d’administration"), "un
#: professionnel" ("une ou un professionnel"), "lecteurs", "résidents", "membres dépistés",
#: "nouveaux membres", "seuls les membres", "tous les membres", "membres déjà convoqués",
#: "collègues désignés"; a member with a masculine article or category ("un membre", "aucun
#: membre", "du membre": "une personne membre", "aucune personne membre"; "Membre travailleur":
#: "Membre travailleuse ou travailleur"). A full doublet ("administrateur
#: ou administratrice") is epicene writing, not a generic.
MASCULINE_PEOPLE = re.compile(
    r"(?<!\w)(?:membres? présents?|inscrits|participants|présents|votants|bénévoles présents"
    r"|(?<!personnel )intervenants?"
    r"|(?<!productrice ou )(?<!productrices et )producteurs?(?! ou productrice| et productrice)"
    r"|(?<!administratrice ou )(?<!administratrices et )administrateurs?"
    r"(?! ou administratrice| et administratrice)"
    r"|professionnels|(?<!une ou )un professionnel(?! ou une professionnelle)"
    r"|lecteurs|résidents|membres dépistés|nouveaux membres|seuls les membres|tous les membres"
    r"|(?:membres|collègues) (?:déjà )?(?:convoqués|désignés)"
    r"|(?:un|aucun|le|du|au|ce) membre|membres? (?:utilisateur|travailleur)s?"
    r")(?!\w)", re.IGNORECASE)


def masculine_people(path: Path) -> list[str]:
    """``line: words :: text`` for each masculine generic naming people in the catalog."""
    return matches(path, MASCULINE_PEOPLE)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_french_texts_name_the_people_counted_without_a_masculine_generic(path):
    found = masculine_people(path)
    assert not found, (f"{path.relative_to(ROOT)} names people with a masculine generic; write "
                       "\"personnes présentes\", \"personnes inscrites\":\n" + "\n".join(found))


def test_the_scan_sees_each_masculine_generic(tmp_path):
    """The generics the catalogs held before (practitioners, producers, the administrator...),
    and the epicene wordings and full doublets that replaced them."""
    po = tmp_path / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "a"\nmsgstr "Les intervenants qui vous soignent; refuser un intervenant"\n\n'
                  'msgid "b"\nmsgstr "Versé aux producteurs locaux; Producteur"\n\n'
                  'msgid "c"\nmsgstr "Prévenez l’administrateur; administrateurs compris"\n\n'
                  'msgid "d"\nmsgstr "Dirigé vers un professionnel; Professionnels habilités"\n\n'
                  'msgid "e"\nmsgstr "Seuls les membres votent; tous les membres; Membres dépistés"\n\n'
                  'msgid "f"\nmsgstr "Les résidents; les lecteurs en anglais; Nouveaux membres; '
                  'les membres déjà convoqués; les collègues désignés"\n\n'
                  'msgid "g"\nmsgstr "Le personnel intervenant, une personne intervenante, la '
                  'production locale, l’équipe d’administration, Administrateur ou administratrice, '
                  'productrices et producteurs, une ou un professionnel, Membre utilisatrice ou '
                  'utilisateur, une personne membre, aucune personne membre"\n\n'
                  'msgid "h"\nmsgstr "Ajouter un membre; Aucun membre trouvé; la demande du membre; '
                  'Membre utilisateur; Membre travailleur"\n',
                  encoding="utf-8")
    assert [line.split(" :: ")[0] for line in masculine_people(po)] == [
        "5: intervenants", "5: intervenant", "8: producteurs", "8: Producteur",
        "11: administrateur", "11: administrateurs", "14: un professionnel",
        "14: Professionnels", "17: Seuls les membres", "17: tous les membres",
        "17: Membres dépistés", "20: résidents", "20: lecteurs", "20: Nouveaux membres",
        "20: membres déjà convoqués", "20: collègues désignés", "26: un membre",
        "26: Aucun membre", "26: du membre", "26: Membre utilisateur", "26: Membre travailleur"]


def test_a_members_status_is_named_not_given_a_masculine_ending(app):
    """The register, the member's own page and the reports named an ended membership's status
    "Retiré", "Exclu", "Décédé", "Échu": a masculine person. Each is named as what happened,
    for everyone."""
    from core.identity.register import status_titles

    with app.test_request_context(headers={"Accept-Language": "fr-CA"}):
        titles = {code: str(title) for code, title in status_titles().items()}
    assert (titles["withdrawn"], titles["excluded"], titles["deceased"]) == (
        "Retrait", "Exclusion", "Décès")
    assert titles["lapsed"] == "Adhésion échue (cotisation impayée)"
