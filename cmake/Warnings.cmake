add_library(tokenscope_warnings INTERFACE)
target_compile_options(tokenscope_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)

add_library(tokenscope_sanitizers INTERFACE)
if(TOKENSCOPE_SANITIZE)
  target_compile_options(tokenscope_sanitizers INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(tokenscope_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports std::string copies as overlapping memcpy calls (a known false positive).
  target_compile_options(tokenscope_warnings INTERFACE -Wno-restrict)
endif()
