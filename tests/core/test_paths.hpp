#pragma once
#include <string>

namespace tests {
// A file below the repository's top folder.
std::string source_path(const std::string& relative);
// The whole text of a file; fails the current test if it cannot be read.
std::string read_text(const std::string& path);
}  // namespace tests
