#!/usr/bin/env bash
# End to end, as a volunteer would: `soin plugin new` writes a plugin into a temporary folder,
# pip installs it into .venv as its own distribution (a wheel, not editable), then core's
# contract suite and the plugin's own tests run against the installed copy, on SQLite and on
# PostgreSQL; finally it is uninstalled. Run from anywhere: tests/contract/run_scaffold_e2e.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=$ROOT/.venv/bin
PG_URL=${PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}
NAME=osteopathy
DIST=soin-osteopathy
WORK=$(mktemp -d)
PLUGIN=$WORK/$DIST

cleanup() {
  "$BIN/pip" uninstall -q -y "$DIST" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "-- soin plugin new $NAME"
"$BIN/soin" plugin new "$NAME" --dest "$PLUGIN" --title Osteopathy --title-fr Ostéopathie
echo "-- pip install $DIST (its own distribution)"
"$BIN/pip" install -q "$PLUGIN"
"$BIN/python" - "$WORK" <<'PY'
import sys
from importlib import metadata
import soin_osteopathy
[ep] = [e for e in metadata.entry_points(group="soin.plugins") if e.name == "osteopathy"]
assert ep.dist.metadata["Name"] == "soin-osteopathy", ep.dist.metadata["Name"]
assert not soin_osteopathy.__file__.startswith(sys.argv[1]), "the folder ran, not the install"
print(f"installed: {ep.dist.metadata['Name']} {ep.dist.version} at {soin_osteopathy.__file__}")
PY

echo "-- soin db upgrade, plugins enable and list (a fresh SQLite database)"
export SOIN_DATABASE_URL="sqlite:///$WORK/e2e.sqlite"
# a throwaway key: the soin command refuses to start without one outside the demo and tests
export SOIN_SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_hex(32))')"
"$BIN/soin" db upgrade
"$BIN/soin" plugins enable "$NAME"
"$BIN/soin" plugins list | tee "$WORK/list.txt"
grep -Eq "^$NAME +0\.1\.0 +package $DIST 0\.1\.0 +active" "$WORK/list.txt"
unset SOIN_DATABASE_URL

for DB in sqlite postgresql; do
  if [ "$DB" = postgresql ]; then export SOIN_TEST_DATABASE_URL=$PG_URL; fi
  echo "-- core's contract suite on $NAME ($DB)"
  "$BIN/pytest" -q "$ROOT/tests/contract/test_contract.py" --soin-contract "$NAME"
  echo "-- the plugin's own tests, against the installed copy ($DB)"
  (cd "$PLUGIN" && "$BIN/pytest" -q)
done
unset SOIN_TEST_DATABASE_URL

echo "-- pip uninstall $DIST"
"$BIN/pip" uninstall -q -y "$DIST"
if "$BIN/python" -c "import soin_osteopathy" 2>/dev/null; then echo "still importable"; exit 1; fi
echo "scaffold end to end: ok"
