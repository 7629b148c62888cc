#!/usr/bin/env bash
# cna status's summary cache (include/cna/status_cache.hpp, docs/performance.md): a portfolio
# status reads unchanged accounts from it, and never trusts it over a changed account file, a
# changed checklist, or a clock past the moment a summary stops holding.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

cache_file() { ls "$HOME"/.cache/cna/status-*.tsv 2>/dev/null; }
# Files older than the cache's two-second settling time, as accounts usually are.
settle() { touch -d '1 hour ago' assessments/*.json "$@"; }
# Rewrites the cached name of an account (acme unless named) in the cache file, in its text and
# in its JSON object, and signs its record again (the checksum of src/core/status_cache.cpp,
# record_checksum): a way to see whether status used it.
mark_cached_name() {
  python3 - "$(cache_file)" "$1" "${2:-acme}" <<'EOF'
import re, sys
path, name, account = sys.argv[1], sys.argv[2], sys.argv[3].encode()
M, MASK = 0x9E3779B97F4A7C15, (1 << 64) - 1
def mix(h, word):
    h = ((h ^ word) * M) & MASK
    return h ^ (h >> 32)
def checksum(b):
    word = lambda at: int.from_bytes(b[at:at + 8], 'little')
    lanes, i = [((0xCBF29CE484222325 ^ len(b)) + k * M) & MASK for k in range(4)], 0
    while i + 32 <= len(b):
        lanes = [mix(lanes[k], word(i + 8 * k)) for k in range(4)]
        i += 32
    while i + 8 <= len(b):
        lanes[0] = mix(lanes[0], word(i))
        i += 8
    h = lanes[0]
    for k in range(1, 4):
        h = mix(h, lanes[k])
    h = ((h ^ int.from_bytes(b[i:], 'little')) * M) & MASK
    h ^= h >> 29
    h = (h * M) & MASK
    return b'%016x' % (h ^ (h >> 32))
lines = open(path, 'rb').read().split(b'\n')
# The header names the figures and texts after the account, the record's length, the key and the
# window (10 fields): find "name".
layout = lines[0].split(b'\t')[0].split(b' ')[2].split(b',')
at = 10 + layout.index(b'name')
for n, line in enumerate(lines):
    f = line.split(b'\t')
    if n > 0 and f[0] == account:
        f[at] = name.encode()
        f[-2] = re.sub(rb'"name":"[^"]*"', b'"name":"' + name.encode() + b'"', f[-2], count=1)
        f[1] = b'%d' % (len(b'\t'.join(f[2:])))  # the length of what follows it
        body = b'\t'.join(f[:-1])
        lines[n] = body + b'\t' + checksum(body)
open(path, 'wb').write(b'\n'.join(lines))
EOF
}

portfolio() {
  rm -rf "$HOME/.cache" # one workspace's cache at a time
  new_workspace
  "$CNA" who acme add dana-lee --name "Dana Lee" --role economic-buyer >/dev/null
  "$CNA" answer acme business_goal "Grow" --source dana-lee --name "Acme Corp" >/dev/null
  "$CNA" answer beta business_goal "Keep" --name "Beta Ltd" >/dev/null
  settle
}

case_ "a second run reads the cache and prints the same, in text and json"
portfolio
expect_status 0 "$CNA" status --json
first=$OUT
[ -n "$(cache_file)" ] || fail "no cache file in $HOME/.cache/cna"
[ "$(grep -c $'^acme\t\|^beta\t' "$(cache_file)")" = 2 ] || fail "cache: $(cat "$(cache_file)")"
expect_status 0 "$CNA" status --json
[ "$OUT" = "$first" ] || fail "the warm run differs: $OUT"
mark_cached_name "Cached Name"
expect_status 0 "$CNA" status
expect_contains "$OUT" "Cached Name" # read from the cache, not the file
expect_contains "$OUT" "Beta Ltd"
ok

case_ "a changed account file is read again (and only that one)"
portfolio
"$CNA" status --json >/dev/null
mark_cached_name "Cached Name"
"$CNA" answer acme current_approach "Spreadsheets" --source dana-lee >/dev/null
expect_status 0 "$CNA" status --json
expect_not_contains "$OUT" "Cached Name"
[ "$(jq -r '.accounts[] | select(.account == "acme") | .answered' <<<"$OUT")" = 2 ] || fail "acme: $OUT"
# The file is younger than two seconds: not cached yet, read every time until it settles.
grep -q $'^acme\t' "$(cache_file)" && fail "a file in its first two seconds was cached"
grep -q $'^beta\t' "$(cache_file)" || fail "beta's record was dropped"
# Edited in place, same size: its mtime no longer matches the record.
settle
"$CNA" status >/dev/null
mark_cached_name "Cached Name"
sed -i 's/"Grow"/"Grew"/' assessments/acme.json
expect_status 0 "$CNA" status
expect_not_contains "$OUT" "Cached Name"
ok

case_ "a changed checklist or setting drops the cached summaries"
portfolio
mkdir -p checklists
jq '.sections[0].items[0].prompt = "Reworded?"' "$CNA_SOURCE_DIR/checklists/discovery.json" > checklists/discovery.json
touch -d '2 hours ago' checklists/discovery.json
"$CNA" status >/dev/null
mark_cached_name "Cached Name"
expect_status 0 "$CNA" status
expect_contains "$OUT" "Cached Name"
jq '.sections[0].items[0].prompt = "Reworded again?"' "$CNA_SOURCE_DIR/checklists/discovery.json" > checklists/discovery.json
expect_status 0 "$CNA" status
expect_not_contains "$OUT" "Cached Name"
"$CNA" status >/dev/null
mark_cached_name "Cached Name"
printf '{"cna": 1, "reconfirm_after_days": 7}\n' > cna.json
expect_status 0 "$CNA" status
expect_not_contains "$OUT" "Cached Name"
ok

case_ "a summary holds only until the clock changes it (a confirmation turning stale)"
portfolio
"$CNA" confirm acme --yes --with dana-lee >/dev/null
settle
expect_status 0 "$CNA" status --json
[ "$(jq -r '[.accounts[] | select(.account == "acme") | .blockers[] | select(.reason == "stale")] | length' <<<"$OUT")" = 0 ] ||
  fail "stale too early: $OUT"
mark_cached_name "Cached Name"
CNA_NOW=2026-12-24T10:00:00Z expect_status 0 "$CNA" status --json
expect_not_contains "$OUT" "Cached Name"
[ "$(jq -r '[.accounts[] | select(.account == "acme") | .blockers[] | select(.item == "business_goal") | .reason] | first' <<<"$OUT")" = stale ] ||
  fail "not stale after 31 days: $OUT"
ok

case_ "the quality figures follow the clock and late changes through the cache (stale within a week, the last meeting)"
portfolio
"$CNA" confirm acme --yes --with dana-lee >/dev/null
"$CNA" meeting acme add --date 2026-11-30 --purpose Demo --with dana-lee >/dev/null
settle
figures() { jq -c '.accounts[] | select(.account == "acme") | [.stale_soon, .last_meeting, .met]' <<<"$OUT"; }
expect_status 0 "$CNA" status --json
[ "$(figures)" = '[0,null,0]' ] || fail "now (the meeting is planned: nobody met yet): $OUT"
mark_cached_name "Cached Name"
expect_status 0 "$CNA" status
expect_contains "$OUT" "Cached Name" # warm: from the cache (text shows the cached name)
# Within a week of the 30-day period's end, the answer goes stale soon: a summary cached after the
# meeting no longer holds (the clock changed it, not the file).
CNA_NOW=2026-12-01T10:00:00Z expect_status 0 "$CNA" status >/dev/null
mark_cached_name "Cached Name"
CNA_NOW=2026-12-02T10:00:00Z expect_status 0 "$CNA" status
expect_contains "$OUT" "Cached Name"
CNA_NOW=2026-12-17T10:00:00Z expect_status 0 "$CNA" status
expect_not_contains "$OUT" "Cached Name"
CNA_NOW=2026-12-17T10:00:00Z expect_status 0 "$CNA" status --json
[ "$(figures)" = '[1,"2026-11-30",1]' ] || fail "a week before stale: $OUT"
# The planned meeting's day came (above): it is the last meeting; before it, it is not.
CNA_NOW=2026-11-29T23:00:00Z expect_status 0 "$CNA" status --json
[ "$(figures)" = '[0,null,0]' ] || fail "the day before the meeting: $OUT"
mark_cached_name "Cached Name"
CNA_NOW=2026-11-30T00:00:01Z expect_status 0 "$CNA" status
expect_not_contains "$OUT" "Cached Name"
expect_contains "$OUT" "today"
CNA_NOW=2026-11-30T00:00:01Z expect_status 0 "$CNA" status --json
[ "$(figures)" = '[0,"2026-11-30",1]' ] || fail "the meeting's day: Dana Lee is met: $OUT"
# A late change (a stakeholder met) shows at once (today, before the planned meeting, Raj Patel
# is the one met).
"$CNA" who acme add raj --name "Raj Patel" >/dev/null
"$CNA" who acme edit raj --met yes >/dev/null
expect_status 0 "$CNA" status --json
[ "$(jq -c '.accounts[] | select(.account == "acme") | [.met, .stakeholders]' <<<"$OUT")" = '[1,2]' ] || fail "late change: $OUT"
ok

case_ "a corrupt or foreign cache is ignored and rewritten; CNA_NO_CACHE=1 turns it off"
portfolio
"$CNA" status --json >/dev/null
expected=$("$CNA" status --json)
for junk in "garbage" $'cna-status-cache 3\tx' "$(head -c 300 "$(cache_file)")"; do
  printf '%s' "$junk" > "$(cache_file)"
  expect_status 0 "$CNA" status --json
  [ "$OUT" = "$expected" ] || fail "with a bad cache ($junk): $OUT"
done
grep -q $'^acme\t' "$(cache_file)" || fail "the cache was not rewritten"
rm -rf "$HOME/.cache"
CNA_NO_CACHE=1 expect_status 0 "$CNA" status --json
[ "$OUT" = "$expected" ] || fail "without the cache: $OUT"
[ ! -e "$HOME/.cache/cna" ] || fail "CNA_NO_CACHE=1 wrote a cache"
ok

# Issue 15 item 9: the cache is only a cache. Each of these was believed, hung or left readable
# before records carried a checksum and the file was opened without blocking and written 0600.
case_ "an edited record is recomputed, never believed (\"ready\":false made true)"
portfolio
expect_status 0 "$CNA" status --json
expected=$OUT
[ "$(jq -r '.accounts[] | select(.account == "acme") | .ready' <<<"$OUT")" = false ] || fail "acme: $OUT"
grep -q '"ready":false' "$(cache_file)" || fail "no ready field in the cache: $(cat "$(cache_file)")"
sed -i '/^acme\t/s/"ready":false/"ready":true/' "$(cache_file)"
expect_status 0 "$CNA" status --json
[ "$OUT" = "$expected" ] || fail "the forged record was believed: $OUT"
expect_status 1 "$CNA" check acme
ok

case_ "a record cut short is recomputed: the output stays valid JSON"
portfolio
expect_status 0 "$CNA" status --json
expected=$OUT
python3 - "$(cache_file)" <<'EOF'
import sys
lines = open(sys.argv[1], 'rb').read().split(b'\n')
lines = [l[:len(l) * 2 // 3] if l.startswith(b'acme\t') else l for l in lines]
open(sys.argv[1], 'wb').write(b'\n'.join(lines))
EOF
expect_status 0 "$CNA" status --json
jq -e . <<<"$OUT" >/dev/null || fail "not JSON: $OUT"
[ "$OUT" = "$expected" ] || fail "the cut record was used: $OUT"
ok

# The cache is read front to back in account order (each account's record is looked for where the
# last one was found, by the records' length fields): damage in the middle of a larger cache, and
# accounts added, removed or named out of order, must still give what the files say.
bulk_portfolio() {
  portfolio
  for i in $(seq -w 0 29); do
    sed "s/\"account\": \"beta\"/\"account\": \"bulk-0$i\"/" assessments/beta.json >"assessments/bulk-0$i.json"
  done
  settle
}

case_ "damaged records in the middle of the cache are recomputed; the records after them still read"
bulk_portfolio
CNA_NO_CACHE=1 expect_status 0 "$CNA" status --json
expected=$OUT
expect_status 0 "$CNA" status --json
[ "$OUT" = "$expected" ] || fail "the first run differs"
mark_cached_name "Cached Name" bulk-020
python3 - "$(cache_file)" <<'EOF'
import sys
lines = open(sys.argv[1], 'rb').read().split(b'\n')
for n, line in enumerate(lines):
    f = line.split(b'\t')
    if f[0] == b'bulk-010':  # its length field no longer says where it ends
        f[1] = b'%d' % (int(f[1]) - 40)
    if f[0] == b'bulk-015':  # its object edited, the checksum not
        f[-2] = f[-2].replace(b'"ready":false', b'"ready":true')
        assert b'"ready":true' in f[-2]
    lines[n] = b'\t'.join(f)
open(sys.argv[1], 'wb').write(b'\n'.join(lines))
EOF
expect_status 0 "$CNA" status --json
[ "$(jq -c '[.accounts[] | select(.ready)] | length' <<<"$OUT")" = 0 ] || fail "the edited record was believed: $OUT"
[ "$(jq -r '.accounts[] | select(.account == "bulk-020") | .name' <<<"$OUT")" = "Cached Name" ] ||
  fail "the records after the damaged ones were not read from the cache: $OUT"
without_20() { jq -c 'del(.accounts[] | select(.account == "bulk-020") | .name)'; }
[ "$(without_20 <<<"$OUT")" = "$(without_20 <<<"$expected")" ] || fail "differs: $OUT"
# Both were computed again and written whole: the next run reads them from the cache.
mark_cached_name "Cached Name" bulk-010
mark_cached_name "Cached Name" bulk-015
expect_status 0 "$CNA" status --json
[ "$(jq -c '[.accounts[] | select(.name == "Cached Name")] | length' <<<"$OUT")" = 3 ] ||
  fail "after the rewrite: $OUT"
ok

case_ "accounts added, removed or named out of order give what the files say"
bulk_portfolio
expect_status 0 "$CNA" status --json
mark_cached_name "Cached Name" bulk-025
rm assessments/bulk-005.json
sed 's/"account": "beta"/"account": "bulk-0125"/' assessments/beta.json >assessments/bulk-0125.json
touch -d '1 hour ago' assessments/bulk-0125.json # the others keep their stamps
CNA_NO_CACHE=1 expect_status 0 "$CNA" status --json
expected=$OUT
expect_status 0 "$CNA" status --json
without_25() { jq -c 'del(.accounts[] | select(.account == "bulk-025") | .name)'; }
[ "$(without_25 <<<"$OUT")" = "$(without_25 <<<"$expected")" ] ||
  fail "with an account added and one removed: $OUT"
[ "$(jq -r '.accounts[] | select(.account == "bulk-025") | .name' <<<"$OUT")" = "Cached Name" ] ||
  fail "the records after a removed and an added account were not read from the cache: $OUT"
mark_cached_name "Beta Ltd" bulk-025
for order in "bulk-020 bulk-003 acme" "bulk-029 bulk-0125 bulk-000" "acme acme bulk-010"; do
  # shellcheck disable=SC2086 # the accounts, one word each
  CNA_NO_CACHE=1 expect_status 0 "$CNA" status --json $order
  expected=$OUT
  for run in first warm; do
    # shellcheck disable=SC2086
    expect_status 0 "$CNA" status --json $order
    [ "$OUT" = "$expected" ] || fail "status --json $order ($run run): $OUT"
  done
done
expect_status 0 "$CNA" status --json
CNA_NO_CACHE=1 expect_status 0 "$CNA" status --json
[ "$OUT" = "$(CNA_NO_CACHE= "$CNA" status --json)" ] || fail "every account after the named ones"
ok

case_ "a FIFO at the cache's path does not hang status"
portfolio
expect_status 0 "$CNA" status --json
expected=$OUT
file=$(cache_file)
rm "$file" && mkfifo "$file"
expect_status 0 timeout 10 "$CNA" status --json
[ "$OUT" = "$expected" ] || fail "with a FIFO: $OUT"
ok

case_ "the cache is written 0600 in a 0700 folder; an older one readable by others is rewritten"
portfolio
umask 022
expect_status 0 "$CNA" status --json
[ "$(stat -c %a "$(cache_file)")" = 600 ] || fail "cache mode $(stat -c %a "$(cache_file)")"
[ "$(stat -c %a "$HOME/.cache/cna")" = 700 ] || fail "folder mode $(stat -c %a "$HOME/.cache/cna")"
chmod 644 "$(cache_file)"
expect_status 0 "$CNA" status --json
[ "$(stat -c %a "$(cache_file)")" = 600 ] || fail "still $(stat -c %a "$(cache_file)") after a run"
ok

case_ "a cache of megabytes (mapped, handed back as it is read) gives the same output; a late change rewrites it whole"
portfolio
python3 - <<'EOF'
text = open('assessments/acme.json').read()
for i in range(800):
    name = f'bulk-{i:03d}'
    with open(f'assessments/{name}.json', 'w') as f:
        f.write(text.replace('"account": "acme"', f'"account": "{name}"'))
EOF
settle
CNA_NO_CACHE=1 expect_status 0 "$CNA" status --json
expected=$OUT
expect_status 0 "$CNA" status --json
[ "$OUT" = "$expected" ] || fail "the cold run differs"
[ "$(stat -c %s "$(cache_file)")" -gt 2000000 ] || fail "cache only $(stat -c %s "$(cache_file)") bytes"
expect_status 0 "$CNA" status --json
[ "$OUT" = "$expected" ] || fail "the warm run differs"
# The last account changes: every record found before it is written again, from pages already
# handed back.
"$CNA" answer bulk-799 business_goal "Changed late" --source dana-lee >/dev/null
# Settled at once (a time of its own, unlike the cached one): otherwise whether the change is
# older than the cache's 2 s settle window by the next run depends on the build's speed.
touch -d '2 hours ago' assessments/bulk-799.json
CNA_NO_CACHE=1 expect_status 0 "$CNA" status --json
expected=$OUT
expect_status 0 "$CNA" status --json
[ "$OUT" = "$expected" ] || fail "after the change, the run differs"
[ "$(grep -c '^bulk-' "$(cache_file)")" = 800 ] || fail "$(grep -c '^bulk-' "$(cache_file)") bulk records"
settle
expect_status 0 "$CNA" status --json
expect_status 0 "$CNA" status --json
[ "$OUT" = "$expected" ] || fail "the warm run after the change differs"
ok

done_
