// The gate as `status`, `check` and `confirm` print it: every blocker, then the verdict.
#pragma once

#include "cna/readiness.hpp"

namespace cna::cli {

// "Blockers (N):" and one line per blocker (`item  reason  detail`), then READY or BLOCKED.
void print_gate(const Readiness& readiness);

} // namespace cna::cli
