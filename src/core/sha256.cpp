#include "cna/sha256.hpp"

#include <sha2.h>

namespace cna {

std::string sha256_hex(std::string_view bytes) {
  SHA2_CTX ctx;
  SHA256Init(&ctx);
  SHA256Update(&ctx, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  char hex[SHA256_DIGEST_STRING_LENGTH];
  SHA256End(&ctx, hex);
  return hex;
}

} // namespace cna
