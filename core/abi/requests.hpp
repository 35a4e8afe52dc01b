#pragma once
// The operations behind the C ABI, as plain C++ (the ABI wraps them so no exception escapes).
#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace core::abi {

Result<nlohmann::json> handle_request(const nlohmann::json& request);

}  // namespace core::abi
