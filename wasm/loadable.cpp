#include "loadable.hpp"

#include "timer.hpp"

namespace wasm {

Loadable Loadable::failed(core::api::ApiError error) {
  Loadable state{false, std::move(error)};
  if (state.error->retry_after_seconds > 0) state.retry_at_ms = now_ms() + state.error->retry_after_seconds * 1000.0;
  return state;
}

Loadable Loadable::done(const ApiResult& result) { return result.ok() ? Loadable{} : failed(result.error); }

bool Loadable::waiting_to_retry() const { return error && retry_at_ms > now_ms(); }

}  // namespace wasm
