// Checklists as code: the canonical form, the diff with its semver bump, the starter.
#include "cna/checklist_tools.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <map>

#include "cna/json.hpp"
#include "cna/text.hpp"
#include "cna/value.hpp"

namespace cna {

namespace {

template <std::size_t N> Json ordered(const Json& object, const std::array<const char*, N>& keys) {
  Json out = Json::object();
  for (const char* key : keys) {
    if (const auto it = object.find(key); it != object.end()) out[key] = *it;
  }
  return out;
}

// "1.4.2" -> {1, 4, 2}; the validator has checked the form.
std::array<unsigned long, 3> semver(const std::string& version) {
  std::array<unsigned long, 3> out{};
  std::size_t at = 0;
  for (unsigned long& part : out) {
    const std::size_t dot = std::min(version.find('.', at), version.size());
    part = std::stoul(version.substr(at, dot - at));
    at = dot + 1;
  }
  return out;
}

std::string least_version(const std::string& old_version, Bump bump) {
  auto [major, minor, patch] = semver(old_version);
  switch (bump) {
  case Bump::major:
    return fmt::format("{}.0.0", major + 1);
  case Bump::minor:
    return fmt::format("{}.{}.0", major, minor + 1);
  case Bump::patch:
    return fmt::format("{}.{}.{}", major, minor, patch + 1);
  case Bump::none:
    break;
  }
  return old_version;
}

std::string yes_no(bool value) { return value ? "yes" : "no"; }

std::string bound_text(std::optional<double> bound) {
  return bound ? format_number(*bound) : "none";
}

std::string rule_text(const std::string& rule) { return rule.empty() ? "inherited" : rule; }

// The fields of two versions of one item that differ, each with the bump it implies.
class ItemComparison {
public:
  ItemComparison(const Item& before, const Item& after) : m_before(before), m_after(after) {}

  std::vector<FieldChange> run(const std::string& before_section,
                               const std::string& after_section) {
    const Item& o = m_before;
    const Item& n = m_after;
    if (o.type != n.type) {
      add("type", fmt::format("{} → {}", to_string(o.type), to_string(n.type)), Bump::major);
    }
    differs(o.prompt != n.prompt, "prompt", Bump::minor);
    options();
    if (o.other != n.other) {
      add("other", n.other ? "now allowed" : "no longer allowed",
          n.other ? Bump::minor : Bump::major);
    }
    const bool scale = n.type == ItemType::scale && o.type == ItemType::scale;
    bound("min", scale ? o.scale_min() : o.min, scale ? n.scale_min() : n.min, true);
    bound("max", scale ? o.scale_max() : o.max, scale ? n.scale_max() : n.max, false);
    differs(o.unit != n.unit, "unit", Bump::minor);
    if (o.integer != n.integer) {
      add("integer", fmt::format("{} → {}", yes_no(o.integer), yes_no(n.integer)),
          n.integer ? Bump::major : Bump::minor);
    }
    differs(o.labels != n.labels, "labels", Bump::minor);
    if (o.pattern != n.pattern) add("pattern", "", n.pattern.empty() ? Bump::minor : Bump::major);
    bound("min_length", o.min_length, n.min_length, true);
    // What the answer means stays the same; when and how it is asked changes.
    if (o.when != n.when) add("when", n.when.empty() ? "removed" : n.when, Bump::minor);
    flag("required", o.required, n.required);
    flag("source", o.source, n.source);
    flag("na", o.na, n.na);
    // Who may see the answer and how it is checked; what it means stays.
    flag("internal", o.internal, n.internal);
    // Who may confirm changes which confirmations hold, never what an answer means.
    if (o.confirm_with != n.confirm_with) {
      add("confirm_with",
          fmt::format("{} → {}", rule_text(o.confirm_with), rule_text(n.confirm_with)),
          Bump::minor);
    }
    // The role an answer gives its person: the power base changes, never what an answer means.
    if (o.establishes != n.establishes) {
      add("establishes",
          fmt::format("{} → {}", o.establishes.empty() ? "none" : o.establishes,
                      n.establishes.empty() ? "none" : n.establishes),
          Bump::minor);
    }
    if (o.reconfirm_after_days != n.reconfirm_after_days) {
      add("reconfirm_after_days",
          fmt::format("{} → {}", bound_text(o.reconfirm_after_days),
                      bound_text(n.reconfirm_after_days)),
          Bump::minor);
    }
    if (before_section != after_section) {
      add("section", fmt::format("{} → {}", before_section, after_section), Bump::minor);
    }
    // Guidance only.
    differs(o.label != n.label, "label", Bump::patch);
    differs(o.help != n.help, "help", Bump::patch);
    differs(o.clarify != n.clarify, "clarify", Bump::patch);
    differs(o.tags != n.tags, "tags", Bump::patch);
    // The hash covers a field compared above; this catches what reads the same but is written
    // differently (1 and 1.0), so the re-confirmation it asks for is never unexplained.
    if (o.sha256 != n.sha256 && std::none_of(m_out.begin(), m_out.end(),
                                             [](const auto& f) { return f.bump > Bump::patch; })) {
      add("definition", "", Bump::minor);
    }
    return std::move(m_out);
  }

private:
  void add(std::string field, std::string detail, Bump bump) {
    m_out.push_back({std::move(field), std::move(detail), bump});
  }
  void differs(bool different, const char* field, Bump bump) {
    if (different) add(field, "", bump);
  }
  void flag(const char* field, bool before, bool after) {
    if (before != after)
      add(field, fmt::format("{} → {}", yes_no(before), yes_no(after)), Bump::minor);
  }
  // A limit that rises (lower bound) or falls (upper bound) can make an old answer invalid.
  void bound(const char* field, std::optional<double> before, std::optional<double> after,
             bool lower) {
    if (before == after) return;
    const bool tighter = after && (!before || (lower ? *after > *before : *after < *before));
    add(field, fmt::format("{} → {}", bound_text(before), bound_text(after)),
        tighter ? Bump::major : Bump::minor);
  }
  void options() {
    std::vector<std::string> removed;
    std::vector<std::string> added;
    bool labels = false;
    bool help = false;
    for (const Option& o : m_before.options) {
      const Option* n = m_after.find_option(o.value);
      if (n == nullptr) {
        removed.push_back(o.value);
      } else {
        labels = labels || n->label != o.label;
        help = help || n->help != o.help;
      }
    }
    for (const Option& n : m_after.options) {
      if (m_before.find_option(n.value) == nullptr) added.push_back(n.value);
    }
    if (!removed.empty())
      add("options", fmt::format("removed {}", fmt::join(removed, ", ")), Bump::major);
    if (!added.empty())
      add("options", fmt::format("added {}", fmt::join(added, ", ")), Bump::minor);
    if (labels) add("options", "labels", Bump::minor);
    const auto values = [](const Item& item) {
      std::vector<std::string> out;
      for (const Option& o : item.options) {
        if (item.find_option(o.value) != nullptr) out.push_back(o.value);
      }
      return out;
    };
    if (removed.empty() && added.empty() && values(m_before) != values(m_after)) {
      add("options", "order", Bump::minor);
    }
    if (help) add("options", "help", Bump::patch);
  }

  const Item& m_before;
  const Item& m_after;
  std::vector<FieldChange> m_out;
};

Bump largest(const std::vector<FieldChange>& fields, Bump at_least) {
  Bump bump = at_least;
  for (const FieldChange& f : fields)
    bump = std::max(bump, f.bump);
  return bump;
}

// The checklist's own fields and its sections (their items are compared one by one).
std::vector<FieldChange> compare_checklists(const Checklist& o, const Checklist& n) {
  std::vector<FieldChange> out;
  if (o.id != n.id) out.push_back({"id", fmt::format("{} → {}", o.id, n.id), Bump::major});
  if (o.title != n.title) out.push_back({"title", "", Bump::patch});
  if (o.description != n.description) out.push_back({"description", "", Bump::patch});
  if (o.reconfirm_after_days != n.reconfirm_after_days) {
    out.push_back({"reconfirm_after_days",
                   fmt::format("{} → {}", bound_text(o.reconfirm_after_days),
                               bound_text(n.reconfirm_after_days)),
                   Bump::minor});
  }
  if (o.confirm_with != n.confirm_with) {
    out.push_back({"confirm_with",
                   fmt::format("{} → {}", rule_text(o.confirm_with), rule_text(n.confirm_with)),
                   Bump::minor});
  }
  std::map<std::string, const Section*> before;
  for (const Section& s : o.sections)
    before.emplace(s.id, &s);
  for (const Section& s : n.sections) {
    const auto it = before.find(s.id);
    if (it == before.end()) {
      out.push_back({"sections", "added " + s.id, Bump::patch});
      continue;
    }
    if (it->second->title != s.title) out.push_back({"sections", s.id + " title", Bump::patch});
    if (it->second->help != s.help) out.push_back({"sections", s.id + " help", Bump::patch});
    if (it->second->internal != s.internal) {
      out.push_back({"sections", s.id + " internal", Bump::minor});
    }
    before.erase(it);
  }
  for (const Section& s : o.sections) {
    if (before.contains(s.id)) out.push_back({"sections", "removed " + s.id, Bump::patch});
  }
  return out;
}

// The old item a new one continues: the same id, else the first of its renamed_from ids that the
// old checklist has and the new one does not.
const Item* predecessor(const Item& item, const Checklist& before, const Checklist& after) {
  if (const Item* same = before.find(item.id)) return same;
  for (const std::string& old : item.renamed_from) {
    if (after.find(old) == nullptr) {
      if (const Item* found = before.find(old)) return found;
    }
  }
  return nullptr;
}

Json fields_json(const std::vector<FieldChange>& fields) {
  Json out = Json::array();
  for (const FieldChange& f : fields) {
    out.push_back(Json::object(
        {{"field", f.field}, {"detail", f.detail}, {"bump", std::string(to_string(f.bump))}}));
  }
  return out;
}

std::string title_from(std::string_view id) {
  std::string title(id);
  std::replace(title.begin(), title.end(), '_', ' ');
  if (!title.empty()) title[0] = static_cast<char>(title[0] - 'a' + 'A');
  return title;
}

// Every item type, help and clarifying questions everywhere, one condition; "@ID@" and
// "@TITLE@" are filled in.
constexpr std::string_view kStarter = R"({
  "cna": 1, "id": "@ID@", "version": "0.1.0", "title": "@TITLE@",
  "description": "A starter checklist: replace these questions with your team's. Reference: man 5 cna-checklist, or docs/checklist-format.md in the cna project.",
  "sections": [
    {"id": "situation", "title": "Current situation",
     "help": "How things work today, before any problem or solution.",
     "items": [
       {"id": "current_approach", "type": "longtext",
        "prompt": "How does the customer handle this today?",
        "help": "Process, tools, people and suppliers, end to end.",
        "clarify": ["Can you walk me through it step by step?", "Who is involved?"]},
       {"id": "has_incumbent", "type": "yesno",
        "prompt": "Is there a current supplier or in-house solution?",
        "help": "An incumbent brings contract dates and loyalties.",
        "clarify": ["Who provides this today?"]},
       {"id": "incumbent", "type": "text", "prompt": "Who is the incumbent, and until when?",
        "help": "Asked only when there is one: the condition below.",
        "clarify": ["When does the current agreement end?"], "when": "has_incumbent == true"},
       {"id": "users", "type": "number", "prompt": "How many people will use it?",
        "help": "A count of people, not licences.", "clarify": ["Who are they?"],
        "min": 1, "unit": "users", "integer": true}
     ]},
    {"id": "needs", "title": "Needs and decision",
     "help": "The problems worth solving and how the customer will decide.",
     "items": [
       {"id": "top_problem", "type": "text", "prompt": "What is the biggest problem to solve?",
        "help": "In the customer's words.", "clarify": ["What does it cost today?"]},
       {"id": "priority", "type": "choice", "prompt": "How high a priority is it?",
        "help": "Where it ranks among the customer's projects.",
        "clarify": ["What would move it up or down?"],
        "options": [{"value": "high", "label": "High", "help": "Funded and staffed this year"},
                    "medium", "low"]},
       {"id": "drivers", "type": "multi", "prompt": "What drives the change?",
        "help": "Pick every driver the customer names.", "clarify": ["Which matters most?"],
        "options": ["cost", "growth", "risk", "compliance"], "other": true, "min": 1},
       {"id": "budget", "type": "money", "prompt": "What budget is set aside?",
        "help": "Amount and currency, e.g. 250k EUR.", "clarify": ["Who releases it?"],
        "na": true},
       {"id": "decision_date", "type": "date", "prompt": "When will the customer decide?",
        "help": "A date, today or +14d.", "clarify": ["What event sets that date?"]},
       {"id": "urgency", "type": "scale", "prompt": "How urgent is it?",
        "help": "1 = can wait, 5 = critical.", "clarify": ["What happens if it slips?"],
        "labels": ["Can wait", "Low", "Moderate", "High", "Critical"]},
       {"id": "share_of_spend", "type": "percent",
        "prompt": "What share of the spend in this area is ours today?",
        "help": "A percentage: 0 for a new customer.", "clarify": ["Who holds the rest?"]},
       {"id": "criteria", "type": "list", "prompt": "Which criteria will the decision use?",
        "help": "One per line, in the customer's words.", "clarify": ["Which are must-haves?"],
        "min": 1},
       {"id": "decision_maker", "type": "person", "prompt": "Who makes the final decision?",
        "help": "A stakeholder of the account.", "clarify": ["Who else must agree?"]},
       {"id": "open_questions", "type": "questions",
        "prompt": "Which questions are still open, who answers each, by when?",
        "help": "One per line: TEXT @WHO due DATE; add => ANSWER once answered. An open one holds the gate.",
        "clarify": ["Who else should we ask?"], "required": false, "source": false},
       {"id": "next_step", "type": "text", "prompt": "What is our agreed next step?",
        "help": "Our own plan: no customer source needed.", "clarify": ["By when?"],
        "source": false, "required": false}
     ]}
  ]
}
)";

} // namespace

FormattedChecklist format_checklist(std::string_view text, std::string_view file) {
  FormattedChecklist result{{}, load_checklist(text, file).problems};
  if (has_errors(result.problems)) return result;
  Json root = ordered(parse_json(text, file).value, kChecklistKeys);
  for (Json& section : root["sections"]) {
    section = ordered(section, kSectionKeys);
    for (Json& item : section["items"]) {
      item = ordered(item, kItemKeys);
      if (const auto options = item.find("options"); options != item.end()) {
        for (Json& option : *options) {
          if (option.is_object()) option = ordered(option, kOptionKeys);
        }
      }
    }
  }
  result.text = dump_canonical(root);
  return result;
}

std::string_view to_string(Bump bump) {
  constexpr std::array kNames{"none", "patch", "minor", "major"};
  return kNames.at(static_cast<std::size_t>(bump));
}

std::string_view to_string(ChangeKind kind) {
  constexpr std::array kNames{"added", "removed", "renamed", "changed", "reworded"};
  return kNames.at(static_cast<std::size_t>(kind));
}

ChecklistDiff diff_checklists(const Checklist& before, const Checklist& after) {
  ChecklistDiff d{before.id, before.version, after.id, after.version, {}, {}, Bump::none, {}, true};
  std::vector<bool> continued(before.items.size(), false);
  for (const Item& item : after.items) {
    const Item* old = predecessor(item, before, after);
    if (old == nullptr) {
      d.items.push_back({ChangeKind::added, item.id, {}, {}, false, Bump::minor});
      continue;
    }
    continued[*before.index_of(old->id)] = true;
    ItemChange change{ChangeKind::changed, item.id, {}, {}, old->sha256 != item.sha256, {}};
    change.fields = ItemComparison(*old, item)
                        .run(before.sections[old->section].id, after.sections[item.section].id);
    if (old->id != item.id) {
      change.kind = ChangeKind::renamed;
      change.from = old->id;
    } else if (change.fields.empty()) {
      continue;
    } else if (largest(change.fields, Bump::none) == Bump::patch) {
      change.kind = ChangeKind::reworded;
    }
    change.bump =
        largest(change.fields, change.kind == ChangeKind::renamed ? Bump::minor : Bump::none);
    d.items.push_back(std::move(change));
  }
  for (std::size_t i = 0; i < before.items.size(); ++i) {
    if (!continued[i]) {
      d.items.push_back({ChangeKind::removed, before.items[i].id, {}, {}, false, Bump::major});
    }
  }
  d.others = compare_checklists(before, after);
  d.bump = largest(d.others, Bump::none);
  for (const ItemChange& c : d.items)
    d.bump = std::max(d.bump, c.bump);
  d.least_version = least_version(before.version, d.bump);
  d.version_ok = semver(after.version) >= semver(d.least_version);
  return d;
}

std::string diff_json(const ChecklistDiff& d) {
  Json items = Json::array();
  for (const ItemChange& c : d.items) {
    Json j = Json::object({{"item", c.item}, {"change", std::string(to_string(c.kind))}});
    if (c.kind == ChangeKind::renamed) j["from"] = c.from;
    j["fields"] = fields_json(c.fields);
    j["reconfirm"] = c.reconfirm;
    j["bump"] = std::string(to_string(c.bump));
    items.push_back(std::move(j));
  }
  const Json out = Json::object({{"cna_checklist_diff", 1},
                                 {"old", {{"id", d.old_id}, {"version", d.old_version}}},
                                 {"new", {{"id", d.new_id}, {"version", d.new_version}}},
                                 {"items", std::move(items)},
                                 {"others", fields_json(d.others)},
                                 {"bump", std::string(to_string(d.bump))},
                                 {"least_version", d.least_version},
                                 {"version_ok", d.version_ok}});
  return dump_json(out, 2) + "\n";
}

std::string starter_checklist(std::string_view id) {
  if (!is_id(id)) {
    throw Error(
        Exit::usage,
        fmt::format("\"{}\" is not a checklist id (expected ^[a-z][a-z0-9_]*$)", visible(id)));
  }
  std::string text(kStarter);
  for (const auto& [placeholder, value] :
       {std::pair<std::string_view, std::string>{"@ID@", std::string(id)},
        {"@TITLE@", title_from(id)}}) {
    text.replace(text.find(placeholder), placeholder.size(), value);
  }
  FormattedChecklist starter = format_checklist(text, "starter");
  if (starter.text.empty()) {
    throw Error(Exit::internal, "the starter checklist does not validate: " +
                                    format_problem(starter.problems.front()));
  }
  return std::move(starter.text);
}

} // namespace cna
