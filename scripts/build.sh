#!/bin/sh
# Install teekond and build the shipped workspace's site into build/:
# sh scripts/build.sh [TEEKOND BUILD OPTIONS...]
#
# 1. Installs the system packages the build uses, only those that are missing, with apt-get
#    (as root directly, otherwise through sudo): graphviz (dot) and python3-venv.
# 2. Creates .venv if it is missing and installs teekond into it as a user gets it:
#    `pip install .`, not editable.
# 3. Runs `teekond build .` (validate, then write the site) and exits with its status.
#
# Works on a fresh Debian 12 with Python 3.11. PYTHON chooses the interpreter that creates
# .venv (default python3, 3.11 or newer).
set -eu

cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}

. scripts/system-packages.sh
need dot graphviz
need_venv "$PYTHON"
install_missing || exit 1

if ! venv_works; then
    say "creating .venv with $PYTHON"
    "$PYTHON" -m venv --clear .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check .

exec .venv/bin/teekond build . "$@"
