#include "core/policy/specifier.hpp"

#include <algorithm>

namespace core::policy {
namespace {

constexpr std::string_view kPlaceholderStart = "${roleAttribute/";

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alnum(char c) { return is_lower(c) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_key_char(char c) { return is_alnum(c) || c == '.' || c == '_' || c == '-'; }
bool is_attribute_char(char c) { return is_alnum(c) || c == '_' || c == '-' || c == '.'; }

std::string describe_char(char c) {
  if (c >= 0x20 && c < 0x7f) return std::string("'") + c + "'";
  return "byte " + std::to_string(static_cast<unsigned char>(c));
}

class Parser {
 public:
  Parser(std::string_view text, const Semantics& semantics) : text_(text), semantics_(semantics) {}

  Result<SpecifierPattern> parse() {
    SpecifierPattern pattern;
    pattern.text = std::string(text_);
    if (text_.empty()) return fail("empty resource specifier", 0);
    if (text_ == "*") {
      if (!semantics_.bare_star_matches_all) return fail("the bare \"*\" resource is not accepted", 0);
      pattern.any = true;
      return pattern;
    }
    for (;;) {
      SegmentPattern segment;
      if (!parse_segment(segment)) return error_;
      pattern.segments.push_back(std::move(segment));
      if (at_end()) break;
      if (peek() != ':') return fail("expected ':' or the end after a segment, found " + describe_char(peek()), pos_);
      ++pos_;
    }
    pattern.attribute_names = std::move(attribute_names_);
    return pattern;
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  Error fail(std::string message, std::size_t at) {
    error_ = Error{std::move(message), "", static_cast<int>(at) + 1};
    return error_;
  }

  bool parse_segment(SegmentPattern& segment) {
    const std::size_t start = pos_;
    while (!at_end() && (is_lower(peek()) || (pos_ > start && (peek() == '-' || (peek() >= '0' && peek() <= '9')))))
      ++pos_;
    if (pos_ == start) {
      if (at_end()) fail("empty segment: a resource type is missing at the end", pos_);
      else fail("expected a resource type (lower-case letters), found " + describe_char(peek()), pos_);
      return false;
    }
    segment.type = std::string(text_.substr(start, pos_ - start));
    if (!at_end() && peek() == '/') {
      ++pos_;
      if (!parse_pattern(segment.key, "key", /*stop_at_comma=*/false)) return false;
    }
    if (!at_end() && peek() == ';') {
      ++pos_;
      for (;;) {
        if (!parse_modifier(segment)) return false;
        if (at_end() || peek() != ',') break;
        ++pos_;
      }
    }
    return true;
  }

  // A key, tag or view pattern: key characters, '*' globs and ${roleAttribute/NAME} placeholders.
  bool parse_pattern(std::string& out, const char* what, bool stop_at_comma) {
    const std::size_t start = pos_;
    while (!at_end()) {
      char c = peek();
      if (c == ':' || c == ';' || (stop_at_comma && c == ',')) break;
      if (c == '$') {
        if (!parse_placeholder()) return false;
        continue;
      }
      if (!is_key_char(c) && c != '*') {
        fail(std::string("invalid character ") + describe_char(c) + " in a " + what +
                 " (letters, digits, '.', '_', '-', '*' and ${roleAttribute/NAME} are allowed)",
             pos_);
        return false;
      }
      ++pos_;
    }
    if (pos_ == start) {
      fail(std::string("empty ") + what, pos_);
      return false;
    }
    out = std::string(text_.substr(start, pos_ - start));
    return true;
  }

  bool parse_placeholder() {
    const std::size_t start = pos_;
    if (text_.substr(pos_, kPlaceholderStart.size()) != kPlaceholderStart) {
      fail("'$' starts a placeholder, which must read ${roleAttribute/NAME}", pos_);
      return false;
    }
    pos_ += kPlaceholderStart.size();
    const std::size_t name_start = pos_;
    while (!at_end() && is_attribute_char(peek())) ++pos_;
    if (pos_ == name_start) {
      fail("a role attribute placeholder needs a name: ${roleAttribute/NAME}", pos_);
      return false;
    }
    if (at_end() || peek() != '}') {
      fail("unterminated placeholder: expected '}'", at_end() ? start : pos_);
      return false;
    }
    std::string name(text_.substr(name_start, pos_ - name_start));
    ++pos_;
    if (std::find(attribute_names_.begin(), attribute_names_.end(), name) == attribute_names_.end())
      attribute_names_.push_back(std::move(name));
    return true;
  }

  bool parse_modifier(SegmentPattern& segment) {
    if (at_end()) {
      fail("empty tag or selector after ';'", pos_);
      return false;
    }
    if (peek() == '{') return parse_property(segment);
    if (text_.substr(pos_, 5) == "view:") {
      pos_ += 5;
      std::string view;
      if (!parse_pattern(view, "view key", /*stop_at_comma=*/true)) return false;
      segment.views.push_back(std::move(view));
      return true;
    }
    std::string tag;
    if (!parse_pattern(tag, "tag", /*stop_at_comma=*/true)) return false;
    segment.tags.push_back(std::move(tag));
    return true;
  }

  bool parse_property(SegmentPattern& segment) {
    const std::size_t open = pos_++;
    const std::size_t name_start = pos_;
    while (!at_end() && is_alnum(peek())) ++pos_;
    std::string name(text_.substr(name_start, pos_ - name_start));
    if (name.empty()) {
      fail("a property selector needs a name: {critical:true}", pos_);
      return false;
    }
    if (at_end() || peek() != ':') {
      fail("expected ':' in the property selector", at_end() ? open : pos_);
      return false;
    }
    ++pos_;
    const std::size_t value_start = pos_;
    while (!at_end() && is_key_char(peek())) ++pos_;
    std::string value(text_.substr(value_start, pos_ - value_start));
    if (at_end() || peek() != '}') {
      fail("unterminated property selector: expected '}'", at_end() ? open : pos_);
      return false;
    }
    ++pos_;
    if (name == "critical") {
      if (value != "true" && value != "false") {
        fail("{critical:...} takes true or false, not \"" + value + "\"", value_start);
        return false;
      }
      segment.critical = value == "true";
    } else {
      segment.unknown_properties.push_back(name);
    }
    return true;
  }

  std::string_view text_;
  const Semantics& semantics_;
  std::size_t pos_ = 0;
  Error error_;
  std::vector<std::string> attribute_names_;
};

std::string substitute(const std::string& text, const std::map<std::string, const std::string*>& values) {
  if (text.find('$') == std::string::npos) return text;
  std::string result;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, kPlaceholderStart.size(), kPlaceholderStart) == 0) {
      const std::size_t close = text.find('}', i);
      const std::string name = text.substr(i + kPlaceholderStart.size(), close - i - kPlaceholderStart.size());
      result += *values.at(name);
      i = close + 1;
    } else {
      result += text[i++];
    }
  }
  return result;
}

SpecifierMatcher compile(const SpecifierPattern& pattern, const std::map<std::string, const std::string*>& values,
                         const Semantics& semantics) {
  SpecifierMatcher matcher;
  matcher.any = pattern.any;
  if (pattern.any) {
    matcher.text = "*";
    return matcher;
  }
  for (std::size_t i = 0; i < pattern.segments.size(); ++i) {
    const SegmentPattern& segment = pattern.segments[i];
    SegmentMatcher compiled;
    compiled.type = segment.type;
    compiled.type_id = type_id(segment.type);
    std::string key = substitute(segment.key, values);
    std::string text = segment.type + "/" + key;
    compiled.key = Glob(std::move(key));
    std::vector<std::string> modifiers;
    for (const auto& tag : segment.tags) {
      std::string value = substitute(tag, values);
      modifiers.push_back(value);
      compiled.tags.emplace_back(std::move(value), semantics.tags_case_insensitive);
    }
    if (segment.critical) modifiers.push_back(*segment.critical ? "{critical:true}" : "{critical:false}");
    for (const auto& view : segment.views) {
      std::string value = substitute(view, values);
      modifiers.push_back("view:" + value);
      compiled.views.emplace_back(std::move(value));
    }
    for (const auto& property : segment.unknown_properties) modifiers.push_back("{" + property + ":...}");
    compiled.critical = segment.critical;
    compiled.never_matches = !segment.unknown_properties.empty();
    compiled.has_selectors = compiled.critical.has_value() || !compiled.tags.empty() || !compiled.views.empty();
    for (std::size_t m = 0; m < modifiers.size(); ++m) text += (m == 0 ? ";" : ",") + modifiers[m];
    matcher.text += (i == 0 ? "" : ":") + text;
    matcher.segments.push_back(std::move(compiled));
  }
  matcher.prepare();
  return matcher;
}

}  // namespace

std::vector<std::string> SpecifierPattern::types() const {
  std::vector<std::string> result;
  for (const auto& segment : segments) result.push_back(segment.type);
  return result;
}

Result<SpecifierPattern> parse_specifier(std::string_view text, const Semantics& semantics) {
  if (text.size() > kMaxSpecifierLength)
    return Error{"a resource specifier may be at most " + std::to_string(kMaxSpecifierLength) + " characters long", "",
                 static_cast<int>(kMaxSpecifierLength) + 1, Refusal::Limit};
  return Parser(text, semantics).parse();
}

bool SegmentMatcher::matches_all_of_type() const {
  return key.matches_everything() && tags.empty() && views.empty() && !critical && !never_matches;
}

bool SegmentMatcher::matches(TypeId segment_type_id, std::string_view segment_type, std::string_view segment_key,
                             const SegmentProperties& props, const Semantics& semantics) const noexcept {
  if (segment_type_id != type_id || (type_id == kUnknownType && segment_type != type)) return false;
  return matches_key_and_properties(segment_key, props, semantics);
}

bool SegmentMatcher::matches_selectors(const SegmentProperties& props, const Semantics& semantics) const noexcept {
  if (critical && props.critical != *critical) return false;
  if (!tags.empty()) {
    const auto& resource_tags = semantics.tags_case_insensitive ? props.tags_lower : props.tags;
    auto tag_present = [&](const Glob& glob) {
      return std::any_of(resource_tags.begin(), resource_tags.end(), [&](const std::string& t) { return glob.matches(t); });
    };
    const bool ok = semantics.tags_match_any ? std::any_of(tags.begin(), tags.end(), tag_present)
                                             : std::all_of(tags.begin(), tags.end(), tag_present);
    if (!ok) return false;
  }
  for (const Glob& view : views) {
    if (std::none_of(props.views.begin(), props.views.end(), [&](const std::string& v) { return view.matches(v); }))
      return false;
  }
  return true;
}

void SpecifierMatcher::prepare() {
  std::vector<TypeId> types;
  constraining.clear();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    types.push_back(segments[i].type_id);
    if (!segments[i].matches_all_of_type()) constraining.push_back(static_cast<std::uint8_t>(i));
  }
  shape = shape_of(types);
}

bool SpecifierMatcher::matches(const Resource& resource, const Semantics& semantics) const noexcept {
  if (any) return true;
  // The fast path: equal shapes mean equal types at every depth, so only selective segments need a look.
  if (shape != kOddShape && !semantics.hierarchical_matching)
    return shape == resource.shape() && matches_same_shape(resource, semantics);
  const auto& resource_segments = resource.segments();
  if (segments.size() > resource_segments.size()) return false;
  if (segments.size() < resource_segments.size() && !semantics.hierarchical_matching) return false;
  for (std::size_t i = 0; i < segments.size(); ++i)
    if (!segments[i].matches(resource_segments[i], semantics)) return false;
  return true;
}

std::size_t expansion_count(const SpecifierPattern& pattern, const RoleAttributes& attributes) {
  std::size_t count = 1;
  for (const auto& name : pattern.attribute_names) {
    auto it = attributes.find(name);
    if (it == attributes.end() || it->second.empty()) return 0;
    count = std::min(count * std::min(it->second.size(), kMaxPolicyExpansions + 1), kMaxPolicyExpansions + 1);
  }
  return count;
}

std::size_t expansion_cost(const SpecifierPattern& pattern, const RoleAttributes& attributes) {
  const std::size_t count = expansion_count(pattern, attributes);
  if (count == 0) return 0;
  std::size_t longest = pattern.text.size();
  for (const auto& name : pattern.attribute_names) {
    std::size_t value_length = 0;
    for (const auto& value : attributes.at(name)) value_length = std::max(value_length, value.size());
    const std::string placeholder = "${roleAttribute/" + name + "}";
    std::size_t uses = 0;
    for (auto at = pattern.text.find(placeholder); at != std::string::npos; at = pattern.text.find(placeholder, at + 1)) ++uses;
    longest += uses * value_length;  // an upper bound: the placeholders' own text is not taken off
  }
  const std::size_t units = (longest + kExpansionUnitLength - 1) / kExpansionUnitLength;
  return std::min(count * std::min(units, kMaxPolicyExpansions + 1), kMaxPolicyExpansions + 1);
}

Expansion expand_specifier(const SpecifierPattern& pattern, const RoleAttributes& attributes,
                           const Semantics& semantics) {
  Expansion expansion;
  std::vector<const std::vector<std::string>*> value_lists;
  for (const auto& name : pattern.attribute_names) {
    auto it = attributes.find(name);
    if (it == attributes.end() || it->second.empty()) {
      expansion.missing_attributes.push_back(name);
      continue;
    }
    value_lists.push_back(&it->second);
  }
  if (!expansion.missing_attributes.empty()) return expansion;

  // Odometer over every combination of values.
  std::vector<std::size_t> choice(value_lists.size(), 0);
  for (;;) {
    std::map<std::string, const std::string*> values;
    for (std::size_t i = 0; i < value_lists.size(); ++i)
      values[pattern.attribute_names[i]] = &(*value_lists[i])[choice[i]];
    expansion.matchers.push_back(compile(pattern, values, semantics));
    if (expansion.matchers.size() >= kMaxPolicyExpansions) break;
    std::size_t digit = 0;
    while (digit < choice.size() && ++choice[digit] == value_lists[digit]->size()) choice[digit++] = 0;
    if (digit == choice.size()) break;
  }
  return expansion;
}

}  // namespace core::policy
