# Install the Debian packages a script needs, only those that are missing.
# Sourced (not run) by scripts/build.sh and scripts/test.sh:
#
#   . scripts/system-packages.sh
#   need dot graphviz          # add graphviz to the list unless `dot` is on PATH
#   need_venv "$PYTHON"        # add python3-venv unless .venv works or PYTHON can make one
#   install_missing || exit 1  # apt-get install the list (as root, else through sudo)
#
# install_missing returns 1 without apt-get (after saying what to install by hand), so the
# caller decides whether to carry on; it stops the script when apt-get itself fails.

missing=""

say() { printf '%s\n' "${0##*/}: $*" >&2; }

# need PROGRAM PACKAGE... : the packages are missing when PROGRAM is not on PATH.
need() {
    program=$1
    shift
    command -v "$program" >/dev/null 2>&1 || missing="$missing $*"
}

# need_venv PYTHON : Debian splits venv/ensurepip out of python3 into python3-venv.
need_venv() {
    if ! command -v "$1" >/dev/null 2>&1; then
        missing="$missing python3 python3-venv"
    elif ! venv_works && ! "$1" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        missing="$missing python3-venv"
    fi
}

# venv_works : .venv exists and has pip (`python3 -m venv` without python3-venv leaves a
# .venv without pip behind; the scripts then make it again).
venv_works() {
    .venv/bin/python -m pip --version >/dev/null 2>&1
}

install_missing() {
    [ -n "$missing" ] || return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        say "missing:$missing - install these with your system's package manager"
        return 1
    fi
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
    # shellcheck disable=SC2086 # $as_root is empty or a command; $missing is a list of names
    if ! $as_root apt-get update -q ||
        ! $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing; then
        say "could not install$missing - install them yourself (as root:" \
            "apt-get install -y$missing), then run this script again"
        exit 1
    fi
}
