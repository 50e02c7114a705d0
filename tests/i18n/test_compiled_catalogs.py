"""A catalog's compiled copy (core.i18n.load_po): read when made from the same text, made
again when the text changed, never required (a read-only folder or PYTHONDONTWRITEBYTECODE)."""

import pytest

from core import i18n

PO = """msgid ""
msgstr ""
"Language: fr_CA\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Save: done"
msgstr "{text}"
"""


@pytest.fixture
def catalog(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n.sys, "dont_write_bytecode", False)
    path = tmp_path / "fr_CA" / "LC_MESSAGES" / "record.po"
    path.parent.mkdir(parents=True)
    path.write_text(PO.format(text="Enregistrer : fait"), encoding="utf-8")
    return path


def _compiled(path):
    return sorted(p.name for p in (path.parent / "__pycache__").glob("*.mo"))


def test_the_compiled_copy_is_read_instead_of_parsing_the_text_again(catalog, monkeypatch):
    first = i18n.load_po(catalog)
    assert first.gettext("Save: done") == "Enregistrer\u202f: fait"  # French spacing applied
    assert len(_compiled(catalog)) == 1

    def parse(_source):
        raise AssertionError("the .po was parsed although its compiled copy is current")

    monkeypatch.setattr(i18n, "_compile_po", parse)
    assert i18n.load_po(catalog).gettext("Save: done") == "Enregistrer\u202f: fait"


def test_an_edited_catalog_is_compiled_again_and_the_old_copy_removed(catalog):
    i18n.load_po(catalog)
    before = _compiled(catalog)
    catalog.write_text(PO.format(text="Enregistré : c'est fait"), encoding="utf-8")
    assert i18n.load_po(catalog).gettext("Save: done") == "Enregistré\u202f: c’est fait"
    after = _compiled(catalog)
    assert len(after) == 1 and after != before


def test_a_damaged_copy_is_ignored(catalog):
    i18n.load_po(catalog)
    (copy,) = (catalog.parent / "__pycache__").glob("*.mo")
    copy.write_bytes(b"not a catalog")
    assert i18n.load_po(catalog).gettext("Save: done") == "Enregistrer\u202f: fait"


def test_nothing_is_written_where_python_writes_no_bytecode_or_cannot(catalog, monkeypatch):
    monkeypatch.setattr(i18n.sys, "dont_write_bytecode", True)
    assert i18n.load_po(catalog).gettext("Save: done") == "Enregistrer\u202f: fait"
    assert not (catalog.parent / "__pycache__").exists()

    monkeypatch.setattr(i18n.sys, "dont_write_bytecode", False)

    def read_only(*_args, **_kwargs):  # an installation whose folders cannot be written
        raise PermissionError("read-only file system")

    monkeypatch.setattr(i18n.Path, "mkdir", read_only)
    assert i18n.load_po(catalog).gettext("Save: done") == "Enregistrer\u202f: fait"
    assert not (catalog.parent / "__pycache__").exists()
