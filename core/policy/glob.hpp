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

  bool matches(std::string_view text) const;
  bool matches_everything() const { return kind_ == Kind::Any; }
  const std::string& pattern() const { return pattern_; }

 private:
  enum class Kind { Exact, Prefix, Suffix, Any, General };
  bool general_match(std::string_view text) const;

  std::string pattern_;   // lower-cased when case-insensitive
  std::string literal_;   // the non-star part for Exact, Prefix and Suffix
  Kind kind_ = Kind::Exact;
};

std::string to_lower(std::string_view text);

}  // namespace core::policy
