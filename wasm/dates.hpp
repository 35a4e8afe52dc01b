#pragma once
// Dates as the console shows them: in the browser's time zone (Emscripten's localtime follows it), with UTC
// where a moment matters. Milliseconds since the epoch, as the API gives them.
#include <string>

namespace wasm {

// "2026-12-06 15:04 your time (2026-12-06 06:04 UTC)"
std::string local_and_utc(long long millis);
// For a table: "Dec 6 15:04" this year, "2025-12-06" before; "never" for 0.
std::string short_date_of(long long millis);
// local_and_utc, or "never" for 0.
std::string date_of(long long millis);
// "15:04:05", the browser's time zone: a moment within the next minutes.
std::string clock_time_of(long long millis);

}  // namespace wasm
