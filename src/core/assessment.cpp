#include "cna/assessment.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>

#include "cna/clock.hpp"
#include "cna/text.hpp"

namespace cna {

static_assert(
    [] {
      for (std::size_t i = 0; i < kStates.size(); ++i) {
        if (static_cast<std::size_t>(kStates[i].state) != i) return false;
      }
      return true;
    }(),
    "rows in the order of State");

const StateInfo& state_info(State state) { return kStates.at(static_cast<std::size_t>(state)); }

std::string_view to_string(State state) { return state_info(state).name; }

std::optional<State> parse_state(std::string_view name) {
  for (const StateInfo& row : kStates) {
    if (name == row.name) return row.state;
  }
  return std::nullopt;
}

std::string_view to_string(Stance stance) {
  return kStances.at(static_cast<std::size_t>(stance)).name;
}

std::optional<Stance> parse_stance(std::string_view name) {
  for (const StanceInfo& row : kStances) {
    if (name == row.name) return row.stance;
  }
  return std::nullopt;
}

const RoleInfo* find_role(std::string_view name) {
  for (const RoleInfo& row : kRoles) {
    if (name == row.name) return &row;
  }
  return nullptr;
}

const std::vector<std::string>& stakeholder_roles() {
  static const std::vector<std::string> roles = [] {
    std::vector<std::string> out;
    for (const RoleInfo& row : kRoles)
      out.emplace_back(row.name);
    return out;
  }();
  return roles;
}

std::string check_stakeholder(const Stakeholder& s) {
  if (!is_slug(s.id)) {
    const std::string suggestion = suggest_slug(s.id);
    return fmt::format(
        "\"{}\" is not a stakeholder id: use lower-case letters, digits and dashes{}",
        visible(s.id), suggestion.empty() ? "" : fmt::format(" (try \"{}\")", suggestion));
  }
  const auto one_line = [](const std::string& text) {
    return valid_utf8(text) && text.find_first_of("\r\n") == std::string::npos &&
           text.find('\0') == std::string::npos && text.size() <= 1024;
  };
  if (trim(s.name).empty()) return "a stakeholder needs a name";
  if (!one_line(s.name)) return "the name must be one line of UTF-8 text, at most 1024 bytes";
  if (!one_line(s.title)) return "the title must be one line of UTF-8 text, at most 1024 bytes";
  const auto& known = stakeholder_roles();
  for (const std::string& role : s.roles) {
    if (std::find(known.begin(), known.end(), role) == known.end()) {
      const std::string near = did_you_mean(suggestions(role, known));
      return near.empty() ? fmt::format("unknown role \"{}\" (expected one of: {})", visible(role),
                                        fmt::join(known, ", "))
                          : fmt::format("unknown role \"{}\"{}", visible(role), near);
    }
  }
  for (const std::string& via : s.access_via) {
    if (!is_slug(via)) return fmt::format("\"{}\" is not a stakeholder id", visible(via));
  }
  return "";
}

std::string check_stakeholder(const Assessment& assessment, const Stakeholder& s) {
  if (std::string why = check_stakeholder(s); !why.empty()) return why;
  for (const std::string& via : s.access_via) {
    if (via == s.id) return fmt::format("{} cannot be reached through themselves", s.id);
    if (assessment.find_stakeholder(via) == nullptr) {
      return fmt::format("no stakeholder \"{}\" in {} to reach {} through (cna who {} lists them)",
                         visible(via), assessment.account, s.id, assessment.account);
    }
  }
  return "";
}

bool met(const Assessment& assessment, const Stakeholder& s, std::string_view today) {
  if (s.met != Met::unrecorded) return s.met == Met::yes;
  return std::any_of(assessment.meetings.begin(), assessment.meetings.end(), [&](const Meeting& m) {
    return m.date <= today &&
           std::find(m.attendees.begin(), m.attendees.end(), s.id) != m.attendees.end();
  });
}

const Answer* Assessment::find_answer(std::string_view item) const {
  for (const auto& [id, answer] : answers) {
    if (id == item) return &answer;
  }
  return nullptr;
}

Answer& Assessment::answer(std::string_view item) {
  for (auto& [id, a] : answers) {
    if (id == item) return a;
  }
  return answers.emplace_back(std::string(item), Answer{}).second;
}

const Stakeholder* Assessment::find_stakeholder(std::string_view id) const {
  for (const Stakeholder& s : stakeholders) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const Meeting* Assessment::find_meeting(std::string_view id) const {
  for (const Meeting& m : meetings) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

const NextStep* Assessment::find_next_step(std::string_view id) const {
  for (const NextStep& step : next_steps) {
    if (step.id == id) return &step;
  }
  return nullptr;
}

bool overdue(const NextStep& step, std::string_view today) {
  return step.done.empty() && !step.due.empty() && step.due < today;
}

NextStepsDue next_steps_due(const Assessment& assessment, std::int64_t now) {
  NextStepsDue due;
  const std::string today = format_date(now);
  for (const NextStep& step : assessment.next_steps) {
    if (overdue(step, today)) {
      ++due.overdue;
    } else if (const auto after = start_of_day(step.due, 1); after && step.done.empty()) {
      // Overdue from the start of the day after it was due, the rep's midnight.
      due.holds_until = std::min(due.holds_until, *after);
    }
  }
  return due;
}

std::vector<const NextStep*> open_next_steps(const Assessment& assessment) {
  std::vector<const NextStep*> open;
  for (const NextStep& step : assessment.next_steps) {
    if (step.done.empty()) open.push_back(&step);
  }
  std::stable_sort(open.begin(), open.end(), [](const NextStep* x, const NextStep* y) {
    return !x->due.empty() && (y->due.empty() || x->due < y->due);
  });
  return open;
}

std::string Assessment::name_of(std::string_view id) const {
  const Stakeholder* s = find_stakeholder(id);
  return s != nullptr && !s->name.empty() ? s->name : std::string(id);
}

StakeholderMatch match_stakeholder(const std::vector<Stakeholder>& people, std::string_view who) {
  for (const Stakeholder& s : people) {
    if (s.id == who) return {s.id, {}};
  }
  const std::string name = to_lower(trim(who));
  std::vector<std::string> named;
  for (const Stakeholder& s : people) {
    if (!name.empty() && to_lower(trim(s.name)) == name) named.push_back(s.id);
  }
  if (named.size() == 1) return {named.front(), {}};
  return {"", named};
}

const std::string& current_user() {
  static const std::string user = [] {
    std::string name;
    // git's user.name, as the team's commits know the rep.
    if (FILE* pipe = popen("git config user.name 2>/dev/null", "r")) {
      std::array<char, 256> buffer{};
      while (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) {
        name += buffer.data();
      }
      pclose(pipe);
    }
    name = trim(name);
    if (name.empty() || !valid_utf8(name)) {
      const char* env = std::getenv("USER");
      name = env != nullptr && valid_utf8(env) ? trim(env) : "";
    }
    return name.empty() ? std::string("unknown") : name;
  }();
  return user;
}

} // namespace cna
