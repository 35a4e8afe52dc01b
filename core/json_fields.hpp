#pragma once
// JSON text parsed with limits, and typed access to its fields with errors that name the JSON pointer: used by
// every layer that reads JSON (policies, accounts, API responses), so it sits under them all.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace core {

using Json = nlohmann::json;

inline constexpr std::size_t kMaxJsonDepth = 64;

// Parses text as JSON; a syntax error becomes an Error naming the byte offset. Text nested deeper than
// kMaxJsonDepth is refused (an Error of kind Refusal::Limit).
Result<Json> parse_json(std::string_view text);

std::string child_pointer(const std::string& parent, const std::string& key);
std::string child_pointer(const std::string& parent, std::size_t index);

// Each reader returns an Error when the field is missing (required) or has the wrong type.
Result<std::string> read_string(const Json& object, const std::string& key, const std::string& pointer);
Result<std::optional<std::string>> read_optional_string(const Json& object, const std::string& key,
                                                        const std::string& pointer);
Result<std::vector<std::string>> read_string_array(const Json& object, const std::string& key,
                                                   const std::string& pointer, bool required);
Result<bool> read_bool(const Json& object, const std::string& key, const std::string& pointer, bool fallback);
// Epoch milliseconds; a numeric string is tolerated (the API's examples print times as strings).
Result<long long> read_millis(const Json& object, const std::string& key, const std::string& pointer,
                              bool required);

}  // namespace core
