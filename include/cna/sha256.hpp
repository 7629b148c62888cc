#pragma once

#include <string>
#include <string_view>

namespace cna {

// Lower-case hex SHA-256 of the bytes.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

} // namespace cna
