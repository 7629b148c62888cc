// The import file: read strictly, every entry checked with the walk's rules, all problems at once.
#include "cna/import.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "cna/json.hpp"
#include "cna/readiness.hpp"
#include "cna/record.hpp"
#include "cna/text.hpp"

namespace cna {

namespace {

using Pointer = Json::json_pointer;

bool is_one_of(std::string_view key, std::initializer_list<std::string_view> keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// How an import file gives what stands in for a refused value (an item left out is skipped).
const InsteadSyntax kImportInstead{"", R"({"unknown": {"owner": ..., "due": ...}})",
                                   R"({"na": "reason"})", R"(an entry under "stakeholders")"};

class ImportReader {
public:
  ImportReader(const ParsedJson& parsed, std::string_view file, const Checklist& checklist,
               const Assessment& assessment, const InputContext& context, ImportPlan& plan)
      : m_parsed(parsed), m_file(file), m_checklist(checklist), m_assessment(assessment),
        m_context(context), m_plan(plan), m_people(assessment.stakeholders) {
    m_context.stakeholders = &m_people;
  }

  void read() {
    read_document();
    // In file order, wherever in the reading each was found.
    std::stable_sort(m_found.begin(), m_found.end(), [](const auto& x, const auto& y) {
      return std::pair(x.first.line, x.first.column) < std::pair(y.first.line, y.first.column);
    });
    for (auto& [position, problem] : m_found)
      m_plan.problems.push_back(std::move(problem));
  }

private:
  void read_document() {
    for (const DuplicateKey& d : m_parsed.duplicates) {
      ++m_errors;
      m_found.emplace_back(d.position,
                           Problem{where_at(m_file, d.position, d.pointer),
                                   "duplicate key (each item may appear once)", Severity::error});
    }
    const Json& root = m_parsed.value;
    if (!root.is_object()) {
      error("", "expected a JSON object with \"answers\" and optionally \"stakeholders\"");
      return;
    }
    for (const auto& [key, value] : root.items()) {
      if (!is_one_of(key, {"stakeholders", "answers"})) unknown_field(Pointer() / key);
    }
    if (!root.contains("stakeholders") && !root.contains("answers")) {
      error("", "nothing to import: expected \"answers\" and optionally \"stakeholders\"");
    }
    if (const auto it = root.find("stakeholders"); it != root.end()) {
      read_stakeholders(*it, Pointer() / "stakeholders");
    }
    if (const auto it = root.find("answers"); it != root.end()) {
      if (!it->is_object()) {
        error("/answers", "expected an object of item ids and answers");
      } else {
        for (const auto& [id, entry] : it->items())
          read_entry(id, entry, Pointer() / "answers" / id);
      }
    }
    if (m_errors == 0) warn_not_applicable();
  }

  void add(const Pointer& at, std::string message, Severity severity) {
    const std::string pointer = at.to_string();
    const Position position = m_parsed.at(pointer);
    m_found.emplace_back(
        position, Problem{where_at(m_file, position, pointer), std::move(message), severity});
  }
  void error(const Pointer& at, std::string message) {
    ++m_errors;
    add(at, std::move(message), Severity::error);
  }
  void error(const std::string& pointer, std::string message) {
    error(Pointer(pointer), std::move(message));
  }
  void unknown_field(const Pointer& at) {
    error(at, fmt::format("unknown field \"{}\"", visible(at.back())));
  }

  // A string member, or nullopt (with a problem when present but not a string).
  std::optional<std::string> string_at(const Json& object, const Pointer& at, const char* key) {
    const auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    if (!it->is_string()) {
      error(at / key, "expected a string");
      return std::nullopt;
    }
    return it->get<std::string>();
  }

  // An array member of strings (`what` they are, for the problem), or nullopt when absent or
  // not one (with a problem).
  std::optional<std::vector<std::string>> strings_at(const Json& object, const Pointer& at,
                                                     const char* key, std::string_view what) {
    const auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    std::vector<std::string> out;
    if (!it->is_array()) {
      error(at / key, fmt::format("expected an array of {}", what));
      return std::nullopt;
    }
    for (const Json& entry : *it) {
      if (!entry.is_string()) {
        error(at / key, fmt::format("{} are strings", what));
        return std::nullopt;
      }
      out.push_back(entry.get<std::string>());
    }
    return out;
  }

  void read_stakeholders(const Json& list, const Pointer& at) {
    if (!list.is_array()) {
      error(at, "expected an array of stakeholders");
      return;
    }
    std::vector<std::string> seen;
    std::vector<Pointer> planned_at; // where each planned stakeholder is in the file
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Json& j = list[i];
      const Pointer here = at / i;
      if (!j.is_object()) {
        error(here, "expected an object with \"id\" and \"name\"");
        continue;
      }
      const std::size_t errors = m_errors;
      for (const auto& [key, value] : j.items()) {
        if (!is_one_of(key, {"id", "name", "title", "roles", "met", "stance", "access_via"}))
          unknown_field(here / key);
      }
      const auto id = string_at(j, here, "id");
      if (!id) {
        if (!j.contains("id")) error(here, "missing \"id\"");
        continue;
      }
      if (std::find(seen.begin(), seen.end(), *id) != seen.end()) {
        error(here / "id", fmt::format("\"{}\" is listed twice", visible(*id)));
        continue;
      }
      seen.push_back(*id);
      const auto existing = std::find_if(m_people.begin(), m_people.end(),
                                         [&](const Stakeholder& s) { return s.id == *id; });
      Stakeholder s =
          existing != m_people.end() ? *existing : Stakeholder{*id, {}, {}, {}, {}, {}, {}, {}};
      if (auto name = string_at(j, here, "name")) s.name = trim(*name);
      if (auto title = string_at(j, here, "title")) s.title = trim(*title);
      if (auto roles = strings_at(j, here, "roles", "roles")) s.roles = std::move(*roles);
      read_standing(j, here, s);
      if (m_errors != errors) continue;
      if (const std::string why = check_stakeholder(s); !why.empty()) {
        error(here, why);
        continue;
      }
      if (existing != m_people.end()) {
        *existing = s;
      } else {
        m_people.push_back(s);
      }
      m_plan.stakeholders.push_back(std::move(s));
      planned_at.push_back(here);
    }
    // Access through someone listed later in the file is fine: checked once all are read.
    Assessment people;
    people.stakeholders = m_people;
    for (std::size_t i = 0; i < m_plan.stakeholders.size(); ++i) {
      if (const std::string why = check_stakeholder(people, m_plan.stakeholders[i]); !why.empty())
        error(planned_at[i] / "access_via", why);
    }
  }

  // met (true or false), stance (kStances) and access_via (stakeholder ids), as `cna who edit`
  // sets them; each given field replaces what is on file.
  void read_standing(const Json& j, const Pointer& here, Stakeholder& s) {
    if (const auto met = j.find("met"); met != j.end()) {
      if (!met->is_boolean())
        error(here / "met", "expected true or false");
      else
        s.met = met->get<bool>() ? Met::yes : Met::no;
    }
    if (auto stance = string_at(j, here, "stance")) {
      if (const auto parsed = parse_stance(*stance))
        s.stance = *parsed;
      else
        error(here / "stance",
              fmt::format("unknown stance \"{}\" (expected supporter, neutral, sceptic or unknown)",
                          visible(*stance)));
    }
    if (auto via = strings_at(j, here, "access_via", "stakeholder ids"))
      s.access_via = std::move(*via);
  }

  void read_entry(const std::string& id, const Json& entry, const Pointer& at) {
    const Item* item = m_checklist.find(id);
    if (item == nullptr) {
      error(at, no_such_item(m_checklist, id));
      return;
    }
    const std::size_t errors = m_errors;
    Answer answer;
    // An object is an entry ({"value", "source", "note"}, {"unknown"}, {"na"}) unless it is an
    // amount of money.
    if (entry.is_object() && !entry.contains("amount") && !entry.contains("currency")) {
      read_entry_object(*item, entry, at, answer);
    } else if (auto value = read_value(*item, entry, at)) {
      answer.state = State::answered;
      answer.value = std::move(*value);
    }
    if (m_errors == errors) {
      m_plan.answers.push_back({id, std::move(answer)});
      m_pointers.push_back(at);
    }
  }

  void read_entry_object(const Item& item, const Json& entry, const Pointer& at, Answer& answer) {
    for (const auto& [key, value] : entry.items()) {
      if (!is_one_of(key, {"value", "unknown", "na", "source", "note"})) unknown_field(at / key);
    }
    const auto count = std::count_if(entry.items().begin(), entry.items().end(), [](const auto& m) {
      return is_one_of(m.key(), {"value", "unknown", "na"});
    });
    if (count > 1) {
      error(at, "give one of \"value\", \"unknown\" or \"na\"");
      return;
    }
    if (const auto it = entry.find("value"); it != entry.end()) {
      if (auto value = read_value(item, *it, at / "value")) {
        answer.state = State::answered;
        answer.value = std::move(*value);
      }
    } else if (const auto unknown = entry.find("unknown"); unknown != entry.end()) {
      read_unknown(*unknown, at / "unknown", answer);
    } else if (entry.contains("na")) {
      if (const auto reason = string_at(entry, at, "na")) {
        use(parse_na(item, *reason), at / "na", answer);
      }
    } else if (!entry.contains("note")) {
      error(at, "nothing to set: give \"value\", \"unknown\", \"na\" or \"note\"");
    }
    if (const auto source = string_at(entry, at, "source")) {
      if (count == 0) {
        error(at / "source", "a source belongs to a value, \"unknown\" or \"na\"");
      } else if (std::none_of(m_people.begin(), m_people.end(),
                              [&](const Stakeholder& s) { return s.id == *source; })) {
        error(at / "source", fmt::format("no stakeholder \"{}\" (add it under \"stakeholders\")",
                                         visible(*source)));
      } else {
        answer.source = *source;
      }
    }
    if (const auto note = string_at(entry, at, "note")) {
      if (note->size() > kMaxAnswerBytes) error(at / "note", "the note is longer than 64 KiB");
      answer.note = *note;
    }
  }

  void read_unknown(const Json& j, const Pointer& at, Answer& answer) {
    if (!j.is_object() || !j.contains("owner") || !j.contains("due")) {
      error(at, "expected {\"owner\": \"who will find out\", \"due\": \"YYYY-MM-DD\"}");
      return;
    }
    for (const auto& [key, value] : j.items()) {
      if (!is_one_of(key, {"owner", "due"})) unknown_field(at / key);
    }
    const auto owner = string_at(j, at, "owner");
    const auto due = string_at(j, at, "due");
    if (owner && due) use(parse_unknown(*owner, *due, m_context), at, answer);
  }

  void use(ParsedAnswer parsed, const Pointer& at, Answer& answer) {
    if (!parsed.ok()) {
      error(at, phrase(parsed.error, kImportInstead));
      return;
    }
    answer.state = parsed.answer.state;
    answer.reason = parsed.answer.reason;
    answer.owner = parsed.answer.owner;
    answer.due = parsed.answer.due;
  }

  // Strings go through the input grammar; other JSON values must already be the stored form.
  std::optional<Value> read_value(const Item& item, const Json& j, const Pointer& at) {
    std::optional<Value> value;
    if (j.is_string() ||
        (j.is_array() && !j.empty() &&
         std::all_of(j.begin(), j.end(), [](const Json& e) { return e.is_string(); }))) {
      const std::vector<std::string> lines = j.is_string()
                                                 ? std::vector<std::string>{j.get<std::string>()}
                                                 : j.get<std::vector<std::string>>();
      ParsedInput parsed = parse_input(item, lines, m_context);
      if (parsed.ok()) return std::move(parsed.value);
      error(at, phrase(parsed.error, kImportInstead));
      return std::nullopt;
    }
    // Arrays here are empty or hold more than strings: no stored form.
    if (!j.is_array()) value = value_from_json(j);
    if (!value) {
      error(at, j.is_null() ? "no value: use {\"unknown\": {...}} or {\"na\": \"reason\"} instead"
                            : fmt::format("expected the answer as {} (see cna checklist show {})",
                                          "text, a number, true/false, a list of strings or "
                                          "{\"amount\", \"currency\"}",
                                          m_checklist.id));
      return std::nullopt;
    }
    if (const Refusal why = check_value(item, *value, m_people); !why.empty()) {
      error(at, phrase(why, kImportInstead));
      return std::nullopt;
    }
    return value;
  }

  // An answer to an item that the other answers make inapplicable is kept, as the walk keeps it.
  void warn_not_applicable() {
    Assessment trial = m_assessment;
    for (const ImportedAnswer& a : m_plan.answers) {
      if (a.answer.state != State::missing) trial.answer(a.item) = a.answer;
    }
    const std::vector<bool> applicable = applicable_items(m_checklist, trial);
    for (std::size_t i = 0; i < m_plan.answers.size(); ++i) {
      const Item& item = *m_checklist.find(m_plan.answers[i].item);
      if (!applicable[*m_checklist.index_of(item.id)]) {
        add(m_pointers[i],
            fmt::format("does not apply with these answers (when: {}); kept anyway",
                        visible(item.when)),
            Severity::warning);
      }
    }
  }

  const ParsedJson& m_parsed;
  std::string_view m_file;
  const Checklist& m_checklist;
  const Assessment& m_assessment;
  InputContext m_context;
  ImportPlan& m_plan;
  std::vector<Stakeholder> m_people; // the account's, updated with the file's
  std::vector<Pointer> m_pointers;   // of m_plan.answers
  std::vector<std::pair<Position, Problem>> m_found;
  std::size_t m_errors = 0;
};

} // namespace

ImportPlan read_import(std::string_view text, std::string_view file, const Checklist& checklist,
                       const Assessment& assessment, const InputContext& context) {
  ImportPlan plan;
  ParsedJson parsed;
  try {
    parsed = parse_json(text, file, true);
  } catch (const Error& e) {
    // "file:line:col: reason" -> where + message, so it prints like every other problem.
    const std::string what = e.what();
    const auto colon = what.find(": ", file.size());
    plan.problems.push_back({what.substr(0, colon), what.substr(colon + 2), Severity::error});
    return plan;
  }
  ImportReader(parsed, file, checklist, assessment, context, plan).read();
  return plan;
}

std::size_t apply_import(Assessment& assessment, const Checklist& checklist, const ImportPlan& plan,
                         Seconds now) {
  std::size_t changed = 0;
  for (const Stakeholder& s : plan.stakeholders) {
    if (record_stakeholder(assessment, s, now)) ++changed;
  }
  for (const ImportedAnswer& a : plan.answers) {
    const bool done = a.answer.state == State::missing
                          ? record_note(assessment, checklist, a.item, a.answer.note, now)
                          : record_answer(assessment, checklist, a.item, a.answer, now);
    if (done) ++changed;
  }
  return changed;
}

} // namespace cna
