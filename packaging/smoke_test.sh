#!/usr/bin/env bash
# Smoke test of the built app, headless, as an analyst's machine would run it: no Python on PATH,
# no virtual environment, an empty HOME.
#
#   packaging/smoke_test.sh [BUILD_FOLDER]     (or: make smoke-app; default packaging/dist/article-review)
#
# It ingests the sample articles that ship inside the build, lists them, then opens the window
# offscreen and closes it (and again on Xvfb with the xcb plugin if xvfb-run is installed).
# Prints the start-up times; exits non-zero on the first failure.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
APP="$(cd "${1:-$HERE/dist/article-review}" && pwd)"
EXE="$APP/article-review"
[ -x "$EXE" ] || { echo "smoke: no built app at $APP (run packaging/build.sh)" >&2; exit 2; }

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/home"
# The bundled samples: they prove the resources landed where the frozen app looks for them.
cp -r "$APP/_internal/desktop/resources/samples" "$TMP/samples"
DB="$TMP/project.sqlite"
n_samples=$(find "$TMP/samples" -type f \( -name '*.txt' -o -name '*.md' -o -name '*.htm*' \) | wc -l)

# Only the build folder on PATH, nothing inherited from this shell (no VIRTUAL_ENV, PYTHONPATH...).
run() {
    env -i PATH="$APP" HOME="$TMP/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"
}
fail() { echo "smoke: FAIL: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

cd "$TMP"  # never the source checkout: nothing may be imported from it

t=$(now)
version=$(run article-review --version) || fail "--version exited $?"
echo "smoke: --version -> '$version' in $(elapsed "$t")s"
[[ "$version" == article-review\ * ]] || fail "unexpected --version output: $version"

if ! run article-review --help | grep -qw ingest; then
    fail "the build has no ingest command"
fi
t=$(now)
run article-review ingest "$TMP/samples" --db "$DB" > "$TMP/ingest.out" 2> "$TMP/ingest.err" \
    || { cat "$TMP/ingest.out" "$TMP/ingest.err" >&2; fail "ingest exited non-zero"; }
echo "smoke: ingest of $n_samples sample articles in $(elapsed "$t")s"
# The trained pipeline ran (not the blank fallback) and facts were proposed without warnings.
grep -q "^model: en_core_web_sm" "$TMP/ingest.out" || { cat "$TMP/ingest.out" >&2; fail "the trained pipeline did not run"; }
if grep -qiE "warning|Traceback" "$TMP/ingest.err"; then
    cat "$TMP/ingest.err" >&2
    fail "ingest warned or crashed"
fi

# Every sample is listed as a document of the project, with entities found in it.
run article-review docs --db "$DB" --format jsonl > "$TMP/docs.out" 2>&1 || { cat "$TMP/docs.out" >&2; fail "docs exited non-zero"; }
for path in "$TMP"/samples/*; do
    name="$(basename "$path")"
    grep -qF "\"file\": \"$name\"" "$TMP/docs.out" || { cat "$TMP/docs.out" >&2; fail "docs does not list $name"; }
done
if grep -q '"spans": 0,' "$TMP/docs.out"; then
    cat "$TMP/docs.out" >&2
    fail "a sample article has no spans"
fi
echo "smoke: docs lists all $n_samples articles, each with spans"
run article-review stats --db "$DB" > "$TMP/stats.out" 2>&1 || { cat "$TMP/stats.out" >&2; fail "stats exited non-zero"; }
grep -qE "^facts: +[a-z]+[a-z:]* [1-9]" "$TMP/stats.out" || { cat "$TMP/stats.out" >&2; fail "no facts were proposed"; }

# Worker processes: multiprocessing "spawn" re-runs the frozen executable (freeze_support).
t=$(now)
run article-review ingest "$TMP/samples" --db "$TMP/workers.sqlite" --workers 2 > "$TMP/workers.out" 2>&1 \
    || { cat "$TMP/workers.out" >&2; fail "ingest --workers 2 exited non-zero"; }
grep -q "^$n_samples added" "$TMP/workers.out" || { cat "$TMP/workers.out" >&2; fail "ingest --workers 2 did not add every sample"; }
echo "smoke: ingest --workers 2 in $(elapsed "$t")s"

# The window: open on the ingested project, shown offscreen, then quit on its own.
t=$(now)
timeout 180 env -i PATH="$APP" HOME="$TMP/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    article-review "$TMP/samples" --db "$DB" --exit-when-shown > "$TMP/window.out" 2>&1 \
    || { status=$?; cat "$TMP/window.out" >&2; fail "window exited $status"; }
shown=$(awk '/^shown /{print $2; exit}' "$TMP/window.out")
[ -n "$shown" ] || { cat "$TMP/window.out" >&2; fail "the window was never shown"; }
echo "smoke: window shown after $(awk -v a="$t" -v b="$shown" 'BEGIN { printf "%.2f", b - a }')s, closed after $(elapsed "$t")s"
if grep -q "Traceback" "$TMP/window.out"; then
    cat "$TMP/window.out" >&2
    fail "the window printed a traceback"
fi

# The same on a real X server (Xvfb) with the xcb plugin analysts' desktops use, when available.
if command -v xvfb-run > /dev/null; then
    t=$(now)
    # xvfb-run sets DISPLAY and XAUTHORITY for the inner shell; env -i passes only those on.
    timeout 180 xvfb-run -a bash -c 'exec env -i PATH="$1" HOME="$2" LANG=C.UTF-8 DISPLAY="$DISPLAY" \
        XAUTHORITY="$XAUTHORITY" QT_QPA_PLATFORM=xcb article-review "$3" --db "$4" --no-ingest --exit-when-shown' \
        _ "$APP" "$TMP/home" "$TMP/samples" "$DB" > "$TMP/xcb.out" 2>&1 \
        || { status=$?; cat "$TMP/xcb.out" >&2; fail "window on xcb (Xvfb) exited $status"; }
    grep -q "^shown " "$TMP/xcb.out" || { cat "$TMP/xcb.out" >&2; fail "the window was never shown on xcb"; }
    echo "smoke: window on xcb (Xvfb) opened and closed in $(elapsed "$t")s"
else
    echo "smoke: no xvfb-run, the xcb platform plugin was not tried"
fi

echo "smoke: OK ($APP, $(du -sh "$APP" | cut -f1))"
