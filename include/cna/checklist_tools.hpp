// Checklists as code (docs/checklists-as-code.md): the canonical form, what changed between two
// versions and the semver bump that implies, and a starter checklist.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cna/checklist.hpp"
#include "cna/error.hpp"

namespace cna {

struct FormattedChecklist {
  std::string text;              // the canonical form; empty when the file has errors
  std::vector<Problem> problems; // the validator's findings, errors and warnings
};

// The canonical form: keys in the order of kChecklistKeys, kSectionKeys, kItemKeys and
// kOptionKeys, options as written (a string stays a string), 2-space indent, final newline. A file
// with errors is not formatted (text stays empty), so formatting never hides a problem.
[[nodiscard]] FormattedChecklist format_checklist(std::string_view text, std::string_view file);

// Semantic versioning of checklists: major when an answer can become invalid or lost (an item
// removed, a type changed, options removed, tighter limits), minor when the questions change but
// every answer stays valid (items added or renamed, options added, a new prompt, conditions),
// patch for guidance only (help, clarify, tags, titles).
enum class Bump { none, patch, minor, major };
[[nodiscard]] std::string_view to_string(Bump bump);

// One field of an item that differs: "type" with "text → number", "options" with "removed: a, b".
struct FieldChange {
  std::string field;
  std::string detail; // may be empty
  Bump bump = Bump::patch;
};

enum class ChangeKind { added, removed, renamed, changed, reworded };
[[nodiscard]] std::string_view to_string(ChangeKind kind);

struct ItemChange {
  ChangeKind kind = ChangeKind::changed;
  std::string item;                // the new id (the old one when removed)
  std::string from;                // renamed: the old id
  std::vector<FieldChange> fields; // changed, reworded, renamed
  bool reconfirm = false;          // the item's hash differs: answers need re-confirmation
  Bump bump = Bump::none;
};

struct ChecklistDiff {
  std::string old_id, old_version, new_id, new_version;
  std::vector<ItemChange> items;   // in the new checklist's order, then the removed ones
  std::vector<FieldChange> others; // the checklist's own fields and its sections
  Bump bump = Bump::none;          // the largest bump of all changes
  std::string least_version;       // the smallest version the new checklist should have
  bool version_ok = true;          // the new version is at least least_version
};

[[nodiscard]] ChecklistDiff diff_checklists(const Checklist& before, const Checklist& after);

// `cna checklist diff --json`: {"cna_checklist_diff": 1, "old": {"id", "version"}, "new": {"id",
// "version"}, "items": [{"item", "change", "from", "fields": [{"field", "detail", "bump"}],
// "reconfirm", "bump"}], "others": [{"field", "detail", "bump"}], "bump", "least_version",
// "version_ok"} ("from" only for renamed items).
[[nodiscard]] std::string diff_json(const ChecklistDiff& diff);

// A starter checklist for `cna checklist new ID`: two sections, every item type, help and
// clarifying questions on each item and a condition; canonical and free of warnings.
[[nodiscard]] std::string starter_checklist(std::string_view id);

} // namespace cna
