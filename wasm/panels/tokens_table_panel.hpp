#pragma once
// The tokens table: every page of the list, filtered and sorted here, a row selected for the token detail and
// the preview (the selection is the console's: Context::selection).
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wasm/panels/context.hpp"

namespace wasm::panels {

class TokensTablePanel {
 public:
  void draw(Context& context);

 private:
  // The rows shown, as indices into the Session's tokens, and the Session's version they were worked out from.
  struct Order {
    std::vector<int> rows;
    std::optional<std::uint64_t> of_version;
  };
  void update_order(const Session& session, Order& order);

  std::string filter_;
  ImGuiTableColumnSortSpecs sort_{};
  PerSession<Order> order_;
};

}  // namespace wasm::panels
