#!/usr/bin/env bash
# Build the one-folder desktop app: packaging/dist/article-review/ (run it as ./article-review).
#
#   packaging/build.sh          (or: make build-app)
#
# Uses its own virtual environment (packaging/.venv-build, from requirements/build.lock with
# hashes) so the development .venv is never touched. PYTHON picks the interpreter (3.11, built
# with --enable-shared, as python.org, Debian and pyenv builds with PYTHON_CONFIGURE_OPTS are).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
PYTHON="${PYTHON:-python3.11}"
VENV="$HERE/.venv-build"
LOCK="$ROOT/requirements/build.lock"
STAMP="$VENV/.installed"
DIST="$HERE/dist"
APP="$DIST/article-review"

# The lock's wheels are for CPython 3.11, and PyInstaller needs the shared libpython.
"$PYTHON" - <<'PY' || exit 2
import sys, sysconfig
if sys.version_info[:2] != (3, 11):
    sys.exit(f"build.sh: needs Python 3.11, {sys.executable} is {sys.version.split()[0]} (set PYTHON=...)")
if not sysconfig.get_config_var("Py_ENABLE_SHARED") and sys.platform.startswith("linux"):
    sys.exit(f"build.sh: {sys.executable} has no shared libpython (rebuild it with --enable-shared)")
PY

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
