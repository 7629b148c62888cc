# Reps on clones of one workspace repository, for the merge driver through real git. Sourced by
# suites that already sourced lib.sh.

# git_clones SEED NAME...: the workspace folder SEED becomes a git repository with a bare origin
# ($E2E_ROOT/origin.git); each NAME gets a clone in $E2E_ROOT/NAME, with NAME as its git user and
# the merge driver registered the way `cna init` says, with this build's binary for `cna`.
git_clones() {
  local seed=$1 who register probe
  shift
  (cd "$seed" && git init -q -b main . && git add -A &&
    git -c user.name=Seed -c user.email=s@example.com commit -qm seed)
  git clone -q --bare "$seed" "$E2E_ROOT/origin.git"
  probe=$(mktemp -d "$E2E_ROOT/probe.XXXXXX")
  register=$("$CNA" init "$probe" | grep "git config merge.cna.driver" | sed "s#'cna #'\"$CNA\" #")
  [ -n "$register" ] || fail "cna init did not print the git config line"
  for who in "$@"; do
    git clone -q "$E2E_ROOT/origin.git" "$E2E_ROOT/$who"
    (cd "$E2E_ROOT/$who" && git config user.name "$who" && git config user.email "$who@example.com" &&
      eval "$register")
  done
}

# in_clone NAME cmd...: runs cmd in NAME's clone, its workspace.
in_clone() { (cd "$E2E_ROOT/$1" && shift && CNA_WORKSPACE=$PWD "$@"); }
