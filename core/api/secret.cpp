#include "core/api/secret.hpp"

#include <utility>

namespace core::api {

void wipe(std::span<char> bytes) {
  // Through a volatile pointer: stores to memory about to be released are otherwise dead to the optimizer.
  volatile char* byte = bytes.data();
  for (std::size_t i = 0; i < bytes.size(); ++i) byte[i] = '\0';
}

void wipe(std::string& text) {
  text.resize(text.capacity());  // in place: the bytes past the size (left by earlier, longer contents) count too
  wipe(std::span<char>(text.data(), text.size()));
  text.clear();
}

Secret Secret::take(std::string& text) {
  Secret secret;
  secret.bytes_ = std::move(text);  // the buffer changes hands (a short string's bytes are copied)
  wipe(text);
  return secret;
}

Secret Secret::copy_of(std::string_view bytes) {
  Secret secret;
  secret.bytes_.assign(bytes);
  return secret;
}

Secret::Secret(Secret&& other) noexcept : bytes_(std::move(other.bytes_)) { wipe(other.bytes_); }

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    forget();
    bytes_ = std::move(other.bytes_);
    wipe(other.bytes_);
  }
  return *this;
}

void Secret::forget() {
  wipe(bytes_);
  std::string().swap(bytes_);  // the wiped buffer is released
}

}  // namespace core::api
