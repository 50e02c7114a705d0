"""``soin plugin new NAME``: a complete plugin package, generated outside the repository.

The files come from ``templates/plugin/`` (``string.Template`` placeholders such as ``$name``;
in paths, ``{package}``-style fields). ``string.Template`` is used rather
than Jinja because the generated Jinja pages keep their own ``{{ }}`` untouched.
"""

from __future__ import annotations

import keyword
import re
import secrets
from importlib import metadata
from pathlib import Path
from string import Template

from core.coop_time import today as coop_today

TEMPLATES = Path(__file__).parent / "templates" / "plugin"
#: at most 24 characters: with its table and column names, constraint names stay within
#: PostgreSQL's 63-character identifiers
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,22}[a-z0-9]$")
#: names a plugin may not take: core's own areas and words the platform already uses
RESERVED = {"core", "api", "admin", "static", "auth", "portal", "plugins", "plugin", "test", "tests"}


class ScaffoldError(ValueError):
    """The plugin cannot be generated (bad name, destination not empty)."""


def check_name(name: str) -> None:
    """Refuse names that would not make a valid package, prefix and table prefix."""
    if not NAME_PATTERN.match(name) or "__" in name:
        raise ScaffoldError(f"{name!r}: use 3 to 24 lowercase letters, digits or single "
                            "underscores, starting with a letter (e.g. massage_therapy)")
    if keyword.iskeyword(name) or name in RESERVED or name.startswith("soin"):
        raise ScaffoldError(f"{name!r} is reserved: choose another name")


def check_title(title: str) -> None:
    """A title lands in Python strings and the catalog: keep it plain words."""
    if not title.strip() or any(c in title for c in '"\\$%{}\n'):
        raise ScaffoldError(f"title {title!r}: use plain words (no quotes, $, %, braces)")


def core_base_revision() -> str:
    """The revision that creates core's tables: a new plugin branch depends on it."""
    versions = Path(__file__).resolve().parent.parent / "migrations" / "versions"
    for path in sorted(versions.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^branch_labels = \(['\"]core['\"],\)", text, re.M):
            return re.search(r"^revision = ['\"](\w+)['\"]", text, re.M).group(1)
    raise ScaffoldError("core's first migration (branch label 'core') was not found")


def core_version() -> str:
    """The installed Soin commun version, the generated plugin's minimum requirement."""
    try:
        return metadata.version("soin-commun")
    except metadata.PackageNotFoundError:
        return "0.1"


def variables(name: str, title: str | None = None, title_fr: str | None = None) -> dict:
    """Every placeholder the templates use."""
    title = title or name.replace("_", " ").capitalize()
    for text in (title, title_fr or title):
        check_title(text)
    today = coop_today()  # the coop's day, as everywhere (core.api.today)
    return {"name": name, "package": f"soin_{name}", "dist": f"soin-{name.replace('_', '-')}",
            "title": title, "title_fr": title_fr or title, "revision": secrets.token_hex(6),
            "date": today.strftime("%Y%m%d"), "iso_date": today.isoformat(),
            "core_revision": core_base_revision(), "core_version": core_version()}


def _target(relative: Path, values: dict) -> Path:
    path = Path(*(part.format_map(values) for part in relative.parts))
    return path.with_suffix("") if path.suffix == ".tmpl" else path


def generate(name: str, dest: Path, title: str | None = None, title_fr: str | None = None) -> Path:
    """Write the plugin package into ``dest`` (created; must be absent or empty); return it."""
    check_name(name)
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise ScaffoldError(f"{dest} is not empty")
    values = variables(name, title, title_fr)
    for source in sorted(TEMPLATES.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        target = dest / _target(source.relative_to(TEMPLATES), values)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        if source.suffix == ".tmpl":
            text = Template(text).substitute(values)
        target.write_text(text, encoding="utf-8")
    return dest
