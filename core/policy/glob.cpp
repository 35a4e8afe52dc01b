#include "core/policy/glob.hpp"

#include <algorithm>

namespace core::policy {
namespace {

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string to_lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(), lower);
  return result;
}

Glob::Glob(std::string pattern, bool case_insensitive)
    : pattern_(case_insensitive ? to_lower(pattern) : std::move(pattern)) {
  const auto stars = std::count(pattern_.begin(), pattern_.end(), '*');
  if (stars == 0) {
    kind_ = Kind::Exact;
    literal_ = pattern_;
  } else if (pattern_.find_first_not_of('*') == std::string::npos) {
    kind_ = Kind::Any;
  } else if (stars == 1 && pattern_.back() == '*') {
    kind_ = Kind::Prefix;
    literal_ = pattern_.substr(0, pattern_.size() - 1);
  } else if (stars == 1 && pattern_.front() == '*') {
    kind_ = Kind::Suffix;
    literal_ = pattern_.substr(1);
  } else {
    kind_ = Kind::General;
  }
}

// Iterative glob matching with one backtrack point: linear in practice, never exponential.
bool Glob::general_match(std::string_view text) const noexcept {
  std::size_t p = 0, t = 0, star = std::string::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern_.size() && pattern_[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern_.size() && pattern_[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern_.size() && pattern_[p] == '*') ++p;
  return p == pattern_.size();
}

}  // namespace core::policy
