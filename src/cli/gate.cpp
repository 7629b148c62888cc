#include "cli/gate.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "cli/common.hpp"
#include "cli/output.hpp"

namespace cna::cli {

void print_gate(const Readiness& r) {
  if (r.blockers > 0) {
    fmt::print("\nBlockers ({}):\n", r.blockers);
    std::size_t id_width = 0;
    for (const ItemStatus& s : r.items) {
      if (s.blocker) id_width = std::max(id_width, cells(show(s.item->id)));
    }
    for (const ItemStatus& s : r.items) {
      if (!s.blocker) continue;
      const std::string reason(to_string(*s.blocker));
      fmt::print("  {}  {}\n", pad(show(s.item->id), id_width),
                 s.detail.empty() ? paint(reason, Tone::warn)
                                  : paint(pad(reason, 11), Tone::warn) + "  " + show(s.detail));
    }
  }
  fmt::print("\n{}\n", r.ready() ? paint("READY: every applicable item is answered, attributed "
                                         "and confirmed",
                                         Tone::good)
                                 : paint(fmt::format("BLOCKED: {} of {} applicable items hold "
                                                     "the gate",
                                                     r.blockers, r.applicable),
                                         Tone::bad));
}

} // namespace cna::cli
