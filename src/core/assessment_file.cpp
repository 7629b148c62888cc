// The assessment file format: the reader (strict, naming the file, the place and how to recover)
// and the writer (the canonical form, byte-stable).
#include "cna/assessment_file.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

#include "cna/error.hpp"
#include "cna/init.hpp"
#include "cna/json.hpp"
#include "cna/text.hpp"

namespace cna {

namespace {

// Reads one object, remembering which fields it knows and keeping the others verbatim.
class Fields {
public:
  Fields(const Json& object, std::string where, std::string_view file)
      : m_object(object), m_where(std::move(where)), m_file(file) {
    if (!object.is_object()) bad("expected an object");
  }

  [[noreturn]] void bad(const std::string& why) const {
    throw Error(Exit::data,
                fmt::format("{}: {}{}{}; cna will not overwrite it: fix it by hand or restore it "
                            "from git (git checkout -- {})",
                            m_file, m_where, m_where.empty() ? "" : ": ", why, m_file));
  }

  const Json* get(const char* key) {
    m_known.push_back(key);
    const auto it = m_object.find(key);
    return it == m_object.end() || it->is_null() ? nullptr : &*it;
  }

  std::string string(const char* key) {
    const Json* j = get(key);
    if (j == nullptr) return {};
    if (!j->is_string()) bad(fmt::format("\"{}\" must be a string", key));
    return j->get<std::string>();
  }

  std::vector<std::string> strings(const char* key) {
    std::vector<std::string> out;
    const Json* j = get(key);
    if (j == nullptr) return out;
    if (!j->is_array()) bad(fmt::format("\"{}\" must be an array of strings", key));
    for (const Json& entry : *j) {
      if (!entry.is_string()) bad(fmt::format("\"{}\" must hold strings", key));
      out.push_back(entry.get<std::string>());
    }
    return out;
  }

  Value value(const char* key) {
    const Json* j = get(key);
    if (j == nullptr) return {};
    if (std::optional<Value> v = value_from_json(*j)) return std::move(*v);
    if (j->is_array()) bad(fmt::format("\"{}\" must hold strings", key));
    bad(fmt::format("\"{}\" is not a value cna knows", key));
  }

  // Unknown fields as a JSON object text ("" when none).
  [[nodiscard]] std::string extra() const {
    Json out = Json::object();
    for (const auto& [key, value] : m_object.items()) {
      if (std::find(m_known.begin(), m_known.end(), key) == m_known.end()) out[key] = value;
    }
    return out.empty() ? std::string() : out.dump();
  }

private:
  const Json& m_object;
  std::string m_where;
  std::string_view m_file;
  std::vector<std::string> m_known;
};

Answer read_answer(const Json& j, const std::string& where, std::string_view file) {
  Fields f(j, where, file);
  Answer a;
  const std::string state = f.string("state");
  const auto parsed = parse_state(state);
  if (!parsed) f.bad(fmt::format("unknown state \"{}\"", visible(state)));
  a.state = *parsed;
  a.value = f.value("value");
  a.reason = f.string("reason");
  a.owner = f.string("owner");
  a.due = f.string("due");
  a.source = f.string("source");
  a.note = f.string("note");
  a.answered_at = f.string("answered_at");
  a.answered_by = f.string("answered_by");
  a.item_sha256 = f.string("item_sha256");
  a.confirmed_at = f.string("confirmed_at");
  a.confirmed_by = f.string("confirmed_by");
  a.confirmed_with = f.string("confirmed_with");
  a.meeting = f.string("meeting");
  a.confirmed_in = f.string("confirmed_in");
  const Json* ours = f.get("ours");
  const Json* theirs = f.get("theirs");
  if (ours != nullptr || theirs != nullptr) {
    // Both sides or neither: a side missing from a hand-edited file reads as a missing answer.
    a.sides.resize(2);
    if (ours != nullptr) a.sides[0] = read_answer(*ours, where + ".ours", file);
    if (theirs != nullptr) a.sides[1] = read_answer(*theirs, where + ".theirs", file);
  }
  a.extra = f.extra();
  return a;
}

std::vector<std::pair<std::string, Answer>> read_answers(Fields& top, const char* key,
                                                         std::string_view file) {
  std::vector<std::pair<std::string, Answer>> out;
  const Json* answers = top.get(key);
  if (answers == nullptr) return out;
  if (!answers->is_object()) top.bad(fmt::format("\"{}\" must be an object", key));
  for (const auto& [id, j] : answers->items()) {
    out.emplace_back(id, read_answer(j, fmt::format("{}.{}", key, visible(id)), file));
  }
  return out;
}

// An optional array of records that carry a unique "id" and who created them when (meetings,
// next steps): the shared fields read here, the record's own by `read_own`.
template <typename Record, typename ReadOwn>
std::vector<Record> read_records(Fields& top, const char* key, std::string_view what,
                                 std::string_view file, const ReadOwn& read_own) {
  std::vector<Record> out;
  const Json* list = top.get(key);
  if (list == nullptr) return out;
  if (!list->is_array()) top.bad(fmt::format("\"{}\" must be an array", key));
  for (std::size_t i = 0; i < list->size(); ++i) {
    Fields f((*list)[i], fmt::format("{}[{}]", key, i), file);
    Record r;
    r.id = f.string("id");
    if (r.id.empty()) f.bad(fmt::format("a {} needs an \"id\"", what));
    if (std::any_of(out.begin(), out.end(), [&](const Record& o) { return o.id == r.id; })) {
      f.bad(fmt::format("{} id \"{}\" is used twice", what, visible(r.id)));
    }
    read_own(f, r);
    r.created_at = f.string("created_at");
    r.created_by = f.string("created_by");
    r.extra = f.extra();
    out.push_back(std::move(r));
  }
  return out;
}

} // namespace

Assessment parse_assessment(std::string_view text, std::string_view file) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw Error(Exit::data, fmt::format("{} is empty; cna will not overwrite it: restore it from "
                                        "git (git checkout -- {}) or delete it to start over",
                                        file, file));
  }
  const std::string recover = fmt::format(
      "; cna will not overwrite it: fix it by hand or restore it from git (git checkout -- {})",
      file);
  ParsedJson parsed;
  try {
    parsed = parse_json(text, file);
  } catch (const Error& e) {
    // Conflict markers carry their own advice (a checkout cannot fix an unmerged file); in an
    // assessment they mean a plain text merge ran, because this clone lacks the merge driver.
    const std::string what = e.what();
    if (what.find("merge conflict markers") != std::string::npos) {
      throw Error(Exit::data,
                  fmt::format("{}. Assessments merge item by item through cna's merge driver, not "
                              "registered in this clone: undo the merge (git merge --abort), "
                              "register it ({}; cna init does it in a new workspace) and merge "
                              "again",
                              what, fmt::join(merge_driver_setup(), " && ")));
    }
    throw Error(Exit::data, what + recover);
  }
  if (!parsed.duplicates.empty()) {
    throw Error(Exit::data,
                fmt::format("{}: duplicate key {}{}", file,
                            pointer_to_path(parsed.duplicates.front().pointer), recover));
  }
  Fields top(parsed.value, "", file);
  Assessment a;
  const Json* version = top.get("cna");
  if (version == nullptr || !version->is_number_integer()) top.bad("missing \"cna\": 1");
  if (*version != 1) top.bad("written by a newer cna (format version " + version->dump() + ")");
  a.account = top.string("account");
  a.name = top.string("name");
  if (const Json* c = top.get("checklist")) {
    Fields f(*c, "checklist", file);
    a.checklist = {f.string("id"), f.string("version"), f.string("sha256")};
  }
  if (const Json* list = top.get("stakeholders")) {
    if (!list->is_array()) top.bad("\"stakeholders\" must be an array");
    for (std::size_t i = 0; i < list->size(); ++i) {
      Fields f((*list)[i], fmt::format("stakeholders[{}]", i), file);
      Stakeholder s;
      s.id = f.string("id");
      s.name = f.string("name");
      s.title = f.string("title");
      if (const Json* roles = f.get("roles")) {
        if (!roles->is_array()) f.bad("roles must be an array of strings");
        for (const Json& r : *roles) {
          if (!r.is_string()) f.bad("roles must be strings");
          s.roles.push_back(r.get<std::string>());
        }
      }
      // Absent in files written before they were recorded: unrecorded, unknown, none.
      if (const Json* met = f.get("met")) {
        if (!met->is_boolean()) f.bad("\"met\" must be true or false");
        s.met = met->get<bool>() ? Met::yes : Met::no;
      }
      if (const std::string stance = f.string("stance"); !stance.empty()) {
        const auto parsed_stance = parse_stance(stance);
        if (!parsed_stance || *parsed_stance == Stance::unknown) {
          f.bad(fmt::format("unknown stance \"{}\" (expected supporter, neutral or sceptic)",
                            visible(stance)));
        }
        s.stance = *parsed_stance;
      }
      s.access_via = f.strings("access_via");
      s.extra = f.extra();
      a.stakeholders.push_back(std::move(s));
    }
  }
  // Absent in files written before meetings and next steps were recorded: none.
  a.meetings = read_records<Meeting>(top, "meetings", "meeting", file, [](Fields& f, Meeting& m) {
    m.date = f.string("date");
    m.purpose = f.string("purpose");
    m.attendees = f.strings("attendees");
    m.ours = f.strings("ours");
    m.outcome = f.string("outcome");
    m.notes = f.string("notes");
  });
  a.next_steps =
      read_records<NextStep>(top, "next_steps", "next step", file, [](Fields& f, NextStep& step) {
        step.what = f.string("what");
        step.owner = f.string("owner");
        step.due = f.string("due");
        step.done = f.string("done");
        step.meeting = f.string("meeting");
      });
  a.answers = read_answers(top, "answers", file);
  a.retired = read_answers(top, "retired", file);
  if (const Json* list = top.get("history")) {
    if (!list->is_array()) top.bad("\"history\" must be an array");
    for (std::size_t i = 0; i < list->size(); ++i) {
      Fields f((*list)[i], fmt::format("history[{}]", i), file);
      HistoryEntry h;
      h.at = f.string("at");
      h.by = f.string("by");
      h.item = f.string("item");
      h.action = f.string("action");
      h.value = f.value("value");
      h.source = f.string("source");
      h.meeting = f.string("meeting");
      h.extra = f.extra();
      a.history.push_back(std::move(h));
    }
  }
  a.extra = top.extra();
  return a;
}

const std::string& pinned_checklist(const Assessment& assessment, std::string_view file) {
  if (assessment.checklist.id.empty()) {
    throw Error(
        Exit::data,
        fmt::format("{}: no checklist pinned (it needs \"checklist\": {{\"id\": ...}}); cna "
                    "will not overwrite it: fix it by hand or restore it from git (git "
                    "checkout -- {})",
                    file, file));
  }
  return assessment.checklist.id;
}

namespace {

// The canonical form written directly, byte for byte what dump_canonical() of the equivalent
// DOM prints (2-space indent, keys in the order written, unknown fields last), without building
// the DOM: the bulk of a save.
class CanonicalWriter {
public:
  // A member of the object being written.
  void key(std::string_view name) {
    next();
    string(name);
    m_out += ": ";
  }
  // An element of the array being written.
  void element() { next(); }
  // A member holding an array of objects, each one's members written by `members`.
  template <typename Record, typename Members>
  void objects(std::string_view name, const std::vector<Record>& records, Members members) {
    key(name);
    open('[');
    for (const Record& r : records) {
      element();
      open('{');
      members(r);
      close('}');
    }
    close(']');
  }
  void open(char bracket) {
    m_out += bracket;
    m_empty.push_back(true);
  }
  void close(char bracket) {
    const bool empty = m_empty.back();
    m_empty.pop_back();
    if (!empty) {
      m_out += '\n';
      indent();
    }
    m_out += bracket;
  }
  void string(std::string_view text) { append_json_string(m_out, text); }
  // Any value, as dump() would print it at this depth.
  void json(const Json& value) {
    const std::string text = value.dump(2, ' ', false, Json::error_handler_t::replace);
    for (const char c : text) {
      m_out += c;
      if (c == '\n') indent();
    }
  }
  void value(const Value& v) {
    if (const auto* text = std::get_if<std::string>(&v)) {
      string(*text);
    } else if (const auto* list = std::get_if<std::vector<std::string>>(&v)) {
      open('[');
      for (const std::string& entry : *list) {
        element();
        string(entry);
      }
      close(']');
    } else {
      json(value_to_json(v));
    }
  }
  void text(std::string_view name, const std::string& s) {
    key(name);
    string(s);
  }
  void optional(std::string_view name, const std::string& s) {
    if (!s.empty()) text(name, s);
  }
  // A list of strings, left out when empty.
  void optional(std::string_view name, const std::vector<std::string>& list) {
    if (list.empty()) return;
    key(name);
    value(list);
  }
  // Unknown fields, kept verbatim: last, in their order.
  void extra(const std::string& fields) {
    if (fields.empty()) return;
    // Named: a temporary in the range-for initialiser would die before the loop (before C++23).
    const Json parsed = Json::parse(fields);
    for (const auto& [name, v] : parsed.items()) {
      key(name);
      json(v);
    }
  }
  [[nodiscard]] std::string take() {
    m_out += '\n';
    return escape_json_controls(m_out);
  }

private:
  void next() {
    if (!m_empty.back()) m_out += ',';
    m_empty.back() = false;
    m_out += '\n';
    indent();
  }
  void indent() { m_out.append(2 * m_empty.size(), ' '); }

  std::string m_out;
  std::vector<bool> m_empty; // per open object or array: nothing in it yet
};

void write_answer(CanonicalWriter& w, const Answer& a) {
  w.open('{');
  w.text("state", std::string(to_string(a.state)));
  if (has_value(a.value)) {
    w.key("value");
    w.value(a.value);
  }
  w.optional("reason", a.reason);
  w.optional("owner", a.owner);
  w.optional("due", a.due);
  w.optional("source", a.source);
  w.optional("note", a.note);
  w.optional("answered_at", a.answered_at);
  w.optional("answered_by", a.answered_by);
  w.optional("item_sha256", a.item_sha256);
  w.optional("confirmed_at", a.confirmed_at);
  w.optional("confirmed_by", a.confirmed_by);
  w.optional("confirmed_with", a.confirmed_with);
  w.optional("meeting", a.meeting);
  w.optional("confirmed_in", a.confirmed_in);
  if (a.sides.size() == 2) {
    w.key("ours");
    write_answer(w, a.sides[0]);
    w.key("theirs");
    write_answer(w, a.sides[1]);
  }
  w.extra(a.extra);
  w.close('}');
}

} // namespace

std::string serialize_assessment(const Assessment& a) {
  CanonicalWriter w;
  w.open('{');
  w.key("cna");
  w.json(a.cna);
  w.text("account", a.account);
  w.text("name", a.name);
  w.key("checklist");
  w.open('{');
  w.text("id", a.checklist.id);
  w.text("version", a.checklist.version);
  w.text("sha256", a.checklist.sha256);
  w.close('}');
  w.objects("stakeholders", a.stakeholders, [&w](const Stakeholder& s) {
    w.text("id", s.id);
    w.text("name", s.name);
    w.optional("title", s.title);
    w.optional("roles", s.roles);
    if (s.met != Met::unrecorded) {
      w.key("met");
      w.json(s.met == Met::yes);
    }
    if (s.stance != Stance::unknown) w.text("stance", std::string(to_string(s.stance)));
    w.optional("access_via", s.access_via);
    w.extra(s.extra);
  });
  // Only once there is one: a file from before meetings is saved byte for byte as it was.
  if (!a.meetings.empty()) {
    w.objects("meetings", a.meetings, [&w](const Meeting& m) {
      w.text("id", m.id);
      w.text("date", m.date);
      w.optional("purpose", m.purpose);
      w.optional("attendees", m.attendees);
      w.optional("ours", m.ours);
      w.optional("outcome", m.outcome);
      w.optional("notes", m.notes);
      w.optional("created_at", m.created_at);
      w.optional("created_by", m.created_by);
      w.extra(m.extra);
    });
  }
  if (!a.next_steps.empty()) {
    w.objects("next_steps", a.next_steps, [&w](const NextStep& step) {
      w.text("id", step.id);
      w.text("what", step.what);
      w.optional("owner", step.owner);
      w.optional("due", step.due);
      w.optional("done", step.done);
      w.optional("meeting", step.meeting);
      w.optional("created_at", step.created_at);
      w.optional("created_by", step.created_by);
      w.extra(step.extra);
    });
  }
  for (const char* key : {"answers", "retired"}) {
    w.key(key);
    w.open('{');
    for (const auto& [id, answer] : key[0] == 'a' ? a.answers : a.retired) {
      w.key(id);
      write_answer(w, answer);
    }
    w.close('}');
  }
  w.key("history");
  w.open('[');
  for (const HistoryEntry& h : a.history) {
    w.element();
    w.open('{');
    w.text("at", h.at);
    w.text("by", h.by);
    w.optional("item", h.item);
    w.text("action", h.action);
    if (has_value(h.value)) {
      w.key("value");
      w.value(h.value);
    }
    w.optional("source", h.source);
    w.optional("meeting", h.meeting);
    w.extra(h.extra);
    w.close('}');
  }
  w.close(']');
  w.extra(a.extra);
  w.close('}');
  return w.take();
}

std::string merge_extra(const std::string& base, const std::string& ours, const std::string& theirs,
                        std::vector<std::pair<std::string, std::string>>& kept_ours) {
  const auto object = [](const std::string& text) {
    return text.empty() ? Json::object() : Json::parse(text);
  };
  const Json b = object(base), o = object(ours), t = object(theirs);
  const auto member = [](const Json& j, const std::string& key) {
    const auto it = j.find(key);
    return it == j.end() ? std::optional<Json>() : std::optional<Json>(*it);
  };
  Json out = o;
  for (const auto& [key, value] : t.items()) {
    const auto in_base = member(b, key), in_ours = member(o, key);
    if (in_ours == value || in_base == value) continue; // agreed, or theirs did not change it
    if (in_ours == in_base || !in_ours) {
      out[key] = value; // only theirs changed it (an edit wins over a removal)
    } else {
      kept_ours.emplace_back(key, value.dump());
    }
  }
  for (const auto& [key, value] : b.items()) {
    // Removed by theirs and left alone by ours: removed.
    if (!t.contains(key) && member(o, key) == value) out.erase(key);
  }
  return out.empty() ? std::string() : out.dump();
}

} // namespace cna
