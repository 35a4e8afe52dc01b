#pragma once
// `*` globs over keys, tags and action names: `*` matches any run of characters, nothing else is special.
#include <string>
#include <string_view>

namespace core::policy {

class Glob {
 public:
  Glob() = default;
  // A case-insensitive glob lower-cases its pattern: match it against lower-cased text.
  explicit Glob(std::string pattern, bool case_insensitive = false);

  bool matches(std::string_view text) const noexcept {  // inline: the engine's hottest call
    const std::string_view literal = literal_;
    switch (kind_) {
      case Kind::Any: return true;
      case Kind::Exact: return text.size() == literal.size() && same_chars(text.data(), literal);
      case Kind::Prefix: return text.size() >= literal.size() && same_chars(text.data(), literal);
      case Kind::Suffix: return text.size() >= literal.size() && text.substr(text.size() - literal.size()) == literal;
      case Kind::General: return general_match(text);
    }
    return false;
  }
  bool matches_everything() const { return kind_ == Kind::Any; }
  const std::string& pattern() const { return pattern_; }

 private:
  enum class Kind { Exact, Prefix, Suffix, Any, General };
  // Keys are short: an inline loop beats a call to memcmp.
  static bool same_chars(const char* text, std::string_view literal) noexcept {
    for (std::size_t i = 0; i < literal.size(); ++i)
      if (text[i] != literal[i]) return false;
    return true;
  }
  bool general_match(std::string_view text) const noexcept;

  std::string pattern_;   // lower-cased when case-insensitive
  std::string literal_;   // the non-star part for Exact, Prefix and Suffix
  Kind kind_ = Kind::Exact;
};

std::string to_lower(std::string_view text);

}  // namespace core::policy
