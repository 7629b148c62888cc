// The changes a person makes to an assessment, each with its history entry. The walk, `answer`,
// `import`, `who` and `confirm` all change assessments through these, under the store's lock.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/clock.hpp"
#include "cna/input.hpp"

namespace cna {

// A new assessment pinned to the checklist.
[[nodiscard]] Assessment new_assessment(const std::string& account, const std::string& name,
                                        const Checklist& checklist);

// Sets an item's answer (state, value or reason/owner/due, source, note), stamping who and when
// and the item's hash; keeps answers in checklist order; appends history. A change of value or
// state clears the confirmation. Returns false when nothing changed (the same answer again).
bool record_answer(Assessment& assessment, const Checklist& checklist, const std::string& item,
                   Answer answer, Seconds now);

// A `questions` item's entries (docs/assessment.md), one at a time: the answer that adds `entry`
// (open, or answered when it has its answer), or that answers the open entry at `index`
// (0-based). The item keeps its source and note; record_answer saves it, and as any new value it
// needs a new read-back. A refusal (not a questions item, no such entry, answered already, an
// entry the item's rules refuse) comes back as `error`.
[[nodiscard]] ParsedAnswer add_question(const Assessment& assessment, const Item& item,
                                        Question entry);
[[nodiscard]] ParsedAnswer answer_question(const Assessment& assessment, const Item& item,
                                           std::size_t index, std::string answer);

// Sets or clears an answer's note (a note on an item not yet answered keeps checklist order).
bool record_note(Assessment& assessment, const Checklist& checklist, const std::string& item,
                 const std::string& note, Seconds now);

// Why the answer to `item` cannot be confirmed (an item the checklist lacks; no answer, an
// unknown one or a conflict: nothing to read back; an invalid one); empty when it can.
[[nodiscard]] std::string check_confirmation(const Assessment& assessment,
                                             const Checklist& checklist, const std::string& item);

// Records the read-back of `item`'s answer: confirmed_at (now), confirmed_by, confirmed_with (the
// stakeholder `with`, or the answer's own source when empty) and a "confirmed" history entry.
// The item's hash becomes the current definition's: the answer was read back against the current
// wording. `read_back` is the answer as it was read to the customer; Error(usage) when the stored
// one no longer says the same (someone changed it meanwhile), when check_confirmation refuses, or
// when `with` is not a stakeholder.
// `meeting`: the meeting it was read back in (stored as confirmed_in), "" when none.
void record_confirmation(Assessment& assessment, const Checklist& checklist,
                         const std::string& item, const Answer& read_back, const std::string& with,
                         Seconds now, const std::string& meeting = {});

// Answers in checklist order (what every change keeps); ids the checklist lacks go last.
void order_answers(Assessment& assessment, const Checklist& checklist);

// Appends a history entry stamped with `now` and the current user (changes made by cna itself:
// migrations, merges).
void add_history(Assessment& assessment, Seconds now, std::string item, std::string action,
                 Value value = {});

// A new stakeholder's id from their name: the name as a slug, made unique in the assessment with
// "-2", "-3", ... and kept within the slug rule (at most 63 characters, the base shortened to make
// room). Empty when the name has nothing a slug can use.
[[nodiscard]] std::string new_stakeholder_id(const Assessment& assessment, std::string_view name);

// Adds or updates a stakeholder (by id). Returns false when nothing changed.
bool record_stakeholder(Assessment& assessment, const Stakeholder& stakeholder, Seconds now);
// Gives stakeholder `from` the id `to`, and every place that names them follows: answers'
// (and retired answers') source, confirmed_with and unknown owner, the value of a person item,
// a questions entry's who, conflict sides, meeting attendees, next-step owners and access_via.
// The history keeps what was recorded then, plus a stakeholder-renamed entry (item: the new id,
// value: the old). Error(usage) for an unknown `from`, a `to` that is not a slug or is taken.
void rename_stakeholder(Assessment& assessment, const Checklist& checklist, const std::string& from,
                        const std::string& to, Seconds now);
// Removes a stakeholder; Error(usage) when answers still name them.
void remove_stakeholder(Assessment& assessment, const std::string& id, Seconds now);

// Meetings (docs/assessment.md). Purpose, outcome and our people's names: one line each of at
// most kMaxMeetingText bytes; notes: any lines, at most kMaxMeetingNotes.
inline constexpr std::size_t kMaxMeetingText = 1024;
inline constexpr std::size_t kMaxMeetingNotes = 64U * 1024U;

// Meetings by date, then id: the order the file keeps them in.
void order_meetings(Assessment& assessment);

// A new meeting's id: "2026-12-02-discovery-call-3fa1", its date and purpose for people and a
// hash of who made it and when, so that meetings recorded on two clones never share an id.
[[nodiscard]] std::string new_meeting_id(const Assessment& assessment, const Meeting& meeting,
                                         Seconds now);

// Why `meeting` cannot be saved in `assessment` (a date that is not YYYY-MM-DD, an attendee who
// is not a stakeholder, text that is not one line); empty when fine.
[[nodiscard]] std::string check_meeting(const Assessment& assessment, const Meeting& meeting);

// Adds a meeting, stamped with who and when, its id made when it has none, with a "meeting"
// history entry; returns its id. Error(usage) when check_meeting refuses or the id exists.
std::string record_meeting(Assessment& assessment, Meeting meeting, Seconds now);

// Replaces the meeting of the same id (its creation stamps and unknown fields kept), with a
// "meeting-edited" history entry. False when nothing changed; Error(usage) when there is no such
// meeting or check_meeting refuses.
bool update_meeting(Assessment& assessment, const Meeting& meeting, Seconds now);

// Next steps (docs/assessment.md). Why `step` cannot be saved (nothing to do, text that is not
// one line, a due date that is not YYYY-MM-DD); empty when fine.
[[nodiscard]] std::string check_next_step(const NextStep& step);

// Adds a next step, stamped with who and when, with a new id (six hex digits) and a "next-step"
// history entry; returns the id. Error(usage) when check_next_step refuses or its meeting is not
// the account's.
std::string record_next_step(Assessment& assessment, NextStep step, Seconds now);

// Marks a next step done today ("next-step-done" in the history, made in `meeting` when given).
// False when it was done already; Error(usage) when there is no such step.
bool complete_next_step(Assessment& assessment, const std::string& id, Seconds now,
                        const std::string& meeting = {});

// The account's last source: the stakeholder named by the newest history entry with a source who
// is still a stakeholder (the walk resumes with them); empty when there is none.
[[nodiscard]] std::string last_source(const Assessment& assessment);

} // namespace cna
