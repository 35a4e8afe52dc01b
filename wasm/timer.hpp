#pragma once
// Calls later on the browser's event loop, and the clock the console measures waits with.
#include <functional>

namespace wasm {

void call_after_ms(int milliseconds, std::function<void()> callback);
double now_ms();  // performance.now()
long long epoch_ms();  // Date.now(): the clock of the API's X-Ratelimit-Reset

}  // namespace wasm
