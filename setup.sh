#!/usr/bin/env bash
# Sets up everything backprop-video needs on Debian/Ubuntu: system packages, a virtual environment
# in .venv, and the package with its test tools. A second run skips what is already there.
#   ./setup.sh            the video
#   ./setup.sh --slides   also the lecture deck (`backprop-video slides`): the slides extra (manim-slides),
#                         reveal.js from the npm registry, and what the deck's tests open it with
#                         (Chromium, LibreOffice Impress, poppler)
set -euo pipefail
cd "$(dirname "$0")"

SLIDES=0
for arg in "$@"; do
  case $arg in
    --slides) SLIDES=1 ;;
    -h|--help) sed -n '2,7p' "$0" | cut -c3-; exit 0 ;;
    *) printf 'setup: error: unknown option %s (expected --slides)\n' "$arg" >&2; exit 2 ;;
  esac
done

# cairo and pango headers to build manim's pycairo/manimpango; LaTeX for MathTex; espeak-ng for --narrate.
SYSTEM_PACKAGES=(pkg-config libcairo2-dev libpango1.0-dev texlive-latex-base texlive-latex-extra
                 texlive-fonts-recommended dvisvgm espeak-ng)
# The deck's tests: a headless browser and its driver, PPTX -> PDF, PDF -> PNG.
SLIDES_TEST_PACKAGES=(chromium chromium-driver libreoffice-impress poppler-utils)
PYTHON=${PYTHON:-python3}
VENV=.venv
EXTRAS=test
if ((SLIDES)); then
  SYSTEM_PACKAGES+=("${SLIDES_TEST_PACKAGES[@]}")
  EXTRAS=test,slides
fi

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

missing=()
is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for package in "${SYSTEM_PACKAGES[@]}"; do is_installed "$package" || missing+=("$package"); done
command -v "$PYTHON" >/dev/null || missing+=(python3)
command -v gcc >/dev/null || missing+=(gcc)
if ((SLIDES)); then command -v npm >/dev/null || missing+=(nodejs npm); fi
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

# Reinstall only when pyproject.toml or the extras changed since the last successful install (a plain run after
# --slides keeps the slides extra).
stamp=$VENV/.backprop-video-installed
if ((!SLIDES)) && [[ -f $stamp ]] && grep -q ' test,slides$' "$stamp"; then EXTRAS=test,slides; fi
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1) $EXTRAS"
if [[ -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
  say "python packages already installed"
else
  say "installing backprop-video and its test tools ($EXTRAS) into $VENV (the first time builds pycairo and manimpango)"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".[$EXTRAS]"
  echo "$wanted" > "$stamp"
fi

# reveal.js from the npm registry, into the environment, where `backprop-video slides --to html` copies it from.
# Which version, and where: as scenes/pipeline/revealjs.py says (the version manim-slides' page is written for).
if ((SLIDES)); then
  read -r REVEALJS_VERSION revealjs < <("$VENV/bin/python" -c \
    'import sys; from scenes.pipeline.revealjs import NPM_PREFIX, REVEALJS_VERSION as v; print(v, sys.prefix + "/" + str(NPM_PREFIX))')
  if grep -qs "\"version\": \"$REVEALJS_VERSION\"" "$revealjs/node_modules/reveal.js/package.json"; then
    say "reveal.js $REVEALJS_VERSION already installed"
  else
    say "installing reveal.js $REVEALJS_VERSION into $revealjs"
    mkdir -p "$revealjs"
    npm install --prefix "$revealjs" --no-audit --no-fund --loglevel=error "reveal.js@$REVEALJS_VERSION"
  fi
fi
say "ready"
