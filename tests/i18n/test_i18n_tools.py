"""``python -m core.i18n_tools``: new messages are added, and obsolete ones dropped on request."""

from core.i18n_tools import main, read_catalog, untranslated


def test_drop_obsolete_removes_what_the_code_no_longer_says_and_keeps_translations(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "views.py").write_text('_("Kept")\n_("New")\n')
    po = tmp_path / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Kept"\nmsgstr "Gardé"\n\n'
                  'msgid "Renamed since"\nmsgstr "Renommé depuis"\n', encoding="utf-8")
    assert main([str(tmp_path / "pkg"), "--po", str(po)]) == 1  # "New" is untranslated
    assert "Renamed since" in read_catalog(po)  # kept unless asked
    main([str(tmp_path / "pkg"), "--po", str(po), "--drop-obsolete"])
    catalog = read_catalog(po)
    assert "Renamed since" not in catalog and "New" in catalog
    assert catalog.get("Kept").string == "Gardé"


def test_a_templates_strings_come_from_its_pages_catalog_or_the_one_a_render_names(app):
    """A page's ``_()`` reads the Markup its catalog already translated (kept in the page's
    context with the catalog); a render that names another catalog (``DOMAIN_VAR``, as the
    chart's summary forms do) is translated by that one, whatever the page's."""
    from flask_babel import force_locale
    from markupsafe import Markup

    from core.app import DOMAIN_VAR, MARKUPS_VAR
    from core.i18n import core_domain, kept_markups

    class Named:
        def markup(self, string):
            return Markup(f"named: {string}")

    template = app.jinja_env.from_string("{{ _('Calendar') }} {{ _('Week') }}")
    with app.test_request_context(), force_locale("fr_CA"):
        french = core_domain.get_translations()
        kept = {"Calendar": Markup("kept")}
        assert template.render({DOMAIN_VAR: core_domain,
                                MARKUPS_VAR: (core_domain, french, kept)}) == "kept Semaine"
        assert kept_markups(french)["Week"] == "Semaine"  # kept with the catalog
        assert template.render({DOMAIN_VAR: Named(), MARKUPS_VAR: (core_domain, french, kept)}
                               ) == "named: Calendar named: Week"
        assert template.render() == "Calendrier Semaine"  # no page values: the request's


def test_a_plural_is_added_with_both_its_forms_and_is_untranslated_until_each_form_is(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "page.html").write_text(
        "{{ ngettext('%(num)s order', '%(num)s orders', n) }}\n")
    po = tmp_path / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: fr_CA\\n"\n'
                  '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n', encoding="utf-8")
    assert main([str(tmp_path / "pkg"), "--po", str(po)]) == 1
    catalog = read_catalog(po)
    assert catalog.get("%(num)s order").id == ("%(num)s order", "%(num)s orders")
    catalog.get("%(num)s order").string = ("%(num)s commande", "")
    assert untranslated(catalog) == [("%(num)s order", "%(num)s orders")]
