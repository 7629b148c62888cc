// The pickers of the walk at a terminal (docs/walk.md, "Pickers"): a list to choose from with the
// arrow keys, filtered by what is typed. A pure model (entries, filter, cursor, ticks; a key in,
// what to do out) that unit tests drive without a terminal, and run_picker, the thin layer that
// reads keys with libtermkey and draws the model.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cna::cli {

struct PickerEntry {
  std::string label;  // what the list shows (made visible by the caller)
  std::string value;  // what picking it types: the grammar's own spelling (an option's value)
  std::string detail; // shown dim after the label (a stakeholder's id); also found by the filter
};

// A key as the picker sees it; `character` carries its UTF-8 text.
enum class KeyKind {
  none,
  up,
  down,
  page_up,
  page_down,
  home,
  end,
  space,
  enter,
  escape,
  backspace,
  clear, // Ctrl-U: the filter emptied
  interrupt,
  eof,
  character
};
struct Key {
  KeyKind kind = KeyKind::none;
  std::string text; // character only
};

// What a key leaves the picker to do: stay, accept (line() is the answer as typed), go back to
// typing the answer as text (the filter so far as its start), cancel (Ctrl-C), or end (Ctrl-D
// with nothing typed: input has ended, as Ctrl-D at the line editor).
enum class PickStep { stay, accept, to_text, cancel, end };

// One line of the picker as drawn, from the top: the keys, the rows, the prompt with the filter.
struct PickerLine {
  enum class Style { keys, row, current, none_found, prompt };
  Style style = Style::row;
  std::string text; // cut to the width already
};

class Picker {
public:
  // Whether a line typed at the prompt reads as an answer or a command as it is ("2", an option's
  // value, ":skip"): Enter then takes the filter as typed, as the text prompt would.
  using ReadsAsTyped = std::function<bool(const std::string& line)>;

  // `current`: the values of the answer on file (the cursor starts on it; a multi's are ticked).
  Picker(std::vector<PickerEntry> entries, bool multi, const std::vector<std::string>& current = {},
         ReadsAsTyped reads_as_typed = {});

  PickStep press(const Key& key);

  [[nodiscard]] const std::string& filter() const { return m_filter; }
  // The entries the filter lets through (indexes into the entries), in their order.
  [[nodiscard]] const std::vector<std::size_t>& shown() const { return m_shown; }
  // The entry under the cursor; nullopt when nothing is shown.
  [[nodiscard]] std::optional<std::size_t> current() const;
  [[nodiscard]] bool ticked(std::size_t entry) const { return m_ticked.at(entry); }
  [[nodiscard]] bool multi() const { return m_multi; }
  [[nodiscard]] const std::vector<PickerEntry>& entries() const { return m_entries; }

  // After accept: the answer as a line the walk's grammar reads ("approved", "revenue, risk",
  // the filter as typed); and what was picked in words, for the line left on the screen.
  [[nodiscard]] std::string line() const;
  [[nodiscard]] std::string picked() const;

  // The picker drawn in a terminal of `rows` x `columns`: every line cut to the width, at most
  // rows_for(rows) entries, scrolled so the cursor is in view.
  [[nodiscard]] std::vector<PickerLine> layout(std::size_t rows, std::size_t columns,
                                               std::string_view prompt);
  [[nodiscard]] static std::size_t rows_for(std::size_t terminal_rows);

private:
  void refilter();
  [[nodiscard]] bool matches(const PickerEntry& entry) const;
  [[nodiscard]] bool takes_filter() const;

  std::vector<PickerEntry> m_entries;
  std::vector<std::string> m_folded; // label, value and detail case-folded, for the filter
  bool m_multi;
  ReadsAsTyped m_reads_as_typed;
  std::string m_filter;
  std::vector<std::size_t> m_shown;
  std::vector<bool> m_ticked;
  std::size_t m_cursor = 0; // into m_shown
  std::size_t m_top = 0;    // the first row drawn, into m_shown
  std::string m_line;
  std::string m_picked;
};

// The keys, as the line above the list says them.
[[nodiscard]] std::string picker_keys(bool multi);

// Runs `picker` at the terminal (stdin and stdout are one) under `prompt` until a key ends it,
// and leaves one line on the screen: the prompt and what was picked. The terminal's modes are
// restored on every way out. to_text when the terminal cannot be read key by key (no such TERM).
PickStep run_picker(Picker& picker, const std::string& prompt);

} // namespace cna::cli
