#!/usr/bin/env bash
# Installs cna's Debian package where nothing of cna is, and checks what a new user gets:
# `apt-get install ./cna_*.deb`, `cna --version`, `man cna`, completion in bash, zsh and fish,
# `cna start`, and `dpkg -r cna` removing every file it installed.
#
#   tests/package/install-test.sh DEB            a fresh Debian 12 root (debootstrap, as root,
#                                                with network), entered with chroot
#   tests/package/install-test.sh --here DEB     this machine: a disposable CI container, as root
#
# Build the package first: cmake --preset release && cmake --build --preset release &&
# (cd build/release && cpack -G DEB). tests/e2e/test_package.sh runs the --here form in CI.
set -euo pipefail

here=false
if [ "${1:-}" = --here ]; then
  here=true
  shift
fi
deb=$(realpath "${1:?usage: install-test.sh [--here] DEB}")
[ "$(id -u)" -eq 0 ] || { echo "install-test.sh: run as root (it installs packages)" >&2; exit 2; }

root=""
cleanup() {
  if [ -n "$root" ]; then
    umount "$root/proc" 2>/dev/null || true
    rm -rf "$root"
  fi
}
trap cleanup EXIT

# in_root CMD...: runs a shell command line in the clean root (or here).
in_root() {
  if $here; then
    (cd / && env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 bash -c "$1")
  else
    chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 bash -c "cd / && $1"
  fi
}

step() { echo "== $*"; }
fail() { echo "install-test.sh: FAILED: $*" >&2; exit 1; }

if $here; then
  target=/tmp
else
  command -v debootstrap >/dev/null || fail "debootstrap is not installed (apt-get install debootstrap)"
  root=$(mktemp -d /var/tmp/cna-root.XXXXXX)
  step "debootstrap bookworm (minbase) into $root"
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$root.log" 2>&1 ||
    { tail -n 20 "$root.log" >&2; fail "debootstrap"; }
  rm -f "$root.log"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount -t proc proc "$root/proc"
  target=$root/tmp
fi
cp "$deb" "$target/"
name=$(basename "$deb")

step "apt-get install ./$name (its dependencies from the archive), and the shells and man"
if ! in_root "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends ./tmp/$name man-db bash-completion zsh fish" >"$target/apt.log" 2>&1; then
  tail -n 30 "$target/apt.log" >&2
  fail "apt-get install ./$name"
fi
rm -f "$target/apt.log"
in_root "dpkg -s cna | grep -q '^Status: install ok installed'" || fail "cna is not installed"
files=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' | grep -v '/$')

step "cna --version"
version=$(in_root "cna --version")
echo "$version"
[[ $version =~ ^cna\ [0-9]+\.[0-9]+\.[0-9]+ ]] || fail "cna --version: $version"

step "man cna, man 5 cna-checklist"
# (Output is captured before it is searched: grep -q would end a pipe early, and pipefail is on.)
out=$(in_root "man -w cna")
[[ $out == */usr/share/man/man1/cna.1.gz ]] || fail "man -w cna (installed gzip -9n): $out"
out=$(in_root "MANPAGER=cat MANWIDTH=80 man cna")
[[ $out == *"customer needs assessment"* ]] || fail "man cna"
out=$(in_root "MANPAGER=cat MANWIDTH=80 man 5 cna-checklist")
[[ $out == *"checklist file format"* ]] || fail "man 5 cna-checklist"

step "completion: bash (bash-completion loads it), zsh (compinit), fish (vendor folder)"
got=$(in_root 'source /usr/share/bash-completion/bash_completion; _completion_loader cna
  COMP_LINE="cna stat"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(cna stat); COMP_CWORD=1; _cna
  printf "%s\n" "${COMPREPLY[@]}"')
[ "$got" = status ] || fail "bash: cna stat<Tab> gave '$got'"
got=$(in_root "zsh -fc 'autoload -U compinit; compinit -u -D; print -r -- \${_comps[cna]}'")
[ "$got" = _cna ] || fail "zsh: compinit did not find _cna ('$got')"
got=$(in_root "fish -c 'complete -C \"cna stat\"'" | cut -f1)
[ "$got" = status ] || fail "fish: cna stat<Tab> gave '$got'"

step "cna start acme (the built-in checklist, the default workspace)"
out=$(in_root "export HOME=\$(mktemp -d) && printf 'Grow in the south\n\n:quit\n' | cna start acme >/dev/null &&
  cna status acme && rm -rf \"\$HOME\"") || fail "cna start acme: $out"
[[ $out == *acme* ]] || fail "cna status acme: $out"

step "dpkg -r cna removes every file it installed"
in_root "dpkg -r cna >/dev/null"
for f in $files; do
  if in_root "test -e '$f'"; then fail "$f is left after dpkg -r cna"; fi
done
in_root "command -v cna" >/dev/null && fail "cna is still on the PATH"
rm -f "$target/$name"
echo "install-test.sh: ok"
