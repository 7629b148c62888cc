// The fuzz targets' bodies, shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.cpp) and the unit
// test that replays the committed corpus (tests/unit/test_fuzz_corpus.cpp). Each feeds one input
// to a loader: a cna::Error (bad input, refused) is fine; a crash, a sanitizer report or a broken
// invariant (thrown as BrokenInvariant) is a bug.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cna::fuzz {

class BrokenInvariant : public std::logic_error {
public:
  using std::logic_error::logic_error;
};

// load_checklist; a checklist that loads has no error, and its conditions evaluate.
void checklist(std::string_view data);
// parse_assessment; what parses serializes to text that parses back equal, byte-stable.
void assessment(std::string_view data);
// parse_condition, then check_condition and evaluate against a fixed checklist and answers.
void condition(std::string_view data);
// parse_input for the item type the first byte picks, the rest split into lines; an accepted
// value passes check_value and reads back the same from value_to_input. Also :unknown and :na.
void input(std::string_view data);

// Three assessments separated by lines of "%%" (BASE, OURS, THEIRS) through parse_merge_input and
// merge(); the result saves and loads back equal; conflicts do not depend on which side is ours;
// a one-sided change or the same change on both sides never conflicts.
void merge(std::string_view data);
// A proposal template (whose partial "p" is itself) checked, then rendered against a fixed
// report: a template that passes the check renders without an error.
// The render runs with a small work budget: refusing to go past it is fine, any other failure not.
void template_(std::string_view data);
// A pattern (the first line) and an answer (the rest): compiled and matched within 100 ms, and a
// pattern that compiles validates in a checklist.
void pattern(std::string_view data);

struct Target {
  const char* name; // the corpus folder: tests/fuzz/corpus/<name>/
  void (*run)(std::string_view data);
};

// Every target, for the replay.
[[nodiscard]] const std::vector<Target>& targets();

} // namespace cna::fuzz
