"""A catalog's compiled copy (core.compiled_catalogs.load_po): read when made from the same
text, made again when the text changed, kept in the account's cache and never beside the
catalog (root's package cannot be written; a copy in a plugin's folder outlived its uninstall),
never required."""

import pytest

from core import compiled_catalogs as cc

PO = """msgid ""
msgstr ""
"Language: fr_CA\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Save: done"
msgstr "{text}"
"""


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """The account's cache folder, in the test's own folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    return tmp_path / "home-cache" / "soin-commun" / "catalogs"


def _write(folder, text="Enregistrer : fait", name="record.po"):
    path = folder / "fr_CA" / "LC_MESSAGES" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PO.format(text=text), encoding="utf-8")
    return path


@pytest.fixture
def catalog(tmp_path, monkeypatch, cache):
    monkeypatch.setattr(cc.sys, "dont_write_bytecode", False)
    return _write(tmp_path / "package")


def _compiled(folder):
    return sorted(p.name for p in folder.glob("*.mo"))


def _no_parsing(monkeypatch):
    def parse(_source):
        raise AssertionError("the .po was parsed although its compiled copy is current")

    monkeypatch.setattr(cc, "_compile_po", parse)


def test_the_compiled_copy_is_read_instead_of_parsing_the_text_again(catalog, cache, monkeypatch):
    first = cc.load_po(catalog)
    assert first.gettext("Save: done") == "Enregistrer\u202f: fait"  # French spacing applied
    assert len(_compiled(cache)) == 1

    _no_parsing(monkeypatch)
    assert cc.load_po(catalog).gettext("Save: done") == "Enregistrer\u202f: fait"


def test_an_edited_catalog_is_compiled_again_and_the_old_copy_removed(catalog, cache):
    cc.load_po(catalog)
    before = _compiled(cache)
    catalog.write_text(PO.format(text="Enregistré : c'est fait"), encoding="utf-8")
    assert cc.load_po(catalog).gettext("Save: done") == "Enregistré\u202f: c’est fait"
    after = _compiled(cache)
    assert len(after) == 1 and after != before


def test_a_damaged_copy_is_ignored(catalog, cache):
    cc.load_po(catalog)
    (copy,) = cache.glob("*.mo")
    copy.write_bytes(b"not a catalog")
    assert cc.load_po(catalog).gettext("Save: done") == "Enregistrer\u202f: fait"


def test_the_copy_is_kept_in_the_accounts_cache_never_beside_the_catalog(catalog, cache,
                                                                         monkeypatch):
    """A server's package is root's, and a copy left in a plugin's installed folder kept the
    plugin importable after ``pip uninstall`` (which removes only what it installed)."""
    assert cc.load_po(catalog).gettext("Save: done") == "Enregistrer\u202f: fait"
    assert [p.name for p in catalog.parent.iterdir()] == ["record.po"]
    assert len(_compiled(cache)) == 1
    assert oct(cache.stat().st_mode & 0o777) == "0o700"  # nobody else's translations in the way

    # the next start reads it: no catalog compiled at every start of a server
    _no_parsing(monkeypatch)
    assert cc.load_po(catalog).gettext("Save: done") == "Enregistrer\u202f: fait"


def test_plugins_catalogs_of_the_same_name_are_kept_apart_in_the_accounts_cache(
        tmp_path, cache, monkeypatch):
    monkeypatch.setattr(cc.sys, "dont_write_bytecode", False)
    nursing = _write(tmp_path / "nursing", "Soins : fait", "messages.po")
    herbs = _write(tmp_path / "herbalism", "Plantes : fait", "messages.po")
    for path in (nursing, herbs):
        cc.load_po(path)
    assert len(_compiled(cache)) == 2  # one did not remove the other's as "stale"

    _no_parsing(monkeypatch)
    assert cc.load_po(nursing).gettext("Save: done") == "Soins\u202f: fait"
    assert cc.load_po(herbs).gettext("Save: done") == "Plantes\u202f: fait"


def test_nothing_is_written_where_python_writes_no_bytecode_or_cannot(catalog, cache,
                                                                      monkeypatch):
    monkeypatch.setattr(cc.sys, "dont_write_bytecode", True)
    assert cc.load_po(catalog).gettext("Save: done") == "Enregistrer\u202f: fait"
    assert not (catalog.parent / "__pycache__").exists() and not cache.exists()

    monkeypatch.setattr(cc.sys, "dont_write_bytecode", False)

    def read_only(*_args, **_kwargs):  # an installation whose folders cannot be written
        raise PermissionError("read-only file system")

    monkeypatch.setattr(cc.Path, "mkdir", read_only)
    assert cc.load_po(catalog).gettext("Save: done") == "Enregistrer\u202f: fait"
    assert not (catalog.parent / "__pycache__").exists() and not cache.exists()
