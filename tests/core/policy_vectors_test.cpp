// Every vector of the shared policy reference (a copy in tests/vectors/) decides as it expects.
#include <gtest/gtest.h>

#include <sstream>

#include "core/policy/vector_case.hpp"
#include "test_paths.hpp"

namespace {

std::vector<std::string> vector_lines() {
  std::vector<std::string> lines;
  std::istringstream in(tests::read_text(tests::source_path("tests/vectors/policy-vectors.jsonl")));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace

TEST(PolicyVectors, EveryVectorDecidesAsExpected) {
  const auto lines = vector_lines();
  ASSERT_GE(lines.size(), 60u);
  for (const auto& line : lines) {
    auto vector = core::policy::parse_vector_case(line);
    ASSERT_TRUE(vector.ok()) << vector.error().describe() << "\n" << line;
    ASSERT_TRUE(vector->expect.has_value()) << line;
    const auto decision = vector->decide();
    EXPECT_EQ(decision.allowed ? "allow" : "deny", *vector->expect)
        << vector->id << ": " << decision.to_json().dump(2);
    EXPECT_FALSE(decision.reasons.empty()) << vector->id << " has no reason";
  }
}
