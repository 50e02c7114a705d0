"""Catalog upkeep for core areas and plugins (used by developers and by the i18n tests).

    python -m core.i18n_tools SOURCE [SOURCE ...] --po PATH/fr_CA/LC_MESSAGES/x.po [--drop-obsolete]

extracts every translatable string (``_``, ``gettext``, ``ngettext``, ``lazy_gettext`` in
Python; ``_()`` and ``{% trans %}`` in Jinja templates) from the sources, adds the missing ones
to the catalog (keeping existing translations), and lists what is untranslated.
``--drop-obsolete`` also removes the messages the sources no longer use (a plugin's catalog
covers its whole package: the plugin contract refuses obsolete ones).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

KEYWORDS = {**DEFAULT_KEYWORDS, "_": None, "lazy_gettext": None, "gettext": None}
METHODS = [("**/tests/**", "ignore"), ("**.py", "python"), ("**.html", "jinja2.ext:babel_extract")]
OPTIONS = {"**.html": {"extensions": "jinja2.ext.do"}}


def extract(sources: list[Path], exclude: list[Path] = ()) -> dict[str | tuple, list[str]]:
    """msgid -> places it appears, over files and folders (``exclude``: folders to skip); a
    plural message (``ngettext``) is keyed by its singular and plural, as catalogs key it."""
    found: dict[str, list[str]] = {}
    excluded = [e.resolve() for e in exclude]

    def keep(path: Path) -> bool:
        return not any(path.resolve().is_relative_to(e) for e in excluded)

    for source in sources:
        if source.is_dir():
            items = ((Path(source, f), ln, msg) for f, ln, msg, _c, _x in extract_from_dir(
                source, METHODS, OPTIONS, keywords=KEYWORDS))
        else:
            method = "jinja2.ext:babel_extract" if source.suffix == ".html" else "python"
            items = ((source, ln, msg) for ln, msg, _c, _x in extract_from_file(
                method, source, keywords=KEYWORDS))
        for path, line, message in items:
            if not keep(path):
                continue
            msgid = (message[:2] if message[1:2] and message[1] else message[0]) \
                if isinstance(message, tuple) else message
            if msgid:
                found.setdefault(msgid, []).append(f"{path}:{line}")
    return found


def read_catalog(path: Path) -> Catalog:
    if not path.exists():
        return Catalog(locale="fr_CA")
    with path.open("rb") as fh:
        return read_po(fh)


def update(sources: list[Path], po: Path, exclude: list[Path] = (),
           drop_obsolete: bool = False) -> list[str]:
    """Add missing msgids to ``po`` (and remove those the sources no longer use when
    ``drop_obsolete``); return the msgids still untranslated or fuzzy."""
    catalog = read_catalog(po)
    found = extract(sources, exclude)
    if drop_obsolete:
        for message in [m for m in catalog if m.id and m.id not in found]:
            catalog.delete(message.id, message.context)
    # core keeps one catalog per area in the same folder: a msgid another one holds is not ours
    siblings = {m.id for other in po.parent.glob("*.po") if other != po
                for m in read_catalog(other) if m.id}
    for msgid, places in found.items():
        if msgid not in catalog and msgid not in siblings:
            catalog.add(msgid, "", locations=[(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1]))
                                             for p in places[:3]])
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=True)
    return untranslated(catalog)


def translated(message) -> bool:
    """Whether a catalog's message is translated (each of a plural's forms) and not fuzzy."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings) and not message.fuzzy


def untranslated(catalog: Catalog) -> list:
    return [m.id for m in catalog if m.id and not translated(m)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", type=Path)
    parser.add_argument("--po", required=True, type=Path)
    parser.add_argument("--exclude", action="append", type=Path, default=[])
    parser.add_argument("--drop-obsolete", action="store_true",
                        help="remove the messages the sources no longer use")
    args = parser.parse_args(argv)
    missing = update(args.sources, args.po, args.exclude, drop_obsolete=args.drop_obsolete)
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{args.po}: {len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
