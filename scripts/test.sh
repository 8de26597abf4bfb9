#!/bin/sh
# Run teekond's checks: sh scripts/test.sh [PYTEST ARGS...]
#
# 1. Installs the system programs the tests use, only those that are missing, with apt-get
#    (as root directly, otherwise through sudo): graphviz (dot), chromium and
#    fonts-dejavu-core (the browser tests; Playwright drives it, nothing downloads a
#    browser), poppler-utils (pdfinfo), nodejs and npm (Mermaid's parser for the export
#    tests) and python3-venv.
# 2. Creates .venv if it is missing and installs teekond editable with its test extras;
#    installs tests/mermaid's npm packages (npm ci) if they are missing.
# 3. Runs ruff (stops here if it finds anything), then pytest, and exits with pytest's status.
#
# Works in CI (root, no terminal, CI=true) and on a fresh Debian 12. PYTHON chooses the
# interpreter that creates .venv (default python3, 3.11 or newer).
set -eu

cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}

. scripts/system-packages.sh
need dot graphviz
need chromium chromium fonts-dejavu-core
need pdfinfo poppler-utils
need node nodejs
need npm npm
need_venv "$PYTHON"
install_missing || say "carrying on: the tests that need them will fail and say so"

if ! venv_works; then
    say "creating .venv with $PYTHON"
    "$PYTHON" -m venv --clear .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
# Mermaid's own parser for tests/test_export_mermaid.py, at the version package-lock.json pins.
if [ ! -d tests/mermaid/node_modules/mermaid ]; then
    npm ci --prefix tests/mermaid --no-audit --no-fund --ignore-scripts --loglevel=error
fi

.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
