#!/usr/bin/env bash
# The checklist format reference (docs/checklist-format.md) and the schema cannot drift: every
# property of each level of checklist.schema.json is a table row of the matching README section,
# every documented field exists in the schema, and every item type is named.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SCHEMA=$CNA_SOURCE_DIR/checklists/checklist.schema.json
README=$CNA_SOURCE_DIR/docs/checklist-format.md

# check_docs SCHEMA README: prints every disagreement, exits 1 when there is one.
check_docs() {
  python3 - "$1" "$2" <<'EOF'
import json, re, sys

schema = json.load(open(sys.argv[1]))
readme = open(sys.argv[2]).read()
option = next(o for o in schema["$defs"]["option"]["oneOf"] if o.get("type") == "object")
levels = {  # README heading -> the schema's properties at that level
    "Top level": schema["properties"],
    "Sections": schema["$defs"]["section"]["properties"],
    "Items": schema["$defs"]["item"]["properties"],
    "Options": option["properties"],
}
# "## Heading" -> the fields of its table: rows starting with | `name` |
sections = re.split(r"^## ", readme, flags=re.M)
documented = {}
for part in sections[1:]:
    heading, _, body = part.partition("\n")
    documented[heading.strip()] = re.findall(r"^\| `([^`]+)` \|", body, flags=re.M)
problems = []
for heading, properties in levels.items():
    fields = documented.get(heading)
    if fields is None:
        problems.append(f'README has no "## {heading}" section')
        continue
    for name in properties:
        if name not in fields:
            problems.append(f"{heading}: schema property `{name}` is not documented")
    for name in fields:
        if name not in properties:
            problems.append(f"{heading}: documented field `{name}` is not in the schema")
    if len(fields) != len(set(fields)):
        problems.append(f"{heading}: a field is documented twice")
types = schema["$defs"]["item"]["properties"]["type"]["enum"]
items_text = next((p for p in sections if p.startswith("Items")), "")
for t in types:
    if f"`{t}`" not in items_text:
        problems.append(f"Items: item type `{t}` is not documented")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
}

case_ "every schema property is documented, and every documented field is in the schema"
new_workspace
check_docs "$SCHEMA" "$README" >"$E2E_ROOT/out" 2>&1 || fail "$(cat "$E2E_ROOT/out")"
ok

case_ "the check notices drift either way (so it is not vacuous)"
new_workspace
grep -v '^| `renamed_from` |' "$README" > readme-missing.md
! check_docs "$SCHEMA" readme-missing.md > out 2>&1 || fail "a missing row was not noticed"
expect_contains "$(cat out)" 'Items: schema property `renamed_from` is not documented'
sed 's/^| `help` | string explaining the option/| `colour` | string/' "$README" > readme-extra.md
! check_docs "$SCHEMA" readme-extra.md > out 2>&1 || fail "an extra row was not noticed"
expect_contains "$(cat out)" 'Options: documented field `colour` is not in the schema'
expect_contains "$(cat out)" 'Options: schema property `help` is not documented'
jq '."$defs".section.properties.colour = {"type": "string"}' "$SCHEMA" > schema-extra.json
! check_docs schema-extra.json "$README" > out 2>&1 || fail "an extra schema property was not noticed"
expect_contains "$(cat out)" 'Sections: schema property `colour` is not documented'
jq '."$defs".item.properties.type.enum += ["rating"]' "$SCHEMA" > schema-type.json
! check_docs schema-type.json "$README" > out 2>&1 || fail "a new type was not noticed"
expect_contains "$(cat out)" 'item type `rating` is not documented'
ok

case_ "the schema's item properties are exactly the fields the loader knows"
new_workspace
# The loader's lists (include/cna/checklist.hpp), in canonical order, against the schema's.
loader_keys() {
  awk -v name="$1" 'index($0, "std::array " name "{") { p = 1 } p { print } p && /};/ { exit }' \
    "$CNA_SOURCE_DIR/include/cna/checklist.hpp" |
    grep -o '"[^"]*"' | tr -d '"' | tr '\n' ' '
}
[ "$(loader_keys kChecklistKeys)" = "$(jq -r '.properties | keys_unsorted | join(" ")' "$SCHEMA") " ] ||
  fail "top level: loader $(loader_keys kChecklistKeys) / schema $(jq -c '.properties | keys_unsorted' "$SCHEMA")"
[ "$(loader_keys kSectionKeys)" = "$(jq -r '."$defs".section.properties | keys_unsorted | join(" ")' "$SCHEMA") " ] ||
  fail "sections differ"
[ "$(loader_keys kItemKeys)" = "$(jq -r '."$defs".item.properties | keys_unsorted | join(" ")' "$SCHEMA") " ] ||
  fail "items: loader $(loader_keys kItemKeys) / schema $(jq -c '."$defs".item.properties | keys_unsorted' "$SCHEMA")"
[ "$(loader_keys kOptionKeys)" = "$(jq -r '."$defs".option.oneOf[1].properties | keys_unsorted | join(" ")' "$SCHEMA") " ] ||
  fail "options differ"
ok

done_
