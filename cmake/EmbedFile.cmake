# embed_file(<target> <input> <symbol>): compiles <input>'s bytes into <target> as
#   extern const unsigned char <symbol>[]; extern const std::size_t <symbol>_size;
find_package(Python3 REQUIRED COMPONENTS Interpreter)
function(embed_file target input symbol)
  set(output "${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cpp")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND "${Python3_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/cmake/embed_file.py" "${input}" "${symbol}" "${output}"
    DEPENDS "${input}" "${CMAKE_SOURCE_DIR}/cmake/embed_file.py"
    COMMENT "Embedding ${input}"
    VERBATIM)
  target_sources(${target} PRIVATE "${output}")
endfunction()
