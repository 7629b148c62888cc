#include "cna/pattern.hpp"

#include <fmt/format.h>
#include <map>
#include <memory>
#include <re2/re2.h>

namespace cna {

namespace {

// What RE2 refuses that backtracking engines accept, by how its error begins: each needs
// backtracking (exponential time in the worst case), which is what RE2 rules out.
struct Unsupported {
  std::string_view error_arg; // RE2's error_arg() starts with this
  std::string_view feature;
};
constexpr Unsupported kUnsupported[] = {
    {"\\k", "a named backreference (\\k<name>)"},
    {"(?P=", "a named backreference ((?P=name))"},
    {"(?=", "lookahead ((?=...))"},
    {"(?!", "negative lookahead ((?!...))"},
    {"(?>", "an atomic group ((?>...))"},
    {"++", "a possessive quantifier (++)"},
    {"*+", "a possessive quantifier (*+)"},
    {"?+", "a possessive quantifier (?+)"},
    {"}+", "a possessive quantifier ({n}+)"},
};

RE2::Options options() {
  RE2::Options o;
  o.set_log_errors(false); // refusals are data, never printed by the library
  return o;
}

std::string unsupported(std::string_view feature) {
  return fmt::format(
      "{} is not supported: patterns are matched in linear time (RE2), which rules it out",
      feature);
}

std::string describe(const RE2& re, std::string_view pattern) {
  const std::string& arg = re.error_arg();
  if (arg.size() == 2 && arg[0] == '\\' && arg[1] >= '1' && arg[1] <= '9') {
    return unsupported(fmt::format("a backreference ({})", arg));
  }
  if (re.error_code() == RE2::ErrorBadPerlOp && arg == "(?<") {
    // "(?<" begins lookbehind or a named group; what follows tells them apart.
    const auto at = pattern.find("(?<");
    const char next = at + 3 < pattern.size() ? pattern[at + 3] : '\0';
    if (next == '=' || next == '!') return unsupported("lookbehind ((?<=...))");
    return "a named group is written (?P<name>...) in RE2 syntax";
  }
  for (const Unsupported& u : kUnsupported) {
    if (arg.starts_with(u.error_arg)) return unsupported(u.feature);
  }
  if (re.error_code() == RE2::ErrorRepeatSize) {
    return fmt::format("the repetition {} is too large (at most 1000 in all)", arg);
  }
  if (re.error_code() == RE2::ErrorPatternTooLarge) return "the pattern is too large";
  return fmt::format("not a valid regular expression: {}", re.error());
}

// The run's compiled patterns; a checklist holds few distinct ones.
const RE2& compiled(std::string_view pattern) {
  static std::map<std::string, std::unique_ptr<RE2>, std::less<>> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    if (cache.size() >= 1024) cache.clear(); // bounded, whatever the checklists hold
    it = cache.emplace(std::string(pattern), std::make_unique<RE2>(pattern, options())).first;
  }
  return *it->second;
}

} // namespace

std::string pattern_problem(std::string_view pattern) {
  const RE2& re = compiled(pattern);
  return re.ok() ? std::string() : describe(re, pattern);
}

bool pattern_matches(std::string_view pattern, std::string_view text) {
  const RE2& re = compiled(pattern);
  return re.ok() && RE2::FullMatch(text, re);
}

} // namespace cna
