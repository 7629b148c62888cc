// Proposals: finding templates, checking them (syntax, partials, nesting) before anything is
// rendered, and the data model documented in include/cna/proposal.hpp.
#include "cna/proposal.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <ranges>
#include <vector>

#include "cna/builtins.hpp"
#include "cna/error.hpp"
#include "cna/store.hpp"
#include "cna/text.hpp"

namespace fs = std::filesystem;

namespace cna {

namespace {

using Data = kainjow::mustache::data;

// ---- Checking -------------------------------------------------------------------------------

bool is_template_name(std::string_view name) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  };
  return !name.empty() && name.size() <= 64 && name.front() != '-' && name.front() != '_' &&
         std::all_of(name.begin(), name.end(), allowed);
}

std::size_t line_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n')) + 1;
}

// kainjow trims tag contents with isspace; so does this mirror of its reader.
std::string trim_space(std::string_view s) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && space(s.back()))
    s.remove_suffix(1);
  return std::string(s);
}

struct Tag {
  char kind = 0; // '#', '^', '/', '>'
  std::string name;
  std::size_t offset = 0;
};

// The section and partial tags of a template, read as kainjow's parser reads them (delimiters
// that change with {{=<% %>=}}, triple mustaches), so partials and nesting can be checked before
// kainjow recurses through them. Stops where kainjow would report a syntax error.
std::vector<Tag> scan_tags(std::string_view text) {
  std::string open = "{{";
  std::string close = "}}";
  std::vector<Tag> tags;
  for (std::size_t pos = 0; pos < text.size();) {
    if (text.compare(pos, open.size(), open) != 0) {
      ++pos;
      continue;
    }
    std::size_t contents = pos + open.size();
    const bool braces = open == "{{" && close == "}}";
    const bool triple = braces && pos + 2 != text.size() && text[contents] == '{';
    if (triple) ++contents;
    const std::string end = triple ? "}}}" : close;
    const std::size_t stop = text.find(end, contents);
    if (stop == std::string_view::npos) break;
    const std::string body = trim_space(text.substr(contents, stop - contents));
    const std::size_t at = pos;
    pos = stop + end.size();
    if (!body.empty() && body.front() == '=') {
      if (body.size() < 5 || body.back() != '=') break;
      const std::string inner = trim_space(std::string_view(body).substr(1, body.size() - 2));
      const std::size_t space = inner.find(' ');
      if (space == std::string::npos) break;
      open = inner.substr(0, space);
      close = inner.substr(inner.find_first_not_of(' ', space + 1));
      continue;
    }
    if (triple || body.empty() ||
        std::string_view("#^/>").find(body.front()) == std::string::npos) {
      continue;
    }
    tags.push_back({body.front(), trim_space(std::string_view(body).substr(1)), at});
  }
  return tags;
}

Error template_error(const Template& t, std::size_t offset, std::string_view what) {
  return Error(Exit::data, fmt::format("{}:{}: {}", t.file, line_of(t.text, offset), what));
}

// kainjow reports "Unclosed section \"needs\" at 123" with a byte offset.
Error syntax_error(const Template& t, const std::string& message) {
  const std::size_t at = message.rfind(" at ");
  std::size_t offset = 0;
  std::string what = at == std::string::npos ? message : message.substr(0, at);
  if (at != std::string::npos) {
    for (std::size_t i = at + 4;
         i < message.size() && std::isdigit(static_cast<unsigned char>(message[i])) != 0; ++i)
      offset = offset * 10 + static_cast<std::size_t>(message[i] - '0');
  }
  if (!what.empty())
    what.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(what.front())));
  if (what.find(" tag") != std::string::npos) { // no name in the message: quote the tag
    const std::string_view rest = std::string_view(t.text).substr(std::min(offset, t.text.size()));
    what += fmt::format(" \"{}\"", rest.substr(0, std::min<std::size_t>(rest.find('\n'), 24)));
  }
  return template_error(t, offset, what);
}

class Checker {
public:
  Checker(const TemplateLookup& lookup, std::map<std::string, std::string>& partials)
      : m_lookup(lookup), m_partials(partials) {}

  // Checks `t` and what it includes; returns how deep partials nest below it.
  std::size_t check(const Template& t) {
    if (!valid_utf8(t.text)) throw Error(Exit::data, t.file + ": not valid UTF-8");
    const std::vector<Tag> tags = scan_tags(t.text);
    std::size_t depth = 0;
    for (const Tag& tag : tags) { // before kainjow's parser, which recurses once per level
      depth = tag.kind == '/' ? (depth > 0 ? depth - 1 : 0) : tag.kind == '>' ? depth : depth + 1;
      if (depth > kMaxSectionDepth) {
        throw template_error(t, tag.offset,
                             fmt::format("sections nested deeper than {}", kMaxSectionDepth));
      }
    }
    const kainjow::mustache::mustache parsed(t.text);
    if (!parsed.is_valid()) throw syntax_error(t, parsed.error_message());
    m_chain.push_back(t.name);
    std::size_t height = 0;
    for (const Tag& tag : tags) {
      if (tag.kind == '>') height = std::max(height, include(t, tag) + 1);
    }
    m_chain.pop_back();
    return height;
  }

private:
  std::size_t include(const Template& t, const Tag& tag) {
    const auto refuse = [&](const std::string& why) { return template_error(t, tag.offset, why); };
    if (!is_template_name(tag.name)) {
      throw refuse(
          fmt::format("partial \"{}\" is not a template name (a-z, 0-9, - and _)", tag.name));
    }
    if (std::find(m_chain.begin(), m_chain.end(), tag.name) != m_chain.end()) {
      std::string path;
      for (const std::string& name : m_chain)
        path += (name.empty() ? t.file : name) + " → ";
      throw refuse(fmt::format("partial \"{}\" includes itself ({}{})", tag.name, path, tag.name));
    }
    const std::string too_deep = fmt::format("partials nested deeper than {}", kMaxPartialDepth);
    if (m_chain.size() > kMaxPartialDepth) throw refuse(too_deep);
    if (m_heights.count(tag.name) == 0) {
      const std::optional<Template> partial = m_lookup(tag.name);
      if (!partial) {
        throw refuse(
            fmt::format("partial \"{}\" not found (templates/{}.mustache)", tag.name, tag.name));
      }
      m_heights[tag.name] = check(*partial);
      m_partials[tag.name] = partial->text;
    }
    const std::size_t height = m_heights[tag.name];
    if (m_chain.size() + height > kMaxPartialDepth) throw refuse(too_deep);
    return height;
  }

  const TemplateLookup& m_lookup;
  std::map<std::string, std::string>& m_partials;
  std::map<std::string, std::size_t> m_heights;
  std::vector<std::string> m_chain; // names of the templates being checked, outermost first
};

// ---- The data model ---------------------------------------------------------------------------

// Thrown from inside kainjow when a render goes over its budget; caught by render().
struct OverBudget {};

// What a render has used of its budget. kainjow builds each output line in a buffer and hands it
// over at the newline; between two steps it appends to that buffer at most one source line of each
// template it is inside (`per_step`) and the texts looked up. So the bytes handed over plus that
// estimate of the line being built bound all it holds, and it is refused before it holds more.
class Meter {
public:
  Meter(RenderBudget budget, std::size_t per_step) : m_budget(budget), m_per_step(per_step) {}

  void step() {
    if (++m_steps > m_budget.steps) throw OverBudget{};
    pending(m_per_step);
  }
  void pending(std::size_t bytes) {
    m_pending += bytes;
    check();
  }
  void handed_over(std::size_t bytes) {
    m_pending = 0;
    m_bytes += bytes;
    check();
  }

private:
  void check() const {
    if (m_bytes + m_pending > m_budget.bytes) throw OverBudget{};
  }

  RenderBudget m_budget;
  std::size_t m_per_step;
  std::size_t m_steps = 0;
  std::size_t m_bytes = 0;
  std::size_t m_pending = 0;
};

// Where kainjow writes the lines (its render(context, stream) takes anything with <<): counted
// before they are kept.
struct Sink {
  Meter& meter;
  std::string out;
};
Sink& operator<<(Sink& sink, const std::string& text) {
  sink.meter.handed_over(text.size());
  sink.out += text;
  return sink;
}

// Partials come from the checked templates only, never from a data value of the same name
// (kainjow would otherwise render an answer as a template). Every lookup, section entry and
// partial is a step of the meter, and every text looked up counts as bytes it may output.
class PartialContext : public kainjow::mustache::context<std::string> {
public:
  PartialContext(const Data* data, const std::map<std::string, Data>& partials, Meter& meter)
      : kainjow::mustache::context<std::string>(data), m_partials(partials), m_meter(meter) {}

  void push(const Data* data) override {
    m_meter.step();
    kainjow::mustache::context<std::string>::push(data);
  }
  [[nodiscard]] const Data* get(const std::string& name) const override {
    m_meter.step();
    const Data* found = kainjow::mustache::context<std::string>::get(name);
    if (found != nullptr && found->is_string()) m_meter.pending(found->string_value().size());
    return found;
  }
  [[nodiscard]] const Data* get_partial(const std::string& name) const override {
    m_meter.step();
    const auto it = m_partials.find(name);
    return it == m_partials.end() ? nullptr : &it->second;
  }

private:
  const std::map<std::string, Data>& m_partials;
  Meter& m_meter;
};

// (A plain loop: clang 14's views::split does not accept libstdc++ 12's, and the fuzzers are
// built with clang.)
std::size_t longest_line(std::string_view text) {
  std::size_t longest = 0;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    longest = std::max(longest, end - start);
    start = end + 1;
  }
  return longest;
}

// An empty text is false, so {{#note}}...{{/note}} shows only when there is a note.
Data text(const std::string& value) { return value.empty() ? Data(false) : Data(value); }

Data list_of(const std::vector<std::string>& strings) {
  Data list(Data::type::list);
  for (const std::string& s : strings)
    list.push_back(Data(s));
  return list;
}

Data item_data(const ReportItem& item, const Report& report) {
  Data d;
  d.set("id", item.id);
  d.set("prompt", text(item.prompt));
  d.set("label", text(item.label.empty() ? item.prompt : item.label));
  d.set("answer", text(item.answer));
  d.set("lines", list_of(answer_lines(item)));
  d.set("source", text(item.source_name));
  std::string title;
  for (const ReportPerson& p : report.power_base) {
    if (p.id == item.source) title = p.title;
  }
  d.set("source_title", text(title));
  d.set("note", text(item.note));
  d.set("confirmed_with", text(item.confirmed_with_name));
  d.set("confirmed_at", text(local_date_of(item.confirmed_at)));
  d.set("confirmed_by_other", confirmed_by_other(item));
  return d;
}

// The header's claim about the points, made from the facts: "every point was read back to the
// person who said it" only when that is true of every point.
std::string attribution(const std::vector<const ReportItem*>& points) {
  const auto count = [&](auto which) {
    return std::count_if(points.begin(), points.end(),
                         [&](const ReportItem* p) { return which(*p); });
  };
  const auto by_other = count([](const ReportItem& p) { return confirmed_by_other(p); });
  const auto ours = count([](const ReportItem& p) { return p.source.empty(); });
  if (by_other == 0 && ours == 0) {
    return "Every point below was said by the person named and read back to them before this "
           "proposal was written.";
  }
  std::string out = by_other == 0 ? "Every point below that names who said it was read back to "
                                    "that person before this proposal was written"
                                  : "Every point below names who said it and with whom it was "
                                    "confirmed; where that was someone else, the point says so";
  if (ours > 0) out += "; the points that name no one are our own";
  return out + ".";
}

bool in_model(const ReportItem& item) { return item.state == State::answered; }

Data proposal_data(const Report& r) {
  Data d;
  d.set("account", r.account);
  d.set("name", text(r.name));
  d.set("date", r.date);
  Data checklist;
  checklist.set("id", r.checklist_id);
  checklist.set("version", r.checklist_version);
  checklist.set("title", text(r.checklist_title));
  d.set("checklist", checklist);
  Data people(Data::type::list);
  for (const ReportPerson& p : r.power_base) {
    Data person;
    person.set("id", p.id);
    person.set("name", text(p.name));
    person.set("title", text(p.title));
    person.set("roles", text(fmt::format("{}", fmt::join(p.roles, ", "))));
    people.push_back(person);
  }
  d.set("stakeholders", people);
  Data sections(Data::type::list);
  Data by_section;
  Data by_item;
  std::vector<const ReportItem*> dates;
  std::vector<const ReportItem*> points;
  for (const ReportSection& s : r.sections) {
    Data section;
    section.set("id", s.id);
    section.set("title", text(s.title));
    Data items(Data::type::list);
    for (const ReportItem& item : s.items) {
      if (!in_model(item)) continue;
      items.push_back(item_data(item, r));
      by_item.set(item.id, item_data(item, r));
      points.push_back(&item);
      if (item.type == ItemType::date) dates.push_back(&item);
    }
    section.set("items", items);
    sections.push_back(section);
    by_section.set(s.id, section);
  }
  d.set("sections", sections);
  d.set("section", by_section);
  d.set("item", by_item);
  d.set("attribution", attribution(points));
  Data needs(Data::type::list);
  if (const ReportItem* ranked = r.find("ranked_needs"); ranked != nullptr && in_model(*ranked)) {
    std::size_t rank = 0;
    for (const std::string& need : answer_lines(*ranked)) {
      Data entry;
      entry.set("rank", std::to_string(++rank));
      entry.set("need", need);
      needs.push_back(entry);
    }
  }
  d.set("needs", needs);
  std::stable_sort(dates.begin(), dates.end(), [](const ReportItem* x, const ReportItem* y) {
    return format_value(x->value) < format_value(y->value); // ISO dates sort as text
  });
  Data timeline(Data::type::list);
  for (const ReportItem* item : dates) {
    Data entry = item_data(*item, r);
    entry.set("date", format_value(item->value));
    timeline.push_back(entry);
  }
  d.set("timeline", timeline);
  return d;
}

} // namespace

std::optional<Template> find_template(const Workspace& workspace, const std::string& name) {
  if (!is_template_name(name)) return std::nullopt;
  const fs::path file = workspace.root() / "templates" / (name + ".mustache");
  require_inside(file, workspace.root());
  if (auto text = read_file_if_exists(file, kMaxTemplateBytes)) {
    return Template{name, file.string(), std::move(*text)};
  }
  const std::string builtin = "templates/" + name + ".mustache";
  for (const BuiltinFile& f : builtin_files()) {
    if (f.name == builtin) return Template{name, builtin, std::string(f.content)};
  }
  return std::nullopt;
}

std::vector<std::string> builtin_template_names() {
  std::vector<std::string> names;
  for (const BuiltinFile& f : builtin_files()) {
    const std::string_view n = f.name;
    if (n.starts_with("templates/") && n.ends_with(".mustache")) {
      names.emplace_back(n.substr(10, n.size() - 10 - 9));
    }
  }
  return names;
}

Template choose_template(const Workspace& workspace, const std::string& name_or_path) {
  const bool path = name_or_path.find('/') != std::string::npos ||
                    std::string_view(name_or_path).ends_with(".mustache");
  if (path) return Template{"", name_or_path, read_file(name_or_path, kMaxTemplateBytes)};
  if (std::optional<Template> t = find_template(workspace, name_or_path)) return std::move(*t);
  const std::vector<std::string> builtin = builtin_template_names();
  throw Error(Exit::usage,
              fmt::format("no template \"{}\": no {} and no built-in one (built in: {}); "
                          "--template also takes a file's path",
                          name_or_path,
                          (workspace.root() / "templates" / (name_or_path + ".mustache")).string(),
                          fmt::join(builtin, ", ")));
}

ProposalTemplate::ProposalTemplate(Template main, const TemplateLookup& lookup)
    : m_main(std::move(main)) {
  m_partial_height = Checker(lookup, m_partials).check(m_main);
  m_longest_line = longest_line(m_main.text);
  for (const auto& [name, text] : m_partials)
    m_longest_line = std::max(m_longest_line, longest_line(text));
}

std::string ProposalTemplate::render(const Report& report, RenderBudget budget) const {
  // Between two steps: the rest of a line of a partial, then of what included it, and so on up.
  Meter meter(budget, m_longest_line * (m_partial_height + 1) + 1);
  kainjow::mustache::mustache tmpl(m_main.text);
  tmpl.set_custom_escape([&](const std::string& text) {
    std::string escaped = markdown_escape(text);
    meter.pending(escaped.size());
    return escaped;
  });
  std::map<std::string, Data> partials;
  for (const auto& [name, text] : m_partials)
    partials.emplace(name, Data(text));
  const Data data = proposal_data(report);
  PartialContext context(&data, partials, meter);
  Sink sink{meter, {}};
  try {
    tmpl.render(context, sink);
  } catch (const OverBudget&) {
    throw Error(Exit::data,
                fmt::format("{}: rendering would take more than {} steps or {} MiB (sections or "
                            "partials that repeat each other multiply the work); simplify the "
                            "template",
                            m_main.file, budget.steps, budget.bytes >> 20U));
  }
  if (!tmpl.is_valid()) throw Error(Exit::data, m_main.file + ": " + tmpl.error_message());
  return std::move(sink.out);
}

} // namespace cna
