#pragma once
// The draft handed over as text someone else runs: a curl command, an ldcli command, a Terraform resource.
// Each creates the token the draft describes, the same request the console would send (create_token). None
// holds an access token: each reads it from a variable its reader sets (LD_ACCESS_TOKEN in the shell,
// var.launchdarkly_access_token in Terraform).
#include <string>
#include <string_view>
#include <vector>

#include "core/api/tokens.hpp"
#include "core/result.hpp"

namespace core::api {

// base_uri: where the API is for whoever runs it ("https://app.launchdarkly.com", or the mock's origin).
Result<std::string> curl_command(const TokenDraft& draft, std::string_view base_uri);
Result<std::string> ldcli_command(const TokenDraft& draft, std::string_view base_uri);
// Custom roles by key where `roles` knows them (as Terraform configurations name them), by id otherwise.
Result<std::string> terraform_resource(const TokenDraft& draft, std::string_view base_uri, const std::vector<CustomRole>& roles);

// A word for a POSIX shell: single-quoted, a single quote inside written '\''.
std::string shell_word(std::string_view text);
// A Terraform (HCL) quoted string: escapes, and "${" and "%{" kept literal.
std::string hcl_string(std::string_view text);

}  // namespace core::api
