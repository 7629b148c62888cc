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

// Columns of the terminal stdout is on; 0 when stdout is no terminal (then nothing is wrapped, so
// piped output keeps one line per line).
[[nodiscard]] std::size_t terminal_columns();

// `text` (visible, its own line breaks kept) wrapped at word boundaries to the terminal's width,
// each line indented by `indent` spaces and painted in `tone`.
void say(std::string_view text, Tone tone = Tone::plain, std::size_t indent = 2);

// `head` wrapped to the terminal from column 0 in `head_tone`, then `tail` in `tail_tone` after
// `gap` spaces on its last line where it fits, else on a line of its own: a question and its
// type, a progress bar and its section.
void say_heading(std::string_view head, Tone head_tone, std::string_view tail, Tone tail_tone,
                 std::size_t gap = 3);

// "  label text" with `text` (visible, its own line breaks kept) wrapped at word boundaries to the
// terminal's width, later lines under the text; a text of several lines goes under its label, one
// line each. The label is painted in `label_tone`, the text in `tone`; no label: the text alone.
void print_labelled(std::string_view label, Tone label_tone, std::string_view text,
                    Tone tone = Tone::plain);

// "███████░░░░░░░" of `width` cells.
[[nodiscard]] std::string bar(std::size_t done, std::size_t total, std::size_t width);

} // namespace cna::cli
