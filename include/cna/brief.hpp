// The pre-meeting sheet (`cna brief`, docs/commands.md): what the rep needs in the room with the
// people they meet first (the meeting, the next steps, what to ask them, what to re-confirm with
// them, the power base's gaps), then the blockers counted by reason. Built once from the
// readiness, rendered as text or Markdown here and as JSON by views.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/readiness.hpp"

namespace cna {

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
  // "unconfirmed", "stale", "changed", "wrong-confirmer" (the blockers a read-back clears) or
  // "soon" (goes stale within kStaleSoonDays)
  std::string why;
  std::string detail;   // the blocker's detail, or "goes stale on YYYY-MM-DD"
  std::string stale_on; // YYYY-MM-DD, when the confirmation is no longer fresh ("" if unknown)
  const Stakeholder* with = nullptr; // whom to re-confirm with (the source); null: anyone
};

struct BriefStakeholder {
  const Stakeholder* stakeholder = nullptr;
  std::vector<BriefItem> said; // the applicable answers naming them as the source
};

struct BriefQuestion {
  const Item* item = nullptr;
  std::vector<std::string> clarify;
};

// A question for the room: an open item and whom to ask.
struct BriefAsk {
  const Item* item = nullptr;
  const Stakeholder* who = nullptr; // null: nobody in the room has it (ask anyone)
  Reason reason = Reason::missing;  // missing, unknown, invalid or conflict
  std::string due;                  // unknown: by when they said they would find out
  bool overdue = false;
};

// An open entry of a `questions` item (a question to the customer, an assumption to check): it
// holds the gate as `open-question` until answered. Asked under the person it names when they
// are in the room, else listed on its own.
struct BriefOpenQuestion {
  const Item* item = nullptr;
  const Question* question = nullptr;
  const Stakeholder* who = nullptr; // the stakeholder named to answer it; null: nobody named
  bool overdue = false;             // due before today
};

struct Brief {
  const Assessment* assessment = nullptr;
  const Checklist* checklist = nullptr;
  const Readiness* readiness = nullptr;     // the verdict and its counts
  std::string date;                         // today, YYYY-MM-DD
  std::vector<const NextStep*> next_steps;  // the open ones, by due date (open_next_steps)
  std::vector<BriefGroup> groups;           // blockers grouped by reason, in Reason order
  std::vector<BriefUnknown> unknowns;       // overdue first, then by due date
  std::vector<BriefReconfirm> reconfirm;    // what a read-back clears, then going stale soon
  std::vector<BriefStakeholder> power_base; // every stakeholder, in the account's order
  // What the power base lacks: "no economic buyer", "no champion", "single-threaded: every
  // answer from Dana Lee", "one gatekeeper: everyone else is reached through Raj Patel".
  std::vector<std::string> gaps;
  std::vector<BriefQuestion> questions; // the open items (missing, unknown, invalid, conflict)
  // The people in the room: those asked for, else the next meeting's attendees, else everyone.
  std::vector<const Stakeholder*> with;
  const Meeting* meeting = nullptr;      // the next meeting (today or later), if one is planned
  const Meeting* last_meeting = nullptr; // the latest meeting before today
  // What to ask the people in the room, person by person in `with` order, then what nobody in
  // the room holds: unknowns they own, open answers they gave, missing items of their area (the
  // sections where they already said something, or whose confirm_with names one of their roles).
  std::vector<BriefAsk> asks;
  std::vector<std::string> ours; // unknowns our own people owe: "Budget stage? (sam, due ...)"
  std::vector<BriefOpenQuestion> open_questions; // overdue first, then in checklist order
};

// `with`: stakeholder ids (already resolved); empty: the next meeting's attendees or everyone.
[[nodiscard]] Brief make_brief(const Checklist& checklist, const Assessment& assessment,
                               const Readiness& readiness, Seconds now,
                               const std::vector<std::string>& with = {});

// What a person reads for an item: its short label, else its prompt.
[[nodiscard]] const std::string& item_name(const Item& item);

// The text sheet's size: `width` columns (long lines wrap by display width), at most `lines`
// lines (0: everything, with the clarifying questions); a longer sheet shows the first entries
// of its longest lists and says how many more there are.
struct BriefLayout {
  std::size_t width = 80;
  std::size_t lines = 24;
};

// The sheet for a terminal (every text made visible) and in Markdown (no live links or raw
// HTML from answers, tables intact).
[[nodiscard]] std::string brief_text(const Brief& brief, const BriefLayout& layout = {});
[[nodiscard]] std::string brief_markdown(const Brief& brief);

} // namespace cna
