#include "cna/views.hpp"

#include <fmt/format.h>

#include "cna/item_types.hpp"
#include "cna/json.hpp"
#include "cna/power_base.hpp"

namespace cna {

namespace {

// Output is valid JSON for any input: text was checked for UTF-8 at input, and anything that
// slipped past is replaced rather than thrown.
std::string dump(const Json& j) { return dump_json(j, -1); }

std::string pretty(const Json& j) { return dump_json(j, 2) + "\n"; }

// "blockers": [{"item", "reason", "detail"}], as status and check list them.
void blockers_json(JsonLine& out, const Readiness& readiness) {
  out.key("blockers").open('[');
  for (const ItemStatus& s : readiness.items) {
    if (!s.blocker) continue;
    out.open('{')
        .key("item")
        .string(s.item->id)
        .key("reason")
        .string(to_string(*s.blocker))
        .key("detail")
        .string(s.detail)
        .close('}');
  }
  out.close(']');
}

Json item_json(const Item* item) {
  return Json::object({{"item", item->id}, {"prompt", item->prompt}});
}

// An answer to `item` in `checklist` (none: a retired answer, shown as stored); its state has a
// key of its own, as in the report.
Json said_json(const Checklist& checklist, const Assessment& assessment, const std::string& item,
               const Answer& answer) {
  return said_json(
      item, answer.state, answer.value,
      describe_answer(answer, checklist.find(item), assessment.stakeholders, {.state = false}));
}

} // namespace

Json said_json(std::string_view item, State state, const Value& value, std::string_view answer) {
  return Json::object({{"item", item},
                       {"state", std::string(to_string(state))},
                       {"value", state == State::answered ? value_to_json(value) : Json(nullptr)},
                       {"answer", answer}});
}

std::string StatusJson::object(const Assessment& assessment, const Checklist& checklist,
                               const Readiness& readiness, const Quality& quality) {
  JsonLine j;
  j.open('{').key("account").string(assessment.account).key("name").string(assessment.name);
  j.key("checklist").open('{').key("id").string(checklist.id);
  j.key("version").string(checklist.version).close('}');
  j.key("ready").boolean(readiness.ready());
  j.key("applicable").number(readiness.applicable);
  j.key("answered").number(readiness.answered);
  j.key("confirmed").number(readiness.confirmed);
  blockers_json(j, readiness);
  j.key("overdue_next_steps").number(quality.overdue);
  j.key("sourced").number(quality.sourced);
  j.key("stakeholders").number(quality.stakeholders);
  j.key("met").number(quality.met);
  j.key("voices").number(quality.voices);
  j.key("single_threaded").boolean(quality.single_threaded());
  j.key("stale_soon").number(quality.stale_soon);
  if (quality.last_meeting.empty()) {
    j.key("last_meeting").null();
  } else {
    j.key("last_meeting").string(quality.last_meeting);
  }
  j.key("rep").string(quality.rep);
  j.key("retired").open('[');
  for (const auto& [item, answer] : assessment.retired)
    j.json(said_json(checklist, assessment, item, answer));
  j.close(']').key("sections").open('[');
  for (std::size_t i = 0; i < checklist.sections.size(); ++i) {
    const SectionProgress& p = readiness.sections[i];
    j.open('{').key("id").string(checklist.sections[i].id);
    j.key("title").string(checklist.sections[i].title);
    j.key("applicable").number(p.applicable).key("answered").number(p.done);
    j.key("confirmed").number(p.confirmed).key("blocked").number(p.blocked).close('}');
  }
  j.close(']').close('}');
  return j.take();
}

AccountsJson::AccountsJson(std::string_view shape, int version)
    : m_head(fmt::format("{{\"{}\": {}, \"accounts\": [\n", shape, version)) {}

std::string AccountsJson::add(std::string_view object) {
  std::string out = m_started ? ",\n" : m_head;
  m_started = true;
  return out.append(object);
}

void AccountsJson::failed(const std::string& account, const std::string& error) {
  m_errors.push_back(Json::object({{"account", account}, {"error", error}}));
}

std::string AccountsJson::finish(std::string_view more) const {
  return (m_started ? std::string("\n") : m_head) + "], \"errors\": " + dump(m_errors) +
         std::string(more) + "}\n";
}

std::string CheckJson::add(const Assessment& assessment, const Readiness& readiness) {
  m_blocked = m_blocked || !readiness.ready();
  JsonLine j;
  j.open('{').key("account").string(assessment.account).key("name").string(assessment.name);
  j.key("ready").boolean(readiness.ready());
  blockers_json(j, readiness);
  return AccountsJson::add(j.close('}').take());
}

std::string CheckJson::finish() const {
  return AccountsJson::finish(!m_blocked && !any_failed() ? ", \"ready\": true"
                                                          : ", \"ready\": false");
}

std::string brief_json(const Brief& brief) {
  const auto with = [](Json j, std::initializer_list<std::pair<const char*, Json>> more) {
    for (const auto& [key, value] : more)
      j[key] = value;
    return j;
  };
  Json blockers = Json::array(); // one list, as in status and check; the text groups it
  for (const BriefGroup& g : brief.groups) {
    for (const BriefItem& i : g.items) {
      blockers.push_back(with(
          item_json(i.item), {{"reason", std::string(to_string(g.reason))}, {"detail", i.detail}}));
    }
  }
  Json unknowns = Json::array();
  for (const BriefUnknown& u : brief.unknowns) {
    unknowns.push_back(
        with(item_json(u.item), {{"owner", u.owner}, {"due", u.due}, {"overdue", u.overdue}}));
  }
  Json reconfirm = Json::array();
  for (const BriefReconfirm& r : brief.reconfirm) {
    reconfirm.push_back(with(item_json(r.item), {{"why", r.why},
                                                 {"detail", r.detail},
                                                 {"stale_on", r.stale_on},
                                                 {"with", r.with ? r.with->id : ""},
                                                 {"with_name", r.with ? r.with->name : ""}}));
  }
  Json people = Json::array();
  for (const BriefStakeholder& p : brief.power_base) {
    Json said = Json::array();
    for (const BriefItem& i : p.said)
      said.push_back(said_json(*brief.checklist, *brief.assessment, i.item->id, *i.answer));
    const Stakeholder& s = *p.stakeholder;
    people.push_back(Json::object({{"id", s.id},
                                   {"name", s.name},
                                   {"title", s.title},
                                   {"roles", s.roles},
                                   {"said", std::move(said)}}));
  }
  Json questions = Json::array();
  for (const BriefQuestion& q : brief.questions)
    questions.push_back(with(item_json(q.item), {{"clarify", q.clarify}}));
  Json room = Json::array();
  for (const Stakeholder* s : brief.with)
    room.push_back(Json::object({{"id", s->id}, {"name", s->name}}));
  Json asks = Json::array();
  for (const BriefAsk& ask : brief.asks) {
    asks.push_back(with(item_json(ask.item), {{"who", ask.who ? ask.who->id : ""},
                                              {"who_name", ask.who ? ask.who->name : ""},
                                              {"reason", std::string(to_string(ask.reason))},
                                              {"due", ask.due},
                                              {"overdue", ask.overdue}}));
  }
  Json open = Json::array(); // each entry on its own: the text lists them under whom to ask
  for (const BriefOpenQuestion& o : brief.open_questions) {
    const Question& q = *o.question;
    open.push_back(with(item_json(o.item), {{"text", q.text},
                                            {"who", q.who},
                                            {"who_name", o.who ? o.who->name : q.who},
                                            {"due", q.due},
                                            {"overdue", o.overdue}}));
  }
  const auto meeting = [](const Meeting* m) {
    return m == nullptr ? Json(nullptr)
                        : Json::object({{"id", m->id},
                                        {"date", m->date},
                                        {"purpose", m->purpose},
                                        {"outcome", m->outcome}});
  };
  const Assessment& a = *brief.assessment;
  Json steps = Json::array();
  for (const NextStep* step : brief.next_steps)
    steps.push_back(next_step_json(a, *step, brief.date));
  return pretty(Json::object({{"cna_brief", 2},
                              {"account", a.account},
                              {"name", a.name},
                              {"checklist", Json::object({{"id", brief.checklist->id},
                                                          {"version", brief.checklist->version}})},
                              {"date", brief.date},
                              {"ready", brief.readiness->ready()},
                              {"applicable", brief.readiness->applicable},
                              {"answered", brief.readiness->answered},
                              {"confirmed", brief.readiness->confirmed},
                              {"with", std::move(room)},
                              {"meeting", meeting(brief.meeting)},
                              {"last_meeting", meeting(brief.last_meeting)},
                              {"next_steps", std::move(steps)},
                              {"asks", std::move(asks)},
                              {"open_questions", std::move(open)},
                              {"ours", brief.ours},
                              {"blockers", std::move(blockers)},
                              {"unknowns", std::move(unknowns)},
                              {"reconfirm", std::move(reconfirm)},
                              {"power_base", std::move(people)},
                              {"gaps", brief.gaps},
                              {"questions", std::move(questions)}}));
}

std::string log_json(const Assessment& assessment,
                     const std::vector<const HistoryEntry*>& entries) {
  Json list = Json::array();
  for (const HistoryEntry* h : entries) {
    list.push_back(Json::object({{"at", h->at},
                                 {"by", h->by},
                                 {"item", h->item},
                                 {"action", h->action},
                                 {"value", value_to_json(h->value)},
                                 {"source", h->source},
                                 {"meeting", h->meeting}}));
  }
  return pretty(Json::object(
      {{"cna_log", 1}, {"account", assessment.account}, {"entries", std::move(list)}}));
}

namespace {

Json meeting_object(const Assessment& assessment, const Checklist& checklist, const Meeting& m) {
  Json attendees = Json::array();
  for (const std::string& id : m.attendees)
    attendees.push_back(Json::object({{"id", id}, {"name", assessment.name_of(id)}}));
  Json answers = Json::array(), confirmations = Json::array();
  for (const auto& [item, answer] : assessment.answers) {
    if (answer.state == State::missing) continue;
    if (answer.meeting == m.id) answers.push_back(said_json(checklist, assessment, item, answer));
    if (answer.confirmed_in == m.id)
      confirmations.push_back(said_json(checklist, assessment, item, answer));
  }
  return Json::object({{"id", m.id},
                       {"date", m.date},
                       {"purpose", m.purpose},
                       {"attendees", std::move(attendees)},
                       {"ours", m.ours},
                       {"outcome", m.outcome},
                       {"notes", m.notes},
                       {"created_at", m.created_at},
                       {"created_by", m.created_by},
                       {"answers", std::move(answers)},
                       {"confirmations", std::move(confirmations)}});
}

} // namespace

Json next_step_json(const Assessment& assessment, const NextStep& step, std::string_view today) {
  return Json::object({{"id", step.id},
                       {"what", step.what},
                       {"owner", step.owner},
                       {"owner_name", step.owner.empty() ? "" : assessment.name_of(step.owner)},
                       {"due", step.due},
                       {"done", step.done},
                       {"overdue", overdue(step, today)},
                       {"meeting", step.meeting}});
}

std::string next_steps_json(const Assessment& assessment, std::string_view today, bool all) {
  Json list = Json::array();
  for (const NextStep* step : open_next_steps(assessment))
    list.push_back(next_step_json(assessment, *step, today));
  for (const NextStep& step : assessment.next_steps) {
    if (all && !step.done.empty()) list.push_back(next_step_json(assessment, step, today));
  }
  return pretty(Json::object({{"cna_next_steps", 1},
                              {"account", assessment.account},
                              {"name", assessment.name},
                              {"date", today},
                              {"next_steps", std::move(list)}}));
}

std::string meetings_json(const Assessment& assessment, const Checklist& checklist) {
  Json list = Json::array();
  for (const Meeting& m : assessment.meetings)
    list.push_back(meeting_object(assessment, checklist, m));
  return pretty(Json::object({{"cna_meetings", 1},
                              {"account", assessment.account},
                              {"name", assessment.name},
                              {"meetings", std::move(list)}}));
}

std::string meeting_json(const Assessment& assessment, const Checklist& checklist,
                         const Meeting& meeting) {
  return pretty(Json::object({{"cna_meeting", 1},
                              {"account", assessment.account},
                              {"name", assessment.name},
                              {"meeting", meeting_object(assessment, checklist, meeting)}}));
}

std::string who_json(const Assessment& assessment, const Checklist& checklist,
                     std::string_view today) {
  Json people = Json::array();
  for (const Stakeholder& s : assessment.stakeholders) {
    Json said = Json::array();
    for (const auto& [item, answer] : assessment.answers) {
      if (answer.source != s.id || answer.state == State::missing) continue;
      said.push_back(said_json(checklist, assessment, item, answer));
    }
    Json established = Json::array();
    for (const HeldRole& held : held_roles(assessment, checklist, s.id)) {
      if (!held.item.empty())
        established.push_back(Json::object({{"role", held.role}, {"item", held.item}}));
    }
    people.push_back(Json::object({{"id", s.id},
                                   {"name", s.name},
                                   {"title", s.title},
                                   {"roles", s.roles},
                                   {"established_roles", std::move(established)},
                                   {"met", met(assessment, s, today)},
                                   {"stance", to_string(s.stance)},
                                   {"access_via", s.access_via},
                                   {"gives_access_to", gives_access_to(assessment, s.id)},
                                   {"said", std::move(said)}}));
  }
  return pretty(Json::object({{"cna_who", 2},
                              {"account", assessment.account},
                              {"name", assessment.name},
                              {"stakeholders", std::move(people)}}));
}

std::string checklists_json(const std::vector<Checklist>& checklists) {
  Json list = Json::array();
  for (const Checklist& c : checklists) {
    list.push_back(Json::object({{"id", c.id},
                                 {"version", c.version},
                                 {"title", c.title},
                                 {"item_count", c.items.size()},
                                 {"origin", c.origin}}));
  }
  return pretty(Json::object({{"cna_checklists", 2}, {"checklists", std::move(list)}}));
}

std::string checklist_json(const Checklist& checklist) {
  Json sections = Json::array();
  for (const Section& section : checklist.sections) {
    Json items = Json::array();
    for (const std::size_t index : section.items) {
      const Item& item = checklist.items[index];
      Json j = Json::object(
          {{"id", item.id}, {"type", std::string(to_string(item.type))}, {"prompt", item.prompt}});
      if (!item.when.empty()) j["when"] = item.when;
      if (!item.options.empty()) {
        j["options"] = Json::array();
        for (const Option& o : item.options)
          j["options"].push_back(o.value);
      }
      j["required"] = item.required;
      j["source"] = item.source;
      j["na"] = item.na;
      items.push_back(std::move(j));
    }
    sections.push_back(
        Json::object({{"id", section.id}, {"title", section.title}, {"items", std::move(items)}}));
  }
  return pretty(Json::object({{"cna_checklist_outline", 1},
                              {"id", checklist.id},
                              {"version", checklist.version},
                              {"title", checklist.title},
                              {"origin", checklist.origin},
                              {"sections", std::move(sections)}}));
}

} // namespace cna
