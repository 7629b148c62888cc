// The fast read path of the portfolio views: simdjson on-demand into the model, or "not mine".
// Every function here answers false for anything it is not certain about; the strict reader then
// reads the file and has the last word (fast_read.hpp).
#include "cna/fast_read.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <simdjson.h>
#include <string>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>
#include <utility>
#include <vector>

namespace cna {

namespace {

namespace od = simdjson::ondemand;
using od::json_type;

// The fields of each known object, in a table: a key not in it, or seen twice, is not mine.
template <std::size_t N> class Known {
public:
  constexpr explicit Known(std::array<std::string_view, N> names) : m_names(names) {}
  // The index of `key`, marking it seen; N when unknown or seen before.
  [[nodiscard]] std::size_t take(std::string_view key, std::uint32_t& seen) const {
    for (std::size_t i = 0; i < N; ++i) {
      if (m_names[i] != key) continue;
      const std::uint32_t bit = 1U << i;
      if ((seen & bit) != 0) return N;
      seen |= bit;
      return i;
    }
    return N;
  }

private:
  std::array<std::string_view, N> m_names;
};

enum TopField : std::size_t {
  kCnaField,
  kAccountField,
  kNameField,
  kChecklistField,
  kStakeholdersField,
  kMeetingsField,
  kNextStepsField,
  kAnswersField,
  kRetiredField,
  kHistoryField
};
constexpr Known<10> kTop({"cna", "account", "name", "checklist", "stakeholders", "meetings",
                          "next_steps", "answers", "retired", "history"});
constexpr Known<2> kMoney({"amount", "currency"});

// The text members of each record, in the order of its table; the others come first.
template <typename T> using TextMember = std::string T::*;
constexpr std::array<TextMember<PinnedChecklist>, 3> kPinText{
    &PinnedChecklist::id, &PinnedChecklist::version, &PinnedChecklist::sha256};
constexpr Known<3> kPin({"id", "version", "sha256"});
constexpr std::array<TextMember<Stakeholder>, 3> kStakeholderText{
    &Stakeholder::id, &Stakeholder::name, &Stakeholder::title};
constexpr Known<7> kStakeholder({"id", "name", "title", "roles", "met", "stance", "access_via"});
// The lists of strings come last.
constexpr std::array<TextMember<Meeting>, 7> kMeetingText{
    &Meeting::id,    &Meeting::date,       &Meeting::purpose,   &Meeting::outcome,
    &Meeting::notes, &Meeting::created_at, &Meeting::created_by};
constexpr Known<9> kMeeting({"id", "date", "purpose", "outcome", "notes", "created_at",
                             "created_by", "attendees", "ours"});
constexpr std::array<TextMember<NextStep>, 8> kNextStepText{
    &NextStep::id,   &NextStep::what,    &NextStep::owner,      &NextStep::due,
    &NextStep::done, &NextStep::meeting, &NextStep::created_at, &NextStep::created_by};
constexpr Known<8> kNextStep({"id", "what", "owner", "due", "done", "meeting", "created_at",
                              "created_by"});
// No "ours" or "theirs": a conflict's sides are the strict reader's.
constexpr std::array<TextMember<Answer>, 13> kAnswerText{
    &Answer::reason,       &Answer::owner,          &Answer::due,
    &Answer::source,       &Answer::note,           &Answer::answered_at,
    &Answer::answered_by,  &Answer::item_sha256,    &Answer::confirmed_at,
    &Answer::confirmed_by, &Answer::confirmed_with, &Answer::meeting,
    &Answer::confirmed_in};
constexpr Known<15> kAnswer({"state", "value", "reason", "owner", "due", "source", "note",
                             "answered_at", "answered_by", "item_sha256", "confirmed_at",
                             "confirmed_by", "confirmed_with", "meeting", "confirmed_in"});
constexpr std::array<TextMember<HistoryEntry>, 6> kHistoryText{
    &HistoryEntry::at,     &HistoryEntry::by,     &HistoryEntry::item,
    &HistoryEntry::action, &HistoryEntry::source, &HistoryEntry::meeting};
constexpr Known<7> kHistoryEntry({"at", "by", "item", "action", "source", "meeting", "value"});

std::string_view trimmed(std::string_view token) {
  const std::size_t end = token.find_last_not_of(" \t\r\n");
  return end == std::string_view::npos ? std::string_view() : token.substr(0, end + 1);
}

// A JSON number as the strict reader converts it (json.cpp: integral within int64 exactly, else
// the nearest double); nullopt for what it treats specially (out of range, underflow to zero).
std::optional<double> strict_number(std::string_view token) {
  const char* first = token.data();
  const char* last = first + token.size();
  if (token.find_first_of(".eE") == std::string_view::npos) {
    std::int64_t i = 0;
    const auto [end, ec] = std::from_chars(first, last, i);
    if (ec == std::errc() && end == last) return static_cast<double>(i);
  }
  double d = 0;
  const auto [end, ec] = std::from_chars(first, last, d);
  if (ec != std::errc() || end != last) return std::nullopt;
  return d;
}

// An earlier account's answer made ready to read another into, its strings' memory kept: every
// member empty but the value, which answer() replaces or empties (a string is reassigned in place).
void clear_keeping_memory(Answer& a) {
  a.state = State::missing;
  for (const TextMember<Answer> member : kAnswerText)
    (a.*member).clear();
  a.sides.clear();
  a.extra.clear();
  assert(([&a] { // every member of Answer is cleared above
    Answer copy = a;
    copy.value = Value{};
    return copy == Answer{};
  })());
}

class Reader {
public:
  Reader(bool keep_history, std::vector<std::pair<std::string, Answer>>* spare)
      : m_keep_history(keep_history), m_spare(spare) {}

  bool document(od::document& doc, Assessment& a) {
    od::object root;
    if (doc.get_object().get(root) != simdjson::SUCCESS) return false;
    const bool read = each_member(root, kTop, [&](std::size_t i, od::value v) {
      switch (i) {
      case kCnaField:
        return version(v);
      case kAccountField:
        return string(v, a.account);
      case kNameField:
        return string(v, a.name);
      case kChecklistField:
        return optional_object(v, kPin, [&](std::size_t f, od::value fv) {
          return string(fv, a.checklist.*kPinText[f]);
        });
      case kStakeholdersField:
        return stakeholders(v, a.stakeholders);
      case kMeetingsField:
        return meetings(v, a.meetings);
      case kNextStepsField:
        return next_steps(v, a.next_steps);
      case kAnswersField:
        return answers(v, a.answers, m_spare);
      case kRetiredField:
        return answers(v, a.retired);
      default:
        return history(v, a.history);
      }
    });
    // Nothing after the root object.
    return read && m_version_seen && doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
  }

private:
  // Calls take(index in `known`, value) for each member of `object`: false at the first unknown
  // or repeated key (an unknown field is kept verbatim by the strict reader), or when take is.
  template <std::size_t N, typename Take>
  static bool each_member(od::object& object, const Known<N>& known, Take&& take) {
    std::uint32_t seen = 0;
    for (auto member : object) {
      od::field field;
      std::string_view key;
      if (std::move(member).get(field) != simdjson::SUCCESS || !key_of(field, key)) return false;
      const std::size_t i = known.take(key, seen);
      if (i == N || !take(i, field.value())) return false;
    }
    return true;
  }

  // An object member (null: absent, as the strict reader takes it).
  template <std::size_t N, typename Take>
  static bool optional_object(od::value v, const Known<N>& known, Take&& take) {
    json_type type{};
    if (null(v, type)) return true;
    od::object object;
    return type == json_type::object && v.get_object().get(object) == simdjson::SUCCESS &&
           each_member(object, known, std::forward<Take>(take));
  }

  // Calls each(element) for every element of an array member (null: absent).
  template <typename Each> static bool optional_array(od::value v, Each&& each) {
    json_type type{};
    if (null(v, type)) return true;
    od::array list;
    if (type != json_type::array || v.get_array().get(list) != simdjson::SUCCESS) return false;
    for (auto entry : list) {
      od::value e;
      if (std::move(entry).get(e) != simdjson::SUCCESS || !each(e)) return false;
    }
    return true;
  }

  static bool key_of(od::field& field, std::string_view& key) {
    return field.unescaped_key().get(key) == simdjson::SUCCESS &&
           key.find('\0') == std::string_view::npos;
  }

  // true when `v` is null (consumed); `type` gets its type either way.
  static bool null(od::value& v, json_type& type) {
    if (v.type().get(type) != simdjson::SUCCESS) return false;
    if (type != json_type::null) return false;
    bool is_null = false;
    return v.is_null().get(is_null) == simdjson::SUCCESS && is_null;
  }

  static bool text(od::value& v, std::string_view& out) {
    return v.get_string().get(out) == simdjson::SUCCESS && out.find('\0') == std::string_view::npos;
  }

  // A string member or null (absent): `out` views its text (null: left as it was).
  static bool optional_text(od::value& v, std::string_view& out) {
    json_type type{};
    if (null(v, type)) return true;
    return type == json_type::string && text(v, out);
  }

  static bool string(od::value v, std::string& out) {
    std::string_view s;
    if (!optional_text(v, s)) return false;
    if (s.data() != nullptr) out.assign(s); // "" too; null leaves it
    return true;
  }

  bool version(od::value v) {
    json_type type{};
    if (v.type().get(type) != simdjson::SUCCESS || type != json_type::number) return false;
    const std::string_view token = trimmed(v.raw_json_token());
    std::uint64_t n = 0;
    m_version_seen = v.get_uint64().get(n) == simdjson::SUCCESS && token == "1";
    return m_version_seen;
  }

  static bool number(od::value& v, double& out) {
    const std::string_view token = trimmed(v.raw_json_token());
    double checked = 0; // simdjson checks the grammar; the value is the strict reader's
    if (v.get_double().get(checked) != simdjson::SUCCESS) return false;
    const auto d = strict_number(token);
    if (!d) return false;
    out = *d;
    return true;
  }

  static bool value(od::value v, Value& out) {
    json_type type{};
    if (null(v, type)) {
      out = Value{};
      return true;
    }
    switch (type) {
    case json_type::string: {
      std::string_view s;
      if (!text(v, s)) return false;
      if (auto* held = std::get_if<std::string>(&out)) { // a reused answer's: its memory kept
        held->assign(s);
      } else {
        out = std::string(s);
      }
      return true;
    }
    case json_type::boolean: {
      bool b = false;
      if (v.get_bool().get(b) != simdjson::SUCCESS) return false;
      out = b;
      return true;
    }
    case json_type::number: {
      double d = 0;
      if (!number(v, d)) return false;
      out = d;
      return true;
    }
    case json_type::array: {
      std::vector<std::string> list;
      if (!strings(v, list)) return false;
      out = std::move(list);
      return true;
    }
    case json_type::object:
      return money(v, out);
    default:
      return false;
    }
  }

  static bool strings(od::value v, std::vector<std::string>& out) {
    return optional_array(v, [&](od::value& e) {
      json_type type{};
      std::string_view s;
      if (e.type().get(type) != simdjson::SUCCESS || type != json_type::string || !text(e, s)) {
        return false;
      }
      out.emplace_back(s);
      return true;
    });
  }

  // Exactly {"amount": number, "currency": string}, as the strict reader wants it.
  static bool money(od::value& v, Value& out) {
    Money m;
    std::uint32_t seen = 0;
    const bool read = optional_object(v, kMoney, [&](std::size_t i, od::value fv) {
      seen |= 1U << i;
      json_type type{};
      std::string_view currency;
      if (fv.type().get(type) != simdjson::SUCCESS) return false;
      if (i == 0) return type == json_type::number && number(fv, m.amount);
      if (type != json_type::string || !text(fv, currency)) return false;
      m.currency.assign(currency);
      return true;
    });
    if (!read || seen != 3U) return false;
    out = std::move(m);
    return true;
  }

  // Each element of an array member read as an object of `known` members into a fresh T
  // (take(t, index, value) reads one member), which `keep` then takes; false when any is not.
  template <typename T, std::size_t N, typename Take, typename Keep>
  static bool objects(od::value v, const Known<N>& known, Take&& take, Keep&& keep) {
    return optional_array(v, [&](od::value& e) {
      T item;
      od::object object;
      if (e.get_object().get(object) != simdjson::SUCCESS) return false;
      return each_member(object, known,
                         [&](std::size_t i, od::value fv) { return take(item, i, fv); }) &&
             keep(std::move(item));
    });
  }

  // Appends to `out` an object that has an id no other has: one missing or used twice is the
  // strict reader's to report.
  template <typename T> static auto with_unique_id(std::vector<T>& out) {
    return [&out](T item) {
      const bool unique =
          std::none_of(out.begin(), out.end(), [&](const T& other) { return other.id == item.id; });
      if (item.id.empty() || !unique) return false;
      out.push_back(std::move(item));
      return true;
    };
  }

  // A boolean, or null (absent); anything else is the strict reader's to report.
  static bool met(od::value v, Met& out) {
    json_type type{};
    if (null(v, type)) return true;
    bool yes = false;
    if (type != json_type::boolean || v.get_bool().get(yes) != simdjson::SUCCESS) return false;
    out = yes ? Met::yes : Met::no;
    return true;
  }

  // A stance by name; "unknown" is never stored, so the strict reader reports it.
  static bool stance(od::value v, Stance& out) {
    std::string name;
    if (!string(v, name)) return false;
    if (name.empty()) return true;
    const auto parsed = parse_stance(name);
    if (!parsed || *parsed == Stance::unknown) return false;
    out = *parsed;
    return true;
  }

  static bool stakeholders(od::value v, std::vector<Stakeholder>& out) {
    return objects<Stakeholder>(
        v, kStakeholder,
        [](Stakeholder& s, std::size_t i, od::value fv) {
          if (i < kStakeholderText.size()) return string(fv, s.*kStakeholderText[i]);
          switch (i - kStakeholderText.size()) {
          case 0:
            return strings(fv, s.roles);
          case 1:
            return met(fv, s.met);
          case 2:
            return stance(fv, s.stance);
          default:
            return strings(fv, s.access_via);
          }
        },
        [&](Stakeholder s) {
          out.push_back(std::move(s));
          return true;
        });
  }

  static bool meetings(od::value v, std::vector<Meeting>& out) {
    return objects<Meeting>(
        v, kMeeting,
        [](Meeting& m, std::size_t i, od::value fv) {
          if (i < kMeetingText.size()) return string(fv, m.*kMeetingText[i]);
          return strings(fv, i == kMeetingText.size() ? m.attendees : m.ours);
        },
        with_unique_id(out));
  }

  static bool next_steps(od::value v, std::vector<NextStep>& out) {
    return objects<NextStep>(
        v, kNextStep,
        [](NextStep& step, std::size_t i, od::value fv) {
          return string(fv, step.*kNextStepText[i]);
        },
        with_unique_id(out));
  }

  static bool answer(od::value v, Answer& a) {
    std::string_view state;
    od::object object;
    if (v.get_object().get(object) != simdjson::SUCCESS) return false;
    bool valued = false;
    const bool read = each_member(object, kAnswer, [&](std::size_t i, od::value fv) {
      if (i == 0) return optional_text(fv, state);
      if (i == 1) return (valued = true) && value(fv, a.value);
      return string(fv, a.*kAnswerText[i - 2]);
    });
    if (!valued) a.value = Value{}; // a reused answer's value is kept until then (its memory)
    const auto parsed = parse_state(state);
    if (!read || !parsed) return false;
    a.state = *parsed;
    return true;
  }

  // The answers into `out`, in the memory of `spare`'s (an earlier account's) when given.
  static bool answers(od::value v, std::vector<std::pair<std::string, Answer>>& out,
                      std::vector<std::pair<std::string, Answer>>* spare = nullptr) {
    json_type type{};
    if (null(v, type)) return true;
    od::object object;
    if (type != json_type::object || v.get_object().get(object) != simdjson::SUCCESS) return false;
    if (spare != nullptr && out.empty()) out = std::move(*spare);
    std::size_t n = 0; // answers read; those of `out` after them are an earlier account's
    for (auto member : object) {
      od::field field;
      std::string_view key;
      if (std::move(member).get(field) != simdjson::SUCCESS || !key_of(field, key)) return false;
      if (n == out.size()) {
        out.emplace_back(std::piecewise_construct, std::forward_as_tuple(key), std::tuple<>());
      } else {
        out[n].first.assign(key);
        clear_keeping_memory(out[n].second);
      }
      if (!answer(field.value(), out[n++].second)) return false;
    }
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(n), out.end());
    // A duplicate item id is the strict reader's to report. cna writes the ids in order: strictly
    // increasing ids are unique without sorting them.
    const auto ascending = [](const auto& x, const auto& y) { return x.first < y.first; };
    if (std::adjacent_find(out.begin(), out.end(), [&](const auto& x, const auto& y) {
          return !ascending(x, y);
        }) == out.end()) {
      return true;
    }
    std::vector<std::string_view> ids;
    ids.reserve(out.size());
    for (const auto& entry : out)
      ids.emplace_back(entry.first);
    std::sort(ids.begin(), ids.end());
    return std::adjacent_find(ids.begin(), ids.end()) == ids.end();
  }

  bool history(od::value v, std::vector<HistoryEntry>& out) const {
    // Unless kept, every entry is only checked: its texts are looked at where simdjson put them,
    // not copied (a portfolio view reads tens of entries per account and keeps none).
    Value scratch;
    return optional_array(v, [&](od::value& e) {
      HistoryEntry h;
      od::object object;
      if (e.get_object().get(object) != simdjson::SUCCESS) return false;
      const bool read = each_member(object, kHistoryEntry, [&](std::size_t i, od::value fv) {
        if (i == kHistoryText.size()) return value(fv, m_keep_history ? h.value : scratch);
        if (m_keep_history) return string(fv, h.*kHistoryText[i]);
        std::string_view text;
        return optional_text(fv, text);
      });
      if (read && m_keep_history) out.push_back(std::move(h));
      return read;
    });
  }

  bool m_keep_history;
  std::vector<std::pair<std::string, Answer>>* m_spare; // memory for the answers, or nullptr
  bool m_version_seen = false;
};

// One parser and one read buffer per thread, reused from account to account.
struct ThreadState {
  od::parser parser;
  std::string buffer;
  // The answers of the last account a view was done with (recycle_answers), read into again:
  // the accounts of a portfolio are alike, so their strings' memory fits the next one's.
  std::vector<std::pair<std::string, Answer>> spare;
};
ThreadState& thread_state() {
  thread_local ThreadState state;
  return state;
}

// The whole file into the thread's buffer (with simdjson's padding) when it is a regular file of
// at most the limit, not a symlink; false otherwise (the strict path says why).
bool read_plain(const std::filesystem::path& path, std::string& buffer, std::size_t& size) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
  if (fd < 0) return false;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
            static_cast<std::size_t>(st.st_size) <= kMaxAssessmentBytes;
  size = ok ? static_cast<std::size_t>(st.st_size) : 0;
  if (ok && buffer.size() < size + simdjson::SIMDJSON_PADDING) {
    buffer.resize(size + simdjson::SIMDJSON_PADDING);
  }
  std::size_t got = 0;
  while (ok && got < size) {
    const ssize_t n = ::read(fd, buffer.data() + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return ok;
}

bool strict_only() {
  const char* strict = std::getenv("CNA_STRICT_READ");
  return strict != nullptr && *strict != '\0' && *strict != '0';
}

} // namespace

std::optional<Assessment> read_assessment_fast(std::string_view text, std::size_t capacity,
                                               bool keep_history) {
  // A BOM, or nothing but blanks: the strict reader's cases.
  if (text.empty() || text.front() == '\xEF' ||
      capacity < text.size() + simdjson::SIMDJSON_PADDING) {
    return std::nullopt;
  }
  ThreadState& state = thread_state();
  od::document doc;
  if (state.parser.iterate(text.data(), text.size(), capacity).get(doc) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  Assessment a;
  Reader reader(keep_history, &state.spare);
  if (!reader.document(doc, a)) return std::nullopt;
  return a;
}

void recycle_answers(std::vector<std::pair<std::string, Answer>>&& answers) {
  std::vector<std::pair<std::string, Answer>>& spare = thread_state().spare;
  if (answers.capacity() > spare.capacity()) spare = std::move(answers);
}

Assessment load_for_view(const AssessmentStore& store, bool folder_inside) {
  if (folder_inside && !strict_only()) {
    ThreadState& state = thread_state();
    std::size_t size = 0;
    if (read_plain(store.path(), state.buffer, size)) {
      auto a =
          read_assessment_fast(std::string_view(state.buffer.data(), size), state.buffer.size());
      if (a) return std::move(*a);
    }
  }
  Assessment a = store.load();
  a.history.clear(); // as the fast reader leaves it: one result whichever reader ran
  return a;
}

} // namespace cna
