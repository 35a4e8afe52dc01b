// parse_json: where invalid JSON stopped and why, found without exceptions (the console's WebAssembly has none).
#include <gtest/gtest.h>

#include <string>

#include "core/json_fields.hpp"

using core::kMaxJsonDepth;
using core::parse_json;

TEST(ParseJson, ValidTextIsTheDocument) {
  auto parsed = parse_json(R"({"name":"ci","tags":[1,2]})");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed.value()["name"], "ci");
}

TEST(ParseJson, InvalidTextSaysAtWhichByteAndWhy) {
  struct Case {
    const char* text;
    std::size_t byte;
    const char* why;
  };
  for (const Case& c : {Case{R"({"a": tru})", 10, "invalid literal"}, Case{"[1, 2", 6, "unexpected end of input"},
                        Case{"", 1, "unexpected end of input"}, Case{R"({"a" 1})", 6, "expected ':'"},
                        Case{"{} x", 4, "expected end of input"}}) {
    auto parsed = parse_json(c.text);
    ASSERT_FALSE(parsed) << c.text;
    const std::string message = parsed.error().message;
    EXPECT_EQ(message.rfind("invalid JSON at byte " + std::to_string(c.byte) + ": ", 0), 0u) << c.text << ": " << message;
    EXPECT_NE(message.find(c.why), std::string::npos) << c.text << ": " << message;
    EXPECT_EQ(message.find("json.exception"), std::string::npos) << message;
  }
}

TEST(ParseJson, DeepNestingIsALimitNotACrash) {
  const std::string deep = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
  auto parsed = parse_json(deep);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().kind, core::Refusal::Limit);
  EXPECT_TRUE(parse_json(std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']')));
}
