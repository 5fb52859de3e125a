#!/usr/bin/env bash
# Build the one-folder desktop app: packaging/dist/article-review/ (run it as ./article-review).
#
#   packaging/build.sh          (or: make build-app)
#
# Uses its own virtual environment (packaging/.venv-build, from requirements/build.lock with
# hashes) so the development .venv is never touched. PYTHON picks the interpreter (3.11 with its
# shared library: python.org builds, Debian/Ubuntu python3.11 + libpython3.11, or pyenv with
# PYTHON_CONFIGURE_OPTS=--enable-shared).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
PYTHON="${PYTHON:-python3.11}"
VENV="$HERE/.venv-build"
LOCK="$ROOT/requirements/build.lock"
STAMP="$VENV/.installed"
DIST="$HERE/dist"
APP="$DIST/article-review"

# The lock's wheels are for CPython 3.11. (PyInstaller itself says so when the shared
# libpython3.11.so is missing: Debian/Ubuntu ship it in the libpython3.11 package.)
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else
    f"build.sh: needs Python 3.11, {sys.executable} is {sys.version.split()[0]} (set PYTHON=...)")' || exit 2

if [ ! -f "$STAMP" ] || [ "$LOCK" -nt "$STAMP" ]; then
    echo "== build venv: $VENV"
    "$PYTHON" -m venv --clear "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$LOCK"
    touch "$STAMP"
fi

echo "== PyInstaller (a few minutes)"
start=$(date +%s)
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$HERE/build" "$HERE/article-review.spec"

# What a Linux desktop needs to list the app: the entry file, the icon and a helper to install both.
cp "$HERE/article-review.desktop" "$APP/"
cp "$ROOT/resources/icons/article-review.png" "$ROOT/resources/icons/article-review.svg" "$APP/"
install -m 755 "$HERE/install-desktop-entry.sh" "$APP/"

echo "== built $APP in $(( $(date +%s) - start ))s, $(du -sh "$APP" | cut -f1)"
