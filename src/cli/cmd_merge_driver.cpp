// `cna merge-driver BASE OURS THEIRS`: git's merge driver for assessment files (%O %A %B). The
// merged file replaces OURS, as git expects; exit 1 tells git that an item needs a person.
#include <fmt/format.h>
#include <memory>

#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cna/merge.hpp"
#include "cna/store.hpp"
#include "cna/text.hpp"

namespace cna::cli {

namespace {

struct MergeDriverOptions {
  std::string base;
  std::string ours;
  std::string theirs;
};

int run_merge_driver(const MergeDriverOptions& o) {
  // Everything is read and parsed before anything is written: a bad version leaves OURS as it is.
  const std::string ours_text = read_file(o.ours, kMaxReadAssessmentBytes);
  const Assessment base =
      parse_merge_input(read_file(o.base, kMaxReadAssessmentBytes), o.base, /*is_base=*/true);
  const Assessment ours = parse_merge_input(ours_text, o.ours, false);
  const Assessment theirs =
      parse_merge_input(read_file(o.theirs, kMaxReadAssessmentBytes), o.theirs, false);
  const MergeResult r = merge(base, ours, theirs, now());
  const std::string merged = serialize_assessment(r.merged);
  if (merged != ours_text) atomic_write(o.ours, merged, mode_of(o.ours, kPrivateMode));
  const std::string account = visible(r.merged.account);
  for (const std::string& note : r.notes)
    warn(fmt::format("{}: {}", account, visible(note)));
  if (r.conflicts.empty()) return 0;
  for (const std::string& item : r.conflicts) {
    fmt::print(stderr,
               "cna: merge conflict in {}: {} was answered differently on both sides; both "
               "answers are kept until it is answered again (cna answer {} {} ...)\n",
               account, visible(item), account, visible(item));
  }
  return static_cast<int>(Exit::no);
}

} // namespace

void add_merge_driver(CLI::App& app, Globals& g) {
  auto o = std::make_shared<MergeDriverOptions>();
  auto* sub = app.add_subcommand(
      "merge-driver", "git merge driver for assessment files: merges two versions item by item");
  sub->add_option("base", o->base, "The common ancestor (git's %O; may be empty)")->required();
  sub->add_option("ours", o->ours, "Our version, replaced by the result (git's %A)")->required();
  sub->add_option("theirs", o->theirs, "Their version (git's %B)")->required();
  sub->footer("Register it once per clone:\n"
              "  git config merge.cna.driver 'cna merge-driver %O %A %B'\n"
              "with 'assessments/*.json merge=cna' in .gitattributes (cna init writes it).\n"
              "Exits 0 when merged cleanly, 1 when an item was answered differently on both sides "
              "(kept as a conflict that answering the item again resolves), 65 when a version "
              "does not parse (OURS is left untouched).");
  sub->callback([o, &g] { g.action = [o] { return run_merge_driver(*o); }; });
}

} // namespace cna::cli
