#pragma once
// What a preview says in words: the sentence and totals above the matrix, and the per-type lines of what a
// change of scope gains and loses. Worked out once per preview, drawn by the console.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/preview/preview.hpp"

namespace core::preview {

struct PreviewSummary {
  // "Can turn flags on and off in 2 of 5 critical environments: 12 of 40 flags in checkout / production, all 36
  // flags in search / production."
  std::string sentence;
  std::string totals;             // "240 resources: 1,947 of 12,800 actions allowed, 6 capped by ..."
  bool capped = false;            // some cell is asked for and capped
  bool any_project_viewable = false;
};

std::string with_thousands(std::uint64_t count);  // 5000 -> "5,000"

// capped_by names what caps the subject ("its member's permissions", "the creator's permissions").
PreviewSummary summarize_preview(const Account& account, const Preview& preview, const std::string& capped_by);

// One line per resource type and direction: "+ Flags: updateOn, updateTargets, deleteFlag and 41 more".
struct ChangeLine {
  bool gained = true;
  std::string type;                 // "flag"
  std::string title;                // "Flags"
  std::vector<std::string> actions; // in the catalogue's order
  std::string text;
};

std::vector<ChangeLine> describe_changes(const PreviewDiff& diff, const Preview& after, std::size_t actions_named = 3);

}  // namespace core::preview
