#pragma once
// Resource specifiers ("proj/*:env/production;{critical:true}:flag/ops_*;view:${roleAttribute/views}"):
// parsing with column-accurate errors, role-attribute expansion, and matching against concrete resources.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/glob.hpp"
#include "core/policy/options.hpp"
#include "core/policy/resource.hpp"
#include "core/result.hpp"

namespace core::policy {

using RoleAttributes = std::map<std::string, std::vector<std::string>>;

// One segment as written; key, tags and views may still hold ${roleAttribute/NAME} placeholders.
struct SegmentPattern {
  std::string type;
  std::string key = "*";
  std::vector<std::string> tags;
  std::vector<std::string> views;
  std::optional<bool> critical;
  std::vector<std::string> unknown_properties;  // {name:value} other than critical: they never match
};

struct SpecifierPattern {
  std::string text;
  bool any = false;  // the bare "*"
  std::vector<SegmentPattern> segments;
  std::vector<std::string> attribute_names;  // placeholders used, in order of first appearance

  std::vector<std::string> types() const;
};

// Parses a specifier. Errors carry the 1-based column of the offending character.
Result<SpecifierPattern> parse_specifier(std::string_view text, const Semantics& semantics = default_semantics());

// A segment ready to match: placeholders expanded, globs compiled.
struct SegmentMatcher {
  std::string type;
  TypeId type_id = kUnknownType;
  Glob key;
  std::vector<Glob> tags;
  std::vector<Glob> views;
  std::optional<bool> critical;
  bool never_matches = false;  // an unknown property selector

  bool matches(const ResourceSegment& segment, const Semantics& semantics) const noexcept {
    return matches(segment.type_id, segment.type, segment.key, segment.props, semantics);
  }
  bool matches(TypeId segment_type_id, std::string_view segment_type, std::string_view segment_key,
               const SegmentProperties& props, const Semantics& semantics) const noexcept;
  // Everything but the type: key glob, selectors, tags and views.
  bool matches_key_and_properties(std::string_view segment_key, const SegmentProperties& props,
                                  const Semantics& semantics) const noexcept {
    if (never_matches || !key.matches(segment_key)) return false;
    return !has_selectors || matches_selectors(props, semantics);
  }
  bool matches_selectors(const SegmentProperties& props, const Semantics& semantics) const noexcept;
  bool has_selectors = false;  // tags, views or critical
  // True when this segment matches every resource segment of its type (no key glob, tags or selectors).
  bool matches_all_of_type() const;
};

struct SpecifierMatcher {
  std::string text;  // the specifier after expansion, for reasons
  bool any = false;
  std::vector<SegmentMatcher> segments;
  Shape shape = kOddShape;                // the types, packed like Resource::shape()
  std::vector<std::uint8_t> constraining;  // segments that select something beyond their type

  bool matches(const Resource& resource, const Semantics& semantics) const noexcept;
  // For a resource already known to have this specifier's shape: only the selective segments are looked at.
  bool matches_same_shape(const Resource& resource, const Semantics& semantics) const noexcept {
    const auto& resource_segments = resource.segments();
    for (std::uint8_t i : constraining)
      if (!segments[i].matches_key_and_properties(resource_segments[i].key, resource_segments[i].props, semantics))
        return false;
    return true;
  }
  void prepare();  // computes shape and constraining from segments
};

struct Expansion {
  std::vector<SpecifierMatcher> matchers;       // empty when an attribute is missing: matches nothing
  std::vector<std::string> missing_attributes;  // names with no value
};

// The most a role's policy may expand to with one set of role-attribute values, in specifiers of up to
// kExpansionUnitLength characters: every specifier counts the combinations of its values (one without
// placeholders counts one), and a longer expansion counts one per kExpansionUnitLength characters. A role
// past it allows nothing: a partial expansion would drop denies as well as allows.
inline constexpr std::size_t kMaxPolicyExpansions = 4096;
inline constexpr std::size_t kExpansionUnitLength = 64;
// A specifier longer than this does not parse.
inline constexpr std::size_t kMaxSpecifierLength = 1024;

// How many specifiers the pattern expands to with these values (0 when an attribute has none), saturating
// just past kMaxPolicyExpansions.
std::size_t expansion_count(const SpecifierPattern& pattern, const RoleAttributes& attributes);
// expansion_count weighted by length: each expansion costs one per kExpansionUnitLength characters of the
// longest text it can take (its own text with every placeholder replaced by that attribute's longest value).
std::size_t expansion_cost(const SpecifierPattern& pattern, const RoleAttributes& attributes);

// Replaces each placeholder by each value of its attribute (several placeholders: every combination).
// Callers bound the work with expansion_count first; as a last resort it stops at kMaxPolicyExpansions.
Expansion expand_specifier(const SpecifierPattern& pattern, const RoleAttributes& attributes,
                           const Semantics& semantics = default_semantics());

}  // namespace core::policy
