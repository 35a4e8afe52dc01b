// The draft handed over as a curl command, an ldcli command or a Terraform resource: the same create the
// console sends, words quoted so that no name or policy can break out of them, and never an access token.
#include <gtest/gtest.h>

#include <random>

#include "core/api/draft_export.hpp"

using namespace core::api;
using nlohmann::json;

namespace {

// How a POSIX shell reads one word made only of single-quoted runs and backslash-escaped characters.
std::string shell_read(const std::string& word) {
  std::string text;
  bool quoted = false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (word[i] == '\'') quoted = !quoted;
    else if (!quoted && word[i] == '\\' && i + 1 < word.size()) text += word[++i];
    else if (!quoted) ADD_FAILURE() << "unquoted character in " << word;
    else text += word[i];
  }
  EXPECT_FALSE(quoted) << "unterminated quote in " << word;
  return text;
}

// The single-quoted word after `--data ` in a command.
std::string data_of(const std::string& command) {
  const auto start = command.find("--data ") + 7;
  const auto end = command.find('\n', start);
  return shell_read(command.substr(start, end - start));
}

TokenDraft draft_named(std::string name) {
  TokenDraft draft;
  draft.name = std::move(name);
  draft.description = "for the nightly export";
  draft.role = "writer";
  return draft;
}

}  // namespace

TEST(DraftExport, ShellWordsReadBackAsWrittenWhateverTheyHold) {
  std::mt19937 random(26);
  const std::string alphabet = "ab '\"\\$`!;|&()<>*?~#\n\t{}%";
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    const int length = static_cast<int>(random() % 12);
    for (int k = 0; k < length; ++k) text += alphabet[random() % alphabet.size()];
    EXPECT_EQ(shell_read(shell_word(text)), text);
  }
  EXPECT_EQ(shell_word("it's"), "'it'\\''s'");
}

TEST(DraftExport, HclStringsKeepTemplatesLiteral) {
  EXPECT_EQ(hcl_string("CI ${var.x} %{if}"), "\"CI $${var.x} %%{if}\"");
  EXPECT_EQ(hcl_string("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
  EXPECT_EQ(hcl_string("$ 100%"), "\"$ 100%\"");
}

TEST(DraftExport, CurlSendsTheCreateTheConsoleWouldWithTheTokenFromAVariable) {
  TokenDraft draft = draft_named("Nightly 'export'; rm -rf /");
  const auto command = curl_command(draft, "https://app.eu.launchdarkly.com/");
  ASSERT_TRUE(command) << command.error().message;
  const std::string& text = command.value();
  EXPECT_NE(text.find("curl -sS -X POST 'https://app.eu.launchdarkly.com/api/v2/tokens'"), std::string::npos) << text;
  EXPECT_NE(text.find("-H \"Authorization: $LD_ACCESS_TOKEN\""), std::string::npos);
  EXPECT_NE(text.find("-H 'LD-API-Version: 20240415'"), std::string::npos);
  EXPECT_NE(text.find("-H 'Content-Type: application/json'"), std::string::npos);
  EXPECT_EQ(json::parse(data_of(text)), json::parse(create_token(draft).value().body));
  EXPECT_EQ(json::parse(data_of(text))["name"], "Nightly 'export'; rm -rf /");
}

TEST(DraftExport, LdcliReadsItsTokenFromTheEnvironment) {
  TokenDraft draft = draft_named("ldcli's token");
  draft.scope = ScopeKind::InlinePolicy;
  draft.inline_policy_text = R"([{"effect":"allow","actions":["*"],"resources":["proj/checkout:env/*:flag/*"]}])";
  const auto command = ldcli_command(draft, "http://127.0.0.1:8000");
  ASSERT_TRUE(command);
  EXPECT_EQ(command.value().rfind("ldcli access-tokens create \\\n  --base-uri 'http://127.0.0.1:8000' \\\n", 0), 0u)
      << command.value();
  EXPECT_EQ(json::parse(data_of(command.value())), json::parse(create_token(draft).value().body));
  EXPECT_EQ(command.value().find("access-token "), std::string::npos) << "no --access-token on the command line";
}

TEST(DraftExport, TerraformWritesEachKindOfScopeAsTheProviderNamesIt) {
  TokenDraft base = draft_named("CI reader");
  base.role = "reader";
  const auto role = terraform_resource(base, "https://app.launchdarkly.com", {});
  ASSERT_TRUE(role);
  EXPECT_NE(role.value().find("resource \"launchdarkly_access_token\" \"ci_reader\" {"), std::string::npos) << role.value();
  EXPECT_NE(role.value().find("  role                = \"reader\"\n"), std::string::npos);
  EXPECT_NE(role.value().find("access_token = var.launchdarkly_access_token"), std::string::npos);
  EXPECT_NE(role.value().find("api_host     = \"https://app.launchdarkly.com\""), std::string::npos);
  EXPECT_NE(role.value().find("sensitive = true"), std::string::npos);

  TokenDraft custom = draft_named("2 ops");
  custom.scope = ScopeKind::CustomRoles;
  custom.custom_role_ids = {"r1", "r-unknown"};
  const auto roles = terraform_resource(custom, "https://app.launchdarkly.com", {{"r1", "flag-operator", "Flag operator"}});
  ASSERT_TRUE(roles);
  EXPECT_NE(roles.value().find("\"token_2_ops\""), std::string::npos) << roles.value();
  EXPECT_NE(roles.value().find("  custom_roles        = [\"flag-operator\", \"r-unknown\"]\n"), std::string::npos);
  EXPECT_EQ(roles.value().find("role                ="), std::string::npos);

  TokenDraft policy = draft_named("${danger}");
  policy.service = true;
  policy.scope = ScopeKind::InlinePolicy;
  policy.inline_policy_text =
      R"([{"effect":"allow","actions":["updateOn"],"resources":["proj/checkout:env/production:flag/*"]},
          {"effect":"deny","notActions":["*"],"notResources":["proj/${roleAttribute/projectKeys}"]}])";
  const auto inline_roles = terraform_resource(policy, "https://app.launchdarkly.com", {});
  ASSERT_TRUE(inline_roles) << inline_roles.error().message;
  const std::string& text = inline_roles.value();
  EXPECT_NE(text.find("  name                = \"$${danger}\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  service_token       = true\n"), std::string::npos);
  EXPECT_NE(text.find("  inline_roles {\n    effect = \"allow\"\n    actions = [\"updateOn\"]\n"
                      "    resources = [\"proj/checkout:env/production:flag/*\"]\n  }\n"),
            std::string::npos);
  EXPECT_NE(text.find("    not_actions = [\"*\"]\n    not_resources = [\"proj/$${roleAttribute/projectKeys}\"]\n"),
            std::string::npos);
}

TEST(DraftExport, ADraftThatCannotBeCreatedCannotBeExported) {
  TokenDraft none = draft_named("none");
  none.scope = ScopeKind::CustomRoles;
  EXPECT_FALSE(curl_command(none, "https://app.launchdarkly.com"));
  EXPECT_FALSE(terraform_resource(none, "https://app.launchdarkly.com", {}));
  TokenDraft broken = draft_named("broken");
  broken.scope = ScopeKind::InlinePolicy;
  broken.inline_policy_text = "[{";
  EXPECT_FALSE(ldcli_command(broken, "https://app.launchdarkly.com"));
  broken.inline_policy_text = R"({"effect":"allow"})";
  EXPECT_FALSE(terraform_resource(broken, "https://app.launchdarkly.com", {}));
}
