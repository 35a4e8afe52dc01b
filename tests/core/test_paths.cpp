#include "test_paths.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace tests {

std::string source_path(const std::string& relative) { return std::string(TOKENSCOPE_SOURCE_DIR) + "/" + relative; }

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace tests
