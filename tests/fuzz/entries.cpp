#include "entries.hpp"

#include <chrono>
#include <fmt/format.h>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/condition.hpp"
#include "cna/error.hpp"
#include "cna/input.hpp"
#include "cna/json.hpp"
#include "cna/merge.hpp"
#include "cna/pattern.hpp"
#include "cna/proposal.hpp"
#include "cna/readiness.hpp"
#include "cna/report.hpp"
#include "cna/store.hpp"
#include "cna/text.hpp"

namespace cna::fuzz {

namespace {

constexpr Seconds kNow = 1795428000; // 2026-11-23T10:00:00Z: every target's clock

void require(bool holds, std::string_view what) {
  if (!holds) throw BrokenInvariant(std::string(what));
}

// One item of every type with their rules, so that each parser and check is reached; `z` last,
// so that a condition guarding it may name any other item.
constexpr std::string_view kFixedChecklist = R"({
  "cna": 1, "id": "fuzz", "version": "1.0.0", "title": "Fuzz", "sections": [{"id": "s",
  "title": "S", "items": [
    {"id": "t", "type": "text", "prompt": "T", "help": "h", "pattern": "[A-Z]{2}-[0-9]+",
     "min_length": 3},
    {"id": "l", "type": "longtext", "prompt": "L", "help": "h", "min_length": 2},
    {"id": "c", "type": "choice", "prompt": "C", "help": "h", "other": true,
     "options": [{"value": "approved", "label": "Approved"}, "identified", "none"]},
    {"id": "m", "type": "multi", "prompt": "M", "help": "h", "options": ["cost", "speed", "risk"],
     "min": 1, "max": 2, "other": true},
    {"id": "y", "type": "yesno", "prompt": "Y", "help": "h", "na": true},
    {"id": "n", "type": "number", "prompt": "N", "help": "h", "min": -5, "max": 1e6,
     "unit": "users", "integer": true},
    {"id": "f", "type": "number", "prompt": "F", "help": "h"},
    {"id": "mo", "type": "money", "prompt": "Mo", "help": "h"},
    {"id": "d", "type": "date", "prompt": "D", "help": "h"},
    {"id": "sc", "type": "scale", "prompt": "Sc", "help": "h", "min": 0, "max": 4,
     "labels": ["none", "low", "some", "high", "critical"]},
    {"id": "li", "type": "list", "prompt": "Li", "help": "h", "min": 2},
    {"id": "p", "type": "person", "prompt": "P", "help": "h"},
    {"id": "z", "type": "text", "prompt": "Z", "help": "h"}]}]})";

const Checklist& fixed_checklist() {
  static const Checklist checklist = [] {
    ChecklistLoad load = load_checklist(kFixedChecklist, "fuzz.json");
    if (!load.checklist) throw BrokenInvariant("the fixed fuzz checklist does not load");
    return std::move(*load.checklist);
  }();
  return checklist;
}

const std::vector<Stakeholder>& stakeholders() {
  static const std::vector<Stakeholder> people = {
      {"dana-lee", "Dana Lee", "VP Operations", {"economic-buyer"}, {}, {}, {}, {}},
      {"sam", "Sam Rep", "", {}, {}, {}, {}, {}}};
  return people;
}

InputContext context() { return {&stakeholders(), "EUR", kNow, {}}; }

// The answers conditions see: some items answered, the others not.
std::optional<Value> lookup(std::string_view id) {
  if (id == "t") return Value(std::string("AB-12"));
  if (id == "c") return Value(std::string("approved"));
  if (id == "m") return Value(std::vector<std::string>{"cost", "risk"});
  if (id == "y") return Value(true);
  if (id == "n") return Value(42.0);
  if (id == "mo") return Value(Money{250000, "EUR"});
  if (id == "d") return Value(std::string("2026-12-01"));
  if (id == "sc") return Value(3.0);
  return std::nullopt;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  for (;;) {
    const auto end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) return lines;
    text.remove_prefix(end + 1);
  }
}

// Splits at the first `separator`; the rest is empty when there is none.
std::pair<std::string_view, std::string_view> cut(std::string_view text,
                                                  std::string_view separator) {
  const auto at = text.find(separator);
  if (at == std::string_view::npos) return {text, {}};
  return {text.substr(0, at), text.substr(at + separator.size())};
}

// The report of the fixed checklist with the answers of lookup(), every one attributed, noted and
// confirmed: what a proposal template reaches.
const Report& fixed_report() {
  static const Report report = [] {
    const Checklist& c = fixed_checklist();
    Assessment a;
    a.account = "acme";
    a.name = "Acme <Corp>";
    a.stakeholders = stakeholders();
    for (const Item& item : c.items) {
      const std::optional<Value> value = lookup(item.id);
      if (!value) continue;
      Answer& answer = a.answer(item.id);
      answer.state = State::answered;
      answer.value = *value;
      answer.source = "dana-lee";
      answer.note = "a [note](javascript:x)";
      answer.confirmed_at = "2026-11-20T10:00:00Z";
      answer.confirmed_with = "dana-lee";
    }
    return build_report(c, a, assess(c, a, kNow, 90), kNow);
  }();
  return report;
}

} // namespace

void checklist(std::string_view data) {
  const ChecklistLoad load = load_checklist(data, "fuzz.json");
  require(load.checklist.has_value() == !has_errors(load.problems),
          "a checklist loads exactly when it has no errors");
  if (!load.checklist) return;
  const Checklist& c = *load.checklist;
  require(c.items.size() <= kMaxItems, "more items than the limit");
  for (const Item& item : c.items) {
    require(item.when.empty() == (item.condition == nullptr), "a condition for every when");
    if (item.condition) (void)evaluate(*item.condition, lookup);
    require(c.find(item.id) == &item, "item ids are unique and found");
  }
}

void assessment(std::string_view data) {
  Assessment parsed;
  try {
    parsed = parse_assessment(data, "fuzz.json");
  } catch (const Error&) {
    return; // refused, with a message: fine
  }
  const std::string text = serialize_assessment(parsed);
  Assessment again;
  try {
    again = parse_assessment(text, "fuzz.json");
  } catch (const Error& e) {
    throw BrokenInvariant(fmt::format("a saved assessment does not load: {}", e.what()));
  }
  require(again == parsed, "an assessment changes through a save and a load");
  require(serialize_assessment(again) == text, "saving an assessment twice gives other bytes");
}

void condition(std::string_view data) {
  const ConditionParse parsed = parse_condition(data);
  require((parsed.condition == nullptr) == parsed.error.has_value(),
          "a condition parses, or has an error");
  if (!parsed.condition) {
    require(parsed.error->offset <= data.size(), "an error offset beyond the text");
    return;
  }
  const Checklist& c = fixed_checklist();
  const bool valid = check_condition(*parsed.condition, c, *c.index_of("z")).empty();
  const bool result = evaluate(*parsed.condition, lookup);
  require(evaluate(*parsed.condition, lookup) == result, "evaluation is not deterministic");
  for (const std::string& id : referenced_ids(*parsed.condition)) {
    require(!id.empty(), "an empty id in a condition");
    if (valid) require(c.find(id) != nullptr, "a valid condition names an unknown item");
  }
}

void input(std::string_view data) {
  if (data.empty()) return;
  const Checklist& c = fixed_checklist();
  const Item& item = c.items[static_cast<unsigned char>(data[0]) % c.items.size()];
  data.remove_prefix(1);
  const std::vector<std::string> lines = split_lines(data);
  const ParsedInput parsed = parse_input(item, lines, context());
  if (parsed.ok()) {
    require(has_value(parsed.value), "an accepted input without a value");
    const std::string why = check_value(item, parsed.value, stakeholders()).reason;
    require(why.empty(),
            fmt::format("an accepted {} value fails its check: {}", to_string(item.type), why));
    const ParsedInput again = parse_input(item, value_to_input(item, parsed.value), context());
    require(again.ok() && again.value == parsed.value,
            fmt::format("a {} value does not read back from its input form", to_string(item.type)));
  }
  const ParsedAnswer na = parse_na(item, data);
  require(na.ok() == (na.answer.state == State::na), "n/a: a state exactly when accepted");
  const ParsedAnswer unknown = parse_unknown(lines.front(), lines.back(), context());
  require(unknown.ok() == (unknown.answer.state == State::unknown),
          "unknown: a state exactly when accepted");
}

void merge(std::string_view data) {
  // BASE, OURS and THEIRS, separated by lines of "%%".
  const auto [base_text, rest] = cut(data, "\n%%\n");
  const auto [ours_text, theirs_text] = cut(rest, "\n%%\n");
  Assessment base, ours, theirs;
  try {
    base = parse_merge_input(base_text, "base", true);
    ours = parse_merge_input(ours_text, "ours", false);
    theirs = parse_merge_input(theirs_text, "theirs", false);
  } catch (const Error&) {
    return; // refused, with a message: fine
  }
  const MergeResult result = merge(base, ours, theirs, kNow);
  const std::string text = serialize_assessment(result.merged);
  try {
    require(parse_assessment(text, "merged") == result.merged,
            "a merged assessment changes through a save and a load");
  } catch (const Error& e) {
    throw BrokenInvariant(fmt::format("a merged assessment does not load: {}", e.what()));
  }
  require(merge(base, theirs, ours, kNow).conflicts.size() == result.conflicts.size(),
          "the conflicts depend on which side is ours");
  require(merge(base, ours, base, kNow).conflicts.empty(), "a one-sided change conflicts");
  require(merge(base, ours, ours, kNow).conflicts.empty(),
          "the same change on both sides conflicts");
}

void template_(std::string_view data) {
  // The template; the partial "p" is the template itself (so {{> p}} recurses), "q" includes "p".
  const std::string text(data);
  const TemplateLookup lookup = [&](const std::string& name) -> std::optional<Template> {
    if (name == "p") return Template{"p", "templates/p.mustache", text};
    if (name == "q") return Template{"q", "templates/q.mustache", "{{> p}}"};
    return std::nullopt;
  };
  std::optional<ProposalTemplate> checked;
  try {
    checked.emplace(Template{"fuzz", "fuzz.mustache", text}, lookup);
  } catch (const Error&) {
    return; // refused, naming the file, line and tag: fine
  }
  // A small work budget: a template that multiplies its work is refused within it, fast.
  constexpr RenderBudget kBudget{200000, 4U << 20U};
  try {
    (void)checked->render(fixed_report(), kBudget);
  } catch (const Error& e) {
    const bool over_budget =
        std::string_view(e.what()).find("rendering would take more than") != std::string_view::npos;
    if (e.code() != Exit::data || !over_budget) {
      throw BrokenInvariant(fmt::format("a checked template fails to render: {}", e.what()));
    }
  } catch (const std::exception& e) {
    throw BrokenInvariant(fmt::format("a checked template fails to render: {}", e.what()));
  }
}

void pattern(std::string_view data) {
  // The first line is the pattern, the rest the answer (long ones included).
  const std::size_t newline = data.find('\n');
  const std::string_view pattern = data.substr(0, newline);
  const std::string_view text = newline == std::string_view::npos ? "" : data.substr(newline + 1);
  const std::string problem = pattern_problem(pattern);
  const auto start = std::chrono::steady_clock::now();
  const bool matched = pattern_matches(pattern, text);
  // Linear time: an answer of up to a few KiB takes microseconds; a tenth of a second, under
  // the sanitizers, is a matcher that backtracks.
  require(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(100),
          "matching took longer than 100 ms");
  require(problem.empty() || !matched, "a pattern that does not compile matched");
  // The matcher is the checklist's: a pattern that compiles validates (if the JSON reader takes
  // its text: it refuses NUL in every string).
  if (problem.empty() && valid_utf8(pattern) && pattern.find('\0') == std::string_view::npos) {
    const Json item = {{"id", "t"},
                       {"type", "text"},
                       {"prompt", "P"},
                       {"help", "h"},
                       {"pattern", std::string(pattern)}};
    const std::string text_of = fmt::format(
        R"({{"cna": 1, "id": "f", "version": "1.0.0", "title": "F", "sections": [{{"id": "s",
        "title": "S", "items": [{}]}}]}})",
        item.dump());
    const ChecklistLoad load = load_checklist(text_of, "f.json");
    require(load.checklist.has_value(), "a pattern RE2 compiles fails validation");
  }
}

const std::vector<Target>& targets() {
  static const std::vector<Target> all = {{"checklist", &checklist}, {"assessment", &assessment},
                                          {"condition", &condition}, {"input", &input},
                                          {"merge", &merge},         {"template", &template_},
                                          {"pattern", &pattern}};
  return all;
}

} // namespace cna::fuzz
