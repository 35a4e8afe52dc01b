#include "core/policy/glob.hpp"

#include <algorithm>

namespace core::policy {
namespace {

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_chars(char pattern_char, char text_char, bool case_insensitive) {
  return case_insensitive ? pattern_char == lower(text_char) : pattern_char == text_char;
}

}  // namespace

std::string to_lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(), lower);
  return result;
}

Glob::Glob(std::string pattern, bool case_insensitive)
    : pattern_(case_insensitive ? to_lower(pattern) : std::move(pattern)), case_insensitive_(case_insensitive) {
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

bool Glob::matches(std::string_view text) const {
  auto same = [this](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!equal_chars(a[i], b[i], case_insensitive_)) return false;
    return true;
  };
  switch (kind_) {
    case Kind::Any: return true;
    case Kind::Exact: return same(literal_, text);
    case Kind::Prefix: return text.size() >= literal_.size() && same(literal_, text.substr(0, literal_.size()));
    case Kind::Suffix:
      return text.size() >= literal_.size() && same(literal_, text.substr(text.size() - literal_.size()));
    case Kind::General: return general_match(text);
  }
  return false;
}

// Iterative glob matching with one backtrack point: linear in practice, never exponential.
bool Glob::general_match(std::string_view text) const {
  std::size_t p = 0, t = 0, star = std::string::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern_.size() && pattern_[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern_.size() && equal_chars(pattern_[p], text[t], case_insensitive_)) {
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
