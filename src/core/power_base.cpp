#include "cna/power_base.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace cna {

std::string established_holder(const Assessment& assessment, const Item& item) {
  if (item.establishes.empty() || item.type != ItemType::person) return "";
  const Answer* answer = assessment.find_answer(item.id);
  if (answer == nullptr || answer->state != State::answered) return "";
  const auto* person = std::get_if<std::string>(&answer->value);
  if (person == nullptr || assessment.find_stakeholder(*person) == nullptr) return "";
  return *person;
}

std::vector<HeldRole> held_roles(const Assessment& assessment, const Checklist& checklist,
                                 std::string_view stakeholder) {
  std::vector<HeldRole> out;
  const auto held = [&](std::string_view role) {
    return std::any_of(out.begin(), out.end(), [&](const HeldRole& h) { return h.role == role; });
  };
  if (const Stakeholder* s = assessment.find_stakeholder(stakeholder)) {
    for (const std::string& role : s->roles)
      if (!held(role)) out.push_back({role, ""});
  }
  for (const Item& item : checklist.items) {
    if (!held(item.establishes) && established_holder(assessment, item) == stakeholder) {
      out.push_back({item.establishes, item.id});
    }
  }
  return out;
}

bool holds_role(const Assessment& assessment, const Checklist& checklist,
                std::string_view stakeholder, std::string_view role) {
  const std::vector<HeldRole> roles = held_roles(assessment, checklist, stakeholder);
  return std::any_of(roles.begin(), roles.end(), [&](const HeldRole& h) { return h.role == role; });
}

std::vector<std::string> role_holders(const Assessment& assessment, const Checklist& checklist,
                                      std::string_view role) {
  std::vector<std::string> out;
  for (const Stakeholder& s : assessment.stakeholders) {
    if (holds_role(assessment, checklist, s.id, role)) out.push_back(s.id);
  }
  return out;
}

std::vector<std::string> gives_access_to(const Assessment& assessment,
                                         std::string_view stakeholder) {
  std::vector<std::string> out;
  for (const Stakeholder& s : assessment.stakeholders) {
    if (std::find(s.access_via.begin(), s.access_via.end(), stakeholder) != s.access_via.end())
      out.push_back(s.id);
  }
  return out;
}

bool met_recorded(const Assessment& assessment, std::string_view today) {
  return std::any_of(assessment.meetings.begin(), assessment.meetings.end(),
                     [&](const Meeting& m) { return m.date <= today; }) ||
         std::any_of(assessment.stakeholders.begin(), assessment.stakeholders.end(),
                     [](const Stakeholder& s) { return s.met != Met::unrecorded; });
}

std::string roles_text(const std::vector<HeldRole>& roles) {
  std::vector<std::string> parts;
  for (const HeldRole& held : roles)
    parts.push_back(held.item.empty() ? held.role : fmt::format("{} ({})", held.role, held.item));
  return fmt::format("{}", fmt::join(parts, ", "));
}

namespace {

std::string names(const Assessment& a, const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const std::string& id : ids)
    out.push_back(a.name_of(id));
  return fmt::format("{}", fmt::join(out, ", "));
}

} // namespace

std::string standing_text(const Assessment& assessment, const Stakeholder& s,
                          std::string_view today) {
  std::vector<std::string> parts{met(assessment, s, today) ? "met" : "not met yet"};
  if (s.stance != Stance::unknown) parts.emplace_back(to_string(s.stance));
  if (!s.access_via.empty()) parts.push_back("reached through " + names(assessment, s.access_via));
  if (const auto gives = gives_access_to(assessment, s.id); !gives.empty())
    parts.push_back("gives access to " + names(assessment, gives));
  return fmt::format("{}", fmt::join(parts, " · "));
}

std::string role_contradiction(const Assessment& assessment, const Checklist& checklist,
                               const Item& item) {
  const RoleInfo* role = find_role(item.establishes);
  const std::string holder = established_holder(assessment, item);
  if (role == nullptr || !role->unique || holder.empty()) return "";
  for (const Stakeholder& other : assessment.stakeholders) {
    if (other.id == holder) continue;
    for (const HeldRole& held : held_roles(assessment, checklist, other.id)) {
      if (held.role != role->name) continue;
      const std::string how = held.item.empty() ? fmt::format("set with cna who {}", other.id)
                                                : fmt::format("the answer to {}", held.item);
      return fmt::format("{} is the {} too ({}), and only one stakeholder can be: answer {} again "
                         "or change {}'s roles",
                         assessment.name_of(other.id), role->name, how, item.id, other.id);
    }
  }
  return "";
}

} // namespace cna
