// Small helpers the command files share: free text from argv, one-line previews, table columns,
// and reporting one failure of a command that goes on with the rest.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/error.hpp"
#include "cna/input.hpp"

namespace cna::cli {

// Free text given as an option (a note, a name): valid UTF-8, no NUL, at most 64 KiB, one line
// unless `lines` is set. Returned trimmed; Error(usage) naming the option otherwise.
[[nodiscard]] std::string text_option(std::string_view option, const std::string& text,
                                      bool lines = false);

// Text from a file or a person on one line: its first line made visible, cut to `width` terminal
// cells with "…" after it.
[[nodiscard]] std::string preview(std::string_view text, std::size_t width);

// An answer on one line for lists, in describe_answer's wording with the checklist's labels
// (`item` null: a retired answer, as stored), cut to `width` and made visible.
[[nodiscard]] std::string answer_text(const Answer& answer, const Item* item,
                                      const std::vector<Stakeholder>& people, std::size_t width);

// Terminal cells of visible text (display_width), and the text padded to `width` cells.
[[nodiscard]] std::size_t cells(std::string_view shown);
[[nodiscard]] std::string pad(std::string_view shown, std::size_t width);

// How a command line spells what the core allows instead of a refused answer: `cna answer`'s
// options when `answer_options`, and `cna who ACCOUNT add` for a stakeholder (no command skips).
[[nodiscard]] InsteadSyntax command_line_instead(std::string_view account, bool answer_options);

// What a saved answer to `item` did to the power base, as the walk and `cna answer` say it at
// once: the role it gives its person ("economic_buyer: Dana Lee is the economic-buyer (cna who
// acme)"), or the contradiction it makes (`conflict`: a second economic buyer, which holds the
// gate as role-conflict). Empty text when the item establishes no role. Made visible.
struct RoleNews {
  std::string text;
  bool conflict = false;
};
[[nodiscard]] RoleNews role_news(const Assessment& assessment, const Checklist& checklist,
                                 const Item& item);

// "cna: warning: ..." on stderr; `message` must already be visible.
void warn(std::string_view message);

// "cna: error: ..." on stderr for one part of a command that carries on with the others.
// Returns the exit status the command ends with: the first failure's.
int report(const Error& error, int status_so_far);

// The format a command with both --json and --format prints: "json" for --json, else `format`
// ("" when not given: "text"); Error(usage) when the two disagree (`--json --format md`).
[[nodiscard]] std::string json_format(bool json, const std::string& format);

// A command's result (a report, a proposal): to stdout, or to `file` through the atomic save,
// a new file with the umask's mode (umask_mode: an export another user may read).
void write_output(std::string_view text, const std::string& file);

// The --json flag's help: where the shapes are documented, for a user of an installed binary too.
inline constexpr const char* kJsonHelp =
    "Print JSON (shapes: docs/json.md, installed with the docs; man cna says where)";

// How sh runs this binary (for the merge driver git runs): "cna" when that is what PATH finds,
// else its absolute path, quoted.
[[nodiscard]] std::string cna_command();

} // namespace cna::cli
