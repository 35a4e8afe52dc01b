#pragma once
// The one owner of a secret's bytes (an access token, a one-time token secret): overwritten when it is
// released, replaced or moved from, and never copied by accident. Its bytes are read through reveal(), so that
// every place a copy could be made is one a reviewer can find.
#include <span>
#include <string>
#include <string_view>

namespace core::api {

// Overwrites every byte a buffer owns (a string: up to its capacity, not only its size), in a way the compiler
// may not leave out, and leaves it empty.
void wipe(std::string& text);
void wipe(std::span<char> bytes);

class Secret {
 public:
  Secret() = default;
  // Takes the text's bytes: the string is left empty and what it still held is wiped.
  static Secret take(std::string& text);
  static Secret take(std::string&& text) { return take(text); }
  // A copy of bytes that someone else owns and wipes (a text field's buffer, the demo member's token).
  static Secret copy_of(std::string_view bytes);

  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  Secret(Secret&& other) noexcept;
  Secret& operator=(Secret&& other) noexcept;
  ~Secret() { forget(); }

  void forget();  // wiped, then released
  bool empty() const { return bytes_.empty(); }
  std::size_t size() const { return bytes_.size(); }
  std::string_view reveal() const { return bytes_; }
  const char* reveal_c_str() const { return bytes_.c_str(); }  // for a C or JavaScript call that reads it in place

 private:
  std::string bytes_;
};

}  // namespace core::api
