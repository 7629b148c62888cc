// Files of the project compiled into the binary (checklists/*.json, src/templates/*).
#pragma once

#include <string_view>
#include <vector>

namespace cna {

struct BuiltinFile {
  std::string_view name; // "checklists/discovery.json"
  std::string_view content;
  std::string_view sha256; // of content, computed at build time (start-up cost)
};

[[nodiscard]] const std::vector<BuiltinFile>& builtin_files();

} // namespace cna
