// tokenscope: the policy engine on the command line.
#include <cstring>
#include <iostream>

namespace {

int usage(std::ostream& out, int code) {
  out << "usage: tokenscope --version\n";
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
    std::cout << "tokenscope 0.1.0\n";
    return 0;
  }
  return usage(std::cerr, 2);
}
