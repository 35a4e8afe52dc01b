// libFuzzer target: the resource-specifier parser, expansion and matching never crash on any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/policy/specifier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto pattern = core::policy::parse_specifier(text);
  if (!pattern) {
    // An error always names a column inside the input (or just past its end).
    if (pattern.error().column < 1 || static_cast<std::size_t>(pattern.error().column) > size + 1) __builtin_trap();
    return 0;
  }
  const core::policy::RoleAttributes attributes{{"projects", {"web", "mob*"}}, {"a", {"x", "y", "z"}}};
  const auto expansion = core::policy::expand_specifier(pattern.value(), attributes);
  auto resource = core::policy::parse_resource("proj/web:env/production:flag/ops_kill");
  for (const auto& matcher : expansion.matchers) (void)matcher.matches(resource.value(), core::policy::default_semantics());
  (void)core::policy::parse_resource(text);
  return 0;
}
