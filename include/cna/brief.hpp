// The pre-meeting sheet (`cna brief`, docs/design.md): what is still open, what to re-confirm,
// who said what, which clarifying questions to ask. Built once from the readiness, rendered as
// text or Markdown here and as JSON by views.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/readiness.hpp"

namespace cna {

// Confirmations that expire within this many days are listed to re-confirm before they do.
inline constexpr int kStaleSoonDays = 7;

// One item of the sheet. A Brief points into the checklist, assessment and readiness it was
// built from: keep them alive as long as the brief.
struct BriefItem {
  const Item* item = nullptr;
  const Answer* answer = nullptr; // null when missing
  std::string detail;             // the blocker's detail, or why it is listed
};

struct BriefGroup {
  Reason reason = Reason::missing;
  std::vector<BriefItem> items;
};

struct BriefUnknown {
  const Item* item = nullptr;
  std::string owner;
  std::string due;
  bool overdue = false; // due before today
};

struct BriefReconfirm {
  const Item* item = nullptr;
  std::string why;      // "stale", "changed" or "soon" (goes stale within kStaleSoonDays)
  std::string detail;   // the blocker's detail, or "goes stale on YYYY-MM-DD"
  std::string stale_on; // YYYY-MM-DD, when the confirmation is no longer fresh ("" if unknown)
};

struct BriefStakeholder {
  const Stakeholder* stakeholder = nullptr;
  std::vector<BriefItem> said; // the applicable answers naming them as the source
};

struct BriefQuestion {
  const Item* item = nullptr;
  std::vector<std::string> clarify;
};

// An open entry of a `questions` item (a question to the customer, an assumption to check): it
// holds the gate as `open-question` until answered.
struct BriefOpenQuestion {
  const Item* item = nullptr;
  const Question* question = nullptr;
  bool overdue = false; // due before today
};

struct Brief {
  const Assessment* assessment = nullptr;
  const Checklist* checklist = nullptr;
  const Readiness* readiness = nullptr;     // the verdict and its counts
  std::string date;                         // today, YYYY-MM-DD
  std::vector<const NextStep*> next_steps;  // the open ones, by due date (open_next_steps)
  std::vector<BriefGroup> groups;           // blockers grouped by reason, in Reason order
  std::vector<BriefUnknown> unknowns;       // overdue first, then by due date
  std::vector<BriefReconfirm> reconfirm;    // stale, changed, then going stale soon
  std::vector<BriefStakeholder> power_base; // every stakeholder, in the account's order
  // What the power base lacks: "no economic buyer", "no champion", "a single source for
  // everything: Dana Lee (dana-lee)", "no stakeholders yet".
  std::vector<std::string> gaps;
  std::vector<BriefQuestion> questions; // the open items (missing, unknown, invalid, conflict)
  std::vector<BriefOpenQuestion> open_questions; // in checklist order, as asked
};

[[nodiscard]] Brief make_brief(const Checklist& checklist, const Assessment& assessment,
                               const Readiness& readiness, Seconds now);

// What an answer says, on one line and not sanitised: "Grow revenue", "n/a: direct deal",
// "unknown: sam to find out by 2026-12-01", "conflict: two edits disagree".
[[nodiscard]] std::string describe_answer(const Answer& answer);

// The sheet for a terminal (every text made visible) and in Markdown (no live links or raw
// HTML from answers, tables intact).
[[nodiscard]] std::string brief_text(const Brief& brief);
[[nodiscard]] std::string brief_markdown(const Brief& brief);

} // namespace cna
