// Reading lines from a person: libedit on a terminal (editing, history), plain bounded reads from
// a pipe; and leaving cleanly on SIGINT / SIGTERM / SIGHUP.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace cna::cli {

class LineReader {
public:
  LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;
  ~LineReader();

  [[nodiscard]] bool interactive() const;
  // One line without its newline; nullopt when input has ended (EOF, Ctrl-D, closed stdin).
  // A line longer than kMaxLine comes back cut to kMaxLine bytes, with too_long() set.
  // `initial`: what the line editor starts with, ready to edit (an answer already given); a
  // pipe reads as always.
  std::optional<std::string> read(const std::string& prompt, const std::string& initial = "");
  [[nodiscard]] bool too_long() const { return m_too_long; }
  // A picker gave the line (picker.hpp): it is never too long.
  void took_picked() { m_too_long = false; }
  // A sub-prompt (the :who questions): Ctrl-C while it reads cancels it, returning nullopt with
  // cancelled() set; a second Ctrl-C, back at the walk's prompt, ends the walk as usual.
  std::optional<std::string> read_cancellable(const std::string& prompt,
                                              const std::string& initial = "");
  [[nodiscard]] bool cancelled() const { return m_cancelled; }
  // Plain reading: `hook` runs whenever a read is about to wait for input that has not arrived
  // yet, and stdout is flushed after it (the walk saves the answers it held: account.hpp hold()).
  // Lines already read from a pipe are returned without waiting, and without either.
  void before_waiting(std::function<void()> hook) { m_before_waiting = std::move(hook); }

  static constexpr std::size_t kMaxLine = 1U << 20U;

private:
  struct Editor;
  std::unique_ptr<Editor> m_editor; // set on a terminal
  std::string m_buffer;             // plain mode: bytes read but not yet returned
  std::function<void()> m_before_waiting;
  bool m_terminal = false; // stdin and stdout are a terminal (it echoes what is typed)
  bool m_eof = false;
  bool m_too_long = false;
  bool m_cancelled = false;
};

// From now on SIGINT, SIGTERM and SIGHUP restore the terminal's modes, print `message` on stderr
// and exit 130, 143 or 129. Saves hold these signals back until they are complete, so an accepted
// answer is always on disk first.
void exit_on_signals(const std::string& message);

} // namespace cna::cli
