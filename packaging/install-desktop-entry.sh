#!/usr/bin/env sh
# Add Article Review to the desktop's application menu for the current user (no root needed).
# Run it from the built folder: ./install-desktop-entry.sh   (undo: ./install-desktop-entry.sh --remove)
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="$HOME/.local/bin"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$BIN/article-review" "$DATA/applications/article-review.desktop" \
          "$DATA/icons/hicolor/256x256/apps/article-review.png" "$DATA/icons/hicolor/scalable/apps/article-review.svg"
    echo "Removed the Article Review menu entry."
    exit 0
fi
mkdir -p "$BIN" "$DATA/applications" "$DATA/icons/hicolor/256x256/apps" "$DATA/icons/hicolor/scalable/apps"
ln -sf "$HERE/article-review" "$BIN/article-review"
cp "$HERE/article-review.png" "$DATA/icons/hicolor/256x256/apps/article-review.png"
cp "$HERE/article-review.svg" "$DATA/icons/hicolor/scalable/apps/article-review.svg"
# Exec with the absolute path: ~/.local/bin is not on every desktop session's PATH.
sed "s|^Exec=article-review|Exec=\"$HERE/article-review\"|" "$HERE/article-review.desktop" \
    > "$DATA/applications/article-review.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA/applications" || true
echo "Installed: Article Review is in the application menu; 'article-review' is in $BIN."
