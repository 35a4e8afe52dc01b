#include <gtest/gtest.h>

#include "core/policy/glob.hpp"
#include "core/policy/specifier.hpp"

using namespace core::policy;

namespace {

Resource resource(const std::string& text) {
  auto parsed = parse_resource(text);
  EXPECT_TRUE(parsed.ok()) << parsed.error().describe();
  return parsed.value();
}

bool matches(const std::string& specifier, const Resource& target, const RoleAttributes& attributes = {},
             const Semantics& semantics = default_semantics()) {
  auto pattern = parse_specifier(specifier, semantics);
  EXPECT_TRUE(pattern.ok()) << specifier << ": " << pattern.error().describe();
  for (const auto& matcher : expand_specifier(pattern.value(), attributes, semantics).matchers)
    if (matcher.matches(target, semantics)) return true;
  return false;
}

int error_column(const std::string& specifier) {
  auto pattern = parse_specifier(specifier);
  EXPECT_FALSE(pattern.ok()) << specifier << " should not parse";
  return pattern.ok() ? 0 : pattern.error().column;
}

}  // namespace

TEST(Glob, StarMatchesAnyRunIncludingEmpty) {
  EXPECT_TRUE(Glob("ops_*").matches("ops_"));
  EXPECT_TRUE(Glob("ops_*").matches("ops_kill"));
  EXPECT_FALSE(Glob("ops_*").matches("kill_ops"));
  EXPECT_TRUE(Glob("*-beta").matches("team-beta"));
  EXPECT_TRUE(Glob("team-*-beta").matches("team-a-beta"));
  EXPECT_FALSE(Glob("team-*-beta").matches("team-a-betas"));
  EXPECT_TRUE(Glob("a*b*c").matches("aXbYc"));
  EXPECT_TRUE(Glob("**").matches(""));
  EXPECT_FALSE(Glob("abc").matches("abcd"));
}

TEST(Glob, OtherMetacharactersAreLiteral) {
  EXPECT_TRUE(Glob("a?b").matches("a?b"));
  EXPECT_FALSE(Glob("a?b").matches("axb"));
  EXPECT_FALSE(Glob("[ab]").matches("a"));
}

TEST(Glob, CaseInsensitiveWhenAsked) {
  EXPECT_TRUE(Glob("QA*", true).matches("qa_test"));
  EXPECT_FALSE(Glob("QA*").matches("qa_test"));
}

TEST(Specifier, ParsesSegmentsTagsSelectorsAndViews) {
  auto pattern = parse_specifier("proj/*;mobile:env/prod*;qa,{critical:true}:flag/ops_*;view:frontend");
  ASSERT_TRUE(pattern.ok()) << pattern.error().describe();
  ASSERT_EQ(pattern->segments.size(), 3u);
  EXPECT_EQ(pattern->segments[0].tags, std::vector<std::string>{"mobile"});
  EXPECT_EQ(pattern->segments[1].key, "prod*");
  EXPECT_EQ(pattern->segments[1].critical, std::optional<bool>(true));
  EXPECT_EQ(pattern->segments[2].views, std::vector<std::string>{"frontend"});
}

TEST(Specifier, KeylessSegmentHasImplicitStarKey) {
  auto pattern = parse_specifier("acct");
  ASSERT_TRUE(pattern.ok());
  EXPECT_EQ(pattern->segments[0].key, "*");
  EXPECT_TRUE(matches("acct", resource("acct")));
}

TEST(Specifier, ErrorsNameTheColumn) {
  EXPECT_EQ(error_column("proj/*:env/*;qa_*:/flag/*"), 19);  // the stray '/' where a type belongs
  EXPECT_EQ(error_column("proj/"), 6);                       // empty key
  EXPECT_EQ(error_column("proj/a b"), 7);                    // space in a key
  EXPECT_EQ(error_column("proj/*:env/*;{critical:maybe}"), 24);
  EXPECT_EQ(error_column("proj/${roleAttribute/x"), 6);      // unterminated placeholder
  EXPECT_EQ(error_column("proj/$x"), 6);
  EXPECT_EQ(error_column("proj/*:"), 8);                     // nothing after ':'
  EXPECT_EQ(error_column(""), 1);
  EXPECT_EQ(error_column("Proj/*"), 1);
  EXPECT_EQ(error_column("proj/*;"), 8);
}

TEST(Specifier, BareStarDependsOnTheOption) {
  EXPECT_TRUE(matches("*", resource("member/abc")));
  Semantics strict;
  strict.bare_star_matches_all = false;
  EXPECT_FALSE(parse_specifier("*", strict).ok());
}

TEST(Specifier, ExactDepthByDefault) {
  EXPECT_FALSE(matches("proj/*", resource("proj/a:env/b")));
  Semantics hierarchical;
  hierarchical.hierarchical_matching = true;
  EXPECT_TRUE(matches("proj/*", resource("proj/a:env/b"), {}, hierarchical));
  EXPECT_FALSE(matches("proj/*:env/*:flag/*", resource("proj/a:env/b"), {}, hierarchical));
}

TEST(Specifier, TagsMustAllBePresentCaseInsensitively) {
  Resource flag = resource("proj/p:env/e:flag/f");
  flag.segments()[2].props.set_tags({"Tag1", "tag2"});
  EXPECT_TRUE(matches("proj/*:env/*:flag/*;tag1,TAG2", flag));
  EXPECT_FALSE(matches("proj/*:env/*:flag/*;tag1,tag3", flag));
  EXPECT_TRUE(matches("proj/*:env/*:flag/*;tag*", flag));
  Semantics any;
  any.tags_match_any = true;
  EXPECT_TRUE(matches("proj/*:env/*:flag/*;tag1,tag3", flag, {}, any));
}

TEST(Specifier, UnknownPropertyNeverMatches) {
  EXPECT_FALSE(matches("proj/*:env/*;{color:red}", resource("proj/p:env/e")));
}

TEST(Specifier, ViewSelectorNeedsAViewThatMatches) {
  Resource flag = resource("proj/p:env/e:flag/f");
  flag.segments()[2].props.views = {"backend", "frontend"};
  EXPECT_TRUE(matches("proj/*:env/*:flag/*;view:front*", flag));
  EXPECT_FALSE(matches("proj/*:env/*:flag/*;view:mobile", flag));
}

TEST(RoleAttributes, SeveralValuesMeanAnyOfThem) {
  RoleAttributes attributes{{"projects", {"b", "c"}}};
  EXPECT_TRUE(matches("proj/${roleAttribute/projects}", resource("proj/c"), attributes));
  EXPECT_FALSE(matches("proj/${roleAttribute/projects}", resource("proj/a"), attributes));
}

TEST(RoleAttributes, SeveralPlaceholdersTakeEveryCombination) {
  RoleAttributes attributes{{"p", {"a", "b"}}, {"e", {"dev", "qa"}}};
  auto pattern = parse_specifier("proj/${roleAttribute/p}:env/${roleAttribute/e}");
  ASSERT_TRUE(pattern.ok());
  EXPECT_EQ(expand_specifier(pattern.value(), attributes).matchers.size(), 4u);
  EXPECT_TRUE(matches("proj/${roleAttribute/p}:env/${roleAttribute/e}", resource("proj/b:env/qa"), attributes));
}

TEST(RoleAttributes, PlaceholderInsideAKeyAndInTags) {
  RoleAttributes attributes{{"team", {"alpha"}}};
  Resource flag = resource("proj/team-alpha-web:env/e:flag/f");
  flag.segments()[2].props.set_tags({"owned-by-alpha"});
  EXPECT_TRUE(matches("proj/team-${roleAttribute/team}-*:env/*:flag/*;owned-by-${roleAttribute/team}", flag, attributes));
}

TEST(RoleAttributes, MissingAttributeMatchesNothing) {
  auto pattern = parse_specifier("proj/${roleAttribute/projects}");
  ASSERT_TRUE(pattern.ok());
  auto expansion = expand_specifier(pattern.value(), {{"other", {"x"}}});
  EXPECT_TRUE(expansion.matchers.empty());
  EXPECT_EQ(expansion.missing_attributes, std::vector<std::string>{"projects"});
  EXPECT_TRUE(expand_specifier(pattern.value(), {{"projects", {}}}).matchers.empty());
}

TEST(RoleAttributes, ExpansionCountIsTheProductOfValueCountsAndSaturates) {
  std::vector<std::string> many(100, "v");
  RoleAttributes attributes{{"a", many}, {"b", many}, {"c", many}, {"two", {"x", "y"}}, {"three", {"x", "y", "z"}}};
  auto pattern = parse_specifier("proj/${roleAttribute/a}:env/${roleAttribute/b}:flag/${roleAttribute/c}");
  ASSERT_TRUE(pattern.ok());
  EXPECT_EQ(expansion_count(pattern.value(), attributes), kMaxPolicyExpansions + 1);
  EXPECT_EQ(expand_specifier(pattern.value(), attributes).matchers.size(), kMaxPolicyExpansions);
  auto small = parse_specifier("proj/${roleAttribute/two}:env/${roleAttribute/three}");
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(expansion_count(small.value(), attributes), 6u);
  auto repeated = parse_specifier("proj/${roleAttribute/two}:env/${roleAttribute/two}");  // one value at both places
  ASSERT_TRUE(repeated.ok());
  EXPECT_EQ(expansion_count(repeated.value(), attributes), 2u);
  EXPECT_EQ(expansion_count(parse_specifier("proj/*").value(), attributes), 1u);
  EXPECT_EQ(expansion_count(parse_specifier("proj/${roleAttribute/none}").value(), attributes), 0u);
}

TEST(ConcreteResource, RejectsGlobsAndTags) {
  EXPECT_FALSE(parse_resource("proj/*").ok());
  EXPECT_FALSE(parse_resource("proj/a;tag").ok());
  EXPECT_EQ(parse_resource("proj/a:env/").error().column, 12);
  EXPECT_EQ(resource("proj/a:env/b").text(), "proj/a:env/b");
}
