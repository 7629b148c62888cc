#include "cna/input.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <functional>

#include "cna/item_types.hpp"
#include "cna/pattern.hpp"
#include "cna/text.hpp"
#include "item_rules.hpp"

namespace cna {

namespace {

// ISO 4217 (2024), sorted: current codes, funds and metals, and a few recently replaced ones
// (HRK, SLL, ZWL) that old records may hold.
constexpr std::string_view kCurrencyCodes[] = {
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR",
    "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW",
    "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA",
    "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG",
    "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE",
    "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP",
    "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED",
    "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG",
    "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG",
    "ZWL"};

using Lines = std::vector<std::string>;

// Owners and reasons are short labels.
constexpr std::size_t kMaxLabelBytes = 1024;
// How much of a refused answer is echoed back in the message.
constexpr std::size_t kQuotedCodePoints = 40;

// Between a question and its answer in a `questions` entry: "Works council? => Not needed".
constexpr std::string_view kAnswerMark = " => ";

// What each choice instead of an answer is for, as phrase() says it after the front end's syntax.
constexpr std::array<std::string_view, kInsteadCount> kInsteadFor{
    "to come back to it later", "if someone will find out", "if it does not apply", "to add one"};

// Compared after lower-casing, collapsing whitespace and stripping surrounding punctuation, so
// "TBD.", "(n/a)" and "Not  sure?" match. Text made only of punctuation ("?", "--", "…") is a
// placeholder too.
constexpr std::string_view kPlaceholders[] = {
    "tbd",
    "tba",
    "tbc",
    "n/a",
    "n.a",
    "na",
    "x",
    "xx",
    "xxx",
    "todo",
    "to do",
    "unknown",
    "idk",
    "dunno",
    "pending",
    "later",
    "not sure",
    "unsure",
    "no idea",
    "don't know",
    "dont know",
    "do not know",
    "to be decided",
    "to be determined",
    "to be confirmed",
    "to be announced",
};
// Real answers unless asked back as a question: "none" is an answer, "none?" is not.
constexpr std::string_view kQuestionedPlaceholders[] = {"none", "nothing", "nobody"};
// The longest of the two lists, in bytes.
constexpr std::size_t kLongestPlaceholder = [] {
  std::size_t n = 0;
  for (const std::string_view p : kPlaceholders)
    n = std::max(n, p.size());
  for (const std::string_view p : kQuestionedPlaceholders)
    n = std::max(n, p.size());
  return n;
}();

constexpr std::string_view kPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
// UTF-8 marks treated as punctuation around a placeholder: … — – ¿ ¡ “ ” ‘ ’ « »
constexpr std::string_view kWideMarks[] = {"\u2026", "\u2014", "\u2013", "\u00bf",
                                           "\u00a1", "\u201c", "\u201d", "\u2018",
                                           "\u2019", "\u00ab", "\u00bb"};

struct YesNo {
  std::string_view word;
  bool value;
};
constexpr YesNo kYesNo[] = {{"y", true},  {"yes", true}, {"true", true},
                            {"n", false}, {"no", false}, {"false", false}};

struct CurrencySymbol {
  std::string_view symbol;
  std::string_view code;
};
constexpr CurrencySymbol kCurrencySymbols[] = {{"$", "USD"}, {"\u20ac", "EUR"}, {"\u00a3", "GBP"}};

// --- small text helpers

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

bool iequals(std::string_view a, std::string_view b) { return to_lower(a) == to_lower(b); }

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::size_t count_code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(c); }));
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> pieces;
  for (std::size_t start = 0;;) {
    const auto end = text.find(separator, start);
    pieces.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return pieces;
    start = end + 1;
  }
}

// User text echoed in a message: shortened, with control characters made visible.
std::string quote(std::string_view text) {
  std::size_t end = 0;
  std::size_t points = 0;
  for (; end < text.size(); ++end) {
    if (!is_continuation(text[end]) && points++ == kQuotedCodePoints) break;
  }
  return fmt::format("'{}{}'", visible(text.substr(0, end)), end < text.size() ? "\u2026" : "");
}

// Checklist text listed in a message ("approved, identified"), made visible.
template <class T, class Key> std::string list_of(const std::vector<T>& entries, Key key) {
  std::vector<std::string> shown;
  shown.reserve(entries.size());
  for (const T& entry : entries)
    shown.push_back(visible(key(entry)));
  return fmt::format("{}", fmt::join(shown, ", "));
}

std::string numbers_hint(std::size_t count) {
  return count == 1 ? "1" : fmt::format("1-{}", count);
}

// "3" -> index 2 when 1 <= 3 <= count.
std::optional<std::size_t> parse_index(std::string_view token, std::size_t count) {
  std::size_t number = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), number);
  if (ec != std::errc{} || end != token.data() + token.size() || number < 1 || number > count) {
    return std::nullopt;
  }
  return number - 1;
}

// Matches a typed token against a numbered list: by key, then by name (both case-insensitive),
// then by number. Keys go first so that the stored form always reads back to itself.
template <class T, class Key, class Name>
std::optional<std::size_t> pick(const std::vector<T>& entries, std::string_view token, Key key,
                                Name name) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (iequals(key(entries[i]), token)) return i;
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (!name(entries[i]).empty() && iequals(name(entries[i]), token)) return i;
  }
  return parse_index(token, entries.size());
}

// --- placeholders

bool strip_mark_front(std::string_view& text, bool& questioned) {
  if (!text.empty() &&
      (is_space(text.front()) || kPunctuation.find(text.front()) != std::string_view::npos)) {
    questioned = questioned || text.front() == '?';
    text.remove_prefix(1);
    return true;
  }
  if (text.empty() || static_cast<unsigned char>(text.front()) < 0x80) return false;
  for (const std::string_view mark : kWideMarks) {
    if (text.starts_with(mark)) {
      questioned = questioned || mark == "\u00bf";
      text.remove_prefix(mark.size());
      return true;
    }
  }
  return false;
}

bool strip_mark_back(std::string_view& text, bool& questioned) {
  if (!text.empty() &&
      (is_space(text.back()) || kPunctuation.find(text.back()) != std::string_view::npos)) {
    questioned = questioned || text.back() == '?';
    text.remove_suffix(1);
    return true;
  }
  if (text.empty() || static_cast<unsigned char>(text.back()) < 0x80) return false;
  for (const std::string_view mark : kWideMarks) {
    if (text.ends_with(mark)) {
      text.remove_suffix(mark.size());
      return true;
    }
  }
  return false;
}

// `text` in lower case, with single spaces and typographic apostrophes as "'", in `out`; nullopt
// when that is longer than `out` (no placeholder is: readiness checks every text answer with this).
template <std::size_t N>
std::optional<std::string_view> normalise_words(std::string_view text, std::array<char, N>& out) {
  std::size_t size = 0;
  const auto put = [&](char c) {
    if (size == N) return false;
    out[size++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return true;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool room = true;
    if (is_space(text[i])) {
      if (size != 0 && out[size - 1] != ' ') room = put(' ');
    } else if (text[i] == '\xE2' && text.substr(i).starts_with("\u2019")) {
      room = put('\'');
      i += std::string_view("\u2019").size() - 1;
    } else {
      room = put(text[i]);
    }
    if (!room) return std::nullopt;
  }
  return std::string_view(out.data(), size);
}

// Unknown, and n/a where the item allows it: what stands in for an answer nobody can give yet.
std::vector<Instead> no_answer_yet(const Item& item) {
  if (item.na) return {Instead::unknown, Instead::na};
  return {Instead::unknown};
}

Refusal placeholder_error(const Item& item, std::string_view text) {
  return {fmt::format("{} is a placeholder, not an answer", quote(trim(text))),
          no_answer_yet(item)};
}

Refusal required(const Item& item) {
  std::vector<Instead> instead = no_answer_yet(item);
  instead.insert(instead.begin(), Instead::skip);
  return {"an answer is required", std::move(instead)};
}

// The refusal of one part of an answer ("entry 2: ...", "due: ..."), with the same choices.
Refusal within(std::string_view part, Refusal refusal) {
  refusal.reason = fmt::format("{}: {}", part, refusal.reason);
  return refusal;
}

// --- shared rules

// Rules for any stored string: what the parser refuses before it looks at the item.
std::string check_chars(std::string_view text) {
  if (!valid_utf8(text)) return "the answer is not valid UTF-8 (check the terminal's encoding)";
  if (text.find('\0') != std::string_view::npos) return "the answer contains a NUL character";
  return "";
}

std::string too_long(std::size_t bytes) {
  return fmt::format("the answer is too long ({} bytes; the limit is {} bytes)", bytes,
                     kMaxAnswerBytes);
}

// "expected a number between 1 and 5", "expected a whole number of at least 0".
std::string range_error(std::string_view what, std::optional<double> low,
                        std::optional<double> high) {
  if (low && high) {
    return fmt::format("expected {} between {} and {}", what, format_number(*low),
                       format_number(*high));
  }
  if (low) return fmt::format("expected {} of at least {}", what, format_number(*low));
  if (high) return fmt::format("expected {} of at most {}", what, format_number(*high));
  return fmt::format("expected {}", what);
}

// multi and list: an empty selection is no answer, so at least one is always required.
std::string check_count(const Item& item, std::size_t count, std::string_view one,
                        std::string_view many) {
  const double low = std::max(1.0, item.min.value_or(1));
  const auto n = static_cast<double>(count);
  const auto noun = [&](double bound) { return bound == 1 ? one : many; };
  if (n < low) {
    return fmt::format("expected at least {} {} (got {})", format_number(low), noun(low), count);
  }
  if (item.max && n > *item.max) {
    return fmt::format("expected at most {} {} (got {})", format_number(*item.max), noun(*item.max),
                       count);
  }
  return "";
}

// text, longtext, list entries and other: texts.
Refusal check_words(const Item& item, std::string_view text) {
  if (is_blank(text)) return required(item);
  if (is_placeholder(text)) return placeholder_error(item, text);
  return "";
}

std::string check_pattern(const Item& item, const std::string& text) {
  if (item.pattern.empty()) return "";
  if (pattern_matches(item.pattern, text)) return "";
  if (std::string why = pattern_problem(item.pattern); !why.empty()) {
    return fmt::format("this item's pattern cannot be used ({}); fix the checklist", why);
  }
  return fmt::format("{} does not match the expected format {}", quote(text),
                     visible(item.pattern));
}

// text and longtext: words, at least min_length characters.
Refusal check_long_text(const Item& item, const std::string& text) {
  if (auto why = check_words(item, text); !why.empty()) return why;
  if (!item.min_length) return "";
  const std::size_t length = count_code_points(text);
  if (length < static_cast<std::size_t>(std::max(0, *item.min_length))) {
    return fmt::format("expected at least {} characters (got {})", *item.min_length, length);
  }
  return "";
}

// --- options (choice, multi)

// "other: some text" -> "some text"; nullopt without the prefix.
std::optional<std::string> other_text(std::string_view token) {
  constexpr std::string_view kPrefix = "other:";
  if (token.size() < kPrefix.size() || !iequals(token.substr(0, kPrefix.size()), kPrefix)) {
    return std::nullopt;
  }
  return trim(token.substr(kPrefix.size()));
}

std::string_view label_of(const Option& option) {
  return option.label.empty() ? option.value : option.label;
}

Refusal not_an_option(const Item& item, std::string_view token) {
  if (is_placeholder(token)) return placeholder_error(item, token);
  if (item.options.empty()) return "this item has no options (fix the checklist)";
  std::vector<std::string> names;
  for (const Option& o : item.options)
    names.push_back(o.value);
  if (const auto near = suggestions(token, names); !near.empty()) {
    return fmt::format("{} is not an option{}", quote(token), did_you_mean(near));
  }
  return fmt::format("{} is not an option; choose {} or one of: {}{}", quote(token),
                     numbers_hint(item.options.size()),
                     list_of(item.options, [](const Option& o) { return o.value; }),
                     item.other ? ", or other: TEXT" : "");
}

// Whether plain text (no number, no near miss of an option) may be the other option's text, or
// only text after "other:" (a multi line as a whole: "1, SAP" is two entries, never one text).
enum class PlainOther : bool { no, yes };

// A typed option (number, value or label, or "other: text") as its stored value.
std::optional<std::string> resolve_option(const Item& item, std::string_view token,
                                          PlainOther plain = PlainOther::yes) {
  const auto index = pick(
      item.options, token, [](const Option& o) { return std::string_view(o.value); }, label_of);
  if (index) return item.options[*index].value;
  if (item.other) {
    if (auto text = other_text(token)) return "other: " + *text;
    if (plain == PlainOther::no) return std::nullopt;
    // Plain text is the other option's text unless it looks like a number or a typo of an
    // option, which are refused with the options (docs/walk.md).
    std::vector<std::string> names;
    for (const Option& o : item.options)
      names.push_back(o.value);
    const std::string text = trim(token);
    const bool number = !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
    if (!text.empty() && !number && !is_placeholder(text) && suggestions(text, names).empty()) {
      return "other: " + text;
    }
  }
  return std::nullopt;
}

Refusal check_option(const Item& item, const std::string& value) {
  const bool listed = std::any_of(item.options.begin(), item.options.end(),
                                  [&](const Option& o) { return o.value == value; });
  if (listed) return "";
  if (!item.other || !value.starts_with("other: ")) return not_an_option(item, value);
  const std::string text = value.substr(std::string_view("other: ").size());
  if (text.empty() || trim(text) != text) return "add the text after 'other:'";
  if (text.find('\n') != std::string::npos) return "expected 'other:' text on one line";
  return check_words(item, text);
}

// --- numbers

// A decimal number as people type it, `decimal` ('.' or ',') its decimal mark and the other one
// (or '_') between thousands: "1,500", "1_000_000", "2.5k", "1.5m", "-3", "1e6" with a dot;
// "1.500", "2,5k" with a comma. Separators must sit between groups of three digits, so "1,5" with
// a decimal dot is refused rather than read as fifteen.
std::optional<double> parse_amount(std::string_view text, char decimal) {
  const char group = decimal == '.' ? ',' : '.';
  std::string number; // rebuilt without separators, for from_chars
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    if (text[i++] == '-') number += '-';
  }
  const std::size_t first = i; // the first digit
  std::size_t digits = 0;
  std::size_t run = 0; // digits since the last separator
  bool separated = false;
  for (; i < text.size(); ++i) {
    if (is_digit(text[i])) {
      number += text[i];
      ++digits;
      ++run;
    } else if (text[i] == group || text[i] == '_') {
      if (run == 0 || run > 3 || (separated && run != 3)) return std::nullopt;
      // A leading group of 0 is no thousands group: "0.021" is never twenty-one.
      if (!separated && text[first] == '0') return std::nullopt;
      separated = true;
      run = 0;
    } else {
      break;
    }
  }
  if (separated && run != 3) return std::nullopt;
  if (i < text.size() && text[i] == decimal) {
    number += '.';
    const std::size_t start = ++i;
    while (i < text.size() && is_digit(text[i]))
      number += text[i++];
    if (i == start) return std::nullopt;
    digits += i - start;
  }
  if (digits == 0) return std::nullopt;
  int exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool negative = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    const std::size_t start = i;
    while (i < text.size() && is_digit(text[i]) && i - start < 4) {
      exponent = exponent * 10 + (text[i++] - '0');
    }
    if (i == start) return std::nullopt;
    if (negative) exponent = -exponent;
  }
  while (i < text.size() && is_space(text[i]))
    ++i;
  const std::string_view suffix = text.substr(i);
  if (suffix == "k" || suffix == "K") {
    exponent += 3;
  } else if (suffix == "m" || suffix == "M") {
    exponent += 6;
  } else if (!suffix.empty()) {
    return std::nullopt;
  }
  // Scaling in decimal, not by multiplying, so "1.1k" is exactly 1100.
  number += fmt::format("e{}", exponent);
  double value = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc{} || end != number.data() + number.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// What `text` says as a number in the workspace's convention. Unset, both conventions are
// tried: one reading is taken; two different ones are refused with both shown, unless only one of
// them is a value the item can hold (`fits`: "1,500" users is 1500, never 1.5).
struct Amount {
  std::optional<double> value;
  std::string ambiguity; // set when the text reads two ways
};
Amount read_amount(std::string_view text, DecimalMark mark,
                   const std::function<bool(double)>& fits) {
  if (mark != DecimalMark::unset)
    return {parse_amount(text, mark == DecimalMark::dot ? '.' : ','), ""};
  const auto dot = parse_amount(text, '.');
  const auto comma = parse_amount(text, ',');
  if (!dot || !comma || *dot == *comma) return {dot ? dot : comma, ""};
  if (fits(*dot) != fits(*comma)) return {fits(*dot) ? dot : comma, ""};
  return {std::nullopt,
          fmt::format("{} reads two ways: {} with a decimal dot, or {} with a decimal comma; type "
                      "it without thousands separators, or set \"decimal_mark\" in cna.json "
                      "(docs/workspace.md)",
                      quote(text), fmt::format("{}", *dot), fmt::format("{}", *comma))};
}

bool is_whole(double n) { return std::isfinite(n) && std::trunc(n) == n; }

std::string scale_error(const Item& item) {
  std::string message = range_error("a number", item.scale_min(), item.scale_max());
  if (!item.labels.empty()) {
    message += " or one of: " + list_of(item.labels, [](const std::string& l) { return l; });
  }
  return message;
}

bool in_scale(const Item& item, double n) {
  return is_whole(n) && n >= item.scale_min() && n <= item.scale_max();
}

// --- money

struct AmountText {
  std::string amount;
  std::string currency; // upper case; empty when none was typed
};

// "EUR 250000", "250k eur", "€250k", "$1,500": the amount and the currency apart.
AmountText split_currency(std::string_view text) {
  for (const auto& [symbol, code] : kCurrencySymbols) {
    if (text.starts_with(symbol)) return {trim(text.substr(symbol.size())), std::string(code)};
    if (text.ends_with(symbol)) {
      return {trim(text.substr(0, text.size() - symbol.size())), std::string(code)};
    }
  }
  const auto letters = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), is_letter);
  };
  const std::size_t n = text.size();
  if (n >= 3 && letters(text.substr(0, 3)) && (n == 3 || !is_letter(text[3]))) {
    return {trim(text.substr(3)), to_upper(text.substr(0, 3))};
  }
  if (n > 3 && letters(text.substr(n - 3)) && !is_letter(text[n - 4])) {
    return {trim(text.substr(0, n - 3)), to_upper(text.substr(n - 3))};
  }
  return {std::string(text), ""};
}

// --- people

const std::vector<Stakeholder>& people_of(const InputContext& context) {
  static const std::vector<Stakeholder> kNobody;
  return context.stakeholders != nullptr ? *context.stakeholders : kNobody;
}

Refusal not_a_stakeholder(const std::vector<Stakeholder>& people, std::string_view token) {
  if (people.empty()) return {"the account has no stakeholders yet", {Instead::add_stakeholder}};
  return {fmt::format("{} is not a stakeholder; choose {} or one of: {}", quote(token),
                      numbers_hint(people.size()),
                      list_of(people, [](const Stakeholder& s) { return s.id; })),
          {Instead::add_stakeholder}};
}

// --- dates

// YYYY-MM-DD by shape only; whether it is a real date is a rule, checked after parsing.
bool looks_like_date(std::string_view text) {
  if (text.size() != 10) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((i == 4 || i == 7) ? text[i] != '-' : !is_digit(text[i])) return false;
  }
  return true;
}

// "31.03.2027", "03/04/2027", "3-4-2027" (day and month in either order, a four-digit year last)
// as YYYY-MM-DD in the workspace's date order. Unset, both orders are tried: one real date is
// taken, two different ones are refused with both shown. nullopt when the text has not this shape.
struct DayMonthYear {
  std::string date;
  std::string error;
};
std::optional<DayMonthYear> read_day_month_year(std::string_view text, DateOrder order) {
  const std::size_t first = text.find_first_of("./-");
  if (first == std::string_view::npos) return std::nullopt;
  const char mark = text[first];
  const std::size_t second = text.find(mark, first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const std::string_view a = text.substr(0, first);
  const std::string_view b = text.substr(first + 1, second - first - 1);
  const std::string_view year = text.substr(second + 1);
  const auto digits = [](std::string_view part, std::size_t low, std::size_t high) {
    return part.size() >= low && part.size() <= high &&
           std::all_of(part.begin(), part.end(), is_digit);
  };
  if (!digits(a, 1, 2) || !digits(b, 1, 2) || !digits(year, 4, 4)) return std::nullopt;
  const auto iso = [&](std::string_view day, std::string_view month) {
    const std::string date = fmt::format("{}-{:0>2}-{:0>2}", year, month, day);
    return is_iso_date(date) ? date : std::string();
  };
  const std::string day_first = iso(a, b);
  const std::string month_first = iso(b, a);
  if (order == DateOrder::day_month_year || order == DateOrder::month_day_year) {
    const std::string& date = order == DateOrder::day_month_year ? day_first : month_first;
    if (date.empty()) {
      return DayMonthYear{
          "",
          fmt::format("{} is not a real date ({} in this workspace)", quote(text),
                      order == DateOrder::day_month_year ? "day.month.year" : "month/day/year")};
    }
    return DayMonthYear{date, ""};
  }
  if (!day_first.empty() && !month_first.empty() && day_first != month_first) {
    return DayMonthYear{
        "", fmt::format("{} reads two ways: {} (day first) or {} (month first); type it as "
                        "YYYY-MM-DD, or set \"date_order\" in cna.json (docs/workspace.md)",
                        quote(text), day_first, month_first)};
  }
  if (day_first.empty() && month_first.empty()) {
    return DayMonthYear{"", fmt::format("{} is not a real date", quote(text))};
  }
  return DayMonthYear{day_first.empty() ? month_first : day_first, ""};
}

// "today", "tomorrow", "yesterday", "+14d", "+2w", "-3d" as a number of days.
std::optional<int> relative_days(std::string_view text) {
  const std::string word = to_lower(text);
  if (word == "today") return 0;
  if (word == "tomorrow") return 1;
  if (word == "yesterday") return -1;
  if (word.size() < 3 || word.size() > 7 || (word[0] != '+' && word[0] != '-')) return std::nullopt;
  const char unit = word.back();
  if (unit != 'd' && unit != 'w') return std::nullopt;
  int count = 0;
  const char* first = word.data() + 1;
  const char* last = word.data() + word.size() - 1;
  const auto [end, ec] = std::from_chars(first, last, count);
  if (ec != std::errc{} || end != last || !is_digit(*first)) return std::nullopt;
  count *= unit == 'w' ? 7 : 1;
  return word[0] == '-' ? -count : count;
}

// --- one parser per type: syntax only; the rules run afterwards, as for stored values

ParsedInput accept(Value value) { return {std::move(value), {}}; }
ParsedInput refuse(Refusal why) { return {{}, std::move(why)}; }

// The entries of one line of a multi answer: "1,3" or "approved, identified". The whole line is
// tried first so labels containing commas still match; "other: text" keeps its commas.
Lines multi_tokens(const Item& item, std::string_view line) {
  if (resolve_option(item, line, PlainOther::no)) return {std::string(line)};
  Lines tokens;
  for (std::string_view rest = line;;) {
    const auto comma = rest.find(',');
    std::string token = trim(rest.substr(0, comma));
    if (item.other && other_text(token)) {
      tokens.push_back(trim(rest));
      break;
    }
    tokens.push_back(std::move(token));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return tokens;
}

// One entry per line: embedded newlines split, each line trimmed, blank lines around dropped.
Lines normalise_lines(const Lines& raw) {
  Lines lines;
  for (const std::string& entry : raw) {
    for (const std::string& line : split(entry, '\n'))
      lines.push_back(trim(line));
  }
  const auto blank = [](const std::string& line) { return line.empty(); };
  lines.erase(lines.begin(), std::find_if_not(lines.begin(), lines.end(), blank));
  while (!lines.empty() && lines.back().empty())
    lines.pop_back();
  return lines;
}

// What each kind of stored value is called in a message, by ValueKind.
constexpr std::array<std::string_view, 6> kValueKindNames{
    "text", "a list", "yes or no", "a number", "an amount with currency", "questions"};

// The kind of value a Value holds; nullopt for no value.
std::optional<ValueKind> kind_of(const Value& value) {
  struct Kind {
    std::optional<ValueKind> operator()(std::monostate) const { return std::nullopt; }
    std::optional<ValueKind> operator()(const std::string&) const { return ValueKind::text; }
    std::optional<ValueKind> operator()(const std::vector<std::string>&) const {
      return ValueKind::entries;
    }
    std::optional<ValueKind> operator()(bool) const { return ValueKind::yesno; }
    std::optional<ValueKind> operator()(double) const { return ValueKind::number; }
    std::optional<ValueKind> operator()(const Money&) const { return ValueKind::money; }
    std::optional<ValueKind> operator()(const Questions&) const { return ValueKind::questions; }
  };
  return std::visit(Kind{}, value);
}

std::string_view kind_name(std::optional<ValueKind> kind) {
  return kind ? kValueKindNames.at(static_cast<std::size_t>(*kind)) : "no value";
}

// Every string inside a value, for the checks that do not depend on the type.
std::vector<std::string_view> strings_of(const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return {*text};
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
    return std::vector<std::string_view>(list->begin(), list->end());
  }
  if (const auto* money = std::get_if<Money>(&value)) return {money->currency};
  if (const auto* questions = std::get_if<Questions>(&value)) {
    std::vector<std::string_view> texts;
    for (const Question& q : *questions)
      texts.insert(texts.end(), {q.text, q.who, q.due, q.answer});
    return texts;
  }
  return {};
}

// A number's input form that reads one way in either convention: "1.021" would also be 1021
// with a grouping dot, "1.0210" is not (found by fuzzing).
std::string unambiguous_number(double number) {
  std::string text = format_number(number);
  const std::size_t dot = text.find('.');
  if (dot == std::string::npos) return text;
  const std::size_t whole = text[0] == '-' ? 1 : 0;
  std::size_t end = dot + 1;
  while (end < text.size() && is_digit(text[end]))
    ++end;
  if (end - dot - 1 == 3 && dot - whole >= 1 && dot - whole <= 3 && text[whole] != '0')
    text.insert(end, "0");
  return text;
}

struct InputForm {
  Lines operator()(std::monostate) const { return {}; }
  Lines operator()(const std::string& text) const { return split(text, '\n'); }
  Lines operator()(const std::vector<std::string>& entries) const { return entries; }
  Lines operator()(bool yes) const { return {yes ? "yes" : "no"}; }
  Lines operator()(double number) const { return {unambiguous_number(number)}; }
  Lines operator()(const Money& money) const {
    return {unambiguous_number(money.amount) + " " + money.currency};
  }
  // What parse_questions reads: TEXT [@WHO] [due DATE] [=> ANSWER].
  Lines operator()(const Questions& questions) const {
    Lines lines;
    for (const Question& q : questions) {
      lines.push_back(q.text + (q.who.empty() ? "" : " @" + q.who) +
                      (q.due.empty() ? "" : " due " + q.due) +
                      (q.open() ? "" : std::string(kAnswerMark) + q.answer));
    }
    return lines;
  }
};

} // namespace

namespace {

// The last word of `ask` (no trailing spaces): a quoted name after @ (`@"Jörg Schäfer"`) is
// one word, so a stakeholder whose name has spaces can be named as the rep knows them.
std::string_view last_word(std::string_view ask) {
  if (ask.size() >= 4 && ask.back() == '"') {
    const std::size_t open = ask.rfind("@\"", ask.size() - 3);
    if (open != std::string_view::npos && (open == 0 || ask[open - 1] == ' '))
      return ask.substr(open);
  }
  const std::size_t space = ask.rfind(' ');
  return space == std::string_view::npos ? ask : ask.substr(space + 1);
}

// `text` without the spaces at its end.
std::string_view trim_end(std::string_view text) {
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  return text;
}

} // namespace

Marked read_marks(std::string_view line) {
  Marked marked;
  std::string_view rest = trim_end(line);
  for (bool more = true; more && !rest.empty();) {
    more = false;
    const std::string_view last = last_word(rest);
    const std::string_view before = trim_end(rest.substr(0, rest.size() - last.size()));
    if (last.size() > 1 && last[0] == '@' && marked.who.empty()) {
      std::string_view token = last.substr(1);
      if (token.size() >= 3 && token.front() == '"') token = token.substr(1, token.size() - 2);
      marked.who = token;
      rest = before;
      more = true;
    } else if (marked.due.empty() && !before.empty() && iequals(last_word(before), "due")) {
      marked.due = last;
      rest = trim_end(before.substr(0, before.size() - 3));
      more = true;
    }
  }
  std::vector<std::string> words;
  for (std::string& word : split(rest, ' ')) {
    if (!word.empty()) words.push_back(std::move(word));
  }
  marked.text = fmt::format("{}", fmt::join(words, " "));
  return marked;
}

// The rows of the item-type table (item_types.cpp): one parser and one check per type, all of one
// shape. A parser reads the typed lines; its check runs on the value, as on a stored one.
namespace rules {

ParsedInput parse_text(const Item& /*item*/, const Lines& lines, const InputContext& /*context*/) {
  return accept(fmt::format("{}", fmt::join(lines, "\n")));
}

ParsedInput parse_list(const Item& /*item*/, const Lines& lines, const InputContext& /*context*/) {
  return accept(lines);
}

ParsedInput parse_multi(const Item& item, const Lines& lines, const InputContext& /*context*/) {
  std::vector<std::string> chosen;
  for (const std::string& line : lines) {
    for (const std::string& token : multi_tokens(item, line)) {
      if (token.empty()) return refuse(fmt::format("{} has an empty entry", quote(line)));
      const auto value = resolve_option(item, token);
      if (!value) return refuse(not_an_option(item, token));
      // Duplicates are dropped, not refused: "1, 1" means option 1.
      if (std::find(chosen.begin(), chosen.end(), *value) == chosen.end()) chosen.push_back(*value);
    }
  }
  return accept(std::move(chosen));
}

ParsedInput parse_choice(const Item& item, const Lines& lines, const InputContext& /*context*/) {
  const auto value = resolve_option(item, lines.front());
  return value ? accept(*value) : refuse(not_an_option(item, lines.front()));
}

ParsedInput parse_yesno(const Item& /*item*/, const Lines& lines, const InputContext& /*context*/) {
  for (const auto& [word, value] : kYesNo) {
    if (iequals(lines.front(), word)) return accept(value);
  }
  return refuse("expected yes or no (y/n)");
}

// Whether the item's rules take `value` (a reading of an ambiguous number is kept only if so).
bool holds(const Item& item, const Value& value, const InputContext& context) {
  return item_type(item.type).check(item, value, people_of(context)).empty();
}

ParsedInput parse_number(const Item& item, const Lines& lines, const InputContext& context) {
  const std::string& line = lines.front();
  std::string text(line);
  if (!item.unit.empty() && to_lower(text).ends_with(to_lower(item.unit))) {
    text = trim(std::string_view(text).substr(0, text.size() - item.unit.size()));
  }
  const Amount number = read_amount(text, context.conventions.decimal,
                                    [&](double n) { return holds(item, n, context); });
  if (!number.ambiguity.empty()) return refuse(number.ambiguity);
  if (number.value) return accept(*number.value);
  const bool comma = context.conventions.decimal == DecimalMark::comma;
  return refuse(fmt::format("{} is not a number; e.g. 12, {} or {}{}{} (a {} for decimals)",
                            quote(line), comma ? "1.500" : "1,500", comma ? "2,5k" : "2.5k",
                            item.unit.empty() ? "" : " ", visible(item.unit),
                            comma ? "comma" : "dot"));
}

ParsedInput parse_percent(const Item& item, const Lines& lines, const InputContext& context) {
  std::string_view text = lines.front();
  if (text.ends_with('%')) text.remove_suffix(1);
  const Amount number = read_amount(trim(text), context.conventions.decimal,
                                    [&](double n) { return holds(item, n, context); });
  if (!number.ambiguity.empty()) return refuse(number.ambiguity);
  if (number.value) return accept(*number.value);
  return refuse(fmt::format("{} is not a percentage; e.g. 45, 45% or 12.5%", quote(lines.front())));
}

ParsedInput parse_money(const Item& item, const Lines& lines, const InputContext& context) {
  const std::string& line = lines.front();
  AmountText parts = split_currency(line);
  if (parts.currency.empty()) parts.currency = to_upper(trim(context.default_currency));
  const Amount amount = read_amount(parts.amount, context.conventions.decimal, [&](double n) {
    return holds(item, Money{n, parts.currency}, context);
  });
  if (!amount.ambiguity.empty()) return refuse(amount.ambiguity);
  if (!amount.value) {
    return refuse(
        fmt::format("{} is not an amount; e.g. 250000 EUR, 250k EUR or EUR 1.5m", quote(line)));
  }
  if (parts.currency.empty()) return refuse("add the currency, e.g. 250000 EUR");
  return accept(Money{*amount.value, parts.currency});
}

ParsedInput parse_date(const Item& /*item*/, const Lines& lines, const InputContext& context) {
  const std::string& line = lines.front();
  if (const auto offset = relative_days(line)) {
    return accept(format_date(context.today, *offset)); // from the rep's day
  }
  if (looks_like_date(line)) return accept(line);
  if (const auto date = read_day_month_year(line, context.conventions.dates)) {
    return date->error.empty() ? accept(date->date) : refuse(date->error);
  }
  return refuse(fmt::format("{} is not a date; use YYYY-MM-DD, today, tomorrow, +14d, +2w or -3d",
                            quote(line)));
}

// A number in range first, then a label, so labels such as "0" or "+" still work.
ParsedInput parse_scale(const Item& item, const Lines& lines, const InputContext& context) {
  const std::string& line = lines.front();
  const auto number = read_amount(line, context.conventions.decimal, [&](double n) {
                        return in_scale(item, n);
                      }).value;
  if (number && in_scale(item, *number)) return accept(*number);
  for (std::size_t i = 0; i < item.labels.size(); ++i) {
    if (iequals(item.labels[i], line)) return accept(item.scale_min() + static_cast<double>(i));
  }
  return refuse(scale_error(item));
}

// One entry per line: TEXT [@WHO] [due DATE] [=> ANSWER] (docs/assessment.md). The marks are
// read from the end of the question, so a question may mention "due" or "@" inside.
ParsedInput parse_questions(const Item& item, const Lines& lines, const InputContext& context) {
  Questions questions;
  for (const std::string& line : lines) {
    Question q;
    std::string_view ask = line;
    // " =>" at the very end (trimmed) is the mark too, with an empty answer.
    std::size_t mark = ask.find(kAnswerMark);
    if (mark == std::string_view::npos && ask.ends_with(kAnswerMark.substr(0, 3)))
      mark = ask.size() - 3;
    if (mark != std::string_view::npos) {
      q.answer = trim(ask.substr(std::min(ask.size(), mark + kAnswerMark.size())));
      ask = ask.substr(0, mark);
      if (q.answer.empty())
        return refuse(fmt::format("{}: the answer after => is empty", quote(line)));
    }
    const Marked marked = read_marks(ask);
    if (!marked.who.empty()) {
      const std::vector<Stakeholder>& people = people_of(context);
      const auto index = pick(
          people, marked.who, [](const Stakeholder& s) { return std::string_view(s.id); },
          [](const Stakeholder& s) { return std::string_view(s.name); });
      if (!index) return refuse(not_a_stakeholder(people, marked.who));
      q.who = people[*index].id;
    }
    if (!marked.due.empty()) {
      const ParsedInput when = parse_date(item, {marked.due}, context);
      if (!when.ok()) return refuse(within("due", when.error));
      q.due = std::get<std::string>(when.value);
    }
    q.text = marked.text;
    if (q.text.empty())
      return refuse(fmt::format("{}: the question itself is missing", quote(line)));
    questions.push_back(std::move(q));
  }
  return accept(std::move(questions));
}

ParsedInput parse_person(const Item& /*item*/, const Lines& lines, const InputContext& context) {
  const std::vector<Stakeholder>& people = people_of(context);
  const auto index = pick(
      people, lines.front(), [](const Stakeholder& s) { return std::string_view(s.id); },
      [](const Stakeholder& s) { return std::string_view(s.name); });
  return index ? accept(people[*index].id) : refuse(not_a_stakeholder(people, lines.front()));
}

Refusal check_text(const Item& item, const Value& value, const People& /*people*/) {
  const auto& text = std::get<std::string>(value);
  if (text.find('\n') != std::string::npos) {
    if (auto why = check_words(item, text); !why.empty()) return why;
    return fmt::format("expected one line (got {})", split(text, '\n').size());
  }
  if (auto why = check_long_text(item, text); !why.empty()) return why;
  return check_pattern(item, text);
}

Refusal check_longtext(const Item& item, const Value& value, const People& /*people*/) {
  return check_long_text(item, std::get<std::string>(value));
}

Refusal check_choice(const Item& item, const Value& value, const People& /*people*/) {
  return check_option(item, std::get<std::string>(value));
}

Refusal check_multi(const Item& item, const Value& value, const People& /*people*/) {
  const auto& values = std::get<std::vector<std::string>>(value);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (auto why = check_option(item, values[i]); !why.empty()) return why;
    if (std::find(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(i), values[i]) !=
        values.begin() + static_cast<std::ptrdiff_t>(i)) {
      return fmt::format("{} is chosen twice", quote(values[i]));
    }
  }
  return check_count(item, values.size(), "option", "options");
}

Refusal check_list(const Item& item, const Value& value, const People& /*people*/) {
  const auto& entries = std::get<std::vector<std::string>>(value);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].empty()) return fmt::format("entry {} is empty", i + 1);
    Refusal why = entries[i].find('\n') != std::string::npos ? Refusal("expected one line")
                                                             : check_words(item, entries[i]);
    // "entry 1: " would only be noise on a one-entry list.
    if (!why.empty())
      return entries.size() == 1 ? why : within(fmt::format("entry {}", i + 1), why);
  }
  return check_count(item, entries.size(), "entry", "entries");
}

Refusal check_yesno(const Item& /*item*/, const Value& /*value*/, const People& /*people*/) {
  return "";
}

Refusal check_number(const Item& item, const Value& value, const People& /*people*/) {
  const double n = std::get<double>(value);
  const bool fits = std::isfinite(n) && (!item.integer || is_whole(n)) &&
                    (!item.min || n >= *item.min) && (!item.max || n <= *item.max);
  return fits ? "" : range_error(item.integer ? "a whole number" : "a number", item.min, item.max);
}

Refusal check_percent(const Item& /*item*/, const Value& value, const People& /*people*/) {
  const double n = std::get<double>(value);
  return std::isfinite(n) && n >= 0 && n <= 100 ? "" : "expected a percentage between 0 and 100";
}

Refusal check_scale(const Item& item, const Value& value, const People& /*people*/) {
  return in_scale(item, std::get<double>(value)) ? "" : scale_error(item);
}

Refusal check_money(const Item& /*item*/, const Value& value, const People& /*people*/) {
  const auto& money = std::get<Money>(value);
  if (!std::isfinite(money.amount) || money.amount < 0) return "expected an amount of 0 or more";
  if (!is_currency_code(money.currency)) {
    return fmt::format("{} is not an ISO 4217 currency code, e.g. EUR, USD, GBP",
                       quote(money.currency));
  }
  return "";
}

Refusal check_date(const Item& /*item*/, const Value& value, const People& /*people*/) {
  const auto& date = std::get<std::string>(value);
  return is_iso_date(date) ? ""
                           : fmt::format("{} is not a calendar date (YYYY-MM-DD)", quote(date));
}

Refusal check_person(const Item& /*item*/, const Value& value, const People& people) {
  const auto& id = std::get<std::string>(value);
  const bool known =
      std::any_of(people.begin(), people.end(), [&](const Stakeholder& s) { return s.id == id; });
  return known ? "" : not_a_stakeholder(people, id);
}

namespace {

// Why one entry of a questions answer does not hold; empty when it does.
Refusal check_question(const Item& item, const Question& q, const People& people) {
  if ((q.text + q.answer).find('\n') != std::string::npos) return "expected one line";
  if (auto why = check_words(item, q.text); !why.empty()) return why;
  if (!q.answer.empty() && is_placeholder(q.answer)) return placeholder_error(item, q.answer);
  if (!q.due.empty() && !is_iso_date(q.due))
    return fmt::format("due {} is not a calendar date (YYYY-MM-DD)", quote(q.due));
  return q.who.empty() ? "" : check_person(item, Value(q.who), people);
}

} // namespace

Refusal check_questions(const Item& item, const Value& value, const People& people) {
  const auto& questions = std::get<Questions>(value);
  for (std::size_t i = 0; i < questions.size(); ++i) {
    Refusal why = check_question(item, questions[i], people);
    if (!why.empty())
      return questions.size() == 1 ? why : within(fmt::format("entry {}", i + 1), why);
  }
  return check_count(item, questions.size(), "entry", "entries");
}

} // namespace rules

bool is_currency_code(std::string_view code) {
  return std::binary_search(std::begin(kCurrencyCodes), std::end(kCurrencyCodes), code);
}

bool is_placeholder(std::string_view text) {
  std::string_view core = text;
  bool questioned = false;
  while (strip_mark_front(core, questioned)) {
  }
  while (strip_mark_back(core, questioned)) {
  }
  if (core.empty()) return !trim(text).empty(); // only punctuation: "?", "--", "…"
  std::array<char, kLongestPlaceholder> buffer{};
  const std::optional<std::string_view> words = normalise_words(core, buffer);
  if (!words) return false;
  const auto listed = [&](const auto& table) {
    return std::find(std::begin(table), std::end(table), *words) != std::end(table);
  };
  return listed(kPlaceholders) || (questioned && listed(kQuestionedPlaceholders));
}

ParsedInput parse_input(const Item& item, const std::vector<std::string>& lines,
                        const InputContext& context) {
  std::size_t bytes = lines.empty() ? 0 : lines.size() - 1; // the newlines between them
  for (const std::string& line : lines)
    bytes += line.size();
  if (bytes > kMaxAnswerBytes) return refuse(too_long(bytes));
  for (const std::string& line : lines) {
    if (auto why = check_chars(line); !why.empty()) return refuse(why);
  }
  const Lines answer = normalise_lines(lines);
  if (answer.empty()) return refuse(required(item));
  if (!takes_lines(item.type) && answer.size() > 1) {
    return refuse(fmt::format("expected one line (got {})", answer.size()));
  }
  const ItemTypeInfo& type = item_type(item.type);
  ParsedInput parsed = type.parse(item, answer, context);
  if (!parsed.ok()) {
    // "?" for a yes/no item is a placeholder first, a malformed answer second.
    const std::string typed = fmt::format("{}", fmt::join(answer, " "));
    if (is_placeholder(typed)) return refuse(placeholder_error(item, typed));
    return parsed;
  }
  if (auto why = type.check(item, parsed.value, people_of(context)); !why.empty()) {
    return refuse(why);
  }
  return parsed;
}

Refusal check_value(const Item& item, const Value& value,
                    const std::vector<Stakeholder>& stakeholders) {
  const ItemTypeInfo& type = item_type(item.type);
  if (const auto kind = kind_of(value); kind != type.stored) {
    // Stored under another type (the item's type changed): say what the item is now.
    return fmt::format("{} is not an answer to a {} item (expected {}, found {}); answer it again",
                       quote(format_value(value)), type.name, kind_name(type.stored),
                       kind_name(kind));
  }
  std::size_t bytes = 0;
  for (const std::string_view text : strings_of(value)) {
    if (auto why = check_chars(text); !why.empty()) return why;
    bytes += text.size();
  }
  if (bytes > kMaxAnswerBytes) return too_long(bytes);
  return type.check(item, value, stakeholders);
}

std::vector<std::string> value_to_input(const Item& /*item*/, const Value& value) {
  // The stored form is already what the parsers read first (option values before labels,
  // stakeholder ids before names, numbers before scale labels), so the item adds nothing.
  return std::visit(InputForm{}, value);
}

namespace {

// Owner and reason: one line of text that says something.
std::string check_label(std::string_view text, std::string_view what) {
  if (auto why = check_chars(text); !why.empty()) return why;
  if (text.size() > kMaxLabelBytes)
    return fmt::format("{} is too long (at most {} bytes)", what, kMaxLabelBytes);
  if (text.find_first_of("\r\n") != std::string_view::npos)
    return fmt::format("{} must be one line", what);
  if (trim(text).empty() || is_placeholder(text)) return fmt::format("give {}", what);
  return "";
}

} // namespace

std::string phrase(const Refusal& refusal, const InsteadSyntax& syntax) {
  std::vector<std::string> choices;
  for (const Instead choice : refusal.instead) {
    const auto at = static_cast<std::size_t>(choice);
    if (!syntax.at(at).empty())
      choices.push_back(fmt::format("{} {}", syntax[at], kInsteadFor[at]));
  }
  if (choices.empty()) return refusal.reason;
  std::string out = refusal.reason + "; use " + choices.front();
  for (std::size_t i = 1; i < choices.size(); ++i)
    out += (i + 1 == choices.size() ? ", or " : ", ") + choices[i];
  return out;
}

ParsedAnswer parse_unknown(std::string_view owner, std::string_view due,
                           const InputContext& context) {
  ParsedAnswer parsed;
  if (auto why = check_label(owner, "the owner (who will find out)"); !why.empty())
    return {{}, why};
  Item date;
  date.id = "due";
  date.type = ItemType::date;
  const ParsedInput when = parse_input(date, {std::string(due)}, context);
  if (!when.ok()) return {{}, within("by when", when.error)};
  parsed.answer.state = State::unknown;
  parsed.answer.owner = trim(owner);
  parsed.answer.due = std::get<std::string>(when.value);
  return parsed;
}

ParsedAnswer parse_na(const Item& item, std::string_view reason) {
  if (!item.na) return {{}, "this item cannot be marked n/a"};
  if (auto why = check_label(reason, "the reason it does not apply"); !why.empty())
    return {{}, why};
  ParsedAnswer parsed;
  parsed.answer.state = State::na;
  parsed.answer.reason = trim(reason);
  return parsed;
}

} // namespace cna
