// `cna import`: many answers (and the stakeholders they name) from one JSON file, every entry
// checked before any is applied, so an import is all-or-nothing. The format:
//
//   {
//     "stakeholders": [                                  optional; added, or updated by id
//       {"id": "dana-lee", "name": "Dana Lee", "title": "VP Operations", "roles": ["champion"]}
//     ],
//     "answers": {
//       "budget_amount": "250k EUR",                     a string: the walk's input grammar
//       "decision_date": "+14d",                         ("today", "1,3" for a multi, ...)
//       "success_metrics": ["Churn below 2%", "NPS 40"], strings: one line each
//       "user_count": 120,                               numbers and booleans as stored
//       "has_incumbent": false,
//       "problem_cost_annual": {"amount": 90000, "currency": "EUR"},
//       "business_goal": {"value": "...", "source": "dana-lee", "note": "..."},
//       "paper_process": {"na": "no procurement step below 50k"},
//       "compelling_event_date": {"unknown": {"owner": "sam", "due": "2026-12-01"}},
//       "org_structure": {"note": "ask Dana for the org chart"}
//     }
//   }
//
// Sources name stakeholders by id (of the account or of this file). An answer without "source"
// has none, as with `cna answer`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/error.hpp"
#include "cna/input.hpp"

namespace cna {

struct ImportedAnswer {
  std::string item;
  Answer answer; // state missing: only the note is set
};

struct ImportPlan {
  std::vector<Stakeholder> stakeholders; // complete records, merged with the account's
  std::vector<ImportedAnswer> answers;   // in the file's order
  std::vector<Problem> problems;         // errors and warnings, "file:line:col: answers.ITEM"
};

// Reads and checks the whole file against the checklist and the account as it is now. Never
// throws for bad content: a syntax error is one problem.
[[nodiscard]] ImportPlan read_import(std::string_view text, std::string_view file,
                                     const Checklist& checklist, const Assessment& assessment,
                                     const InputContext& context);

// Applies a plan that has no errors; returns how many stakeholders and answers changed.
std::size_t apply_import(Assessment& assessment, const Checklist& checklist, const ImportPlan& plan,
                         Seconds now);

} // namespace cna
