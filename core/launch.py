"""The ``soin`` command's entry point: its command line imported with the collector paused.

``core.cli`` imports Flask, SQLAlchemy and core's database module: some 0.4 s of a start, a
hundred thousand objects that live as long as the process. Python's cycle collector walked them
again and again as they piled up, for no garbage (measured: 0.38-0.41 s of CPU to import
``core.cli``, 0.31-0.35 s with the collector paused). ``create_app`` pauses it the same way
while it builds the application (:func:`core.app.collector_paused`); this covers what ``soin``
imports before it. Each command then runs with the collector on, as before.
"""

from __future__ import annotations


def main():
    """Run the ``soin`` command line (:data:`core.cli.main`)."""
    from core.app import collector_paused

    with collector_paused():
        from core.cli import main as command_line
    return command_line()
