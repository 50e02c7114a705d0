"""A ``.po`` catalog's compiled form, kept between starts as Python keeps a module's bytecode.

Parsing the catalogs (pure Python) and setting their French typography took a start about
0.1-0.2 s of CPU, a tenth of it. The compiled copy is named by a digest of the ``.po`` and of
the typography rules (:mod:`core.typography`), so an edited catalog is compiled again and a
stale copy is never read. It is kept in the account's own cache folder (XDG's
``$XDG_CACHE_HOME``, else ``~/.cache``), never beside the catalog: an installation made as the
README says cannot write in root's package (every start compiled every catalog), and a copy
left in a plugin's installed folder outlived ``pip uninstall`` (which removes only the files
it installed), keeping the removed plugin importable. Nothing is written under
``PYTHONDONTWRITEBYTECODE``, as for bytecode.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from pathlib import Path

from babel.support import NullTranslations, Translations

from core import typography
from core.typography import french, is_french

#: the compiled catalogs depend on the French typography rules too (core/typography.py)
_RULES_DIGEST = hashlib.sha256(Path(typography.__file__).read_bytes() + b"mo-1").digest()


def load_po(path: Path) -> Translations | NullTranslations:
    """A ``.po`` file as gettext translations (fuzzy entries are ignored), from its compiled
    copy in the account's cache when one was made from the same text."""
    if not path.exists():
        return NullTranslations()
    source = path.read_bytes()
    name = compiled_name(path, source)
    for folder in places(path):
        try:
            return Translations(fp=io.BytesIO((folder / name).read_bytes()), domain="messages")
        except Exception:  # not compiled there, or a copy that cannot be read
            continue
    mo = _compile_po(source)
    keep(path, name, mo)
    return Translations(fp=io.BytesIO(mo), domain="messages")


def compiled_name(path: Path, source: bytes) -> str:
    """``<stem>-<folder>.<digest>.mo``: the folder's key keeps apart the plugins' catalogs,
    all named ``messages.po``, in the account's one cache folder."""
    folder = hashlib.sha256(str(path.resolve().parent).encode()).hexdigest()[:12]
    digest = hashlib.sha256(source + _RULES_DIGEST).hexdigest()[:20]
    return f"{path.stem}-{folder}.{digest}.mo"


def places(path: Path) -> list[Path]:
    """Where a compiled copy of ``path`` is looked for and kept: the account's cache (none
    when the account has no home)."""
    own = account_cache()
    return [own] if own is not None else []


def account_cache() -> Path | None:
    """The account's own folder for compiled catalogs (XDG base directories), None when the
    account has no home to put it in."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "soin-commun" / "catalogs" if os.path.isabs(base) else None


def keep(path: Path, name: str, mo: bytes) -> None:
    """Write the compiled copy in the first place that takes it, as Python writes bytecode:
    not when told not to (``PYTHONDONTWRITEBYTECODE``), and silently nowhere if no place can
    be written. Older copies of the same catalog there are removed."""
    if sys.dont_write_bytecode:
        return
    stem = name.split(".")[0]
    for folder in places(path):
        try:
            # private: another account could otherwise put its own translations in the way
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            for stale in folder.glob(f"{stem}.*.mo"):
                stale.unlink(missing_ok=True)
            partial = folder / f"{name}.{os.getpid()}.tmp"
            partial.write_bytes(mo)
            os.replace(partial, folder / name)  # readers see the whole file or none
            return
        except OSError:
            continue


def _compile_po(source: bytes) -> bytes:
    # Babel's catalog tools are loaded only when a catalog is compiled, not at every start
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(source))
    if is_french(catalog.locale):
        # French spacing and apostrophes set here, once, whatever the translator typed
        # (core.typography)
        for message in catalog:
            if message.id and message.string:
                message.string = (tuple(french(s) for s in message.string)
                                  if isinstance(message.string, tuple) else french(message.string))
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()
