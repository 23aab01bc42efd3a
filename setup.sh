#!/usr/bin/env bash
# Sets up everything backprop-video needs on Debian/Ubuntu: system packages, a virtual environment
# in .venv, and the package with its test tools. A second run skips what is already there.
set -euo pipefail
cd "$(dirname "$0")"

# cairo and pango headers to build manim's pycairo/manimpango; LaTeX for MathTex; espeak-ng for --narrate.
SYSTEM_PACKAGES=(pkg-config libcairo2-dev libpango1.0-dev texlive-latex-base texlive-latex-extra
                 texlive-fonts-recommended dvisvgm espeak-ng)
PYTHON=${PYTHON:-python3}
VENV=.venv

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

missing=()
is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for package in "${SYSTEM_PACKAGES[@]}"; do is_installed "$package" || missing+=("$package"); done
command -v "$PYTHON" >/dev/null || missing+=(python3)
command -v gcc >/dev/null || missing+=(gcc)
if command -v "$PYTHON" >/dev/null; then
  "$PYTHON" -c 'import sys, sysconfig, os; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
    || missing+=(python3-dev)
  "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
fi

if ((${#missing[@]})); then
  command -v apt-get >/dev/null || die "no apt-get here; install these packages (or your system's equivalents) yourself: ${missing[*]}"
  if [[ $EUID -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null; then
    as_root=(sudo)
  else
    die "need root to install ${missing[*]}; run as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  fi
  say "installing system packages: ${missing[*]}"
  "${as_root[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  say "system packages already installed"
fi

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || die "Python 3.11 or newer is needed, $("$PYTHON" --version) found (set PYTHON=/path/to/python3.11)"

if [[ ! -x $VENV/bin/python ]]; then
  say "creating the virtual environment $VENV"
  "$PYTHON" -m venv "$VENV"
fi

# Reinstall only when pyproject.toml changed since the last successful install.
stamp=$VENV/.backprop-video-installed
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
  say "python packages already installed"
else
  say "installing backprop-video and its test tools into $VENV (the first time builds pycairo and manimpango)"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e '.[test]'
  echo "$wanted" > "$stamp"
fi
say "ready"
