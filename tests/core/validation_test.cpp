// Validation errors name the JSON pointer (and the column inside a specifier); lint warns.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include "core/policy/lint.hpp"

using namespace core::policy;

namespace {

std::vector<Diagnostic> validate(const std::string& text) { return validate_policy(nlohmann::json::parse(text)); }

// A copy, so that it outlives the diagnostics it was found in.
std::optional<Diagnostic> find(const std::vector<Diagnostic>& diagnostics, Diagnostic::Severity severity,
                               const std::string& needle) {
  for (const auto& d : diagnostics)
    if (d.severity == severity && d.message.find(needle) != std::string::npos) return d;
  return std::nullopt;
}

}  // namespace

TEST(Validation, AGoodPolicyHasNoErrors) {
  auto diagnostics = validate(R"([{"effect":"allow","resources":["proj/*:env/test:flag/*"],"actions":["updateOn"]}])");
  EXPECT_TRUE(std::none_of(diagnostics.begin(), diagnostics.end(),
                           [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; }));
}

TEST(Validation, MalformedSpecifierNamesPointerAndColumn) {
  auto diagnostics = validate(R"([{"effect":"allow","resources":["proj/*","proj/*:env/*;qa_*:/flag/*"],"actions":["*"]}])");
  auto error = find(diagnostics, Diagnostic::Severity::Error, "invalid resource specifier");
  ASSERT_NE(error, std::nullopt);
  EXPECT_EQ(error->pointer, "/0/resources/1");
  EXPECT_EQ(error->column, 19);
}

TEST(Validation, UnknownTypeAndActionAreErrorsWithASuggestion) {
  auto diagnostics = validate(R"([{"effect":"allow","resources":["proj/*:env/*:flagg/*"],"actions":["UpdateOn"]}])");
  auto type = find(diagnostics, Diagnostic::Severity::Error, "unknown resource type \"flagg\"");
  ASSERT_NE(type, std::nullopt);
  EXPECT_EQ(type->column, 14);
  auto action = find(diagnostics, Diagnostic::Severity::Error, "did you mean \"updateOn\"");
  ASSERT_NE(action, std::nullopt);
  EXPECT_EQ(action->pointer, "/0/actions/0");
}

TEST(Validation, StructuralErrors) {
  struct Case { const char* json; const char* pointer; const char* message; };
  for (const Case& c : {
           Case{R"({"effect":"allow"})", "", "must be an array"},
           Case{R"([5])", "/0", "must be an object"},
           Case{R"([{"resources":["proj/*"],"actions":["*"]}])", "/0/effect", "needs \"effect\""},
           Case{R"([{"effect":"permit","resources":["proj/*"],"actions":["*"]}])", "/0/effect", "\"allow\" or \"deny\""},
           Case{R"([{"effect":"allow","actions":["*"]}])", "/0", "needs \"resources\" or \"notResources\""},
           Case{R"([{"effect":"allow","resources":["proj/*"],"notResources":["proj/x"],"actions":["*"]}])", "/0", "not both"},
           Case{R"([{"effect":"allow","resources":"proj/*","actions":["*"]}])", "/0/resources", "array of strings"},
           Case{R"([{"effect":"allow","resources":[7],"actions":["*"]}])", "/0/resources/0", "must hold strings"},
           Case{R"([{"effect":"allow","resources":[],"actions":["*"]}])", "/0/resources", "must not be empty"},
           Case{R"([{"effect":"allow","resources":["proj/*"]}])", "/0", "needs \"actions\" or \"notActions\""},
       }) {
    auto diagnostics = validate(c.json);
    auto error = find(diagnostics, Diagnostic::Severity::Error, c.message);
    ASSERT_NE(error, std::nullopt) << c.json;
    EXPECT_EQ(error->pointer, c.pointer) << c.json;
    EXPECT_TRUE(error->structural);
  }
}

TEST(Validation, NotResourcesWithNotActionsDependsOnTheOption) {
  const char* text = R"([{"effect":"allow","notResources":["proj/x"],"notActions":["deleteProject"]}])";
  EXPECT_EQ(find(validate(text), Diagnostic::Severity::Error, "combine"), std::nullopt);
  Semantics strict;
  strict.allow_not_resources_with_not_actions = false;
  auto diagnostics = validate_policy(nlohmann::json::parse(text), "", strict);
  EXPECT_NE(find(diagnostics, Diagnostic::Severity::Error, "combine"), std::nullopt);
}

TEST(Lint, StarActionsOnCriticalEnvironments) {
  auto diagnostics = validate(R"([{"effect":"allow","resources":["proj/*:env/*;{critical:true}:flag/*"],"actions":["*"]}])");
  auto warning = find(diagnostics, Diagnostic::Severity::Warning, "critical environments");
  ASSERT_NE(warning, std::nullopt);
  EXPECT_EQ(warning->pointer, "/0/resources/0");
}

TEST(Lint, NotResourcesLeaksAcrossTypes) {
  EXPECT_NE(find(validate(R"([{"effect":"allow","notResources":["proj/x"],"actions":["viewProject"]}])"),
                 Diagnostic::Severity::Warning, "every other resource type"),
            std::nullopt);
}

TEST(Lint, ShapeThatMatchesNothing) {
  auto warning = find(validate(R"([{"effect":"allow","resources":["proj/*:flag/*"],"actions":["updateOn"]}])"),
                       Diagnostic::Severity::Warning, "matches no resource");
  ASSERT_NE(warning, std::nullopt);
  EXPECT_NE(warning->message.find("proj/*:env/*:flag/*"), std::string::npos);
}

TEST(Lint, ActionOnTheWrongType) {
  EXPECT_NE(find(validate(R"([{"effect":"allow","resources":["proj/*"],"actions":["updateOn"]}])"),
                 Diagnostic::Severity::Warning, "not an action on Projects"),
            std::nullopt);
}

TEST(Lint, DenyWithRoleAttributeFailsOpen) {
  EXPECT_NE(find(validate(R"([{"effect":"deny","resources":["proj/${roleAttribute/p}"],"actions":["*"]}])"),
                 Diagnostic::Severity::Warning, "fail-open"),
            std::nullopt);
}

TEST(Lint, GlobMatchingNoAction) {
  EXPECT_NE(find(validate(R"([{"effect":"allow","resources":["proj/*"],"actions":["frobnicate*"]}])"),
                 Diagnostic::Severity::Warning, "matches no known action"),
            std::nullopt);
}
