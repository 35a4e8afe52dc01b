# nlohmann/json: Debian installs it under /usr/include, which must never reach em++'s include path
# (it would pull in glibc's headers). A folder holding only a link to nlohmann/ serves both builds.
find_path(NLOHMANN_JSON_DIR nlohmann/json.hpp PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(TOKENSCOPE_JSON_INCLUDE "${CMAKE_BINARY_DIR}/third_party_include")
file(MAKE_DIRECTORY "${TOKENSCOPE_JSON_INCLUDE}")
if(NOT EXISTS "${TOKENSCOPE_JSON_INCLUDE}/nlohmann")
  file(CREATE_LINK "${NLOHMANN_JSON_DIR}/nlohmann" "${TOKENSCOPE_JSON_INCLUDE}/nlohmann" SYMBOLIC)
endif()
add_library(nlohmann_json_headers INTERFACE)
target_include_directories(nlohmann_json_headers SYSTEM INTERFACE "${TOKENSCOPE_JSON_INCLUDE}")

# GoogleTest from Debian's sources, so the native and the WebAssembly tests use the same version.
set(TOKENSCOPE_GTEST_SOURCE /usr/src/googletest CACHE PATH "GoogleTest sources")
if(EMSCRIPTEN)
  set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)
endif()
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
add_subdirectory("${TOKENSCOPE_GTEST_SOURCE}" "${CMAKE_BINARY_DIR}/googletest" EXCLUDE_FROM_ALL SYSTEM)

# Dear ImGui, fetched by scripts/fetch-imgui.sh (only the console needs it).
set(TOKENSCOPE_IMGUI_DIR "${CMAKE_SOURCE_DIR}/third_party/imgui-1.90.1" CACHE PATH "Dear ImGui sources")
