// Proposals (docs/reports.md): Mustache templates (kainjow) rendered from the confirmed needs.
// `cna proposal` renders one only when the gate is open; this layer checks and renders.
//
// Templates are found by name: the workspace's templates/<name>.mustache, else the built-in one
// of that name (src/templates/<name>.mustache; "proposal" is the default). `--template` also
// takes a file's path (anything with a '/' or ending in ".mustache").
//
// The data model, every variable a template sees:
//   account                   the account's slug ("acme")
//   name                      the account's display name ("Acme Corp")
//   date                      today, YYYY-MM-DD (CNA_NOW when set)
//   checklist.id, checklist.version, checklist.title
//   attribution               one sentence on who said and who confirmed the points, made from
//                             the facts ("Every point below was said by the person named and
//                             read back to them …" only when true of every point)
//   stakeholders              list, in the account's order: id, name, title, roles ("a, b")
//   sections                  list, in checklist order: id, title, items (list of ITEM)
//   section.<id>              the same by section id: section.objectives.items
//   item.<id>                 ITEM by item id: item.next_step.answer
//   needs                     list: rank ("1", "2", ...), need — the entries of the list item
//                             ranked_needs, most important first
//   timeline                  list, earliest first: every answered date item as ITEM, with date
//   ITEM                      id, label and prompt (the item's customer-facing label, else its
//                             question), answer (the answer on one line), lines (list: each list
//                             or multi entry, or each line of a longtext; {{.}} is the line),
//                             source (who said it: the stakeholder's name), source_title, note,
//                             confirmed_with (name), confirmed_at (YYYY-MM-DD),
//                             confirmed_by_other (true when confirmed with someone other than
//                             the source)
// Only answered items that apply are in the model (not n/a, unknown or missing ones), and never an
// internal one (docs/checklist-format.md): the proposal is built for the customer audience, so
// stakeholders' roles are empty too. An empty
// text is false, so {{#note}}, {{note}}{{/note}} shows only when there is a note.
//
// Escaping: proposals are Markdown, so {{x}} escapes with markdown_escape (report.hpp): nothing
// from an answer becomes a live link, raw HTML or formatting, and newlines show as " ↵ ".
// {{{x}}} and {{&x}} insert the text as it is: the template's author takes that risk.
//
// Partials: {{> name}} includes the template found by name as above (never a data value). A
// partial that includes itself, directly or through others, a missing partial, and partials or
// sections nested deeper than the limits below are errors (Error data) naming file:line and tag,
// found before anything is rendered (kainjow would recurse until the stack overflows).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cna/report.hpp"
#include "cna/workspace.hpp"

namespace cna {

struct Template {
  std::string name; // "proposal"
  std::string file; // for messages: its path, or "templates/proposal.mustache" when built in
  std::string text;
};

inline constexpr std::size_t kMaxTemplateBytes = 1U << 20U;
inline constexpr std::size_t kMaxPartialDepth = 16;
inline constexpr std::size_t kMaxSectionDepth = 64;

// The work a render may do: depth limits bound recursion, not work (twelve nested sections over a
// list of nine repeat their body 9^12 times). Steps are lookups, section entries and partials;
// bytes bound the output and what kainjow holds of the line being built (estimated from the
// template's longest line for each step, so that it never holds more). A render that would go
// past either is refused (Error data naming the template) before it holds more than `bytes`.
struct RenderBudget {
  std::size_t steps = 2'000'000;
  std::size_t bytes = 32U << 20U;
};

// The template of that name a workspace sees; nullopt when none. Error(data) when the file is
// unreadable, too large, not UTF-8, or a symlink leaving the workspace.
[[nodiscard]] std::optional<Template> find_template(const Workspace& workspace,
                                                    const std::string& name);

// The names of the built-in templates ("proposal", "proposal-item"), in build order.
[[nodiscard]] std::vector<std::string> builtin_template_names();

// What `--template` names: a file's path, or a name (Error(usage) listing the names when none).
[[nodiscard]] Template choose_template(const Workspace& workspace, const std::string& name_or_path);

using TemplateLookup = std::function<std::optional<Template>(const std::string& name)>;

class ProposalTemplate {
public:
  // Checks the template and every partial it includes (looked up by name), so that rendering
  // cannot fail or recurse: Error(data) "file:line: unclosed section \"needs\"", ...
  ProposalTemplate(Template main, const TemplateLookup& lookup);

  [[nodiscard]] std::string render(const Report& report, RenderBudget budget = {}) const;

private:
  Template m_main;
  std::map<std::string, std::string> m_partials; // name -> text, every one checked
  std::size_t m_longest_line = 0;                // of the template and its partials, in bytes
  std::size_t m_partial_height = 0;              // how deep partials nest below the template
};

} // namespace cna
