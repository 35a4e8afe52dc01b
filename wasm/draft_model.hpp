#pragma once
// The token being drafted, and what the core says of it. The draft panel and the statement builder edit it;
// the preview previews it and finds its problems; the token detail compares a token with it and applies it.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/api/tokens.hpp"
#include "core/policy/policy.hpp"

namespace wasm {

struct DraftModel {
  core::api::TokenDraft draft;
  std::string problem;  // why there is no preview of it (the core's error), empty when there is one
  std::vector<core::policy::Diagnostic> diagnostics;  // the inline policy's errors and warnings
  std::uint64_t edits = 0;  // how many edits the person made: the preview follows each (and shows the draft again)

  void edited() { ++edits; }

  // A draft with a problem or an error cannot be submitted.
  bool has_errors() const {
    return !problem.empty() || std::any_of(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
             return d.severity == core::policy::Diagnostic::Severity::Error;
           });
  }
};

}  // namespace wasm
