#include "cna/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <utf8proc.h>

namespace cna {

namespace {

// Decodes one UTF-8 sequence at text[i]; returns its length, or 0 when invalid (overlong,
// surrogate, beyond U+10FFFF, truncated).
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  std::size_t len = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if ((b0 & 0xE0U) == 0xC0U) {
    len = 2, cp = b0 & 0x1FU, min = 0x80;
  } else if ((b0 & 0xF0U) == 0xE0U) {
    len = 3, cp = b0 & 0x0FU, min = 0x800;
  } else if ((b0 & 0xF8U) == 0xF0U) {
    len = 4, cp = b0 & 0x07U, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0U) != 0x80U) return 0;
    cp = (cp << 6U) | (byte(i + k) & 0x3FU);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_bidi_control(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

// Invisible characters that can hide text from the person reading it: the zero-width space,
// word joiners and invisible operators, the byte order mark, the soft hyphen, the combining
// grapheme joiner, the Mongolian vowel separator and the tag characters ("ASCII smuggling").
// The Hangul fillers and the braille blank draw nothing either. ZWNJ and ZWJ (U+200C, U+200D)
// and the variation selectors stay: scripts and emoji need them.
bool is_invisible(char32_t cp) {
  return cp == 0x00AD || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x180E ||
         cp == 0x200B || (cp >= 0x2060 && cp <= 0x2064) || cp == 0x2800 || cp == 0x3164 ||
         cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xE0000 && cp <= 0xE007F);
}

// Unicode's White_Space.
bool is_space(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

// Joiners and variation selectors: they change what is around them and show nothing alone.
bool is_modifier(char32_t cp) {
  return cp == 0x200C || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0xE0100 && cp <= 0xE01EF);
}

bool is_c1_control(char32_t cp) { return cp >= 0x80 && cp < 0xA0; }

// A JSON \u escape; beyond the BMP (the tag characters), a surrogate pair.
std::string escaped_code_point(char32_t cp) {
  if (cp < 0x10000) return fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
  const char32_t v = cp - 0x10000;
  return fmt::format("\\u{:04x}\\u{:04x}", static_cast<unsigned>(0xD800 + (v >> 10U)),
                     static_cast<unsigned>(0xDC00 + (v & 0x3FFU)));
}
bool is_line_separator(char32_t cp) { return cp == 0x2028 || cp == 0x2029; }

// The high bit of each byte of a 64-bit word: none set means eight ASCII bytes.
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

} // namespace

bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // Eight ASCII bytes at a time, the common case (readiness checks every answer with this).
    if (i + 8 <= text.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & kHighBits) == 0) {
        i += 8;
        continue;
      }
    }
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

bool is_blank(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) return false;
    if (!is_space(cp) && !is_invisible(cp) && !is_modifier(cp) && !is_bidi_control(cp)) {
      return false;
    }
    i += len;
  }
  return true;
}

std::string visible(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    // A run of printable ASCII, the common case, copied at once.
    std::size_t run = i;
    while (run < text.size() && text[run] >= 0x20 && text[run] < 0x7F)
      ++run;
    out.append(text.substr(i, run - i));
    if ((i = run) == text.size()) break;
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (cp == '\n' && keep_newlines) {
      out += '\n';
    } else if (cp == '\t') {
      out += "    ";
    } else if (cp < 0x20 || cp == 0x7F || is_c1_control(cp)) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
    } else if (is_bidi_control(cp) || is_line_separator(cp) || is_invisible(cp)) {
      out += fmt::format("<U+{:04X}>", static_cast<unsigned>(cp));
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string escape_json_controls(std::string_view json) {
  // Every such code point starts with one of these bytes; most texts have none of them. (A plain
  // loop: find_first_of calls memchr once per byte of the text.)
  const bool any = std::any_of(json.begin(), json.end(), [](char c) {
    return c == '\xC2' || c == '\xCD' || c == '\xD8' || c == '\xE1' || c == '\xE2' || c == '\xE3' ||
           c == '\xEF' || c == '\xF3';
  });
  if (!any) return std::string(json);
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size();) {
    char32_t cp = 0;
    const std::size_t len = std::max<std::size_t>(decode_utf8(json, i, cp), 1);
    if (len > 1 &&
        (is_c1_control(cp) || is_bidi_control(cp) || is_line_separator(cp) || is_invisible(cp))) {
      out += escaped_code_point(cp);
    } else {
      out.append(json.substr(i, len));
    }
    i += len;
  }
  return out;
}

namespace {

// Windows device names: a file so named cannot be checked out there, and teams share assessments
// in git across systems.
bool is_device_name(std::string_view text) {
  for (const std::string_view name : {"con", "prn", "aux", "nul"}) {
    if (text == name) return true;
  }
  return text.size() == 4 && (text.substr(0, 3) == "com" || text.substr(0, 3) == "lpt") &&
         text[3] >= '0' && text[3] <= '9';
}

// ASCII for the Latin letters of U+00C0..U+017F ("" when none): "Müller" suggests "muller".
std::string_view fold_latin(char32_t cp) {
  // U+00C0..U+00FF, lower-cased; '.' marks characters that are not letters (× ÷).
  static constexpr std::string_view kLatin1 = "aaaaaaaceeeeiiiidnooooo.ouuuuyts"
                                              "aaaaaaaceeeeiiiidnooooo.ouuuuyty";
  // U+0100..U+017F, lower-cased.
  static constexpr std::string_view kExtendedA = "aaaaaaccccccccdd"
                                                 "ddeeeeeeeeeegggg"
                                                 "gggghhhhiiiiiiii"
                                                 "iiiijjkkklllllll"
                                                 "lllnnnnnnnnnoooo"
                                                 "oooorrrrrrssssss"
                                                 "ssttttttuuuuuuuu"
                                                 "uuuuwwyyyzzzzzzs";
  switch (cp) {
  case 0xC6:
  case 0xE6:
    return "ae";
  case 0xDE:
  case 0xFE:
    return "th";
  case 0xDF:
    return "ss";
  case 0x132:
  case 0x133:
    return "ij";
  case 0x152:
  case 0x153:
    return "oe";
  default:
    break;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    const std::string_view c = kLatin1.substr(cp - 0xC0, 1);
    return c == "." ? std::string_view() : c;
  }
  if (cp >= 0x100 && cp <= 0x17F) return kExtendedA.substr(cp - 0x100, 1);
  return {};
}

} // namespace

bool is_slug(std::string_view text) {
  if (text.empty() || text.size() > 63 || is_device_name(text)) return false;
  const auto ok = [](char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && c == '-');
  };
  if (!ok(text[0], true)) return false;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (!ok(text[i], false)) return false;
  }
  return true;
}

std::string suggest_slug(std::string_view text) {
  std::string out;
  bool dash = false;
  const auto add = [&](std::string_view letters) {
    if (dash && !out.empty()) out += '-';
    dash = false;
    out += letters;
  };
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) cp = 0xFFFD, len = 1;
    i += len;
    const std::string_view folded = fold_latin(cp);
    std::string_view letters = folded;
    char ascii = 0;
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      ascii = static_cast<char>(cp);
    } else if (cp >= 'A' && cp <= 'Z') {
      ascii = static_cast<char>(cp - 'A' + 'a');
    }
    if (ascii != 0) letters = std::string_view(&ascii, 1);
    if (letters.empty()) {
      dash = true;
      continue;
    }
    // Stop before the slug would grow past 63 characters.
    if (out.size() + (dash && !out.empty() ? 1 : 0) + letters.size() > 63) break;
    add(letters);
  }
  while (!out.empty() && out.back() == '-')
    out.pop_back();
  if (is_device_name(out)) out += "-account";
  return out;
}

bool is_id(std::string_view text) {
  if (text.empty() || text[0] < 'a' || text[0] > 'z') return false;
  for (const char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string fold_case(std::string_view text) {
  utf8proc_uint8_t* folded = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_CASEFOLD | UTF8PROC_STABLE);
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &folded, options);
  if (n < 0) return to_lower(text);
  std::string out(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(n));
  std::free(folded);
  return out;
}

namespace {

// Levenshtein distance where swapping two neighbours ("gaol" for "goal") is one edit too.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    before.swap(previous);
    previous.swap(row);
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min(
          {previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
    }
  }
  return row[b.size()];
}

// How close `key` is to `candidate`: (distance, whole-word distance), smaller is closer; anything
// over `allowed` is no match.
std::pair<std::size_t, std::size_t> nearness(const std::string& key, std::string_view candidate,
                                             std::size_t allowed) {
  // Lengths further apart than the edits allowed cannot match: skipped without the quadratic
  // distance (a 128 KiB id against 5,000 items took seconds).
  const std::size_t apart = key.size() > candidate.size() ? key.size() - candidate.size() : 0;
  if (apart > allowed) return {allowed + 1, allowed + 1};
  const std::size_t whole =
      candidate.size() > key.size() + allowed ? allowed + 1 : edit_distance(key, candidate);
  std::size_t distance = whole;
  // A typo in the first letters of a longer id ("budgt" for "budget_amount") counts too.
  if (key.size() >= 3 && candidate.size() > key.size()) {
    distance = std::min(distance, edit_distance(key, candidate.substr(0, key.size())));
  }
  // One of its words ("tender" in "competitive-tender").
  std::size_t start = 0;
  while (start < candidate.size()) {
    const std::size_t end = std::min(candidate.find_first_of("-_ ", start), candidate.size());
    if (key.size() >= 3 && to_lower(candidate.substr(start, end - start)) == key) distance = 0;
    start = end + 1;
  }
  return {distance, whole};
}

constexpr std::size_t kMaxSuggested = 64;

} // namespace

std::vector<std::string> suggestions(std::string_view wanted,
                                     const std::vector<std::string>& candidates,
                                     std::size_t limit) {
  const std::string key = to_lower(trim(wanted));
  if (key.empty() || key.size() > kMaxSuggested) return {};
  const std::size_t allowed = std::max<std::size_t>(1, key.size() / 3);
  std::vector<std::pair<std::size_t, std::size_t>> near(candidates.size());
  std::pair<std::size_t, std::size_t> best{allowed + 1, 0};
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    near[i] = nearness(key, candidates[i], allowed);
    best = std::min(best, near[i]);
  }
  std::vector<std::size_t> tied;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (best.first <= allowed && near[i].first == best.first) tied.push_back(i);
  }
  // On a tie, the nearer whole word first ("chek": check before checklist).
  std::stable_sort(tied.begin(), tied.end(),
                   [&](std::size_t a, std::size_t b) { return near[a].second < near[b].second; });
  std::vector<std::string> out;
  for (const std::size_t i : tied) {
    if (out.size() == limit) break;
    if (std::find(out.begin(), out.end(), candidates[i]) == out.end()) out.push_back(candidates[i]);
  }
  return out;
}

std::string closest(std::string_view wanted, const std::vector<std::string>& candidates) {
  const std::vector<std::string> found = suggestions(wanted, candidates, 1);
  return found.empty() ? std::string() : found.front();
}

std::string did_you_mean(const std::vector<std::string>& names) {
  if (names.empty()) return {};
  std::string out = " (did you mean ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  }
  return out + "?)";
}

namespace {

// Cells of the character at text[i] and its length in bytes.
std::pair<std::size_t, std::size_t> cell_of(std::string_view text, std::size_t i) {
  char32_t cp = 0;
  const std::size_t len = decode_utf8(text, i, cp);
  if (len == 0) return {4, 1};
  const int width = utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
  return {width > 0 ? static_cast<std::size_t>(width) : 0, len};
}

// Appends the words of one line (no '\n') to `out`, wrapped at `width` cells.
void wrap_line(std::string_view line, std::size_t width, std::vector<std::string>& out) {
  const std::size_t first = out.size();
  std::string current;
  std::size_t used = 0;
  const auto flush = [&] {
    while (!current.empty() && current.back() == ' ')
      current.pop_back();
    out.push_back(std::move(current));
    current.clear();
    used = 0;
  };
  std::size_t i = 0;
  while (i < line.size()) {
    const std::size_t space = std::min(line.find(' ', i), line.size());
    const std::string_view word = line.substr(i, space - i);
    const std::size_t cells = display_width(word);
    if (used > 0 && used + cells > width) flush();
    for (std::size_t k = 0; k < word.size();) {
      const auto [w, len] = cell_of(word, k);
      if (used > 0 && used + w > width) flush();
      current.append(word.substr(k, len));
      used += w;
      k += len;
    }
    if (space < line.size()) {
      if (used < width)
        current += ' ', ++used;
      else
        flush();
    }
    i = space + 1;
  }
  if (!current.empty() || out.size() == first) flush();
}

} // namespace

std::size_t display_width(std::string_view text) {
  std::size_t cells = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto [w, len] = cell_of(text, i);
    cells += w;
    i += len;
  }
  return cells;
}

std::string_view cut_to_width(std::string_view text, std::size_t width) {
  std::size_t cells = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto [w, len] = cell_of(text, i);
    if (cells + w > width) break;
    cells += w;
    i += len;
  }
  return text.substr(0, i);
}

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    if (width == 0)
      out.emplace_back(line);
    else
      wrap_line(line, width, out);
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

} // namespace cna
