#!/bin/sh
# Run teekond's test suite: sh scripts/test.sh [PYTEST ARGS...]
#
# 1. Installs the system programs the tests use, only those that are missing, with apt-get
#    (as root directly, otherwise through sudo): graphviz (dot), chromium (the browser
#    tests; Playwright drives it, nothing downloads a browser) and poppler-utils (pdfinfo).
# 2. Creates .venv if it is missing and installs teekond with its test extras into it.
# 3. Runs pytest from .venv and exits with its status.
#
# Works in CI (root, no terminal, CI=true) and on a fresh Debian 12. PYTHON chooses the
# interpreter that creates .venv (default python3, 3.11 or newer).
set -eu

cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}

say() { printf '%s\n' "test.sh: $*" >&2; }

missing=""
command -v dot >/dev/null 2>&1 || missing="$missing graphviz"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium fonts-dejavu-core"
command -v pdfinfo >/dev/null 2>&1 || missing="$missing poppler-utils"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    missing="$missing python3 python3-venv"
elif [ ! -x .venv/bin/python ] && ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    missing="$missing python3-venv"   # Debian splits venv/ensurepip out of python3
fi

if [ -n "$missing" ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        say "missing:$missing - install these with your system's package manager;" \
            "carrying on, the tests that need them will fail and say so"
    else
        if [ "$(id -u)" -eq 0 ]; then
            as_root=""
        elif command -v sudo >/dev/null 2>&1; then
            # Without a terminal sudo must not wait for a password nobody can type.
            if [ -t 0 ]; then as_root="sudo"; else as_root="sudo -n"; fi
        else
            say "missing:$missing - run as root or install sudo to let this script" \
                "install them (apt-get install -y$missing)"
            exit 1
        fi
        say "installing$missing"
        $as_root apt-get update -q
        # shellcheck disable=SC2086 # $missing is a list of package names
        $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
    fi
fi

if [ ! -x .venv/bin/python ]; then
    say "creating .venv with $PYTHON"
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

exec .venv/bin/python -m pytest "$@"
