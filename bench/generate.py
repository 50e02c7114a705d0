"""``python -m bench.generate --persons N --db URL``: the same as ``soin bench generate``.

The generator itself lives in :mod:`core.benchdata` so that an installed copy can build a bench
coop on the coop's own machine; this module only runs that command from a source checkout.
"""

from core.benchdata.cli import generate_command

if __name__ == "__main__":
    generate_command()  # click parses sys.argv
