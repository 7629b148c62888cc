// run_picker (picker.hpp): keys decoded by libtermkey (every terminal's escape sequences, from
// terminfo, and UTF-8), the model drawn below the question with the prompt on its last line.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <termkey.h>
#include <unistd.h>

#include "cli/output.hpp"
#include "cli/picker.hpp"
#include "cna/text.hpp"

namespace cna::cli {

namespace {

// The terminal key by key while the picker runs, as it was afterwards, on every way out. The
// bytes are read one at a time, so what is typed after the picker ends stays for the line editor.
class KeyReader {
public:
  KeyReader() {
    const char* term = std::getenv("TERM");
    m_keys = termkey_new_abstract(term != nullptr && *term != '\0' ? term : "xterm",
                                  TERMKEY_FLAG_UTF8 | TERMKEY_FLAG_CTRLC);
    if (m_keys == nullptr || tcgetattr(STDIN_FILENO, &m_saved) != 0) return;
    termios raw = m_saved;
    raw.c_iflag &= ~static_cast<tcflag_t>(IXON | ICRNL | INLCR);
    raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    m_raw = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
    termkey_set_canonflags(m_keys, termkey_get_canonflags(m_keys) | TERMKEY_CANON_DELBS);
  }
  KeyReader(const KeyReader&) = delete;
  KeyReader& operator=(const KeyReader&) = delete;
  ~KeyReader() {
    if (m_raw) tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
    if (m_keys != nullptr) termkey_destroy(m_keys);
  }

  [[nodiscard]] bool ready() const { return m_raw; }

  Key next() {
    for (;;) {
      TermKeyKey key{};
      TermKeyResult result = termkey_getkey(m_keys, &key);
      if (result == TERMKEY_RES_AGAIN && !readable(termkey_get_waittime(m_keys)))
        result = termkey_getkey_force(m_keys, &key); // a lone Esc, not the start of a sequence
      if (result == TERMKEY_RES_KEY) {
        const Key decoded = decode(key);
        if (decoded.kind != KeyKind::none) return decoded;
        continue;
      }
      char byte = 0;
      const ssize_t n = ::read(STDIN_FILENO, &byte, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Key{KeyKind::eof, {}};
      termkey_push_bytes(m_keys, &byte, 1);
    }
  }

private:
  static bool readable(int milliseconds) {
    pollfd fd{STDIN_FILENO, POLLIN, 0};
    return ::poll(&fd, 1, milliseconds) > 0;
  }

  static Key decode(const TermKeyKey& key) {
    const bool ctrl = (key.modifiers & TERMKEY_KEYMOD_CTRL) != 0;
    if (key.type == TERMKEY_TYPE_UNICODE && ctrl) {
      switch (key.code.codepoint) {
      case 'c':
        return {KeyKind::interrupt, {}};
      case 'd':
        return {KeyKind::eof, {}};
      case 'u':
        return {KeyKind::clear, {}};
      case 'p':
        return {KeyKind::up, {}};
      case 'n':
        return {KeyKind::down, {}};
      case 'j':
      case 'm':
        return {KeyKind::enter, {}};
      default:
        return {};
      }
    }
    if (key.type == TERMKEY_TYPE_UNICODE && (key.modifiers & TERMKEY_KEYMOD_ALT) == 0)
      return key.code.codepoint == ' ' ? Key{KeyKind::space, {}}
                                       : Key{KeyKind::character, key.utf8};
    if (key.type != TERMKEY_TYPE_KEYSYM) return {};
    switch (key.code.sym) {
    case TERMKEY_SYM_UP:
      return {KeyKind::up, {}};
    case TERMKEY_SYM_DOWN:
    case TERMKEY_SYM_TAB:
      return {KeyKind::down, {}};
    case TERMKEY_SYM_PAGEUP:
      return {KeyKind::page_up, {}};
    case TERMKEY_SYM_PAGEDOWN:
      return {KeyKind::page_down, {}};
    case TERMKEY_SYM_HOME:
      return {KeyKind::home, {}};
    case TERMKEY_SYM_END:
      return {KeyKind::end, {}};
    case TERMKEY_SYM_SPACE:
      return {KeyKind::space, {}};
    case TERMKEY_SYM_ENTER:
    case TERMKEY_SYM_KPENTER:
      return {KeyKind::enter, {}};
    case TERMKEY_SYM_ESCAPE:
      return {KeyKind::escape, {}};
    case TERMKEY_SYM_BACKSPACE:
    case TERMKEY_SYM_DEL:
      return {KeyKind::backspace, {}};
    default:
      return {};
    }
  }

  TermKey* m_keys = nullptr;
  termios m_saved{};
  bool m_raw = false;
};

// The lines drawn so far are erased and redrawn in place; the cursor stays on the prompt line,
// the last one. The block is erased on every way out (an exception too).
class Screen {
public:
  Screen() = default;
  Screen(const Screen&) = delete;
  Screen& operator=(const Screen&) = delete;
  ~Screen() { erase(); }

  void draw(Picker& picker, const std::string& prompt) {
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0) size = {24, 80, 0, 0};
    const std::vector<PickerLine> lines = picker.layout(size.ws_row, size.ws_col, prompt);
    std::string out = rewind();
    for (std::size_t k = 0; k < lines.size(); ++k) {
      out += k == 0 ? "" : "\r\n";
      out += styled(lines[k]);
    }
    m_drawn = lines.size();
    put(out);
  }

  // Erases the block and leaves `line` in its place (nothing when empty).
  void leave(const std::string& line) {
    erase();
    if (!line.empty()) put(line + "\n");
  }

private:
  static std::string styled(const PickerLine& line) {
    switch (line.style) {
    case PickerLine::Style::keys:
    case PickerLine::Style::none_found:
      return paint(line.text, Tone::dim);
    case PickerLine::Style::current:
      return paint(line.text, Tone::accent);
    case PickerLine::Style::row:
    case PickerLine::Style::prompt:
      return line.text;
    }
    return line.text;
  }

  // Back to the block's first line, erased to the end of the screen.
  [[nodiscard]] std::string rewind() const {
    if (m_drawn == 0) return "";
    return (m_drawn > 1 ? fmt::format("\r\x1b[{}A", m_drawn - 1) : std::string("\r")) + "\x1b[J";
  }

  void erase() {
    if (m_drawn == 0) return;
    put(rewind());
    m_drawn = 0;
  }

  static void put(const std::string& text) {
    std::fputs(text.c_str(), stdout);
    std::fflush(stdout);
  }

  std::size_t m_drawn = 0;
};

} // namespace

PickStep run_picker(Picker& picker, const std::string& prompt) {
  std::fflush(stdout);
  KeyReader keys;
  if (!keys.ready()) return PickStep::to_text;
  Screen screen;
  for (;;) {
    screen.draw(picker, prompt);
    const PickStep step = picker.press(keys.next());
    switch (step) {
    case PickStep::stay:
      continue;
    case PickStep::accept:
      screen.leave(prompt + picker.picked());
      break;
    case PickStep::cancel:
      screen.leave(prompt + picker.filter() + "^C");
      break;
    case PickStep::end:
      screen.leave(prompt);
      break;
    case PickStep::to_text:
      screen.leave("");
      break;
    }
    return step;
  }
}

} // namespace cna::cli
