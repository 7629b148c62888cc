#include "cli/output.hpp"

#include <cstdlib>
#include <unistd.h>

#include "cli/app.hpp"
#include "cna/text.hpp"

namespace cna::cli {

namespace {
bool g_color = false;
bool g_quiet = false;
} // namespace

void set_output_options(const Globals& g) {
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  g_quiet = g.quiet;
  g_color = g.color == "always" ||
            (g.color == "auto" && (no_color == nullptr || *no_color == '\0') &&
             isatty(STDOUT_FILENO) == 1 && (term == nullptr || std::string_view(term) != "dumb"));
}

bool quiet() { return g_quiet; }

std::string paint(std::string_view text, Tone tone) {
  if (!g_color || tone == Tone::plain) return std::string(text);
  const char* sgr = "";
  switch (tone) {
  case Tone::bold:
    sgr = "1";
    break;
  case Tone::dim:
    sgr = "2";
    break;
  case Tone::good:
    sgr = "32";
    break;
  case Tone::warn:
    sgr = "33";
    break;
  case Tone::bad:
    sgr = "31";
    break;
  case Tone::accent:
    sgr = "36";
    break;
  case Tone::plain:
    break;
  }
  return "\x1b[" + std::string(sgr) + "m" + std::string(text) + "\x1b[0m";
}

std::string show(std::string_view text) { return visible(text); }

std::string bar(std::size_t done, std::size_t total, std::size_t width) {
  const std::size_t filled = total == 0 ? width : (done * width + total / 2) / total;
  std::string out;
  for (std::size_t i = 0; i < width; ++i)
    out += i < filled ? "█" : "░";
  return out;
}

} // namespace cna::cli
