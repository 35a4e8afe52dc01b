#include "dates.hpp"

#include <ctime>

namespace wasm {

// "2026-12-06 15:04 your time (06:04 UTC)": the browser's time zone, which Emscripten's localtime follows.
std::string local_and_utc(long long millis) {
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  char local[40], utc[40];
  std::strftime(local, sizeof(local), "%Y-%m-%d %H:%M", std::localtime(&seconds));
  std::strftime(utc, sizeof(utc), "%Y-%m-%d %H:%M", std::gmtime(&seconds));
  return std::string(local) + " your time (" + utc + " UTC)";
}

// For the table, in the browser's time zone: "Dec 6 15:04" this year, "2025-12-06" before (the tooltip and the
// selected token say the rest).
std::string short_date_of(long long millis) {
  if (millis <= 0) return "never";
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000), now = std::time(nullptr);
  std::tm when = *std::localtime(&seconds);
  const int this_year = std::localtime(&now)->tm_year;
  char text[32];
  if (when.tm_year != this_year) {
    std::strftime(text, sizeof(text), "%Y-%m-%d", &when);
    return text;
  }
  std::strftime(text, sizeof(text), "%b ", &when);
  std::string shown = text + std::to_string(when.tm_mday);
  std::strftime(text, sizeof(text), " %H:%M", &when);
  return shown + text;
}

std::string date_of(long long millis) { return millis <= 0 ? "never" : local_and_utc(millis); }

std::string clock_time_of(long long millis) {
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  char text[16];
  std::strftime(text, sizeof(text), "%H:%M:%S", std::localtime(&seconds));
  return text;
}

}  // namespace wasm
