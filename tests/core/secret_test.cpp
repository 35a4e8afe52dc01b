#include "core/api/secret.hpp"

#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <utility>

namespace core::api {
namespace {

const std::string kToken = "api-0f6b3c1e-5b7d-4f4e-9a52-3d1c8e2b7a90";

bool all_zero(const char* bytes, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i)
    if (bytes[i] != '\0') return false;
  return true;
}

TEST(Secret, CannotBeCopiedOnlyMoved) {
  static_assert(!std::is_copy_constructible_v<Secret>);
  static_assert(!std::is_copy_assignable_v<Secret>);
  static_assert(std::is_nothrow_move_constructible_v<Secret>);
}

TEST(Secret, WipingAStringOverwritesItsWholeBufferInPlace) {
  std::string text = kToken + kToken;
  text.resize(5);  // what was longer before is still in the buffer, past the size
  const char* buffer = text.data();
  const std::size_t capacity = text.capacity();
  wipe(text);
  EXPECT_TRUE(text.empty());
  ASSERT_EQ(text.data(), buffer) << "wiped in place, not released unwiped";
  EXPECT_TRUE(all_zero(buffer, capacity));
}

TEST(Secret, TakingAStringLeavesItEmptyAndWiped) {
  std::string pasted = kToken;
  Secret secret = Secret::take(pasted);
  EXPECT_EQ(secret.reveal(), kToken);
  EXPECT_TRUE(pasted.empty());
  EXPECT_TRUE(all_zero(pasted.data(), pasted.capacity()));
}

TEST(Secret, AShortSecretTakenLeavesNoCopyInTheStringsOwnBytes) {
  std::string pin = "1234";  // small enough to live inside the string object itself
  Secret secret = Secret::take(pin);
  EXPECT_EQ(secret.reveal(), "1234");
  EXPECT_TRUE(all_zero(pin.data(), pin.capacity()));
}

TEST(Secret, MovingLeavesTheSourceEmptyAndAssigningForgetsWhatWasHeld) {
  Secret first = Secret::copy_of(kToken);
  Secret second = std::move(first);
  EXPECT_TRUE(first.empty());  // NOLINT(bugprone-use-after-move): a moved-from secret is defined to be empty
  EXPECT_EQ(second.reveal(), kToken);

  Secret other = Secret::copy_of("api-other");
  other = std::move(second);
  EXPECT_EQ(other.reveal(), kToken);
  EXPECT_TRUE(second.empty());  // NOLINT(bugprone-use-after-move)
}

TEST(Secret, ForgetEmptiesIt) {
  Secret secret = Secret::copy_of(kToken);
  EXPECT_EQ(secret.size(), kToken.size());
  secret.forget();
  EXPECT_TRUE(secret.empty());
  EXPECT_STREQ(secret.reveal_c_str(), "");
}

TEST(Secret, WipingASpanZeroesEveryByte) {
  char field[16] = "api-1234567890";
  wipe(std::span<char>(field));
  EXPECT_TRUE(all_zero(field, sizeof field));
}

}  // namespace
}  // namespace core::api
