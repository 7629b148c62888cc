// The picker's model and layout (picker.hpp): no terminal here, so unit tests drive it by keys.
#include "cli/picker.hpp"

#include <algorithm>

#include "cna/text.hpp"

namespace cna::cli {

namespace {

// The last whole UTF-8 character of `text` removed.
void drop_last_character(std::string& text) {
  while (!text.empty()) {
    const auto byte = static_cast<unsigned char>(text.back());
    text.pop_back();
    if ((byte & 0xC0U) != 0x80U) return; // not a continuation byte: the character's start
  }
}

std::string cut(std::string_view text, std::size_t width) {
  return std::string(cut_to_width(text, width));
}

} // namespace

Picker::Picker(std::vector<PickerEntry> entries, bool multi,
               const std::vector<std::string>& current, ReadsAsTyped reads_as_typed)
    : m_entries(std::move(entries)), m_multi(multi), m_reads_as_typed(std::move(reads_as_typed)),
      m_ticked(m_entries.size(), false) {
  for (const PickerEntry& e : m_entries)
    m_folded.push_back(fold_case(e.label + '\n' + e.value + '\n' + e.detail));
  refilter();
  bool placed = false;
  for (std::size_t k = 0; k < m_entries.size(); ++k) {
    if (std::find(current.begin(), current.end(), m_entries[k].value) == current.end()) continue;
    if (m_multi) m_ticked[k] = true;
    if (!placed) m_cursor = k, placed = true; // every entry is shown: the filter is empty
  }
}

bool Picker::matches(const PickerEntry& entry) const {
  if (m_filter.empty()) return true;
  const auto at = static_cast<std::size_t>(&entry - m_entries.data());
  return m_folded[at].find(fold_case(m_filter)) != std::string::npos;
}

void Picker::refilter() {
  const std::optional<std::size_t> was = current();
  m_shown.clear();
  for (std::size_t k = 0; k < m_entries.size(); ++k) {
    if (matches(m_entries[k])) m_shown.push_back(k);
  }
  // The cursor stays on its entry while the filter lets it through, else goes to the first.
  const auto still = was ? std::find(m_shown.begin(), m_shown.end(), *was) : m_shown.end();
  m_cursor = still != m_shown.end() ? static_cast<std::size_t>(still - m_shown.begin()) : 0;
}

std::optional<std::size_t> Picker::current() const {
  if (m_cursor >= m_shown.size()) return std::nullopt;
  return m_shown[m_cursor];
}

// Enter takes the filter as typed when the grammar reads it so ("2", a value, ":skip"), unless
// a multi has entries ticked (then the ticks are the answer), or nothing is shown to pick.
bool Picker::takes_filter() const {
  if (m_filter.empty()) return false;
  if (m_shown.empty()) return true; // the grammar says why it is no answer
  const bool ticks = std::find(m_ticked.begin(), m_ticked.end(), true) != m_ticked.end();
  return !(m_multi && ticks) && m_reads_as_typed && m_reads_as_typed(m_filter);
}

PickStep Picker::press(const Key& key) {
  const std::size_t n = m_shown.size();
  const std::size_t page = std::max<std::size_t>(1, rows_for(24) - 1);
  switch (key.kind) {
  case KeyKind::up:
    if (n > 0) m_cursor = m_cursor == 0 ? n - 1 : m_cursor - 1;
    return PickStep::stay;
  case KeyKind::down:
    if (n > 0) m_cursor = m_cursor + 1 >= n ? 0 : m_cursor + 1;
    return PickStep::stay;
  case KeyKind::page_up:
    m_cursor = m_cursor > page ? m_cursor - page : 0;
    return PickStep::stay;
  case KeyKind::page_down:
    if (n > 0) m_cursor = std::min(n - 1, m_cursor + page);
    return PickStep::stay;
  case KeyKind::home:
    m_cursor = 0;
    return PickStep::stay;
  case KeyKind::end:
    if (n > 0) m_cursor = n - 1;
    return PickStep::stay;
  case KeyKind::space:
    if (!m_multi) return press(Key{KeyKind::character, " "});
    if (const auto k = current()) m_ticked[*k] = !m_ticked[*k];
    return PickStep::stay;
  case KeyKind::character:
    m_filter += key.text;
    refilter();
    return PickStep::stay;
  case KeyKind::backspace:
    drop_last_character(m_filter);
    refilter();
    return PickStep::stay;
  case KeyKind::clear:
    m_filter.clear();
    refilter();
    return PickStep::stay;
  case KeyKind::escape:
    m_line = m_filter;
    return PickStep::to_text;
  case KeyKind::interrupt:
    m_line = m_filter;
    return PickStep::cancel;
  case KeyKind::eof:
    return m_filter.empty() ? PickStep::end : PickStep::stay;
  case KeyKind::enter:
    break;
  case KeyKind::none:
    return PickStep::stay;
  }
  if (takes_filter()) {
    m_line = m_filter;
    m_picked = visible(m_filter); // typed or pasted: no control may reach the terminal
    return PickStep::accept;
  }
  std::vector<std::size_t> chosen;
  for (std::size_t k = 0; m_multi && k < m_entries.size(); ++k) {
    if (m_ticked[k]) chosen.push_back(k);
  }
  if (chosen.empty() && current()) chosen.push_back(*current());
  if (chosen.empty()) return PickStep::stay; // nothing at all to pick
  m_line.clear();
  m_picked.clear();
  for (const std::size_t k : chosen) {
    m_line += (m_line.empty() ? "" : ", ") + m_entries[k].value;
    m_picked += (m_picked.empty() ? "" : ", ") + m_entries[k].label;
  }
  return PickStep::accept;
}

std::string Picker::line() const { return m_line; }
std::string Picker::picked() const { return m_picked; }

std::size_t Picker::rows_for(std::size_t terminal_rows) {
  // The walk's question stays in view above: at most 15 rows, and 6 lines kept for the rest.
  return std::clamp<std::size_t>(terminal_rows > 6 ? terminal_rows - 6 : 1, 1, 15);
}

std::vector<PickerLine> Picker::layout(std::size_t rows, std::size_t columns,
                                       std::string_view prompt) {
  const std::size_t width = columns > 1 ? columns - 1 : 1; // never the last column: no wrap
  const std::size_t visible_rows = std::min(rows_for(rows), m_shown.size());
  if (m_cursor < m_top) m_top = m_cursor;
  if (visible_rows > 0 && m_cursor >= m_top + visible_rows) m_top = m_cursor - visible_rows + 1;
  m_top = std::min(m_top, m_shown.size() - visible_rows);
  std::vector<PickerLine> out;
  std::string keys = picker_keys(m_multi);
  if (visible_rows < m_shown.size() || !m_filter.empty()) {
    keys += " · " + std::to_string(m_shown.size()) + " of " + std::to_string(m_entries.size());
  }
  out.push_back({PickerLine::Style::keys, cut(keys, width)});
  for (std::size_t r = m_top; r < m_top + visible_rows; ++r) {
    const std::size_t k = m_shown[r];
    const PickerEntry& e = m_entries[k];
    std::string text = r == m_cursor ? "❯ " : "  ";
    if (m_multi) text += m_ticked[k] ? "[x] " : "[ ] ";
    text += e.label;
    if (!e.detail.empty()) text += "  (" + e.detail + ")";
    out.push_back(
        {r == m_cursor ? PickerLine::Style::current : PickerLine::Style::row, cut(text, width)});
  }
  if (m_shown.empty()) {
    out.push_back(
        {PickerLine::Style::none_found, cut("  nothing matches; Enter reads it as typed", width)});
  }
  std::string typed = std::string(prompt) + visible(m_filter);
  // A long filter shows its end, where the typing is.
  while (display_width(typed) > width && typed.size() > prompt.size()) {
    typed.erase(prompt.size(), 1);
    while (typed.size() > prompt.size() &&
           (static_cast<unsigned char>(typed[prompt.size()]) & 0xC0U) == 0x80U)
      typed.erase(prompt.size(), 1);
  }
  out.push_back({PickerLine::Style::prompt, cut(typed, width)});
  return out;
}

std::string picker_keys(bool multi) {
  return multi ? "↑/↓ move · space ticks · type to filter · Enter picks · Esc types · Ctrl-C "
                 "cancels"
               : "↑/↓ move · type to filter · Enter picks · Esc types · Ctrl-C cancels";
}

} // namespace cna::cli
