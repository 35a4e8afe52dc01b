// tokenscope: the policy engine on the command line.
//   tokenscope eval                                 vector lines on stdin -> one JSON decision per line
//   tokenscope explain                              the same, readable
//   tokenscope preview --account A.json --scope S.json
//   tokenscope validate POLICY.json
//   tokenscope readings                             the reading chosen for each ambiguity (§8)
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/abi/requests.hpp"
#include "core/json_fields.hpp"
#include "core/policy/lint.hpp"
#include "core/policy/options.hpp"
#include "core/policy/subject_json.hpp"
#include "core/policy/vector_case.hpp"
#include "core/preview/preview.hpp"

namespace {

using nlohmann::json;

constexpr int kExitBadInput = 2;

int usage(std::ostream& out, int code) {
  out << "usage:\n"
         "  tokenscope eval                     read decision lines (policy-vector format) on stdin,\n"
         "                                      write {\"id\",\"decision\",\"reasons\"} lines\n"
         "  tokenscope explain                  the same, written for people\n"
         "  tokenscope preview --account A.json --scope S.json\n"
         "  tokenscope validate POLICY.json     errors and warnings; exit 1 when there are errors\n"
         "  tokenscope readings                 how each ambiguity of the policy reference is read\n"
         "  tokenscope --version\n";
  return code;
}

core::Result<json> read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error{"cannot read " + path, "", -1};
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto parsed = core::parse_json(buffer.str());
  if (!parsed) return core::Error{path + ": " + parsed.error().message, "", -1};
  return parsed;
}

// eval and explain: every line answered, bad lines reported on stderr with their number.
int decide_lines(bool readable) {
  int bad = 0;
  std::string line;
  for (long number = 1; std::getline(std::cin, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto vector = core::policy::parse_vector_case(line);
    if (!vector) {
      ++bad;
      std::cerr << "line " << number << ": " << vector.error().describe() << "\n";
      continue;
    }
    const auto decision = vector->decide();
    if (readable) {
      std::cout << (vector->id.empty() ? "line " + std::to_string(number) : vector->id) << ": "
                << (decision.allowed ? "allow" : "deny") << (decision.capped ? " (capped)" : "") << "\n";
      for (const auto& reason : decision.reasons) std::cout << "  - " << reason.describe() << "\n";
    } else {
      const json out = decision.to_json();
      nlohmann::ordered_json line_out;
      line_out["id"] = vector->id;
      line_out["decision"] = out["decision"];
      line_out["reasons"] = out["reasons"];
      if (decision.capped) line_out["capped"] = true;
      std::cout << line_out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    }
  }
  return bad > 0 ? kExitBadInput : 0;
}

int preview(const std::vector<std::string>& args) {
  std::string account_path, scope_path;
  for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
    if (args[i] == "--account") account_path = args[i + 1];
    else if (args[i] == "--scope") scope_path = args[i + 1];
    else return usage(std::cerr, kExitBadInput);
  }
  if (account_path.empty() || scope_path.empty() || args.size() % 2 != 0) return usage(std::cerr, kExitBadInput);
  auto account = read_json_file(account_path);
  if (!account) return std::cerr << account.error().describe() << "\n", kExitBadInput;
  auto scope = read_json_file(scope_path);
  if (!scope) return std::cerr << scope.error().describe() << "\n", kExitBadInput;
  auto result = core::abi::handle_request(json{{"op", "preview"}, {"account", account.value()}, {"subject", scope.value()}});
  if (!result) return std::cerr << "preview: " << result.error().describe() << "\n", kExitBadInput;
  std::cout << result.value().dump(2) << "\n";
  return 0;
}

int validate(const std::vector<std::string>& args) {
  if (args.size() != 1) return usage(std::cerr, kExitBadInput);
  auto policy = read_json_file(args[0]);
  if (!policy) return std::cerr << policy.error().describe() << "\n", kExitBadInput;
  // A custom role object ({"policy": [...]}) or a bare statement array.
  const json& statements = policy.value().is_object() && policy.value().contains("policy") ? policy.value()["policy"] : policy.value();
  const std::string pointer = policy.value().is_object() ? "/policy" : "";
  bool errors = false;
  const auto diagnostics = core::policy::validate_policy(statements, pointer);
  for (const auto& diagnostic : diagnostics) {
    errors = errors || diagnostic.severity == core::policy::Diagnostic::Severity::Error;
    std::cout << args[0] << ": " << diagnostic.describe() << "\n";
  }
  if (diagnostics.empty()) std::cout << args[0] << ": valid, no warnings\n";
  return errors ? 1 : 0;
}

int readings() {
  int count = 0;
  const auto* choices = core::policy::ambiguity_choices(&count);
  for (int i = 0; i < count; ++i)
    std::cout << "§" << choices[i].paragraph << "  " << choices[i].question << "\n      -> " << choices[i].reading << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage(std::cerr, kExitBadInput);
  const std::string command = args.front();
  args.erase(args.begin());
  try {
    if (command == "--version") return std::cout << "tokenscope 0.1.0\n", 0;
    if (command == "--help" || command == "help") return usage(std::cout, 0);
    if (command == "eval" && args.empty()) return decide_lines(false);
    if (command == "explain" && args.empty()) return decide_lines(true);
    if (command == "preview") return preview(args);
    if (command == "validate") return validate(args);
    if (command == "readings") return readings();
  } catch (const std::exception& e) {
    std::cerr << "tokenscope: internal error: " << e.what() << "\n";
    return 3;
  }
  return usage(std::cerr, kExitBadInput);
}
