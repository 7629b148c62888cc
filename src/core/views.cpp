#include "cna/views.hpp"

#include "cna/json.hpp"

namespace cna {

namespace {

// Output is valid JSON for any input: text was checked for UTF-8 at input, and anything that
// slipped past is replaced rather than thrown.
std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string pretty(const Json& j) {
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

constexpr const char* kStatusHead = "{\"cna_status\": 1, \"accounts\": [\n";

} // namespace

std::string StatusJson::account(const Assessment& assessment, const Checklist& checklist,
                                const Readiness& readiness) {
  Json j = Json::object();
  j["account"] = assessment.account;
  j["name"] = assessment.name;
  j["checklist"] = Json::object({{"id", checklist.id}, {"version", checklist.version}});
  j["ready"] = readiness.ready();
  j["items"] = readiness.applicable;
  j["answered"] = readiness.answered;
  j["confirmed"] = readiness.confirmed;
  j["blockers"] = Json::array();
  for (const ItemStatus& s : readiness.items) {
    if (!s.blocker) continue;
    j["blockers"].push_back(Json::object({{"item", s.item->id},
                                          {"reason", std::string(to_string(*s.blocker))},
                                          {"detail", s.detail}}));
  }
  j["sections"] = Json::array();
  for (std::size_t i = 0; i < checklist.sections.size(); ++i) {
    const SectionProgress& p = readiness.sections[i];
    j["sections"].push_back(Json::object({{"id", checklist.sections[i].id},
                                          {"title", checklist.sections[i].title},
                                          {"items", p.applicable},
                                          {"answered", p.done},
                                          {"confirmed", p.confirmed},
                                          {"blocked", p.blocked}}));
  }
  std::string out = m_started ? ",\n" : kStatusHead;
  m_started = true;
  return out + dump(j);
}

std::string StatusJson::finish() const {
  return (m_started ? "\n" : kStatusHead) + std::string("]}\n");
}

std::string who_json(const Assessment& assessment) {
  Json people = Json::array();
  for (const Stakeholder& s : assessment.stakeholders) {
    Json said = Json::array();
    for (const auto& [item, answer] : assessment.answers) {
      if (answer.source != s.id || answer.state == State::missing) continue;
      Json entry = Json::object({{"item", item}, {"state", std::string(to_string(answer.state))}});
      if (answer.state == State::answered) entry["value"] = value_to_json(answer.value);
      if (answer.state == State::na) entry["reason"] = answer.reason;
      if (answer.state == State::unknown) entry["owner"] = answer.owner, entry["due"] = answer.due;
      said.push_back(std::move(entry));
    }
    people.push_back(Json::object({{"id", s.id},
                                   {"name", s.name},
                                   {"title", s.title},
                                   {"roles", s.roles},
                                   {"said", std::move(said)}}));
  }
  return pretty(Json::object({{"cna_who", 1},
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
                                 {"items", c.items.size()},
                                 {"origin", c.origin}}));
  }
  return pretty(Json::object({{"cna_checklists", 1}, {"checklists", std::move(list)}}));
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
