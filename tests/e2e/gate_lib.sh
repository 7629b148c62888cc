# Set-up shared by the suites of the read-back, the gate, the brief and the log (sourced).
source "$(dirname "$0")/lib.sh"

# A workspace whose default checklist is tests/fixtures/checklists/gate.json, and the account
# "acme" with Dana Lee (economic buyer) and Lee Chan (champion).
gate_workspace() {
  new_workspace
  mkdir -p checklists
  cp "$CNA_SOURCE_DIR/tests/fixtures/checklists/gate.json" checklists/
  printf '{"cna": 1, "default_checklist": "gate"}\n' > cna.json
  "$CNA" who acme add dana-lee --name "Dana Lee" --title "VP Operations" --role economic-buyer >/dev/null
  "$CNA" who acme add lee-chan --name "Lee Chan" --role champion >/dev/null
}

# The lines that answer every item of a walk, Dana Lee speaking.
walk_answers() {
  printf '%s\n' "Grow in the north" "We lost two plants." "It hurts." "" 1 Price Support "" \
    2026-12-15 ":na direct deal" "Book a demo"
}

# "acme" walked through a pipe: every item answered, nothing confirmed yet.
walked_account() {
  gate_workspace
  walk_answers | "$CNA" start acme --with dana-lee >"$E2E_ROOT/walk.out" 2>&1 ||
    fail "the walk failed: $(cat "$E2E_ROOT/walk.out")"
}
