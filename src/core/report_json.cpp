// The report as JSON (shape in include/cna/report.hpp): valid for any input, since nlohmann
// escapes every string and replaces invalid UTF-8 instead of throwing.
#include "cna/json.hpp"
#include "cna/report.hpp"
#include "cna/views.hpp"

namespace cna {

namespace {

Json item_json(const ReportItem& item) {
  Json j = Json::object();
  j["id"] = item.id;
  j["prompt"] = item.prompt;
  j["type"] = std::string(to_string(item.type));
  j["required"] = item.required;
  j["state"] = std::string(to_string(item.state));
  j["value"] = value_to_json(item.value);
  j["answer"] = item.answer;
  j["source"] = item.source;
  j["source_name"] = item.source_name;
  j["note"] = item.note;
  j["confirmed"] =
      item.confirmed_at.empty()
          ? Json(nullptr)
          : Json::object({{"at", item.confirmed_at},
                          {"by", item.confirmed_by},
                          {"with", item.confirmed_with},
                          {"with_name", item.confirmed_with_name},
                          {"with_source",
                           item.source.empty() ? Json(nullptr) : Json(!confirmed_by_other(item))}});
  j["blocker"] = item.blocker ? Json::object({{"reason", std::string(to_string(*item.blocker))},
                                              {"detail", item.detail}})
                              : Json(nullptr);
  j["clarify"] = item.clarify;
  return j;
}

// The account's object; `head` holds the members that go before it ("cna_report", ...).
Json account_json(const Report& r, Json head) {
  Json& j = head;
  j["audience"] = std::string(audience_info(r.audience).name);
  j["account"] = r.account;
  j["name"] = r.name;
  j["checklist"] = Json::object(
      {{"id", r.checklist_id}, {"version", r.checklist_version}, {"title", r.checklist_title}});
  j["ready"] = r.ready;
  j["applicable"] = r.applicable;
  j["answered"] = r.answered;
  j["confirmed"] = r.confirmed;
  j["blocked"] = r.blockers;
  j["sections"] = Json::array();
  for (const ReportSection& s : r.sections) {
    Json items = Json::array();
    for (const ReportItem& item : s.items)
      items.push_back(item_json(item));
    j["sections"].push_back(Json::object({{"id", s.id},
                                          {"title", s.title},
                                          {"applicable", s.progress.applicable},
                                          {"answered", s.progress.done},
                                          {"confirmed", s.progress.confirmed},
                                          {"blocked", s.progress.blocked},
                                          {"items", std::move(items)}}));
  }
  j["power_base"] = Json::array();
  for (const ReportPerson& p : r.power_base) {
    Json said = Json::array();
    for (const std::string& id : p.said) {
      if (const ReportItem* item = r.find(id))
        said.push_back(said_json(id, item->state, item->value, item->answer));
    }
    Json person = Json::object({{"id", p.id},
                                {"name", p.name},
                                {"title", p.title},
                                {"roles", p.roles},
                                {"said", std::move(said)}});
    if (p.met) { // the account team's report only
      person["met"] = *p.met;
      person["stance"] = p.stance;
      person["access_via"] = p.access_via;
    }
    j["power_base"].push_back(std::move(person));
  }
  j["next_steps"] = Json::array();
  for (const ReportNextStep& step : r.next_steps) {
    j["next_steps"].push_back(Json::object({{"id", step.id},
                                            {"what", step.what},
                                            {"owner", step.owner_id},
                                            {"owner_name", step.owner},
                                            {"due", step.due},
                                            {"done", step.done},
                                            {"overdue", step.overdue},
                                            {"meeting", step.meeting}}));
  }
  j["meetings"] = Json::array();
  for (const ReportMeeting& m : r.meetings) {
    Json attendees = Json::array();
    for (std::size_t i = 0; i < m.attendee_ids.size(); ++i)
      attendees.push_back(Json::object({{"id", m.attendee_ids[i]}, {"name", m.attendees[i]}}));
    j["meetings"].push_back(Json::object({{"id", m.id},
                                          {"date", m.date},
                                          {"purpose", m.purpose},
                                          {"attendees", std::move(attendees)},
                                          {"ours", m.ours},
                                          {"outcome", m.outcome},
                                          {"answered", m.answered},
                                          {"confirmed", m.confirmed}}));
  }
  j["blockers"] = Json::array();
  for (const ReportItem* item : r.open_items()) {
    j["blockers"].push_back(Json::object({{"item", item->id},
                                          {"prompt", item->prompt},
                                          {"reason", std::string(to_string(*item->blocker))},
                                          {"detail", item->detail},
                                          {"clarify", item->clarify}}));
  }
  j["retired"] = Json::array();
  for (const ReportItem& item : r.retired) {
    Json said = said_json(item.id, item.state, item.value, item.answer);
    said["source"] = item.source;
    said["source_name"] = item.source_name;
    said["note"] = item.note;
    j["retired"].push_back(std::move(said));
  }
  return head;
}

std::string dump(const Json& j, int indent) { return dump_json(j, indent); }

} // namespace

std::string report_json(const Report& r) {
  const Json head = Json::object({{"cna_report", 2}, {"generated_at", r.generated_at}});
  return dump(account_json(r, head), 2) + "\n";
}

std::string report_json_account(const Report& r) {
  return dump(account_json(r, Json::object()), -1);
}

std::string report_ndjson(const Report& r) {
  // Each line stands alone: it carries the document's version and date as the JSON does.
  const Json head = Json::object({{"cna_report", 2}, {"generated_at", r.generated_at}});
  return dump(account_json(r, head), -1) + "\n";
}

} // namespace cna
