// `cna report ACCOUNT` / `cna report --all`: the confirmed-needs report in one of the formats of
// report_formats() (text, md, html, json, csv, ndjson), to stdout or a file. Informational: it
// exits 0 however blocked the accounts are.
#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <string>
#include <vector>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/quality.hpp"
#include "cna/readiness.hpp"
#include "cna/report.hpp"

namespace cna::cli {

namespace {

struct ReportOptions {
  std::string account;
  bool all = false;
  std::string format; // "": text
  bool json = false;  // --json, the same as --format json
  std::string output;
  std::string audience = std::string(audience_info(Audience::internal).name);
};

Report report_of(const Checklist& checklist, const Assessment& assessment, const Workspace& ws,
                 Seconds t, Audience audience) {
  return build_report(checklist, assessment, readiness_of(checklist, assessment, ws, t), t,
                      audience);
}

// The portfolio index beside the HTML reports (docs/reports.md): written unless an account's own
// report has its name.
constexpr std::string_view kIndexName = "index";

// md and html: one file per account in the folder `dir`, written as the accounts are read; for
// html, then index.html with every account read and its figures (quality_of).
int report_files(Portfolio& portfolio, ReportFormat format, const std::filesystem::path& dir,
                 Seconds t, Audience audience) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    throw Error(Exit::io, fmt::format("cannot use {} as the reports' folder: {}", dir.string(),
                                      ec ? ec.message() : "not a folder"));
  }
  const bool index = format == ReportFormat::html;
  std::vector<PortfolioEntry> entries;
  const int status = portfolio.for_each<PortfolioEntry>(
      [&](const std::string& slug) {
        const View v = portfolio.read(slug, t);
        const std::string text = render_report(
            build_report(*v.checklist, v.assessment, v.readiness, t, audience), format);
        write_output(text, (dir / fmt::format("{}.{}", slug, extension(format))).string());
        return PortfolioEntry{slug, v.assessment.name,
                              index ? quality_of(v.assessment, v.readiness, t) : Quality{}};
      },
      [&](const std::string&, PortfolioEntry& entry) { entries.push_back(std::move(entry)); });
  const std::size_t written = entries.size();
  std::string also;
  if (index && std::none_of(entries.begin(), entries.end(),
                            [](const PortfolioEntry& e) { return e.account == kIndexName; })) {
    write_output(portfolio_html(entries, t), (dir / "index.html").string());
    also = ", and index.html beside them";
  } else if (index) {
    warn(fmt::format("no index.html: the account \"{}\" has that file for its report", kIndexName));
  }
  if (!quiet())
    fmt::print("wrote {} report{} to {}{}\n", written, written == 1 ? "" : "s", show(dir.string()),
               also);
  return status;
}

// text, csv and json: one document, streamed to stdout account by account.
int report_document(Portfolio& portfolio, ReportFormat format, const std::string& output, Seconds t,
                    Audience audience) {
  ReportDocument document(format, t);
  std::string buffered;
  const auto emit = [&](const std::string& text) {
    if (output.empty()) {
      write_output(text, "");
    } else {
      buffered += text;
    }
  };
  emit(document.head());
  const int status = portfolio.for_each<std::string>(
      [&](const std::string& slug) { // on all cores: read, assess and render
        const View v = portfolio.read(slug, t);
        return document.body(build_report(*v.checklist, v.assessment, v.readiness, t, audience));
      },
      [&](const std::string&, std::string& body) { emit(document.part(std::move(body))); });
  emit(document.tail());
  if (!output.empty()) write_output(buffered, output);
  return status;
}

int run_report(const Globals& g, const ReportOptions& o) {
  if (o.all == !o.account.empty()) throw Error(Exit::usage, "give one ACCOUNT, or --all");
  const std::string name = json_format(o.json, o.format);
  const ReportFormat format = *parse_report_format(name);
  const Seconds t = now();
  const Audience audience = *parse_audience(o.audience);
  if (!o.all) {
    const Account a = load_account(g, o.account);
    write_output(
        render_report(report_of(a.checklist, a.assessment, a.workspace, t, audience), format),
        o.output);
    if (!o.output.empty() && !quiet()) {
      fmt::print("{}: {} report written to {}\n", o.account, name, show(o.output));
    }
    return 0;
  }
  Portfolio portfolio(g);
  if (format_info(format).layout == ReportLayout::file_per_account) {
    if (o.output.empty()) {
      throw Error(Exit::usage, fmt::format("--all --format {} writes one file per account: give "
                                           "the folder with -o DIR",
                                           name));
    }
    return report_files(portfolio, format, o.output, t, audience);
  }
  return report_document(portfolio, format, o.output, t, audience);
}

} // namespace

void add_report(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ReportOptions>();
  auto* sub = app.add_subcommand(
      "report", "The confirmed-needs report of an account, or of every account (--all)");
  sub->add_option("account", o->account, "Account (a slug such as acme-corp)");
  sub->add_flag("--all", o->all, "Every account of the workspace");
  std::vector<std::string> names;
  std::string help;
  for (const ReportFormatInfo& f : report_formats()) {
    names.emplace_back(f.name);
    help += fmt::format("{}{} ({})", help.empty() ? "" : ", ", f.name, f.help);
  }
  sub->add_option("--format", o->format, help)->check(CLI::IsMember(names));
  std::vector<std::string> audiences;
  for (const AudienceInfo& a : kAudiences)
    audiences.emplace_back(a.name);
  sub->add_option("--audience", o->audience,
                  "Who it is for: internal (default: everything) or customer (no internal items, "
                  "roles or retired answers; customer-facing labels)")
      ->check(CLI::IsMember(audiences));
  sub->add_flag("--json", o->json, "Print JSON: the same as --format json (docs/json.md)");
  sub->add_option("-o,--output", o->output,
                  "Write to FILE (saved atomically) instead of stdout; with --all and md or html, "
                  "the folder DIR that gets one ACCOUNT.md or ACCOUNT.html each")
      ->type_name("FILE|DIR");
  sub->footer("Examples:\n  cna report acme --format html -o acme.html\n"
              "  cna report --all --format csv > portfolio.csv\n"
              "  cna report --all --format ndjson | jq -r 'select(.ready | not) | .account'\n"
              "  cna report --all --format md -o reports/\n"
              "Exits 0 however blocked the accounts are (cna check is the gate); with --all, an "
              "account whose file cannot be read is reported and the others written (exit 65).");
  sub->callback([o, &g] { g.action = [o, &g] { return run_report(g, *o); }; });
}

} // namespace cna::cli
