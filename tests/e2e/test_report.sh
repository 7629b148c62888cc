#!/usr/bin/env bash
# `cna report`: the worked example's golden files byte for byte (and the script that regenerates
# them), every format read back by a real parser, answers that try to inject markup, formulas or
# terminal escapes, `--all` in one document or one file per account, and the refusals.
set -euo pipefail
source "$(dirname "$0")/report_lib.sh"

# A workspace whose account "evil" has answers that try every injection. Values the input grammar
# would refuse or trim (a leading tab or CR) are written into the file as a hand edit would.
injection_workspace() {
  new_workspace
  "$CNA" who evil add dana-lee --name "Dana <b>Lee</b>" >/dev/null
  cat > answers.json <<'EOF'
{"answers": {
  "current_approach": {"value": "<script>alert(1)</script>\n[x](javascript:alert(1))\na | b\n\u001b]0;pwned\u0007", "source": "dana-lee", "note": "-1"},
  "service_response": {"value": "=HYPERLINK(\"http://evil\")", "source": "dana-lee", "note": "+1"},
  "affiliations": {"value": "@SUM(A1)", "source": "dana-lee", "note": "![img](http://evil/x.png) www.evil.com jo@evil.com https://evil.com"},
  "key_problems": {"value": ["<script>alert(1)</script>", "[x](javascript:alert(1))", "=HYPERLINK(\"http://evil\")", "+1", "-1", "@SUM(A1)", "a | b", "\u001b]0;pwned\u0007"], "source": "dana-lee"}
}}
EOF
  run "$CNA" import evil answers.json
  jq '.answers.business_goal = {"state": "answered", "value": "\tleading tab", "source": "dana-lee"}
      | .answers.problem_impact = {"state": "answered", "value": "\rleading CR\r\nsecond line", "source": "dana-lee", "note": "\u001b]0;pwned\u0007"}' \
    assessments/evil.json > edited.json
  mv edited.json assessments/evil.json
}

# python3 checks, one per format; each exits non-zero with a message when the check fails.
check_csv() { # FILE ROWS: RFC 4180 as python reads it, ROWS data rows of 20 cells, no live formula
  python3 - "$1" "$2" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
assert rows[0] == ["account", "checklist", "ready", "section", "item", "type", "prompt", "state",
                   "answer", "value", "currency", "source", "source_id", "note", "confirmed_at",
                   "confirmed_by", "confirmed_with", "confirmed_with_id", "gate", "detail"], rows[0]
assert len(rows) - 1 == int(sys.argv[2]), f"{len(rows) - 1} data rows, expected {sys.argv[2]}"
for row in rows:
    assert len(row) == 20, f"row of {len(row)} cells: {row}"
    for at, cell in enumerate(row):
        number = at == 9 and row[5] in ("number", "scale", "money") # a sign, not a formula
        assert number or not cell or cell[0] not in "=+-@\t\r", f"live formula: {cell!r}"
        assert "\x1b" not in cell, f"raw escape: {cell!r}"
EOF
}

check_json() { # FILE EXPRESSION: valid JSON for which the python EXPRESSION on `j` is true
  python3 - "$1" "$2" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
assert eval("(" + sys.argv[2] + ")"), f"not true: {sys.argv[2]}"
EOF
}

# python3 with tests/e2e/html_page.py importable (the one HTML parser and PNG decoder of these
# checks), writing no bytecode into the source tree.
html_python() { PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$CNA_SOURCE_DIR/tests/e2e" python3 "$@"; }

# FILE: well-formed HTML (every element closed in order), the CSP, the SVG chart, no script and
# no external resource; prints the visible text for further checks.
check_html() {
  html_python - "$1" <<'EOF'
import sys
import html_page
p = html_page.read(sys.argv[1])
assert not p.links, f"links: {p.links}"
print("".join(p.text))
EOF
}

case_ "cna report --help exits 0 and names the formats"
new_workspace
expect_status 0 "$CNA" report --help
expect_contains "$OUT" "text (for a terminal (default)), md (Markdown, for git hosts), html (one printable page, no scripts), json (one JSON document), csv (one row per item), ndjson"
ok

case_ "every format of the worked example matches its golden file byte for byte"
example_workspace
for format in text md html json csv; do
  golden="$EXAMPLES/reports/acme.$format"
  [ "$format" = text ] && golden="$EXAMPLES/reports/acme.txt"
  "$CNA" report acme --format "$format" > "report.$format" || fail "report --format $format"
  cmp "report.$format" "$golden" || fail "$format differs from $golden (regenerate: see README)"
done
"$CNA" report acme > default.txt
cmp default.txt "$EXAMPLES/reports/acme.txt" || fail "the default format is not text"
ok

case_ "-o FILE writes the same bytes atomically, with the umask's mode, and says where"
example_workspace
umask 022
expect_status 0 "$CNA" report acme --format html -o out.html
expect_contains "$OUT" "acme: html report written to out.html"
cmp out.html "$EXAMPLES/reports/acme.html" || fail "-o differs from stdout"
# An export is readable by a reporting user under umask 022; the assessments stay private.
[ "$(stat -c %a out.html)" = 644 ] || fail "mode $(stat -c %a out.html) under umask 022"
run "$CNA" answer newco business_goal "Grow"
[ "$(stat -c %a assessments/newco.json)" = 600 ] || fail "assessment mode $(stat -c %a assessments/newco.json)"
(umask 077 && "$CNA" report acme --format md -o private.md) || fail "report under umask 077"
[ "$(stat -c %a private.md)" = 600 ] || fail "mode $(stat -c %a private.md) under umask 077"
chmod 640 out.html
expect_status 0 "$CNA" report acme --format html -o out.html
[ "$(stat -c %a out.html)" = 640 ] || fail "a rewrite changed the file's mode: $(stat -c %a out.html)"
(umask 027 && "$CNA" report --all --format md -o per-account) || fail "report --all -o DIR"
[ "$(stat -c %a per-account/acme.md)" = 640 ] || fail "--all mode $(stat -c %a per-account/acme.md)"
rm -rf private.md per-account assessments/newco.json
ls -a | grep -q '\.tmp\.' && fail "a temporary file was left behind"
expect_status 0 "$CNA" -q report acme --format md -o out.md
[ -z "$OUT" ] || fail "-q printed: $OUT"
ok

case_ "examples/make-example.sh regenerates the example through the binary, byte for byte"
regen="$E2E_ROOT/regen"
CNA="$CNA" bash "$EXAMPLES/make-example.sh" "$regen" > /dev/null 2>"$E2E_ROOT/regen.err" ||
  { cat "$E2E_ROOT/regen.err" >&2; fail "make-example.sh failed"; }
diff -r "$regen/workspace" "$EXAMPLES/workspace" -x '.*.lock' || fail "the workspace differs"
diff -r "$regen/reports" "$EXAMPLES/reports" || fail "the reports differ"
ok

# The rows after the items: one per next step and one per meeting of the account.
extra_rows() { jq '(.next_steps | length) + (.meetings | length)' "assessments/$1.json"; }

case_ "csv: python's csv module reads one row per applicable item, then one per next step and meeting"
example_workspace
"$CNA" report acme --format csv > acme.csv
items=$("$CNA" status acme --json | jq '.accounts[0].applicable')
[ "$(extra_rows acme)" = 4 ] || fail "the example has $(extra_rows acme) next steps and meetings"
check_csv acme.csv $((items + 4)) || fail "csv check"
ok

case_ "meetings and next steps in report --json and csv: ids, names, states; the outcome only for the account team"
example_workspace
"$CNA" meeting acme add --date 2026-11-20 --purpose "=HYPERLINK(\"http://evil\")" --with dana-lee --outcome "Pilot agreed" >/dev/null
"$CNA" next acme add Send the pilot plan --owner dana-lee --due 2026-11-21 >/dev/null
expect_status 0 "$CNA" report acme --json
[ "$(jq -c '.next_steps[0] | [.what, .owner, .owner_name, .due, .done, .overdue]' <<<"$OUT")" = '["Send the pilot plan","dana-lee","Dana Lee","2026-11-21","",true]' ] ||
  fail "next steps: $(jq -c .next_steps <<<"$OUT")"
[ "$(jq -c '.meetings[0] | [.date, .purpose, .attendees, .outcome]' <<<"$OUT")" = '["2026-11-20","=HYPERLINK(\"http://evil\")",[{"id":"dana-lee","name":"Dana Lee"}],"Pilot agreed"]' ] ||
  fail "meetings: $(jq -c .meetings <<<"$OUT")"
[ "$(jq -c '[(.meetings | length), (.next_steps | length)]' <<<"$OUT")" = '[3,3]' ] || fail "counts: $OUT"
expect_status 0 "$CNA" report acme --json --audience customer
[ "$(jq -r '.meetings[0].outcome' <<<"$OUT")" = "" ] || fail "the customer sees the outcome: $OUT"
"$CNA" report acme --format csv > acme.csv
items=$("$CNA" status acme --json | jq '.accounts[0].applicable')
check_csv acme.csv $((items + 6)) || fail "csv check" # no live formula in the purpose either
python3 - acme.csv <<'EOF' || fail "csv rows"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
steps = [r for r in rows if r["gate"] == "next-step"]
meetings = [r for r in rows if r["gate"] == "meeting"]
assert [r["type"] for r in steps] == ["next-step"] * 3 and len(meetings) == 3, rows[-6:]
first = steps[0]
assert [first["prompt"], first["state"], first["answer"], first["value"], first["source"], first["source_id"]] == \
    ["Send the pilot plan", "overdue", "OVERDUE", "2026-11-21", "Dana Lee", "dana-lee"], first
m = meetings[0]
assert [m["prompt"], m["answer"], m["value"], m["source_id"]] == \
    ["'=HYPERLINK(\"http://evil\")", "Pilot agreed", "2026-11-20", "dana-lee"], m
assert m["detail"] == "0 answered, 0 read back", m
EOF
ok

case_ "json: the documented, versioned shape"
example_workspace
"$CNA" report acme --format json > acme.json
check_json acme.json 'list(j)[:4] == ["cna_report", "generated_at", "audience", "account"] and j["cna_report"] == 2
  and j["ready"] and j["blocked"] == 0 and j["checklist"]["id"] == "discovery"
  and len(j["power_base"]) == 3 and j["blockers"] == []
  and j["sections"][0]["items"][0]["confirmed"]["with"] == "mia-chen"' || fail "json shape"
ok

case_ "--json is --format json; with another --format it is a usage error (2)"
example_workspace
expect_status 0 "$CNA" report acme --json
[ "$OUT" = "$("$CNA" report acme --format json)" ] || fail "--json and --format json differ"
expect_status 2 "$CNA" report acme --json --format csv
expect_contains "$ERR" "--json and --format csv disagree"
ok

case_ "md: GitHub's renderer makes every table, and no link or raw HTML"
example_workspace
"$CNA" report acme --format md > acme.md
check_md acme.md 14 || fail "md check" # summary, readiness, 9 sections, power base, meetings, next steps
ok

case_ "html: well-formed, self-contained, a CSP, the SVG chart, no script"
example_workspace
"$CNA" report acme --format html > acme.html
text=$(check_html acme.html) || fail "html check"
expect_contains "$text" "READY · 40 applicable items"
ok

case_ "html reads as it should (issue 11): State never breaks mid-word, READY shows no amber, Said names questions"
example_workspace
"$CNA" report acme --format html > acme.html
python3 - acme.html <<'EOF' || fail "html reading"
import re, sys
from html.parser import HTMLParser

class Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.style, self.tables, self.rects, self.labels = "", [], [], []
        self.where, self.cell = [], None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.where.append(tag)
        if tag == "table":
            self.tables.append({"head": [], "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self.cell = [tag, a.get("class", ""), ""]
        elif tag == "rect" and a.get("height") == "10" and a.get("width") != "10":
            self.rects.append((a["y"], int(a["width"]), a["fill"]))
    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            kind, cls, text = self.cell
            table = self.tables[-1]
            (table["head"] if kind == "th" else table["rows"][-1]).append((cls, text))
            self.cell = None
        if self.where:
            self.where.pop()
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.where.pop()
    def handle_data(self, data):
        if self.where and self.where[-1] == "style":
            self.style += data
        if self.cell is not None:
            self.cell[2] += data
        if self.where and self.where[-1] == "text" and re.fullmatch(r"\d+/\d+", data):
            self.labels.append(data)

r = Reader()
r.feed(open(sys.argv[1], encoding="utf-8").read())
# 1. "answere / d · ok": a cell that may break anywhere lets the table squeeze its column.
if "anywhere" in r.style:
    sys.exit("overflow-wrap: anywhere lets the table break words in any column")
if not re.search(r"td\.state\s*\{[^}]*white-space:\s*nowrap", r.style):
    sys.exit("no nowrap rule for the State column")
state_cells = 0
for t in r.tables:
    heads = [text for _, text in t["head"]]
    if "State" in heads and "Question" in heads:
        at = heads.index("State")
        for row in t["rows"]:
            if len(row) > at:
                state_cells += 1
                if "state" not in row[at][0].split():
                    sys.exit(f"State cell without the state class: {row[at]}")
if state_cells < 40:
    sys.exit(f"{state_cells} State cells")
# 2. READY: every bar is settled to its end (amber and green as wide as the grey track).
bars = {}
for y, width, fill in r.rects:
    bars.setdefault(y, {})[fill] = width
if len(bars) < 9:
    sys.exit(f"{len(bars)} bars")
for y, bar in bars.items():
    if bar["#e0a526"] != bar["#2e8b57"] or bar["#2e8b57"] != bar["#e3e7ed"]:
        sys.exit(f"a READY report's bar at y={y} is not all settled: {bar}")
for label in r.labels:
    done, of = label.split("/")
    if done != of:
        sys.exit(f"a READY report's section shows {label}")
# 3. The power base's Said column names questions by label or prompt, never by item id.
said = [row[3][1] for t in r.tables if [x for _, x in t["head"]][-1:] == ["Said"]
        for row in t["rows"] if len(row) == 4]
if len(said) != 3:
    sys.exit(f"{len(said)} power-base rows")
for cell in said:
    if re.search(r"\b[a-z]+_[a-z_]+\b", cell):
        sys.exit(f"an item id in the Said column: {cell!r}")
if "What you want to accomplish" not in said[0]:
    sys.exit(f"Dana Lee's Said: {said[0]!r}")
EOF
expect_status 0 "$CNA" report acme
expect_contains "$OUT" "said:      What you want to accomplish; How you will measure success;"
expect_not_contains "$OUT" "business_goal,"
expect_status 0 "$CNA" report acme --format md
expect_contains "$OUT" "| Dana Lee | VP Operations | economic-buyer · met | What you want to accomplish; How you will measure success;"
ok

case_ "injections: markup, links, formulas and escape sequences stay inert in every format"
injection_workspace
expect_status 0 "$CNA" report evil --format csv -o evil.csv
items=$("$CNA" status evil --json | jq '.accounts[0].applicable')
check_csv evil.csv "$items" || fail "csv check"
python3 - evil.csv <<'EOF' || fail "csv cells"
import csv, sys
cells = [c for row in csv.reader(open(sys.argv[1], newline="", encoding="utf-8")) for c in row]
for want in ["'=HYPERLINK(\"http://evil\")", "'+1", "'-1", "'@SUM(A1)", "'    leading tab",
             "'\nleading CR\nsecond line", "\\x1b]0;pwned\\x07"]:
    assert want in cells, f"no cell {want!r}"
EOF
"$CNA" report evil --format md > evil.md
check_md evil.md 13 || fail "md check" # summary, readiness, 9 sections, power base, open items
grep -q 'javascript' evil.md || fail "the link text should still be shown"
"$CNA" report evil --format html > evil.html
text=$(check_html evil.html) || fail "html check"
expect_contains "$text" "<script>alert(1)</script>"
expect_contains "$text" "Dana <b>Lee</b>"
expect_contains "$text" '\x1b]0;pwned\x07'
"$CNA" report evil --format json > evil.json
check_json evil.json '[e for s in j["sections"] for e in s["items"] if e["id"] == "current_approach"][0]["value"]
  == "<script>alert(1)</script>\n[x](javascript:alert(1))\na | b\n\x1b]0;pwned\x07"' ||
  fail "json must carry the answer exactly"
"$CNA" report evil > evil.txt
expect_contains "$(cat evil.txt)" '\x1b]0;pwned\x07'
for f in evil.csv evil.md evil.html evil.txt; do
  if grep -q $'\x1b' "$f"; then fail "raw escape in $f"; fi
done
ok

case_ "a blocked account: BLOCKED with the count, open items with clarifying questions"
new_workspace
run "$CNA" answer beta business_goal "Grow"
expect_status 0 "$CNA" report beta
expect_contains "$OUT" "Status: BLOCKED ("
expect_contains "$OUT" "  business_goal · no-source · no stakeholder named as the source"
expect_contains "$OUT" "    ask also:  How will you measure it?"
"$CNA" report beta --format md > beta.md
check_md beta.md 12 || fail "md check" # summary, readiness, 9 sections, open items (no stakeholder)
ok

case_ "--all: one CSV or JSON document, one file per account for md and html"
example_workspace
run "$CNA" answer beta business_goal "Grow"
expect_status 0 "$CNA" report --all --format csv
printf '%s\n' "$OUT" > all.csv
acme_items=$("$CNA" status acme --json | jq '.accounts[0].applicable')
beta_items=$("$CNA" status beta --json | jq '.accounts[0].applicable')
check_csv all.csv $((acme_items + beta_items + $(extra_rows acme))) || fail "csv check"
python3 - all.csv <<'EOF' || fail "ready column and raw values"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
ready = {(r["account"], r["ready"]) for r in rows}
assert ready == {("acme", "true"), ("beta", "false")}, ready
acme = {r["item"]: r for r in rows if r["account"] == "acme"}
def raw(item):
    r = acme[item]
    return [r["type"], r["answer"], r["value"], r["currency"], r["source"], r["source_id"],
            r["confirmed_with"], r["confirmed_with_id"]]
assert raw("budget_amount") == ["money", "120,000 EUR", "120000", "EUR", "Dana Lee", "dana-lee",
                                "Dana Lee", "dana-lee"], raw("budget_amount")
assert raw("decision_date")[:4] == ["date", "2027-01-29", "2027-01-29", ""], raw("decision_date")
assert raw("urgency")[:4] == ["scale", "4 of 5 (High)", "4", ""], raw("urgency")
assert raw("solution_scope")[:3] == ["choice", "One department or business unit", "department"]
assert raw("value_drivers")[2] == '["customer-experience","cost-reduction","productivity"]'
assert raw("economic_buyer")[:3] == ["person", "Dana Lee", "dana-lee"], raw("economic_buyer")
assert raw("has_incumbent")[:3] == ["yesno", "yes", "true"], raw("has_incumbent")
assert raw("user_count")[:3] == ["number", "45 users", "45"], raw("user_count")
EOF
expect_status 0 "$CNA" report --all --format json -o all.json
check_json all.json 'j["cna_report"] == 2 and [a["account"] for a in j["accounts"]] == ["acme", "beta"]
  and j["accounts"][0]["ready"] and not j["accounts"][1]["ready"]' || fail "json"
expect_status 2 "$CNA" report --all --format html
expect_contains "$ERR" "give the folder with -o DIR"
expect_status 0 "$CNA" report --all --format html -o out/reports
expect_contains "$OUT" "wrote 2 reports to out/reports"
[ -s out/reports/acme.html ] && [ -s out/reports/beta.html ] || fail "missing files"
cmp out/reports/acme.html "$EXAMPLES/reports/acme.html" || fail "acme.html differs"
ok

case_ "--all --format html: index.html beside the reports, the figures of status, inline bars, a link each, hostile names inert"
example_workspace
run "$CNA" answer beta business_goal "Grow" --name '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
expect_status 0 "$CNA" report --all --format html -o out
expect_contains "$OUT" "wrote 2 reports to out, and index.html beside them"
"$CNA" status --json > status.json
html_python - out/index.html status.json <<'EOF' || fail "index.html"
import json, os, sys
import html_page
p = html_page.read(sys.argv[1])
assert "script" not in p.tags and "img" not in p.tags, "markup from a name"
assert "svg" in p.tags and "rect" in p.tags, "no inline bars"
assert p.links == ["acme.html", "beta.html"], p.links
for link in p.links:
    assert os.path.isfile(os.path.join(os.path.dirname(sys.argv[1]), link)), link
status = json.load(open(sys.argv[2]))["accounts"]
header, *accounts = [r for r in p.rows if len(r) == 11]
assert header[0] == "Account" and len(accounts) == 2, p.rows
for row, s in zip(accounts, status):
    assert row[0] == f'{s["name"]} {s["account"]}', (row[0], s["name"])
    pct = lambda part: (100 * part // s["applicable"]) if s["applicable"] else 0
    assert row[2] == f'{pct(s["answered"])}% · {s["answered"]}/{s["applicable"]}', row[2]
    assert row[3] == f'{pct(s["sourced"])}% · {s["sourced"]}/{s["applicable"]}', row[3]
    assert row[4] == f'{pct(s["confirmed"])}% · {s["confirmed"]}/{s["applicable"]}', row[4]
    assert row[5] == f'{s["met"]}/{s["stakeholders"]}', row[5]
    assert row[8] == str(s["overdue_next_steps"]) and row[9] == str(s["stale_soon"]), row
    assert row[10] == ("READY" if s["ready"] else f'BLOCKED ({len(s["blockers"])})'), row[10]
    assert row[1] == s["rep"], row[1]
assert accounts[0][7].startswith(status[0]["last_meeting"]), accounts[0][7]
assert accounts[1][7] == "never", accounts[1][7]
EOF
# An account called "index" keeps its own report; the index is left out, with a warning.
cp assessments/beta.json assessments/index.json
sed -i 's/"account": "beta"/"account": "index"/' assessments/index.json
rm -rf out
expect_status 0 "$CNA" report --all --format html -o out
expect_contains "$ERR" 'no index.html: the account "index" has that file for its report'
grep -q '<h1>Needs assessment' out/index.html || fail "the account's report was overwritten"
ok

case_ "--all goes on past an account whose file is bad, and exits 65"
example_workspace
echo '{"cna": 1, "account": ' > assessments/broken.json
expect_status 65 "$CNA" report --all --format csv
expect_contains "$ERR" "broken.json"
expect_contains "$OUT" "acme,discovery,true,situation,current_approach,"
ok

case_ "usage errors: no account, both, an unknown format or account"
example_workspace
expect_status 2 "$CNA" report
expect_contains "$ERR" "give one ACCOUNT, or --all"
expect_status 2 "$CNA" report acme --all
expect_status 2 "$CNA" report acme --format pdf
expect_status 2 "$CNA" report nobody
expect_contains "$ERR" 'no account "nobody"'
ok

case_ "a file that cannot be written: exit 74, nothing left behind"
example_workspace
expect_status 74 "$CNA" report acme -o missing/dir/acme.txt
expect_contains "$ERR" "cannot save missing/dir/acme.txt"
[ ! -e missing ] || fail "created something"
ok

# Headless Chromium, where it is installed; CI installs it (.ci/dev), so there its absence fails.
if command -v chromium >/dev/null; then
  profile=$(mktemp -d "$E2E_ROOT/chromium.XXXXXX")
  # chrome ARGS... URL: one headless run; its console (CSP reports among it) added to console.log.
  chrome() {
    timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
      --enable-logging=stderr --v=0 "$@" 2>>"$WS/console.log"
  }

  case_ "headless Chromium renders the HTML report to PDF"
  example_workspace
  "$CNA" report acme --format html -o acme.html
  chrome --print-to-pdf="$WS/acme.pdf" "file://$WS/acme.html" >/dev/null || fail "chromium failed"
  head -c 5 acme.pdf | grep -q '%PDF-' || fail "no PDF"
  ok

  case_ "headless Chromium at 1,100 px: the portfolio index and a report draw their bars, keep every row, and the CSP blocks nothing"
  example_workspace
  run "$CNA" answer beta business_goal "Grow" --name "Beta GmbH"
  run "$CNA" report --all --format html -o out
  started=$(date +%s%N)
  for page in index acme; do
    chrome --screenshot="$WS/$page.png" --window-size=1100,1400 "file://$WS/out/$page.html" \
      >/dev/null || fail "chromium: no screenshot of $page.html"
    chrome --dump-dom "file://$WS/out/$page.html" >"$WS/$page.dom" || fail "chromium: no DOM of $page.html"
  done
  if grep -F ':CONSOLE' console.log >&2; then fail "the browser's console has messages (above)"; fi
  html_python - "$WS" <<'EOF' || fail "what the browser made of the pages"
import os, re, sys
import html_page
ws = sys.argv[1]
GREEN, TRACK = (0x2E, 0x8B, 0x57), (0xE3, 0xE7, 0xED)
for page in ("index", "acme"):
    path = os.path.join(ws, "out", page + ".html")
    written = html_page.read(path)
    dom = html_page.Page()
    dom.feed(open(os.path.join(ws, page + ".dom"), encoding="utf-8").read())
    dom.close()
    # The browser's parser moved nothing out of a table and dropped no row.
    assert html_page.cells(dom.rows) == html_page.cells(written.rows), (page, dom.rows[:3])
    assert "svg" in dom.tags and "rect" in dom.tags, f"{page}: no SVG in the DOM"
    # The inline SVG drawn: the bars' green covers the area the file gives its green rects.
    html = open(path, encoding="utf-8").read()
    rects = re.findall(r'<rect [^>]*width="(\d+)" height="(\d+)" fill="#2e8b57"', html)
    want = sum(int(w) * int(h) for w, h in rects)
    width, height, colours = html_page.png_pixels(os.path.join(ws, page + ".png"))
    assert (width, height) == (1100, 1400), (width, height)
    got = colours.get(GREEN, 0)
    assert want > 0 and 0.95 * want <= got <= 1.05 * want, f"{page}: {got} green pixels, {want} drawn"
    if page == "index":
        names = [row[0] for row in html_page.cells(dom.rows) if len(row) == 11]
        assert names == ["Account", "Acme Corp acme", "Beta GmbH beta"], names
        assert colours.get(TRACK, 0) > 0, "index: no empty bar for beta"
EOF
  # The console check sees what a CSP blocks: an external image leaves its message.
  printf '%s\n' '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy"' \
    "content=\"default-src 'none'\"></head><body><img src=\"http://192.0.2.1/x.png\"></body></html>" >blocked.html
  : >console.log
  chrome --dump-dom "file://$WS/blocked.html" >/dev/null || fail "chromium failed"
  grep -q ':CONSOLE.*Content Security Policy' console.log || fail "the console check sees no CSP report"
  echo "# headless Chromium checks took $((($(date +%s%N) - started) / 1000000)) ms"
  ok
elif [ "${CI:-}" = true ] || [ "${CNA_REQUIRE_CHROMIUM:-}" = 1 ]; then
  case_ "headless Chromium checks"
  fail "chromium is not installed, and this is CI (CI=true or CNA_REQUIRE_CHROMIUM=1): .ci/dev test installs it"
else
  echo "# skip: headless Chromium checks (no chromium; in CI, CI=true or CNA_REQUIRE_CHROMIUM=1, this fails)"
fi

done_
