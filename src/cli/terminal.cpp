#include "cli/terminal.hpp"

#include <cerrno>
#include <clocale>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <histedit.h>
#include <langinfo.h>
#include <termios.h>
#include <unistd.h>

namespace cna::cli {

namespace {

// State the signal handler may touch: written before the handler is installed.
termios g_termios{};
bool g_have_termios = false;
char g_message[1024] = {};

// Set while a sub-prompt reads: SIGINT then only cancels it.
volatile std::sig_atomic_t g_cancel_armed = 0;
volatile std::sig_atomic_t g_cancelled = 0;

extern "C" void on_signal(int sig) {
  if (sig == SIGINT && g_cancel_armed != 0) {
    g_cancel_armed = 0;
    g_cancelled = 1;
    return; // the read returns EINTR (no SA_RESTART)
  }
  if (g_have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &g_termios);
  const ssize_t unused = write(STDERR_FILENO, g_message, std::strlen(g_message));
  (void)unused;
  _exit(128 + sig);
}

std::string g_prompt;
extern "C" char* prompt_text(EditLine*) { return g_prompt.data(); }

// libedit decodes what is typed with the C library's multibyte functions: in the "C" locale
// (a container with no LANG) it drops every byte above 0x7f. So line editing runs only in the
// user's UTF-8 locale; otherwise the terminal's own line discipline reads the bytes unchanged.
bool utf8_ctype() {
  if (std::setlocale(LC_CTYPE, "") != nullptr) {
    const char* codeset = nl_langinfo(CODESET);
    if (codeset != nullptr && std::strcmp(codeset, "UTF-8") == 0) return true;
  }
  const char* name = std::setlocale(LC_CTYPE, nullptr);
  std::fprintf(stderr,
               "cna: warning: the locale (%s) is not UTF-8, so line editing is off and lines are "
               "read as typed; set LANG=C.UTF-8 (or another UTF-8 locale) for line editing\n",
               name != nullptr ? name : "unknown");
  std::setlocale(LC_CTYPE, "C");
  return false;
}

} // namespace

struct LineReader::Editor {
  EditLine* el = nullptr;
  History* history = nullptr;
  HistEvent event{};

  Editor() {
    el = el_init("cna", stdin, stdout, stderr);
    history = ::history_init();
    ::history(history, &event, H_SETSIZE, 200);
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_SIGNAL, 0); // our handler restores the terminal and leaves
    el_set(el, EL_PROMPT, &prompt_text);
    el_set(el, EL_HIST, &::history, history);
    el_source(el, nullptr); // the user's ~/.editrc
  }
  Editor(const Editor&) = delete;
  Editor& operator=(const Editor&) = delete;
  ~Editor() {
    el_end(el);
    ::history_end(history);
  }
};

LineReader::LineReader() {
  if (isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1) {
    m_terminal = true;
    g_have_termios = tcgetattr(STDIN_FILENO, &g_termios) == 0;
    if (utf8_ctype()) m_editor = std::make_unique<Editor>();
  }
}

LineReader::~LineReader() = default;

bool LineReader::interactive() const { return m_editor != nullptr; }

std::optional<std::string> LineReader::read_cancellable(const std::string& prompt,
                                                        const std::string& initial) {
  g_cancelled = 0;
  g_cancel_armed = 1;
  auto line = read(prompt, initial);
  g_cancel_armed = 0;
  if (g_cancelled != 0) {
    g_cancelled = 0;
    m_cancelled = true;
    if (m_editor) el_reset(m_editor->el);
    std::fputs("\n", stdout);
    return std::nullopt;
  }
  return line;
}

std::optional<std::string> LineReader::read(const std::string& prompt, const std::string& initial) {
  m_too_long = false;
  m_cancelled = false;
  if (m_editor) {
    g_prompt = prompt;
    // Read by the editor as if typed (in the UTF-8 locale): the cursor ends after it.
    if (!initial.empty()) el_push(m_editor->el, initial.c_str());
    int count = 0;
    const char* line = el_gets(m_editor->el, &count);
    if (line == nullptr || count <= 0) return std::nullopt;
    std::string out(line, static_cast<std::size_t>(count));
    if (!out.empty() && out.back() == '\n') out.pop_back();
    if (!out.empty()) ::history(m_editor->history, &m_editor->event, H_ENTER, out.c_str());
    if (out.size() > kMaxLine) out.resize(kMaxLine), m_too_long = true;
    return out;
  }
  std::fputs(prompt.c_str(), stdout);
  if (m_buffer.find('\n') == std::string::npos) {
    if (m_before_waiting) m_before_waiting();
    std::fflush(stdout);
  }
  // Plain mode: bounded reads, so a 10 MB line costs at most kMaxLine of memory.
  std::string line;
  for (;;) {
    const auto newline = m_buffer.find('\n');
    if (newline != std::string::npos) {
      const std::size_t take = std::min(newline, kMaxLine - std::min(kMaxLine, line.size()));
      line.append(m_buffer, 0, take);
      m_too_long = m_too_long || take < newline;
      m_buffer.erase(0, newline + 1);
      break;
    }
    const std::size_t room = kMaxLine - std::min(kMaxLine, line.size());
    line.append(m_buffer, 0, std::min(room, m_buffer.size()));
    m_too_long = m_too_long || m_buffer.size() > room;
    m_buffer.clear();
    if (m_eof) {
      if (line.empty() && !m_too_long) return std::nullopt;
      break;
    }
    char chunk[65536];
    const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) {
      if (g_cancelled != 0) return std::nullopt; // a sub-prompt's Ctrl-C
      continue;
    }
    if (n <= 0) {
      m_eof = true; // EOF, or stdin closed (EBADF): input has ended either way
      continue;
    }
    m_buffer.assign(chunk, static_cast<std::size_t>(n));
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (!m_terminal) std::fputs("\n", stdout); // a terminal echoed the newline already
  return line;
}

void exit_on_signals(const std::string& message) {
  std::snprintf(g_message, sizeof g_message, "%s", message.c_str());
  struct sigaction action {};
  action.sa_handler = &on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  for (const int sig : {SIGINT, SIGTERM, SIGHUP})
    sigaction(sig, &action, nullptr);
}

} // namespace cna::cli
