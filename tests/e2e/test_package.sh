#!/usr/bin/env bash
# Install rules and the Debian package (README "Install"): `cmake --install` puts the binary, the
# man pages, the completions, the schema, the docs and the examples in their GNU folders;
# `cpack -G DEB` packages that tree with the dependencies dpkg-shlibdeps finds. As root in CI
# (or with CNA_PACKAGE_INSTALL=1) the package is also installed here and removed again
# (tests/package/install-test.sh --here).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BUILD=$(dirname "$CNA")
[ -f "$BUILD/CPackConfig.cmake" ] || fail "no CPackConfig.cmake beside $CNA"
for tool in cpack dpkg-deb dpkg-shlibdeps groff; do
  command -v "$tool" >/dev/null || fail "$tool is needed (bash .ci/dev test installs it)"
done
export LC_ALL=C.UTF-8

# The files every install holds, relative to the prefix.
INSTALLED=(bin/cna share/man/man1/cna.1.gz share/man/man5/cna-checklist.5.gz
  share/bash-completion/completions/cna share/zsh/vendor-completions/_cna
  share/fish/vendor_completions.d/cna.fish share/cna/checklist.schema.json
  share/doc/cna/README.md share/doc/cna/copyright share/doc/cna/docs/README.md
  share/doc/cna/docs/commands.md share/doc/cna/docs/checklist-format.md
  share/doc/cna/examples/checklists/meddpicc.json share/doc/cna/examples/scripts/nightly-export.sh)

case_ "cmake --install puts every file in its GNU folder"
new_workspace
cmake --install "$BUILD" --prefix "$PWD/prefix" >install.log 2>&1 || fail "$(cat install.log)"
for f in "${INSTALLED[@]}"; do [ -f "prefix/$f" ] || fail "cmake --install did not install $f"; done
[ -x prefix/share/doc/cna/examples/scripts/nightly-export.sh ] || fail "example scripts lost their mode"
expect_status 0 prefix/bin/cna --version
expect_contains "$OUT" "cna 0."
for shell in bash zsh fish; do
  case $shell in
    bash) f=share/bash-completion/completions/cna ;;
    zsh) f=share/zsh/vendor-completions/_cna ;;
    fish) f=share/fish/vendor_completions.d/cna.fish ;;
  esac
  cmp -s "prefix/$f" <("$CNA" completion $shell) || fail "$f is not what cna completion $shell prints"
done
cmp -s prefix/share/cna/checklist.schema.json "$CNA_SOURCE_DIR/checklists/checklist.schema.json" ||
  fail "the schema differs"
ok

case_ "the man pages are clean roff (groff -ww, man --warnings) and carry the version"
new_workspace
version=$("$CNA" --version | sed -n 's/^cna \([0-9.]*\).*/\1/p')
for page in "$BUILD/man/cna.1" "$BUILD/man/cna-checklist.5"; do
  groff -ww -z -man "$page" 2>warnings || true
  [ ! -s warnings ] || fail "groff -ww $page: $(cat warnings)"
  MANWIDTH=80 man --warnings -l "$page" >rendered 2>warnings || fail "man -l $page"
  [ ! -s warnings ] || fail "man --warnings $page: $(cat warnings)"
  grep -q "cna $version" rendered || fail "$page does not carry version $version"
done
MANWIDTH=80 man -l "$BUILD/man/cna.1" | grep "EXIT STATUS" >/dev/null || fail "cna(1) has no EXIT STATUS"
ok

case_ "the installed man pages are gzip -9n (no name, no time stamp) of the checked pages; man reads them"
new_workspace
cmake --install "$BUILD" --prefix "$PWD/prefix" >install.log 2>&1 || fail "$(cat install.log)"
for page in man1/cna.1 man5/cna-checklist.5; do
  gz=prefix/share/man/$page.gz
  [ ! -e "prefix/share/man/$page" ] || fail "$page is installed uncompressed too"
  gzip -t "$gz" || fail "$gz is not gzip"
  cmp -s <(gzip -dc "$gz") "$BUILD/man/$(basename "$page")" || fail "$gz is not the checked page"
  # Header: flags (byte 4) without FNAME, MTIME (bytes 5-8) zero, XFL (byte 9) 2 = best compression.
  [ "$(od -An -tu1 -j3 -N6 "$gz" | tr -s ' ')" = " 0 0 0 0 0 2" ] ||
    fail "$gz header: $(od -An -tu1 -N10 "$gz")"
  cmp -s "$gz" <(gzip -9n -c "$BUILD/man/$(basename "$page")") || fail "$gz is not gzip -9n output"
  MANWIDTH=80 man --warnings -l "$gz" >rendered 2>warnings || fail "man -l $gz"
  [ ! -s warnings ] || fail "man --warnings $gz: $(cat warnings)"
  grep -q "cna $version" rendered || fail "$gz does not render"
done
MANPATH=$PWD/prefix/share/man MANWIDTH=80 man -w cna | grep -qx "$PWD/prefix/share/man/man1/cna.1.gz" ||
  fail "man -w cna: $(MANPATH=$PWD/prefix/share/man man -w cna)"
MANPATH=$PWD/prefix/share/man MANWIDTH=80 MANPAGER=cat man 5 cna-checklist | grep -q "checklist file format" ||
  fail "man 5 cna-checklist"
ok

case_ "cpack -G DEB: name, version, dependencies for every library the binary needs, contents"
new_workspace
cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$PWD/pkg" >cpack.log 2>&1 || fail "$(cat cpack.log)"
deb=$(realpath pkg/cna_*.deb)
[ "$(dpkg-deb -f "$deb" Package)" = cna ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version $(dpkg-deb -f "$deb" Version), not $version"
depends=$(dpkg-deb -f "$deb" Depends)
expect_contains "$depends" "libc6"
dpkg-deb -x "$deb" root
# Every shared library the packaged binary loads comes from a package it depends on.
for lib in $(objdump -p root/usr/bin/cna | awk '/NEEDED/ {print $2}'); do
  # (awk reads to the end: an early exit would fail ldconfig with SIGPIPE under pipefail.)
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l && !found {print $NF; found = 1}')
  owner=""
  for candidate in "$path" "$(realpath "$path")" "/usr$path" "/usr$(realpath "$path")"; do
    owner=$(dpkg -S "$candidate" 2>/dev/null | head -n 1 | cut -d: -f1) && [ -n "$owner" ] && break
  done
  [ -n "$owner" ] || fail "no package owns $lib ($path)"
  expect_contains "$depends" "$owner" "Depends ($depends) for $lib"
done
for f in "${INSTALLED[@]}"; do [ -f "root/usr/$f" ] || fail "the package lacks /usr/$f"; done
expect_status 0 root/usr/bin/cna --version
# Stripped: no symbol table (a size limit would not hold for sanitizer builds).
[ "$(readelf -S root/usr/bin/cna | grep -c '\.symtab')" = 0 ] || fail "the packaged binary is not stripped"
ok

case_ "installed with apt-get, run, and removed with dpkg -r (as root in CI)"
if [ "$(id -u)" -eq 0 ] && { [ "${CI:-}" = true ] || [ "${CNA_PACKAGE_INSTALL:-}" = 1 ]; }; then
  bash "$CNA_SOURCE_DIR/tests/package/install-test.sh" --here "$deb" >install.log 2>&1 ||
    fail "$(cat install.log)"
  ok
else
  echo "skip - installing on this machine only as root with CI=true or CNA_PACKAGE_INSTALL=1"
fi

done_
