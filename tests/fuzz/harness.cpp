// The libFuzzer harness of every target: built once per entry of entries.hpp, as fuzz_<entry>,
// with CNA_FUZZ_ENTRY naming it (tests/fuzz/CMakeLists.txt). The bodies live in entries.cpp, shared
// with the unit test that replays the corpus.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  cna::fuzz::CNA_FUZZ_ENTRY(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
