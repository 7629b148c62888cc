// Text rules shared by every layer: UTF-8, display sanitising, slugs and ids.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cna {

[[nodiscard]] bool valid_utf8(std::string_view text);

// The one sanitising function for display: control characters (C0, DEL, C1), bidirectional
// controls and invisible characters (zero-width space, BOM, soft hyphen, tags) become visible
// escapes ("\x1b", "<U+202E>", "<U+200B>"), so no text can move the cursor, retitle the terminal
// or hide. Invalid UTF-8 bytes become "\xNN". Newlines are kept when keep_newlines is set.
[[nodiscard]] std::string visible(std::string_view text, bool keep_newlines = false);

// Text with nothing a reader can see: only spaces (any Unicode space), invisible characters (as
// visible() escapes them), joiners, fillers (U+115F, U+3164, ...), the braille blank and variation
// selectors. Such text is no answer. Empty text is blank.
[[nodiscard]] bool is_blank(std::string_view text);

// JSON text with the code points that JSON allows raw in strings but a terminal acts on or a
// reader cannot see (C1 controls, bidirectional controls, U+2028/U+2029, zero-width and tag
// characters) written as \uXXXX escapes: the same value for
// every JSON reader, and safe to print or to review in a diff. Only for JSON text, whose strings
// are the only place such code points can be.
[[nodiscard]] std::string escape_json_controls(std::string_view json);

// Account names: ^[a-z0-9][a-z0-9-]{0,62}$
[[nodiscard]] bool is_slug(std::string_view text);
// "Acme Corp" -> "acme-corp"; empty when nothing usable remains.
[[nodiscard]] std::string suggest_slug(std::string_view text);

// Checklist, section and item ids: ^[a-z][a-z0-9_]*$
[[nodiscard]] bool is_id(std::string_view text);

// Terminal cells `text` takes (utf8proc's East Asian widths: CJK and most emoji 2, combining marks
// and zero-width characters 0, others 1); an invalid byte counts as 4 ("\xNN"). For text already
// made visible, without colour codes.
[[nodiscard]] std::size_t display_width(std::string_view text);

// The longest start of `text` (whole characters) at most `width` cells wide.
[[nodiscard]] std::string_view cut_to_width(std::string_view text, std::size_t width);

// `text` broken into lines of at most `width` cells at spaces (a word wider than the line is cut
// between characters); its own line breaks kept, trailing spaces dropped. width 0: no wrapping,
// only the text's own lines. Never an empty result: "" gives one empty line.
[[nodiscard]] std::vector<std::string> wrap(std::string_view text, std::size_t width);

[[nodiscard]] std::string trim(std::string_view text);
[[nodiscard]] std::string to_lower(std::string_view text);
// Unicode case folding (utf8proc), so "SCHÄFER" finds "Schäfer"; invalid UTF-8 is only lowered.
[[nodiscard]] std::string fold_case(std::string_view text);

// The candidate a typo most likely meant, for "did you mean ...?": the nearest by edit distance,
// to the whole candidate or to its first letters, within a third of the typed length (at least 1).
// Empty when nothing is that close.
[[nodiscard]] std::string closest(std::string_view wanted,
                                  const std::vector<std::string>& candidates);
// Every candidate as close as the closest one (at most `limit`, in the candidates' order), so
// "budget" finds budget_status and budget_amount; a candidate with a word (between '-', '_' or
// spaces) equal to what was typed counts as close as can be: "tender" finds competitive-tender.
// Bounded: typed text longer than 64 bytes (longer than any name) gets none.
[[nodiscard]] std::vector<std::string> suggestions(std::string_view wanted,
                                                   const std::vector<std::string>& candidates,
                                                   std::size_t limit = 3);
// " (did you mean a, b or c?)", or "" when `names` is empty.
[[nodiscard]] std::string did_you_mean(const std::vector<std::string>& names);

} // namespace cna
