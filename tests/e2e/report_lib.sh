# Set-up shared by the suites of the report and the proposal (sourced): the worked example and
# GitHub's Markdown renderer as the judge of what a Markdown file really shows.
source "$(dirname "$0")/lib.sh"

EXAMPLES="$CNA_SOURCE_DIR/examples"

# A workspace holding a copy of the worked example (account acme: ready, every item confirmed).
example_workspace() {
  new_workspace
  cp -R "$EXAMPLES/workspace/." "$WS/"
}

# FILE TABLES: cmark-gfm (GitHub's renderer) makes TABLES tables, each row as wide as its header,
# and nothing from an answer becomes a link, an image or raw HTML.
check_md() {
  cmark-gfm -e table -e autolink -e strikethrough -e tagfilter "$1" > "$E2E_ROOT/md.html"
  python3 - "$E2E_ROOT/md.html" "$2" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
tables = re.findall(r"<table>.*?</table>", html, re.S)
assert len(tables) == int(sys.argv[2]), f"{len(tables)} tables, expected {sys.argv[2]}"
for t in tables:
    widths = {len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>.*?</tr>", t, re.S)}
    assert len(widths) == 1, f"rows of different widths {widths} in {t[:300]}"
for bad in ("<a href", "<img", "<script", "<b>", "raw HTML omitted", "\x1b"):
    assert bad not in html, f"found {bad!r}"
EOF
}
