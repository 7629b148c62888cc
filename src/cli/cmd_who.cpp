// `cna who ACCOUNT [add|edit|remove]`: the account's power base and what each person said.
#include <algorithm>
#include <fmt/format.h>
#include <memory>

#include "cli/account.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cna/power_base.hpp"
#include "cna/record.hpp"
#include "cna/text.hpp"
#include "cna/views.hpp"

namespace cna::cli {

namespace {

struct WhoOptions {
  std::string account;
  bool json = false;
  std::string id;
  std::string new_id; // rename's second id
  std::string name;
  std::string title;
  std::vector<std::string> roles;
  std::string met;
  std::string stance;
  std::vector<std::string> access_via;
  // Set for `edit`, where only the fields given change.
  CLI::Option* name_given = nullptr;
  CLI::Option* title_given = nullptr;
  CLI::Option* roles_given = nullptr;
  CLI::Option* met_given = nullptr;
  CLI::Option* stance_given = nullptr;
  CLI::Option* access_given = nullptr;
};

constexpr std::size_t kPromptWidth = 40;
constexpr std::size_t kValueWidth = 50;

int list(const Globals& g, const WhoOptions& o) {
  const Account account = load_account(g, o.account);
  const Assessment& a = account.assessment;
  if (o.json) {
    fmt::print("{}", who_json(a, account.checklist, format_date(now())));
    return 0;
  }
  if (quiet()) return 0;
  if (a.stakeholders.empty()) {
    fmt::print("{} has no stakeholders yet; add one with: cna who {} add ID --name NAME\n",
               show(a.name), a.account);
    return 0;
  }
  std::size_t id_width = 0;
  for (const auto& [item, answer] : a.answers)
    id_width = std::max(id_width, cells(show(item)));
  const std::string today = format_date(now());
  for (const Stakeholder& s : a.stakeholders) {
    std::string line = paint(show(s.id), Tone::bold) + "  " + show(s.name);
    if (!s.title.empty()) line += " · " + show(s.title);
    if (const auto roles = held_roles(a, account.checklist, s.id); !roles.empty())
      line += paint(fmt::format(" · {}", show(roles_text(roles))), Tone::dim);
    line += paint(fmt::format(" · {}", show(standing_text(a, s, today))), Tone::dim);
    fmt::print("{}\n", line);
    bool any = false;
    for (const auto& [item, answer] : a.answers) {
      if (answer.source != s.id || answer.state == State::missing) continue;
      const Item* definition = account.checklist.find(item);
      const std::string prompt =
          definition != nullptr ? preview(definition->prompt, kPromptWidth) : "";
      fmt::print("  {}  {}  {}\n", pad(show(item), id_width), pad(prompt, kPromptWidth + 1),
                 answer_text(answer, definition, a.stakeholders, kValueWidth));
      any = true;
    }
    if (!any) fmt::print("  {}\n", paint("(nothing attributed yet)", Tone::dim));
  }
  return 0;
}

// The stakeholder the options describe, on top of `base`; Error(usage) when it is not valid on
// its own (whether it fits the account is checked under the lock, by `in_account`).
Stakeholder described(const WhoOptions& o, Stakeholder base, bool only_given) {
  const auto given = [&](const CLI::Option* option) { return !only_given || option->count() > 0; };
  if (given(o.name_given)) base.name = text_option("--name", o.name);
  if (given(o.title_given)) base.title = text_option("--title", o.title);
  if (given(o.roles_given)) {
    base.roles.clear();
    for (const std::string& role : o.roles) {
      if (std::find(base.roles.begin(), base.roles.end(), role) == base.roles.end()) {
        base.roles.push_back(role);
      }
    }
  }
  if (o.met_given->count() > 0) {
    if (o.met != "yes" && o.met != "no") {
      throw Error(Exit::usage, fmt::format("--met takes yes or no, not \"{}\"", visible(o.met)));
    }
    base.met = o.met == "yes" ? Met::yes : Met::no;
  }
  if (o.stance_given->count() > 0) {
    const auto stance = parse_stance(o.stance);
    if (!stance) {
      throw Error(Exit::usage,
                  fmt::format("--stance takes supporter, neutral, sceptic or unknown, not \"{}\"",
                              visible(o.stance)));
    }
    base.stance = *stance;
  }
  if (o.access_given->count() > 0) {
    // `--access-via ""` clears it: reached directly.
    base.access_via.clear();
    for (const std::string& via : o.access_via) {
      if (!via.empty() &&
          std::find(base.access_via.begin(), base.access_via.end(), via) == base.access_via.end())
        base.access_via.push_back(via);
    }
  }
  if (const std::string why = check_stakeholder(base); !why.empty()) throw Error(Exit::usage, why);
  return base;
}

// `s`, when it fits the account (those it is reached through are its stakeholders).
const Stakeholder& in_account(const Assessment& a, const Stakeholder& s) {
  if (const std::string why = check_stakeholder(a, s); !why.empty()) throw Error(Exit::usage, why);
  return s;
}

int add(const Globals& g, const WhoOptions& o) {
  Stakeholder fresh;
  fresh.id = o.id;
  const Stakeholder s = described(o, fresh, false);
  Account account = open_or_create(g, o.account, "", "");
  save(account, [&](Assessment& a) {
    if (a.find_stakeholder(s.id) != nullptr) {
      throw Error(Exit::usage, fmt::format("stakeholder \"{}\" already exists in {}; use: cna who "
                                           "{} edit {} ...",
                                           s.id, a.account, a.account, s.id));
    }
    record_stakeholder(a, in_account(a, s), now());
  });
  if (!quiet()) fmt::print("{}: added {} ({})\n", o.account, s.id, show(s.name));
  return 0;
}

const Stakeholder& existing(const Assessment& a, const std::string& id) {
  if (const Stakeholder* s = a.find_stakeholder(id)) return *s;
  throw Error(Exit::usage, fmt::format("no stakeholder \"{}\" in {} (cna who {} lists them)",
                                       visible(id), a.account, a.account));
}

int edit(const Globals& g, const WhoOptions& o) {
  if (o.name_given->count() + o.title_given->count() + o.roles_given->count() +
          o.met_given->count() + o.stance_given->count() + o.access_given->count() ==
      0) {
    throw Error(Exit::usage,
                "nothing to change: give --name, --title, --role, --met, --stance or --access-via");
  }
  Account account = load_account(g, o.account);
  bool changed = false;
  save(account, [&](Assessment& a) {
    changed = record_stakeholder(a, in_account(a, described(o, existing(a, o.id), true)), now());
  });
  if (!quiet()) fmt::print("{}: {} {}\n", o.account, changed ? "updated" : "unchanged", o.id);
  return 0;
}

int remove(const Globals& g, const WhoOptions& o) {
  Account account = load_account(g, o.account);
  save(account, [&](Assessment& a) {
    (void)existing(a, o.id);
    remove_stakeholder(a, o.id, now());
  });
  if (!quiet()) fmt::print("{}: removed {}\n", o.account, o.id);
  return 0;
}

// Every answer, question, meeting, next step and access that names the old id follows it.
int rename(const Globals& g, const WhoOptions& o) {
  Account account = load_account(g, o.account);
  save(account, [&](Assessment& a) {
    (void)existing(a, o.id);
    rename_stakeholder(a, account.checklist, o.id, o.new_id, now());
  });
  if (!quiet()) fmt::print("{}: renamed {} to {}\n", o.account, o.id, o.new_id);
  return 0;
}

} // namespace

void add_who(CLI::App& app, Globals& g) {
  auto o = std::make_shared<WhoOptions>();
  auto* sub = app.add_subcommand("who", "The account's stakeholders (the power base) and what "
                                        "each said; add, edit, rename or remove one");
  add_account_argument(sub, o->account);
  sub->add_flag("--json", o->json, kJsonHelp);
  verbs_or(sub, g, o, list);
  sub->footer("Usage: cna who ACCOUNT [add ID --name NAME [--title T] [--role R]... | edit ID "
              "[--name N] [--title T] [--role R]... [--met yes|no] [--stance S] [--access-via "
              "ID]... | rename ID NEW-ID | remove ID]\n"
              "Example: cna who acme add dana-lee --name \"Dana Lee\" --title \"VP Operations\" "
              "--role economic-buyer\n"
              "         cna who acme edit dana-lee --met yes --stance sceptic --access-via raj");
  const std::string roles = fmt::format("{}", fmt::join(stakeholder_roles(), ", "));
  // The options add and edit share beyond name, title and roles (docs/assessment.md).
  struct Standing {
    CLI::Option* met;
    CLI::Option* stance;
    CLI::Option* access;
  };
  const auto standing = [o](CLI::App* cmd) {
    return Standing{
        cmd->add_option("--met", o->met, "Have we met them ourselves: yes or no (not yet)"),
        cmd->add_option("--stance", o->stance,
                        "Where they stand (internal): supporter, neutral, sceptic or unknown"),
        cmd->add_option("--access-via", o->access_via,
                        "Whom we reach them through, a stakeholder id (repeatable; replaces; "
                        "\"\" for directly)")};
  };

  auto* add_cmd = sub->add_subcommand("add", "Add a stakeholder (creates the account)");
  add_cmd->add_option("id", o->id, "Stakeholder id, a slug such as dana-lee")->required();
  o->name_given = add_cmd->add_option("--name", o->name, "Full name")->required();
  o->title_given = add_cmd->add_option("--title", o->title, "Job title");
  o->roles_given = add_cmd->add_option("--role", o->roles, "Role (repeatable): " + roles);
  const Standing add_standing = standing(add_cmd);
  add_cmd->callback([o, &g, add_standing] {
    o->met_given = add_standing.met;
    o->stance_given = add_standing.stance;
    o->access_given = add_standing.access;
    g.action = [o, &g] { return add(g, *o); };
  });

  auto* edit_cmd = sub->add_subcommand("edit", "Change a stakeholder: only the fields given");
  edit_cmd->add_option("id", o->id, "Stakeholder id")->required();
  auto* edit_name = edit_cmd->add_option("--name", o->name, "Full name");
  auto* edit_title = edit_cmd->add_option("--title", o->title, "Job title");
  auto* edit_roles =
      edit_cmd->add_option("--role", o->roles, "Role (repeatable; replaces the roles): " + roles);
  const Standing edit_standing = standing(edit_cmd);
  edit_cmd->callback([o, &g, edit_name, edit_title, edit_roles, edit_standing] {
    o->name_given = edit_name;
    o->title_given = edit_title;
    o->roles_given = edit_roles;
    o->met_given = edit_standing.met;
    o->stance_given = edit_standing.stance;
    o->access_given = edit_standing.access;
    g.action = [o, &g] { return edit(g, *o); };
  });

  auto* rename_cmd = sub->add_subcommand(
      "rename", "Give a stakeholder a new id: every answer, confirmation, question, meeting and "
                "next step naming them follows (with a history entry)");
  rename_cmd->add_option("id", o->id, "The stakeholder's id now")->required();
  rename_cmd->add_option("new-id", o->new_id, "Their new id, a slug such as katrin-vogel")
      ->required();
  runs(rename_cmd, g, o, rename);

  auto* remove_cmd =
      sub->add_subcommand("remove", "Remove a stakeholder (refused while answers name them)");
  remove_cmd->add_option("id", o->id, "Stakeholder id")->required();
  runs(remove_cmd, g, o, remove);
}

} // namespace cna::cli
