#include "core/policy/resource.hpp"

#include "core/policy/glob.hpp"

namespace core::policy {
namespace {

bool is_type_char(char c) { return (c >= 'a' && c <= 'z') || c == '-' || (c >= '0' && c <= '9'); }
bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

}  // namespace

void SegmentProperties::set_tags(std::vector<std::string> new_tags) {
  tags = std::move(new_tags);
  tags_lower.clear();
  for (const auto& tag : tags) tags_lower.push_back(to_lower(tag));
}

Shape shape_of(const std::vector<TypeId>& types) {
  if (types.empty() || types.size() > 7) return kOddShape;
  Shape shape = types.size();
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (types[i] == kUnknownType) return kOddShape;
    shape |= Shape{types[i]} << (8 * (i + 1));
  }
  return shape;
}

void Resource::update_shape() {
  shape_ = segments_.empty() || segments_.size() > 7 ? kOddShape : Shape{segments_.size()};
  for (std::size_t i = 0; i < segments_.size() && shape_ != kOddShape; ++i)
    shape_ = segments_[i].type_id == kUnknownType ? kOddShape : shape_ | Shape{segments_[i].type_id} << (8 * (i + 1));
}

const ResourceSegment* Resource::find(std::string_view type) const {
  for (const auto& segment : segments_)
    if (segment.type == type) return &segment;
  return nullptr;
}

ResourceSegment* Resource::find(std::string_view type) {
  for (auto& segment : segments_)
    if (segment.type == type) return &segment;
  return nullptr;
}

std::string Resource::text() const {
  std::string result;
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    if (i > 0) result += ':';
    result += segments_[i].type;
    if (segments_[i].key != "*") result += "/" + segments_[i].key;
  }
  return result;
}

Result<Resource> parse_resource(std::string_view text) {
  std::vector<ResourceSegment> segments;
  std::size_t pos = 0;
  auto fail = [&](const std::string& message) { return Error{message, "", static_cast<int>(pos) + 1}; };
  if (text.empty()) return Error{"empty resource", "", 1};
  for (;;) {
    const std::size_t type_start = pos;
    while (pos < text.size() && is_type_char(text[pos])) ++pos;
    if (pos == type_start) return fail("expected a resource type");
    ResourceSegment segment(std::string(text.substr(type_start, pos - type_start)), "*");
    if (pos < text.size() && text[pos] == '/') {
      const std::size_t key_start = ++pos;
      while (pos < text.size() && is_key_char(text[pos])) ++pos;
      if (pos < text.size() && text[pos] == '*') return fail("a concrete resource has no globs: name one resource");
      if (pos == key_start) return fail("empty key: a concrete resource needs one");
      segment.key = std::string(text.substr(key_start, pos - key_start));
    }
    segments.push_back(std::move(segment));
    if (pos == text.size()) break;
    if (text[pos] != ':') return fail("a concrete resource has no globs, tags or selectors: unexpected character");
    ++pos;
  }
  return Resource(std::move(segments));
}

}  // namespace core::policy
