#pragma once
// Concrete resources ("proj/default:env/production:flag/my-flag"): fully keyed, no globs, each segment
// with the properties specifiers can select on (tags, critical, views).
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

struct ResourceSegment {
  std::string type;
  std::string key;
  SegmentProperties props;

  const SegmentProperties& properties() const { return props; }
};

class Resource {
 public:
  Resource() = default;
  explicit Resource(std::vector<ResourceSegment> segments) : segments_(std::move(segments)) {}

  const std::vector<ResourceSegment>& segments() const { return segments_; }
  std::vector<ResourceSegment>& segments() { return segments_; }
  // The segment of the given type, or nullptr.
  const ResourceSegment* find(std::string_view type) const;
  ResourceSegment* find(std::string_view type);
  const std::string& type() const { return segments_.back().type; }
  std::string text() const;

 private:
  std::vector<ResourceSegment> segments_;
};

// Parses "type/key(:type/key)*". A keyless singleton ("acct") gets the key "*" so that its implicit
// "acct" specifier (key "*") matches it. Globs, tags and placeholders are errors here (with the column).
Result<Resource> parse_resource(std::string_view text);

}  // namespace core::policy
