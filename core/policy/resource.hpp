#pragma once
// Concrete resources ("proj/default:env/production:flag/my-flag"): fully keyed, no globs, each segment
// with the properties specifiers can select on (tags, critical, views).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace core::policy {

struct SegmentProperties {
  std::vector<std::string> tags;
  std::vector<std::string> tags_lower;  // kept beside tags for case-insensitive matching
  std::vector<std::string> views;
  bool critical = false;  // an environment with no value is not critical

  void set_tags(std::vector<std::string> new_tags);
};

// A resource type's index in the catalogue (compared instead of the name on the hot path).
using TypeId = std::uint8_t;
inline constexpr TypeId kUnknownType = 0xFF;
TypeId type_id(std::string_view type);

struct ResourceSegment {
  ResourceSegment() = default;
  ResourceSegment(std::string segment_type, std::string segment_key, SegmentProperties segment_props = {})
      : type(std::move(segment_type)), key(std::move(segment_key)), props(std::move(segment_props)),
        type_id(core::policy::type_id(type)) {}

  std::string type;  // set through the constructor, which keeps type_id in step
  std::string key;
  SegmentProperties props;
  TypeId type_id = kUnknownType;
};

// The chain of a resource's segment types packed in 64 bits (depth and up to seven type ids); resources
// and specifiers of the same shape compare equal. Chains too long or with unknown types get kOddShape.
using Shape = std::uint64_t;
inline constexpr Shape kOddShape = ~Shape{0};
Shape shape_of(const std::vector<TypeId>& types);

class Resource {
 public:
  Resource() = default;
  explicit Resource(std::vector<ResourceSegment> segments) : segments_(std::move(segments)) { update_shape(); }

  const std::vector<ResourceSegment>& segments() const { return segments_; }
  // Changing keys and properties is fine; changing types needs update_shape().
  std::vector<ResourceSegment>& segments() { return segments_; }
  Shape shape() const { return shape_; }
  void update_shape();
  // The segment of the given type, or nullptr.
  const ResourceSegment* find(std::string_view type) const;
  ResourceSegment* find(std::string_view type);
  const std::string& type() const { return segments_.back().type; }
  std::string text() const;

 private:
  std::vector<ResourceSegment> segments_;
  Shape shape_ = kOddShape;
};

// Parses "type/key(:type/key)*". A keyless singleton ("acct") gets the key "*" so that its implicit
// "acct" specifier (key "*") matches it. Globs, tags and placeholders are errors here (with the column).
Result<Resource> parse_resource(std::string_view text);

}  // namespace core::policy
