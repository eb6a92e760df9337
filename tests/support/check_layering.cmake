# Fails if a library folder includes what it may not see (docs/ARCHITECTURE.md,
# "Layout"). Include paths already refuse "searcher/x.h" from indexer/ (only
# app/ and the tests have the project root); this refuses the ways round
# them: a relative path up ("../"), and the name of a folder above.
# Usage: cmake -DROOT=<source dir> -P check_layering.cmake
set(forbidden_lib "byline/cli/|byline/measure/|indexer/|searcher/|evaluator/|app/")
set(forbidden_measure "byline/cli/|indexer/|searcher/|evaluator/|app/")
set(forbidden_cli "byline/measure/|indexer/|searcher/|evaluator/|app/")
set(forbidden_indexer "byline/measure/|searcher/|evaluator/|app/")
set(forbidden_searcher "byline/measure/|indexer/|evaluator/|app/")
set(forbidden_evaluator "indexer/|searcher/|app/")
set(failures "")
foreach(folder lib measure cli indexer searcher evaluator)
  file(GLOB_RECURSE sources "${ROOT}/${folder}/*.h" "${ROOT}/${folder}/*.cc")
  foreach(file ${sources})
    file(STRINGS "${file}" includes REGEX "^#include \"")
    foreach(line ${includes})
      if(line MATCHES "\\.\\./" OR line MATCHES "^#include \"(${forbidden_${folder}})")
        string(APPEND failures "\n  ${file}: ${line}")
      endif()
    endforeach()
  endforeach()
endforeach()
if(failures)
  message(FATAL_ERROR "includes across the layering:${failures}")
endif()
message(STATUS "layering: every folder includes only what it may see")
