"""The application's own modules, for the checks that read its source (one commit per request,
the coop's day): core and every plugin, their tests and migrations aside."""

from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: not part of the running application
SKIPPED = ("tests", "migrations")


def scan(lines_of: Callable[[str, str], list]) -> dict[str, list]:
    """``lines_of(source, name)`` for each module, by path from the repository's root, keeping
    the modules where it found something."""
    found: dict[str, list] = {}
    for path in sorted([*ROOT.glob("core/**/*.py"), *ROOT.glob("plugins/**/*.py")]):
        relative = path.relative_to(ROOT)
        if any(part in SKIPPED for part in relative.parts):
            continue
        lines = lines_of(path.read_text(), str(path))
        if lines:
            found[relative.as_posix()] = lines
    return found
