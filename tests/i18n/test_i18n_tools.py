"""``python -m core.i18n_tools``: new messages are added, and obsolete ones dropped on request."""

from core.i18n_tools import main, read_catalog


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
