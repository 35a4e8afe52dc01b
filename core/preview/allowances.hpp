#pragma once
// What a preview allows, in words a customer reads at once: one line per resource type — "Flags: turn on/off,
// edit targeting (3 of 12 actions) — in checkout / production (12 of 40 flags)" — and what it reads, which no
// action grants ("Reads everything: …" for a reader).
#include <string>
#include <vector>

#include "core/preview/preview.hpp"

namespace core::preview {

struct AllowanceLine {
  std::string type;  // "flag"
  std::string text;  // "Flags: turn on/off — in checkout / production (12 of 40 flags)"
};

struct Allowances {
  std::string reads;                 // "Reads everything: …", "Reads 2 of 3 projects …"
  std::vector<AllowanceLine> lines;  // the types where something is allowed; none: it changes nothing
};

// reads_account: the subject may read what any account reader can (Evaluator::reads_account()).
Allowances describe_allowances(const Account& account, const Preview& preview, bool reads_account);

// Where a group is: "checkout / production", "checkout", or the type's title for account-level groups.
std::string place_of(const Account& account, const Group& group);

}  // namespace core::preview
