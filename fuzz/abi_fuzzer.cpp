// libFuzzer target: every op of the C ABI. The input, as JSON, is routed into a small working request of
// each op (an array as the policy and as the patch; an object's fields over the request's own), and the
// same bytes are also sent as a whole request. Every answer is JSON with "ok"; an error has a message and
// is never an internal error (an exception caught at the ABI); a patched document stays within the
// patch budget.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/abi/tokenscope_abi.h"
#include "core/api/json_fields.hpp"

namespace {

using nlohmann::json;

// The patch budgets of core/abi/requests.cpp, and a bound on the answer's text for a document within them.
// The core's units follow printed bytes (digits, quotes, separators); only escapes print longer, a control
// character as six bytes ("\u0001"). measure() below counts fewer units than the core, so it bounds from below.
constexpr std::size_t kPatchBudget = 1 << 20;
constexpr std::size_t kPatchDepth = 32;
constexpr std::size_t kMaxPatchedText = 8 << 20;

const json kPolicy = json::parse(R"([
  {"effect":"allow","resources":["proj/${roleAttribute/projects}:env/*:flag/*"],"actions":["*"]},
  {"effect":"deny","resources":["proj/*:env/*;{critical:true}:flag/ops_*"],"actions":["updateOn"]},
  {"effect":"allow","resources":["member/*:token/*"],"actions":["createAccessToken"]}])");
const json kMember = json::parse(R"({"baseRole":"writer","memberId":"m1","roleAttributes":{"projects":["web"]}})");
const json kIssuers = json::parse(R"([{"member":{"baseRole":"admin"},"token":{"role":"writer"}}])");
const json kChecks = json::parse(R"([
  {"resource":"proj/web","action":"viewProject"},
  {"resource":"proj/web:env/production:flag/ops_kill","resourceProps":{"env":{"critical":true},"flag":{"tags":["ops"]}},
   "action":"updateOn"},
  {"resource":"member/m1:token/t","action":"createAccessToken"}])");
const json kRoleAttributes = json::parse(R"([{"projects":["web","mob"]}])");
const json kDocument = json::parse(R"({"name":"a","role":"reader","customRoleIds":["dev"],"inlineRole":[]})");
const json kPatch = json::parse(R"([{"op":"replace","path":"/name","value":"b"},{"op":"copy","from":"/customRoleIds",
  "path":"/copied"},{"op":"remove","path":"/role"}])");
const json kAccount = json::parse(R"({"memberId":"m1","members":["m1",{"_id":"m2"}],"roles":[{"key":"dev"}],"projects":[
  {"key":"web","tags":["frontend"],"environments":[{"key":"test"},{"key":"production","critical":true}],
   "flags":[{"key":"ops_kill","tags":["ops"]},{"key":"checkout"}],"segments":[{"environment":"production","key":"beta"}]}]})");

json field(const json& input, const char* name, const json& fallback) {
  if (!input.is_object()) return fallback;
  const auto it = input.find(name);
  return it == input.end() ? fallback : *it;
}

json subject_of(const json& input) {
  const json policy = input.is_array() ? input : field(input, "policy", kPolicy);
  json token = field(input, "token", json{{"inlinePolicy", policy}, {"issuedThrough", kIssuers}});
  if (token.is_object() && input.is_object() && input.contains("issuedThrough")) token["issuedThrough"] = input["issuedThrough"];
  return field(input, "subject", json{{"member", field(input, "member", kMember)}, {"token", std::move(token)}});
}

// One request per op, each built from the input.
std::vector<std::pair<json, bool>> requests_of(const json& input) {
  const json subject = subject_of(input);
  const json account = field(input, "account", kAccount);
  std::vector<std::pair<json, bool>> requests = {
      {{{"op", "decide"}, {"level", field(input, "level", "effective")}, {"subject", subject},
        {"checks", field(input, "checks", kChecks)}}, false},
      {{{"op", "validate"}, {"policy", input.is_array() ? input : field(input, "policy", kPolicy)},
        {"roleAttributes", field(input, "roleAttributes", kRoleAttributes)}}, false},
      {{{"op", "facts"}, {"subject", subject}}, false},
      {{{"op", "apply_patch"}, {"document", field(input, "document", kDocument)},
        {"patch", input.is_array() ? input : field(input, "patch", kPatch)}}, true},
      {{{"op", "preview"}, {"account", account}, {"subject", subject}}, false},
      {{{"op", "diff"}, {"account", account}, {"before", field(input, "before", subject)},
        {"after", field(input, "after", json{{"member", field(input, "member", kMember)}})}}, false},
  };
  if (input.is_object() && input.contains("semantics"))
    for (auto& request : requests) request.first["semantics"] = input["semantics"];
  return requests;
}

// The patch budget's measure (one per value, plus the bytes of strings and keys) and the nesting depth.
std::pair<std::size_t, std::size_t> measure(const json& value) {
  std::size_t size = 0;
  std::size_t depth = 0;
  std::vector<std::pair<const json*, std::size_t>> pending{{&value, 1}};
  while (!pending.empty()) {
    const auto [node, at] = pending.back();
    pending.pop_back();
    ++size;
    depth = std::max(depth, at);
    if (node->is_string()) size += node->get_ref<const std::string&>().size();
    for (auto it = node->begin(); node->is_structured() && it != node->end(); ++it) {
      if (node->is_object()) size += it.key().size();
      pending.emplace_back(&it.value(), at + 1);
    }
  }
  return {size, depth};
}

void check_answer(char* answer, bool patched) {
  if (answer == nullptr) __builtin_trap();
  const std::size_t length = std::strlen(answer);
  const json parsed = json::parse(answer, answer + length, nullptr, /*allow_exceptions=*/false);
  tokenscope_free(answer);
  if (!parsed.is_object() || !parsed.contains("ok") || !parsed["ok"].is_boolean()) __builtin_trap();
  if (parsed["ok"] == true) {
    if (!parsed.contains("result")) __builtin_trap();
    if (!patched) return;
    const auto [size, depth] = measure(parsed["result"]);
    if (size > kPatchBudget || depth > kPatchDepth || length > kMaxPatchedText) __builtin_trap();
    return;
  }
  const json& error = parsed.value("error", json());
  if (!error.is_object() || !error.contains("message") || !error["message"].is_string()) __builtin_trap();
  const std::string& message = error["message"].get_ref<const std::string&>();
  if (message.empty() || message.starts_with("internal error")) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  bool raw_patch = false;
  if (auto input = core::api::parse_json(text)) {
    for (const auto& [request, patched] : requests_of(input.value())) check_answer(tokenscope_call(request.dump().c_str()), patched);
    raw_patch = input->is_object() && input->contains("op") && (*input)["op"] == "apply_patch";
  }
  // The same bytes as a whole request (up to a NUL, as a C caller would send them).
  check_answer(tokenscope_call(text.c_str()), raw_patch);
  return 0;
}
