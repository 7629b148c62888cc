// The power base (docs/assessment.md): which roles each stakeholder holds, set with `cna who` or
// established by the answer to a person item that declares `establishes`, and where they clash.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"

namespace cna {

// A role a stakeholder holds, and where it comes from.
struct HeldRole {
  std::string role;
  std::string item; // the person item whose answer establishes it; "" when set with `cna who`

  bool operator==(const HeldRole&) const = default;
};

// The person an answer establishes a role for: the stakeholder an answered person item names, if
// the item declares `establishes` and that stakeholder exists; "" otherwise.
[[nodiscard]] std::string established_holder(const Assessment& assessment, const Item& item);

// Every role `stakeholder` holds: those set with `cna who` first, then those established by
// answers, in checklist order. A role held both ways is listed once, as set with `cna who`.
[[nodiscard]] std::vector<HeldRole>
held_roles(const Assessment& assessment, const Checklist& checklist, std::string_view stakeholder);
[[nodiscard]] bool holds_role(const Assessment& assessment, const Checklist& checklist,
                              std::string_view stakeholder, std::string_view role);
// The stakeholders holding `role`, in the account's order.
[[nodiscard]] std::vector<std::string>
role_holders(const Assessment& assessment, const Checklist& checklist, std::string_view role);

// "economic-buyer (economic_buyer), champion": a role an answer establishes names its item.
[[nodiscard]] std::string roles_text(const std::vector<HeldRole>& roles);

// What the account team knows of a person beyond their roles, for `cna who` and the internal
// reports: "met · sceptic · reached through Raj Patel · gives access to Jörg Schäfer". Internal:
// never in anything made for the customer. Not sanitised. `today`: met() by the rep's day.
[[nodiscard]] std::string standing_text(const Assessment& assessment,
                                        const Stakeholder& stakeholder, std::string_view today);

// Whether the account records whom we met: a meeting held on or before `today` (a planned one
// meets nobody yet), or a `met` set with `cna who edit`. Until then "not met yet" says nothing
// (docs/assessment.md).
[[nodiscard]] bool met_recorded(const Assessment& assessment, std::string_view today);

// Whom `stakeholder` gives us access to: those reached through them (Stakeholder::access_via).
[[nodiscard]] std::vector<std::string> gives_access_to(const Assessment& assessment,
                                                       std::string_view stakeholder);

// Why the answer to `item` contradicts the power base: it establishes a role only one stakeholder
// may hold (kRoles' unique) while someone else holds it, by `cna who` or by another answer.
// "Dana Lee holds economic-buyer too (set with cna who) ...". Empty when it does not.
[[nodiscard]] std::string role_contradiction(const Assessment& assessment,
                                             const Checklist& checklist, const Item& item);

} // namespace cna
