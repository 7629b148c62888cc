#!/usr/bin/env bash
# The project stands alone (docs/README.md): every docs/*.md that code, tests, README or the docs
# themselves name exists, every file of docs/ is listed in docs/README.md, every relative link
# and every repository path a doc names in backquotes exists, and nothing points outside the
# repository to a contract it does not hold.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# check_docs ROOT: prints every broken reference under ROOT, exits 1 when there is one.
check_docs() {
  python3 - "$1" <<'PY'
import os, re, sys

root = sys.argv[1]
problems = []

def sources():
    for top in ["src", "include", "tests", "checklists", "examples", "man", "cmake", ".ci", "docs"]:
        for base, dirs, files in os.walk(os.path.join(root, top)):
            dirs[:] = [d for d in dirs if d not in (".ajv", "node_modules", "corpus", "__pycache__")]
            for f in files:
                yield os.path.join(base, f)
    for f in ["README.md", "CMakeLists.txt"]:
        yield os.path.join(root, f)

for path in sources():
    try:
        text = open(path, encoding="utf-8").read()
    except (UnicodeDecodeError, FileNotFoundError):
        continue
    rel = os.path.relpath(path, root)
    if rel == "tests/e2e/test_docs.sh":
        continue
    for name in sorted(set(re.findall(r"docs/[A-Za-z0-9_.-]+\.md", text))):
        if not os.path.isfile(os.path.join(root, name)):
            problems.append(f"{rel}: names {name}, which does not exist")
    if re.search(r"DESIGN(\.md| section)|\.\./shared", text):
        problems.append(f"{rel}: points to a document outside the repository (DESIGN / ../shared)")

docs = os.path.join(root, "docs")
listed = open(os.path.join(docs, "README.md")).read()
for f in sorted(os.listdir(docs)):
    if f.endswith(".md") and f != "README.md" and f"| {f} |" not in listed and f"[{f}]" not in listed:
        problems.append(f"docs/README.md does not list {f}")
for f in re.findall(r"^\| \[?([a-z0-9-]+\.md)", listed, flags=re.M):
    if not os.path.isfile(os.path.join(docs, f)):
        problems.append(f"docs/README.md lists {f}, which does not exist")

repo_path = re.compile(r"^(src|include|tests|examples|checklists|docs|man|cmake|\.ci)/[A-Za-z0-9_./-]*$")
for f in sorted(os.listdir(docs)) + ["../README.md"]:
    if not f.endswith(".md"):
        continue
    text = open(os.path.join(docs, f)).read()
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
        if "://" not in target and not os.path.exists(os.path.normpath(os.path.join(docs, os.path.dirname(f), target))):
            problems.append(f"docs/{f}: link to {target}, which does not exist")
    for quoted in re.findall(r"`([^`\s]+)`", text):
        placeholder = re.search(r"[A-Z]{2,}|<", quoted) or quoted.startswith("tests/.ajv")  # ID, generated
        if repo_path.match(quoted) and not placeholder and not os.path.exists(os.path.join(root, quoted.rstrip("/"))):
            problems.append(f"docs/{f}: names `{quoted}`, which does not exist")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
}

case_ "every docs/*.md named in code, tests, README and docs exists; every link and path in docs too"
new_workspace
check_docs "$CNA_SOURCE_DIR" >"$E2E_ROOT/report" 2>&1 || fail "$(cat "$E2E_ROOT/report")"
ok

case_ "the check notices a missing doc, an unlisted doc, a broken link and a pointer outside (not vacuous)"
new_workspace
mkdir copy
cp -r "$CNA_SOURCE_DIR/docs" "$CNA_SOURCE_DIR/README.md" copy/
mkdir -p copy/src/core
printf '// See docs/nowhere.md and DESIGN section 4.\n' > copy/src/core/x.cpp
printf '# New\n' > copy/docs/extra.md
printf '\nSee [gone](gone.md) and `src/core/gone.cpp`.\n' >> copy/docs/design.md
! check_docs copy > out 2>&1 || fail "nothing was noticed"
expect_contains "$(cat out)" "src/core/x.cpp: names docs/nowhere.md, which does not exist"
expect_contains "$(cat out)" "src/core/x.cpp: points to a document outside the repository"
expect_contains "$(cat out)" "docs/README.md does not list extra.md"
expect_contains "$(cat out)" "docs/design.md: link to gone.md, which does not exist"
expect_contains "$(cat out)" 'docs/design.md: names `src/core/gone.cpp`, which does not exist'
ok

done_
