// The checklist loader and validator: every rule of docs/checklist-format.md, every problem at
// once.
#include "cna/checklist.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <fmt/format.h>
#include <set>

#include "cna/assessment.hpp"
#include "cna/builtins.hpp"
#include "cna/condition.hpp"
#include "cna/item_types.hpp"
#include "cna/json.hpp"
#include "cna/pattern.hpp"
#include "cna/sha256.hpp"
#include "cna/text.hpp"

namespace cna {

namespace {

// Fields that define what an answer means; a change to any of them asks for re-confirmation.
// Guidance (help, clarify, tags) and the id (renames carry answers) are left out.
constexpr std::array kMeaningKeys{"type", "prompt",  "options", "other",   "min",       "max",
                                  "unit", "integer", "labels",  "pattern", "min_length"};

template <std::size_t N> bool known(const std::array<const char*, N>& keys, std::string_view key) {
  for (const char* k : keys) {
    if (key == k) return true;
  }
  return false;
}

// "MAJOR.MINOR.PATCH", numbers without leading zeros. By hand: std::regex costs more than the
// rest of loading a checklist.
bool is_semver(const std::string& v) {
  std::size_t parts = 0;
  for (std::size_t i = 0; i <= v.size(); ++parts) {
    const std::size_t end = std::min(v.find('.', i), v.size());
    const std::string_view part(v.data() + i, end - i);
    if (part.empty() || part.size() > 9 || (part.size() > 1 && part[0] == '0') ||
        part.find_first_not_of("0123456789") != std::string_view::npos) {
      return false;
    }
    i = end + 1;
  }
  return parts == 3;
}

// A member name as a JSON pointer segment ("a/b" -> "a~1b").
std::string escape_pointer(std::string_view key) {
  std::string out;
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

// Reads typed fields out of one JSON object, adding a problem for each that is wrong.
class Validator {
public:
  Validator(const ParsedJson& parsed, std::string_view file, std::vector<Problem>& problems)
      : m_parsed(parsed), m_file(file), m_problems(problems) {}

  void add(const std::string& pointer, std::string message, Severity severity = Severity::error) {
    m_found.push_back({m_parsed.at(pointer),
                       {where_in(m_parsed, m_file, pointer), std::move(message), severity}});
  }

  // At a given position (a duplicate key's own, not its first occurrence's value).
  void add_at(Position p, const std::string& pointer, std::string message) {
    const std::string path = pointer_to_path(pointer);
    m_found.push_back(
        {p,
         {fmt::format("{}:{}:{}{}{}", m_file, p.line, p.column, path.empty() ? "" : ": ", path),
          std::move(message), Severity::error}});
  }

  // Hands the problems over in file order (the rules run by kind, not by position).
  void finish() {
    std::stable_sort(m_found.begin(), m_found.end(), [](const auto& a, const auto& b) {
      return std::pair(a.first.line, a.first.column) < std::pair(b.first.line, b.first.column);
    });
    for (auto& found : m_found)
      m_problems.push_back(std::move(found.second));
    m_found.clear();
  }

  template <std::size_t N>
  void unknown_keys(const Json& object, const std::string& pointer,
                    const std::array<const char*, N>& keys) {
    for (const auto& [key, value] : object.items()) {
      if (!known(keys, key)) {
        add(pointer + "/" + escape_pointer(key), fmt::format("unknown field \"{}\"", visible(key)));
      }
    }
  }

  std::string string(const Json& object, const std::string& pointer, const char* key,
                     bool required) {
    const auto it = object.find(key);
    if (it == object.end()) {
      if (required) add(pointer, fmt::format("missing required field \"{}\"", key));
      return {};
    }
    if (!it->is_string()) {
      add(pointer + "/" + key, "expected a string");
      return {};
    }
    if (required && it->get_ref<const std::string&>().empty()) {
      add(pointer + "/" + key, "must not be empty");
    }
    return it->get<std::string>();
  }

  bool boolean(const Json& object, const std::string& pointer, const char* key, bool fallback) {
    const auto it = object.find(key);
    if (it == object.end()) return fallback;
    if (!it->is_boolean()) {
      add(pointer + "/" + key, "expected true or false");
      return fallback;
    }
    return it->get<bool>();
  }

  std::optional<double> number(const Json& object, const std::string& pointer, const char* key) {
    const auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    if (!it->is_number()) {
      add(pointer + "/" + key, "expected a number");
      return std::nullopt;
    }
    return it->get<double>();
  }

  std::optional<int> count(const Json& object, const std::string& pointer, const char* key,
                           int minimum) {
    const auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    if (!it->is_number_integer() || it->get<std::int64_t>() < minimum ||
        it->get<std::int64_t>() > 1000000) {
      add(pointer + "/" + key, fmt::format("expected a whole number of at least {}", minimum));
      return std::nullopt;
    }
    return static_cast<int>(it->get<std::int64_t>());
  }

  std::vector<std::string> strings(const Json& object, const std::string& pointer,
                                   const char* key) {
    std::vector<std::string> out;
    const auto it = object.find(key);
    if (it == object.end()) return out;
    if (!it->is_array()) {
      add(pointer + "/" + key, "expected an array of strings");
      return out;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
      const Json& s = (*it)[i];
      if (!s.is_string() || s.get_ref<const std::string&>().empty()) {
        add(fmt::format("{}/{}/{}", pointer, key, i), "expected a non-empty string");
      } else {
        out.push_back(s.get<std::string>());
      }
    }
    return out;
  }

private:
  const ParsedJson& m_parsed;
  std::string_view m_file;
  std::vector<Problem>& m_problems;
  std::vector<std::pair<Position, Problem>> m_found;
};

std::vector<Option> read_options(Validator& v, const Json& item, const std::string& pointer) {
  std::vector<Option> options;
  const auto it = item.find("options");
  if (it == item.end()) return options;
  const std::string at = pointer + "/options";
  if (!it->is_array()) {
    v.add(at, "expected an array of options");
    return options;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& o = (*it)[i];
    const std::string oat = fmt::format("{}/{}", at, i);
    Option option;
    if (o.is_string()) {
      option.value = o.get<std::string>();
    } else if (o.is_object()) {
      v.unknown_keys(o, oat, kOptionKeys);
      option.value = v.string(o, oat, "value", true);
      option.label = v.string(o, oat, "label", false);
      option.help = v.string(o, oat, "help", false);
    } else {
      v.add(oat, "expected a string or {\"value\", \"label\", \"help\"}");
      continue;
    }
    if (option.value.empty()) {
      if (o.is_string()) v.add(oat, "an option's value must not be empty");
      continue;
    }
    if (option.value.size() > 200 || option.value.find_first_of(",\n") != std::string::npos ||
        option.value.rfind("other:", 0) == 0) {
      v.add(oat, "an option's value must be short, without commas, newlines or \"other:\"");
    }
    if (!seen.insert(to_lower(option.value)).second) {
      v.add(oat, fmt::format("duplicate option \"{}\"", visible(option.value)));
    }
    if (option.label.empty()) option.label = option.value;
    options.push_back(std::move(option));
  }
  return options;
}

// Rules that depend on the item's type: which fields apply, and whether their values agree.
void check_type_rules(Validator& v, const Json& j, const std::string& at, Item& item) {
  const ItemType t = item.type;
  const ItemTypeInfo& row = item_type(t);
  for (const char* key : kTypeFields) {
    if (j.contains(key) && !field_applies(t, key)) {
      v.add(at + "/" + key, fmt::format("\"{}\" does not apply to a {} item", key, row.name));
    }
  }
  const bool options = field_applies(t, "options");
  if (options && item.options.empty() && !j.contains("options")) {
    v.add(at, fmt::format("a {} item needs \"options\"", row.name));
  } else if (options && j.at("options").is_array() && j.at("options").empty()) {
    v.add(at + "/options", "needs at least one option");
  } else if (options && row.stored == ValueKind::text && item.options.size() == 1 && !item.other) {
    v.add(at + "/options", "a choice with one option is not a question", Severity::warning);
  }
  if (item.min && item.max && *item.min > *item.max) {
    v.add(at + "/min", fmt::format("min ({}) is greater than max ({})", format_number(*item.min),
                                   format_number(*item.max)));
  }
  const auto whole = [&](const char* key, const std::optional<double>& n,
                         std::optional<double> lowest) {
    if (n && (std::trunc(*n) != *n || (lowest && *n < *lowest) || std::fabs(*n) > 1e15)) {
      v.add(at + "/" + key,
            lowest ? fmt::format("expected a whole number of at least {}", format_number(*lowest))
                   : std::string("expected a whole number"));
    }
  };
  if (row.stored == ValueKind::entries || row.stored == ValueKind::questions) { // counts
    whole("min", item.min, 0);
    whole("max", item.max, 1);
    if (options && !item.other && item.min &&
        *item.min > static_cast<double>(item.options.size())) {
      v.add(at + "/min", "min is more than the number of options");
    }
  }
  if (field_applies(t, "labels")) { // a scale: min and max are its ends
    whole("min", item.min, -1000);
    whole("max", item.max, -1000);
    const double span = item.scale_max() - item.scale_min() + 1;
    if (span > 101) v.add(at + "/max", "a scale has at most 101 steps");
    if (!item.labels.empty() && static_cast<double>(item.labels.size()) != span) {
      v.add(at + "/labels", fmt::format("{} labels for a scale of {} steps", item.labels.size(),
                                        format_number(span)));
    }
  }
  if (item.integer && field_applies(t, "integer")) {
    whole("min", item.min, std::nullopt);
    whole("max", item.max, std::nullopt);
  }
  if (!item.pattern.empty()) {
    if (std::string why = pattern_problem(item.pattern); !why.empty()) v.add(at + "/pattern", why);
  }
}

std::string meaning_hash(const Json& item) {
  Json meaning = Json::object();
  for (const char* key : kMeaningKeys) {
    if (const auto it = item.find(key); it != item.end()) meaning[key] = *it;
  }
  // An option means its value and label: "x" and {"value": "x"} are the same option, and an
  // option's help is guidance like the item's.
  if (const auto it = meaning.find("options"); it != meaning.end() && it->is_array()) {
    for (Json& option : *it) {
      if (!option.is_object()) continue;
      Json value = option.contains("value") ? option["value"] : Json();
      const bool plain = !option.contains("label") || option["label"] == value;
      option = plain ? value : Json{{"value", value}, {"label", option["label"]}};
    }
  }
  return sha256_hex(meaning.dump());
}

std::string confirm_rule(Validator& v, const Json& object, const std::string& at) {
  std::string rule = v.string(object, at, "confirm_with", false);
  if (object.contains("confirm_with") && object.at("confirm_with").is_string()) {
    if (const std::string why = check_confirm_rule(rule); !why.empty()) {
      v.add(at + "/confirm_with", why);
      rule.clear();
    }
  }
  return rule;
}

Item read_item(Validator& v, const Json& j, const std::string& at) {
  Item item;
  v.unknown_keys(j, at, kItemKeys);
  item.id = v.string(j, at, "id", true);
  if (!item.id.empty() && !is_id(item.id)) {
    v.add(at + "/id",
          fmt::format("invalid id \"{}\" (expected ^[a-z][a-z0-9_]*$)", visible(item.id)));
  }
  const std::string type = v.string(j, at, "type", true);
  if (const auto t = parse_item_type(type)) {
    item.type = *t;
  } else if (!type.empty()) {
    v.add(at + "/type", fmt::format("unknown type \"{}\" (expected one of {})", visible(type),
                                    item_type_names()));
  }
  item.prompt = v.string(j, at, "prompt", true);
  item.label = v.string(j, at, "label", false);
  if (j.contains("label") && item.label.empty()) v.add(at + "/label", "must not be empty");
  item.help = v.string(j, at, "help", false);
  if (item.help.empty() && !j.contains("help")) v.add(at, "item has no help", Severity::warning);
  item.clarify = v.strings(j, at, "clarify");
  item.tags = v.strings(j, at, "tags");
  item.options = read_options(v, j, at);
  item.other = v.boolean(j, at, "other", false);
  item.required = v.boolean(j, at, "required", true);
  item.source = v.boolean(j, at, "source", true);
  item.confirm_with = confirm_rule(v, j, at);
  item.establishes = v.string(j, at, "establishes", false);
  if (j.contains("establishes") && j.at("establishes").is_string() &&
      find_role(item.establishes) == nullptr) {
    v.add(at + "/establishes",
          fmt::format("unknown role \"{}\" (expected one of: {})", visible(item.establishes),
                      fmt::join(stakeholder_roles(), ", ")));
    item.establishes.clear();
  }
  item.internal = v.boolean(j, at, "internal", false);
  item.na = v.boolean(j, at, "na", false);
  item.reconfirm_after_days = v.count(j, at, "reconfirm_after_days", 1);
  item.min = v.number(j, at, "min");
  item.max = v.number(j, at, "max");
  item.unit = v.string(j, at, "unit", false);
  item.integer = v.boolean(j, at, "integer", false);
  item.labels = v.strings(j, at, "labels");
  item.pattern = v.string(j, at, "pattern", false);
  item.min_length = v.count(j, at, "min_length", 0);
  item.renamed_from = v.strings(j, at, "renamed_from");
  for (std::size_t i = 0; i < item.renamed_from.size(); ++i) {
    if (!is_id(item.renamed_from[i])) {
      v.add(fmt::format("{}/renamed_from/{}", at, i), "invalid id");
    }
  }
  item.when = v.string(j, at, "when", false);
  if (parse_item_type(type)) check_type_rules(v, j, at, item);
  item.sha256 = meaning_hash(j);
  return item;
}

void check_conditions(Validator& v, Checklist& c, const std::vector<std::string>& pointers) {
  for (std::size_t i = 0; i < c.items.size(); ++i) {
    Item& item = c.items[i];
    if (trim(item.when).empty()) continue;
    const std::string at = pointers[i] + "/when";
    const ConditionParse parsed = parse_condition(item.when);
    if (parsed.error) {
      v.add(at, fmt::format("condition: {} (at character {})", parsed.error->message,
                            parsed.error->offset + 1));
      continue;
    }
    for (const std::string& message : check_condition(*parsed.condition, c, i)) {
      v.add(at, "condition: " + message);
    }
    item.condition = parsed.condition;
  }
}

} // namespace

const Option* Item::find_option(std::string_view value) const {
  for (const Option& o : options) {
    if (o.value == value) return &o;
  }
  return nullptr;
}

const Item* Checklist::find(std::string_view item_id) const {
  const auto at = index_of(item_id);
  return at ? &items[*at] : nullptr;
}

std::optional<std::size_t> Checklist::index_of(std::string_view item_id) const {
  if (!index.empty()) {
    const auto it = index.find(item_id);
    return it == index.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == item_id) return i;
  }
  return std::nullopt;
}

std::string check_confirm_rule(std::string_view rule) {
  const auto& roles = stakeholder_roles();
  if (rule == kConfirmSource || rule == kConfirmAny ||
      std::find(roles.begin(), roles.end(), rule) != roles.end()) {
    return {};
  }
  return fmt::format("unknown confirmation rule \"{}\" (expected {}, {} or a role: {})",
                     visible(rule), kConfirmSource, kConfirmAny, fmt::join(roles, ", "));
}

std::string_view effective_confirm_with(const Checklist& checklist, const Item& item) {
  if (!item.confirm_with.empty()) return item.confirm_with;
  if (!checklist.confirm_with.empty()) return checklist.confirm_with;
  return kConfirmSource;
}

std::string no_such_item(const Checklist& checklist, std::string_view id) {
  std::vector<std::string> ids;
  for (const Item& item : checklist.items)
    ids.push_back(item.id);
  return fmt::format("no item \"{}\" in checklist {}{}", visible(id), checklist.id,
                     did_you_mean(suggestions(id, ids)));
}

namespace {

ChecklistLoad validate(std::string_view text, std::string_view file, std::string_view sha256,
                       bool positions) {
  ChecklistLoad result;
  auto& problems = result.problems;
  if (text.size() > kMaxChecklistBytes) {
    problems.push_back({std::string(file),
                        fmt::format("checklist larger than {} MiB", kMaxChecklistBytes >> 20U)});
    return result;
  }
  ParsedJson parsed;
  try {
    parsed = parse_json(text, file, positions);
  } catch (const Error& e) {
    // "file:line:col: reason" -> where + message, so it prints like every other problem.
    const std::string what = e.what();
    const auto colon = what.find(": ", file.size());
    problems.push_back({what.substr(0, colon), what.substr(colon + 2)});
    return result;
  }
  Validator v(parsed, file, problems);
  for (const DuplicateKey& d : parsed.duplicates) {
    v.add_at(d.position, d.pointer, "duplicate key (the first one is used)");
  }
  const Json& root = parsed.value;
  if (!root.is_object()) {
    v.add("", "a checklist is a JSON object");
    v.finish();
    return result;
  }
  v.unknown_keys(root, "", kChecklistKeys);
  Checklist c;
  if (const auto it = root.find("cna"); it == root.end()) {
    v.add("", "missing required field \"cna\" (the format version, 1)");
  } else if (*it != 1) {
    v.add("/cna", "unsupported format version (this cna reads version 1)");
  }
  c.id = v.string(root, "", "id", true);
  if (!c.id.empty() && !is_id(c.id)) v.add("/id", "invalid id (expected ^[a-z][a-z0-9_]*$)");
  c.version = v.string(root, "", "version", true);
  if (!c.version.empty() && !is_semver(c.version)) {
    v.add("/version", "expected a semantic version such as \"1.0.0\"");
  }
  c.title = v.string(root, "", "title", true);
  c.description = v.string(root, "", "description", false);
  c.reconfirm_after_days = v.count(root, "", "reconfirm_after_days", 1);
  c.confirm_with = confirm_rule(v, root, "");
  v.string(root, "", "$schema", false);

  std::vector<std::string> item_pointers;
  std::set<std::string> section_ids;
  std::map<std::string, std::string> item_ids; // id -> pointer of its first use
  const auto sections = root.find("sections");
  if (sections == root.end()) {
    v.add("", "missing required field \"sections\"");
  } else if (!sections->is_array() || sections->empty()) {
    v.add("/sections", "expected a non-empty array of sections");
  } else {
    for (std::size_t s = 0; s < sections->size(); ++s) {
      const Json& js = (*sections)[s];
      const std::string sat = fmt::format("/sections/{}", s);
      if (!js.is_object()) {
        v.add(sat, "a section is an object");
        continue;
      }
      v.unknown_keys(js, sat, kSectionKeys);
      Section section;
      section.id = v.string(js, sat, "id", true);
      if (!section.id.empty() && !is_id(section.id))
        v.add(sat + "/id", "invalid id (expected ^[a-z][a-z0-9_]*$)");
      if (!section.id.empty() && !section_ids.insert(section.id).second) {
        v.add(sat + "/id", fmt::format("duplicate section id \"{}\"", section.id));
      }
      section.title = v.string(js, sat, "title", true);
      section.help = v.string(js, sat, "help", false);
      section.internal = v.boolean(js, sat, "internal", false);
      const auto items = js.find("items");
      if (items == js.end() || !items->is_array() || items->empty()) {
        v.add(items == js.end() ? sat : sat + "/items",
              "a section needs a non-empty \"items\" array");
        c.sections.push_back(std::move(section));
        continue;
      }
      for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string iat = fmt::format("{}/items/{}", sat, i);
        if (!(*items)[i].is_object()) {
          v.add(iat, "an item is an object");
          continue;
        }
        Item item = read_item(v, (*items)[i], iat);
        if (!item.id.empty()) {
          const auto [it, fresh] = item_ids.emplace(item.id, iat);
          if (!fresh) {
            const Position first = parsed.at(it->second);
            v.add(iat + "/id", fmt::format("duplicate item id \"{}\" (first used at line {})",
                                           item.id, first.line));
          }
        }
        item.section = c.sections.size();
        item.internal = item.internal || section.internal;
        section.items.push_back(c.items.size());
        c.items.push_back(std::move(item));
        item_pointers.push_back(iat);
      }
      c.sections.push_back(std::move(section));
    }
  }
  if (c.items.size() > kMaxItems) {
    v.add("/sections",
          fmt::format("{} items is more than the limit of {}", c.items.size(), kMaxItems));
  }
  std::map<std::string, std::string> heirs; // a former id -> the item that takes its answers
  for (std::size_t i = 0; i < c.items.size(); ++i) {
    for (const std::string& old : c.items[i].renamed_from) {
      if (item_ids.contains(old)) {
        v.add(item_pointers[i] + "/renamed_from",
              fmt::format("\"{}\" is still an item of this checklist", old));
      } else if (const auto [it, fresh] = heirs.emplace(old, c.items[i].id); !fresh) {
        v.add(item_pointers[i] + "/renamed_from",
              fmt::format("\"{}\" is already renamed to \"{}\": one item takes its answers", old,
                          it->second));
      }
    }
  }
  check_conditions(v, c, item_pointers);
  v.finish();
  if (!has_errors(problems)) {
    // The file as written: any edit is a new version to pin.
    c.sha256 = sha256.empty() ? sha256_hex(text) : std::string(sha256);
    for (std::size_t i = 0; i < c.items.size(); ++i)
      c.index.emplace(c.items[i].id, i);
    c.origin = std::string(file);
    result.checklist = std::move(c);
  }
  return result;
}

} // namespace

ChecklistLoad load_checklist(std::string_view text, std::string_view file,
                             std::string_view sha256) {
  // Positions cost more than the rest of loading; a clean file never needs them.
  ChecklistLoad result = validate(text, file, sha256, false);
  return result.problems.empty() ? result : validate(text, file, sha256, true);
}

const std::vector<Checklist>& builtin_checklists() {
  static const std::vector<Checklist> checklists = [] {
    std::vector<Checklist> out;
    for (const BuiltinFile& f : builtin_files()) {
      if (f.name.rfind("checklists/", 0) != 0) continue;
      ChecklistLoad load = load_checklist(f.content, f.name, f.sha256);
      if (!load.checklist) {
        throw Error(Exit::internal, fmt::format("built-in {} does not validate: {}", f.name,
                                                format_problem(load.problems.front())));
      }
      load.checklist->origin = "built-in";
      out.push_back(std::move(*load.checklist));
    }
    return out;
  }();
  return checklists;
}

const Checklist* builtin_checklist(std::string_view id) {
  for (const Checklist& c : builtin_checklists()) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

} // namespace cna
