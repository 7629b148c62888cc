// How results look: colours (only on a terminal, never with NO_COLOR), bars, the sanitised print.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cna::cli {

struct Globals;

void set_output_options(const Globals& g);
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
