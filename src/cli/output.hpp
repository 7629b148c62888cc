// How results look: colours (a terminal, NO_COLOR, CLICOLOR_FORCE, FORCE_COLOR), -q, bars, the
// sanitised print.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cna::cli {

struct Globals;

void set_output_options(const Globals& g);

// -q (docs/commands.md): stdout carries only the document a command exists to produce (a report,
// a proposal, a brief, a completion script, any --json); tables, summaries and "saved"/"wrote"
// lines are left out. Diagnostics on stderr are never silenced.
[[nodiscard]] bool quiet();

enum class Tone { plain, bold, dim, good, warn, bad, accent };

// `text` wrapped in the tone's colour when stdout takes colours. Never sanitises: callers pass
// text already made visible (see show()).
[[nodiscard]] std::string paint(std::string_view text, Tone tone);

// Text from a file or a person, made safe for the terminal (the one sanitising function).
[[nodiscard]] std::string show(std::string_view text);

// "███████░░░░░░░" of `width` cells.
[[nodiscard]] std::string bar(std::size_t done, std::size_t total, std::size_t width);

} // namespace cna::cli
