#include "cli/common.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>

#include "cli/output.hpp"
#include "cna/input.hpp"
#include "cna/item_types.hpp"
#include "cna/power_base.hpp"
#include "cna/store.hpp"
#include "cna/text.hpp"

namespace fs = std::filesystem;

namespace cna::cli {

std::string text_option(std::string_view option, const std::string& text, bool lines) {
  const auto refuse = [&](std::string_view why) {
    return Error(Exit::usage, fmt::format("{} {}", option, why));
  };
  if (!valid_utf8(text)) throw refuse("is not valid UTF-8");
  if (text.find('\0') != std::string::npos) throw refuse("contains a NUL character");
  if (text.size() > kMaxAnswerBytes) throw refuse("is longer than 64 KiB");
  if (!lines && text.find_first_of("\r\n") != std::string::npos) throw refuse("must be one line");
  return trim(text);
}

std::string preview(std::string_view text, std::size_t width) {
  const std::string line = show(trim(text.substr(0, text.find('\n'))));
  const bool more = line.size() < visible(trim(text)).size();
  if (!more && display_width(line) <= width) return line;
  return std::string(cut_to_width(line, width)) + "…";
}
std::size_t cells(std::string_view shown) { return display_width(shown); }
std::string answer_text(const Answer& answer, const Item* item,
                        const std::vector<Stakeholder>& people, std::size_t width) {
  return preview(describe_answer(answer, item, people, {.one_line = true}), width);
}

InsteadSyntax command_line_instead(std::string_view account, bool answer_options) {
  InsteadSyntax syntax;
  if (answer_options) {
    syntax[static_cast<std::size_t>(Instead::unknown)] = "--unknown --owner WHO --due DATE";
    syntax[static_cast<std::size_t>(Instead::na)] = "--na REASON";
  }
  syntax[static_cast<std::size_t>(Instead::add_stakeholder)] =
      fmt::format("cna who {} add ID --name NAME", account);
  return syntax;
}

std::string pad(std::string_view shown, std::size_t width) {
  const std::size_t used = cells(shown);
  return std::string(shown) + std::string(used < width ? width - used : 0, ' ');
}

RoleNews role_news(const Assessment& assessment, const Checklist& checklist, const Item& item) {
  const std::string holder = established_holder(assessment, item);
  if (holder.empty()) return {};
  if (const std::string clash = role_contradiction(assessment, checklist, item); !clash.empty()) {
    return {fmt::format("{}: {}; the answer is saved and holds the gate as role-conflict", item.id,
                        show(clash)),
            true};
  }
  return {fmt::format("{}: {} is the {} (cna who {})", item.id, show(holder), item.establishes,
                      assessment.account),
          false};
}

void warn(std::string_view message) {
  std::fflush(stdout);
  fmt::print(stderr, "cna: warning: {}\n", message);
}

int report(const Error& error, int status_so_far) {
  std::fflush(stdout);
  fmt::print(stderr, "cna: error: {}\n", visible(error.what(), true));
  return status_so_far != 0 ? status_so_far : static_cast<int>(error.code());
}

std::string json_format(bool json, const std::string& format) {
  if (!json) return format.empty() ? "text" : format;
  if (!format.empty() && format != "json") {
    throw Error(Exit::usage, fmt::format("--json and --format {} disagree: give one", format));
  }
  return "json";
}

void write_output(std::string_view text, const std::string& file) {
  if (file.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout); // a failure is caught when stdout closes
  } else {
    atomic_write(file, text, mode_of(file, umask_mode())); // an export: the umask decides
  }
}

std::string cna_command() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "cna";
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "";
  while (!dirs.empty()) {
    const std::size_t colon = dirs.find(':');
    const fs::path candidate = fs::path(dirs.substr(0, colon)) / "cna";
    if (fs::equivalent(candidate, self, ec)) return "cna";
    if (fs::exists(candidate, ec)) break; // PATH finds another cna first
    dirs = colon == std::string_view::npos ? "" : dirs.substr(colon + 1);
  }
  std::string quoted = "'";
  for (const char c : self.string())
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

} // namespace cna::cli
