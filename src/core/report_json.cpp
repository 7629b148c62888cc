// The report as JSON (shape in include/cna/report.hpp): valid for any input, since nlohmann
// escapes every string and replaces invalid UTF-8 instead of throwing.
#include "cna/json.hpp"
#include "cna/report.hpp"

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
  j["confirmed"] = item.confirmed_at.empty()
                       ? Json(nullptr)
                       : Json::object({{"at", item.confirmed_at},
                                       {"by", item.confirmed_by},
                                       {"with", item.confirmed_with},
                                       {"with_name", item.confirmed_with_name}});
  j["blocker"] = item.blocker ? Json::object({{"reason", std::string(to_string(*item.blocker))},
                                              {"detail", item.detail}})
                              : Json(nullptr);
  j["clarify"] = item.clarify;
  return j;
}

// The account's object; `head` holds the members that go before it ("cna_report", ...).
Json account_json(const Report& r, Json head) {
  Json& j = head;
  j["account"] = r.account;
  j["name"] = r.name;
  j["checklist"] = Json::object(
      {{"id", r.checklist_id}, {"version", r.checklist_version}, {"title", r.checklist_title}});
  j["ready"] = r.ready;
  j["blockers"] = r.blockers;
  j["items"] = r.applicable;
  j["answered"] = r.answered;
  j["confirmed"] = r.confirmed;
  j["sections"] = Json::array();
  for (const ReportSection& s : r.sections) {
    Json entries = Json::array();
    for (const ReportItem& item : s.items)
      entries.push_back(item_json(item));
    j["sections"].push_back(Json::object({{"id", s.id},
                                          {"title", s.title},
                                          {"items", s.progress.applicable},
                                          {"answered", s.progress.done},
                                          {"confirmed", s.progress.confirmed},
                                          {"blocked", s.progress.blocked},
                                          {"entries", std::move(entries)}}));
  }
  j["power_base"] = Json::array();
  for (const ReportPerson& p : r.power_base) {
    j["power_base"].push_back(Json::object({{"id", p.id},
                                            {"name", p.name},
                                            {"title", p.title},
                                            {"roles", p.roles},
                                            {"said", p.said}}));
  }
  j["open_items"] = Json::array();
  for (const ReportItem* item : r.open_items()) {
    j["open_items"].push_back(Json::object({{"item", item->id},
                                            {"prompt", item->prompt},
                                            {"reason", std::string(to_string(*item->blocker))},
                                            {"detail", item->detail},
                                            {"clarify", item->clarify}}));
  }
  j["retired"] = Json::array();
  for (const ReportItem& item : r.retired) {
    j["retired"].push_back(Json::object({{"id", item.id},
                                         {"state", std::string(to_string(item.state))},
                                         {"value", value_to_json(item.value)},
                                         {"answer", item.answer},
                                         {"source", item.source},
                                         {"source_name", item.source_name},
                                         {"note", item.note}}));
  }
  return head;
}

std::string dump(const Json& j, int indent) { return dump_json(j, indent); }

} // namespace

std::string report_json(const Report& r) {
  const Json head = Json::object({{"cna_report", 1}, {"generated_at", r.generated_at}});
  return dump(account_json(r, head), 2) + "\n";
}

std::string report_json_account(const Report& r) {
  return dump(account_json(r, Json::object()), -1);
}

} // namespace cna
