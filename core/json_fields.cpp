#include "core/json_fields.hpp"

#include <algorithm>
#include <charconv>

namespace core {
namespace {

std::string escape_token(const std::string& token) {
  std::string escaped;
  for (char c : token) {
    if (c == '~') escaped += "~0";
    else if (c == '/') escaped += "~1";
    else escaped += c;
  }
  return escaped;
}

const char* type_name(const Json& value) { return value.type_name(); }

// The deepest nesting of arrays and objects in JSON text (strings skipped), stopping once past `limit`.
std::size_t nesting_depth(std::string_view text, std::size_t limit) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size() && deepest <= limit; ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// Ignores a document's events and keeps where parsing stopped, without exceptions (the console has none).
struct FirstParseError {
  std::size_t byte = 0;
  std::string message = "invalid JSON";

  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(Json::number_integer_t) { return true; }
  bool number_unsigned(Json::number_unsigned_t) { return true; }
  bool number_float(Json::number_float_t, const std::string&) { return true; }
  bool string(std::string&) { return true; }
  bool binary(Json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(std::string&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) {
    byte = position;
    const std::string what = error.what();  // "[json.exception.parse_error.101] parse error at ...: <why>"
    if (const auto colon = what.find(": "); colon != std::string::npos) message = what.substr(colon + 2);
    return false;
  }
};

}  // namespace

Result<Json> parse_json(std::string_view text) {
  // Nothing this project reads nests deeply; bounding it keeps recursive walks (dump, destruction) shallow.
  if (nesting_depth(text, kMaxJsonDepth) > kMaxJsonDepth)
    return Error{"JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep", "", -1, Refusal::Limit};
  Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    // Parse again, as events, only to learn where it failed; the cost is paid on the error path alone.
    FirstParseError error;
    Json::sax_parse(text, &error);
    return Error{"invalid JSON at byte " + std::to_string(error.byte) + ": " + error.message, "", -1};
  }
  return parsed;
}

std::string child_pointer(const std::string& parent, const std::string& key) {
  return parent + "/" + escape_token(key);
}

std::string child_pointer(const std::string& parent, std::size_t index) {
  return parent + "/" + std::to_string(index);
}

Result<std::string> read_string(const Json& object, const std::string& key, const std::string& pointer) {
  const auto at = child_pointer(pointer, key);
  auto it = object.find(key);
  if (it == object.end()) return Error{"missing required field \"" + key + "\"", at, -1};
  if (!it->is_string()) return Error{"\"" + key + "\" must be a string, not " + type_name(*it), at, -1};
  return it->get<std::string>();
}

Result<std::optional<std::string>> read_optional_string(const Json& object, const std::string& key,
                                                        const std::string& pointer) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_string())
    return Error{"\"" + key + "\" must be a string, not " + type_name(*it), child_pointer(pointer, key), -1};
  return std::optional<std::string>{it->get<std::string>()};
}

Result<std::vector<std::string>> read_string_array(const Json& object, const std::string& key,
                                                   const std::string& pointer, bool required) {
  const auto at = child_pointer(pointer, key);
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) return Error{"missing required field \"" + key + "\"", at, -1};
    return std::vector<std::string>{};
  }
  if (!it->is_array()) return Error{"\"" + key + "\" must be an array, not " + type_name(*it), at, -1};
  std::vector<std::string> values;
  values.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& item = (*it)[i];
    if (!item.is_string())
      return Error{"\"" + key + "\" must hold strings, not " + type_name(item), child_pointer(at, i), -1};
    values.push_back(item.get<std::string>());
  }
  return values;
}

Result<bool> read_bool(const Json& object, const std::string& key, const std::string& pointer, bool fallback) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_boolean())
    return Error{"\"" + key + "\" must be a boolean, not " + type_name(*it), child_pointer(pointer, key), -1};
  return it->get<bool>();
}

Result<long long> read_millis(const Json& object, const std::string& key, const std::string& pointer,
                              bool required) {
  const auto at = child_pointer(pointer, key);
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) return Error{"missing required field \"" + key + "\"", at, -1};
    return 0LL;
  }
  if (it->is_number_integer()) return it->get<long long>();
  if (it->is_string()) {
    const auto& text = it->get_ref<const std::string&>();
    long long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc{} && end == text.data() + text.size()) return value;
  }
  return Error{"\"" + key + "\" must be epoch milliseconds, not " + it->dump(), at, -1};
}

}  // namespace core
