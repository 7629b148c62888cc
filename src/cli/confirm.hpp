// The read-back (docs/commands.md, `cna confirm`): each answer read back to the customer and
// confirmed, edited or skipped. `cna confirm` and the end of `cna start` share it.
#pragma once

#include <string>
#include <vector>

#include "cli/account.hpp"
#include "cli/terminal.hpp"

namespace cna::cli {

struct ConfirmRequest {
  // Exactly these items; none: every applicable answer that is unconfirmed, stale or changed.
  std::vector<std::string> items;
  std::string with; // the stakeholder confirming (id or name); empty: each answer's own source
  // Who is in the room (ids; the walk's --with). With `with` empty, each answer is confirmed with
  // someone present whom its confirm_with rule accepts, its source first; an answer nobody
  // present may confirm is left for later, never confirmed with someone absent (docs/walk.md).
  std::vector<std::string> present;
  std::string meeting; // the meeting it is read back in (an id, or "last"); empty: none
  bool yes = false;    // confirm without asking (the rep read them back)
  // The internal answers instead (docs/checklist-format.md): verified by the rep, never read to
  // the customer. Without it a read-back leaves them out and says how many wait.
  bool internal = false;
};

// Whether a read-back has anything to ask about now.
[[nodiscard]] bool readback_due(const Account& account);

// Reads the answers back one by one (or confirms them all with `yes`; `in` may then be null),
// saving each confirmation at once, and ends with what still holds the gate. Returns the exit
// status: 0 done or stopped with q, 3 when input ended first. Error(usage) for an unknown item or
// stakeholder.
int run_confirm(Account& account, LineReader* in, const ConfirmRequest& request);

} // namespace cna::cli
