# winnow_embed(<out_var> <symbol> <file>): generate a C++ source that defines
#   const std::string_view winnow::detail::<symbol>
# holding the file's bytes, so data files (marker phrases, name dictionaries)
# ship inside the library. Editing the file re-runs the configure step.
function(winnow_embed out_var symbol file)
  file(READ "${file}" content HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
  set(src "${CMAKE_CURRENT_BINARY_DIR}/generated/${symbol}.cpp")
  file(WRITE "${src}.tmp"
    "// Generated from ${file}; do not edit.\n"
    "#include <string_view>\n"
    "namespace winnow::detail {\n"
    "namespace { constexpr char k_data[] = {${bytes} 0}; }\n"
    "extern const std::string_view ${symbol};\n"
    "const std::string_view ${symbol}(k_data, sizeof(k_data) - 1);\n"
    "}\n")
  file(COPY_FILE "${src}.tmp" "${src}" ONLY_IF_DIFFERENT)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
  set(${out_var} "${src}" PARENT_SCOPE)
endfunction()
