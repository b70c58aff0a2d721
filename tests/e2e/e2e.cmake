# End-to-end tests of the server binary: each test starts the real
# `switchboard serve` on a free loopback port (tests/e2e/server_process.h)
# and talks to it over gRPC. Label `e2e`: run alone with `ctest -L e2e`.
#
# Not switchboard_test(): these need a label, a timeout, the model fixture
# and the server binary, which gtest_discover_tests must be given as
# PROPERTIES when the tests are registered.

# The health and reflection proto mirrors: switchboard_e2e_proto.
add_subdirectory(${CMAKE_CURRENT_LIST_DIR}/proto ${CMAKE_CURRENT_BINARY_DIR}/e2e_proto)

# The servers start with --model on the model trained once for the e2e and
# command-line tests (sample_train_model in tests/CMakeLists.txt; loading it
# takes milliseconds, training about a second). One test (health) starts
# without it, to cover training at start-up.
set(SWITCHBOARD_E2E_MODEL ${SWITCHBOARD_SAMPLE_MODEL})

# The test program e2e_<name> of an e2e test source (SWITCHBOARD_LAST_E2E_TARGET).
function(switchboard_e2e_executable source)
  get_filename_component(name ${source} NAME_WE)
  set(target e2e_${name})
  add_executable(${target} ${source} e2e/server_process.cc)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-missing-field-initializers)
  target_compile_definitions(${target} PRIVATE
    SWITCHBOARD_SAMPLE_DIR="${SWITCHBOARD_SAMPLE_DIR}"
    SWITCHBOARD_SERVER_BINARY="$<TARGET_FILE:switchboard_cli>"
    SWITCHBOARD_E2E_MODEL="${SWITCHBOARD_E2E_MODEL}")
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${target} PRIVATE
    switchboard_convert switchboard_proto switchboard_e2e_proto GTest::gmock_main)
  # The tests run the binary: build it with them.
  add_dependencies(${target} switchboard_cli)
  set(SWITCHBOARD_LAST_E2E_TARGET ${target} PARENT_SCOPE)
endfunction()

# switchboard_e2e_test(source [property value ...]): the extra properties
# go to every case (e.g. RESOURCE_LOCK heavy).
function(switchboard_e2e_test source)
  switchboard_e2e_executable(${source})
  gtest_discover_tests(${SWITCHBOARD_LAST_E2E_TARGET} DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS e2e TIMEOUT 180 FIXTURES_REQUIRED switchboard_sample_model
               ${ARGN})
  set(SWITCHBOARD_LAST_E2E_TARGET ${SWITCHBOARD_LAST_E2E_TARGET} PARENT_SCOPE)
endfunction()

foreach(t
    e2e/routing_e2e_test.cc
    e2e/route_stream_e2e_test.cc
    e2e/agents_e2e_test.cc
    e2e/admin_e2e_test.cc
    e2e/errors_e2e_test.cc
    e2e/health_reflection_e2e_test.cc
    e2e/serve_e2e_test.cc
    e2e/diagnostics_e2e_test.cc
    e2e/journal_damage_e2e_test.cc
    e2e/bad_input_e2e_test.cc
    e2e/citizen_e2e_test.cc
    e2e/tenants_e2e_test.cc
    e2e/tls_e2e_test.cc)
  switchboard_e2e_test(${t})
endforeach()
# Credentials and roles over real connections; the test names the methods
# by services/auth's enum.
switchboard_e2e_test(e2e/auth_e2e_test.cc)
target_link_libraries(${SWITCHBOARD_LAST_E2E_TARGET} PRIVATE switchboard_auth)
# The audit trail: tokens' names in `switchboard audit`.
switchboard_e2e_test(e2e/audit_e2e_test.cc)

# The heavy ones: floods of calls that keep both cores busy. RESOURCE_LOCK
# heavy: ctest -j never runs two heavy tests at once (with the soaks, the
# loadgen run and the BANKING77 dataset test); light tests still run beside
# them.
foreach(t
    e2e/crash_recovery_e2e_test.cc
    e2e/tenants_crash_e2e_test.cc
    e2e/shutdown_e2e_test.cc)
  switchboard_e2e_test(${t} RESOURCE_LOCK heavy)
endforeach()

# The soak (issue 6): about a minute of Route + abandon at a high rate
# against the real server, its memory sampled every second; it must stay
# flat (tests/e2e/soak_e2e_test.cc, about 65 s each, without and with the
# journal). Labels `e2e` and `soak`
# (run alone with `ctest -L soak`); registered with add_test, as
# gtest_discover_tests cannot give a test two labels.
switchboard_e2e_executable(e2e/soak_e2e_test.cc)
target_link_libraries(${SWITCHBOARD_LAST_E2E_TARGET} PRIVATE switchboard_loadgen)
add_test(NAME e2e_soak_memory_flat
  COMMAND ${SWITCHBOARD_LAST_E2E_TARGET}
          --gtest_filter=SoakE2eTest.MemoryStaysFlatUnderAMinuteOfRoutingAndAbandoning)
# The same with `serve --journal DIR`.
add_test(NAME e2e_soak_memory_flat_journal
  COMMAND ${SWITCHBOARD_LAST_E2E_TARGET}
          --gtest_filter=SoakE2eTest.MemoryStaysFlatWithTheJournalOn)
# (Skipped under AddressSanitizer, whose quarantine is what RSS would show.)
set_tests_properties(e2e_soak_memory_flat e2e_soak_memory_flat_journal PROPERTIES
  LABELS "e2e;soak" TIMEOUT 150 FIXTURES_REQUIRED switchboard_sample_model
  RESOURCE_LOCK heavy
  SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]")

# `switchboard loadgen` against the real server on the load configuration
# (bench/config/loadgen.textproto), all three modes, briefly: each must
# report successful calls, none failed, a nonzero throughput, and the
# route/echo ratio. Label `loadgen` too: run alone with `ctest -L loadgen`.
# (Figures are measured in bench/, never asserted here.)
add_test(NAME e2e_loadgen_all_modes
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/examples/run_with_server.py
    --switchboard $<TARGET_FILE:switchboard_cli>
    --config ${PROJECT_SOURCE_DIR}/bench/config/loadgen.textproto
    --server-arg=--model --server-arg=${SWITCHBOARD_E2E_MODEL}
    --expect "^echo +[1-9][0-9]* +0 +[1-9][0-9]* "
    --expect "^route +[1-9][0-9]* +0 +[1-9][0-9]* "
    --expect "^stream +[1-9][0-9]* +0 +[1-9][0-9]* "
    --expect "^route/echo throughput ratio: [0-9]+[.][0-9]+$"
    -- $<TARGET_FILE:switchboard_cli> loadgen --server {server} --mode all
       --duration 1 --warmup 0 --count 2000
       --contacts ${SWITCHBOARD_SAMPLE_DIR}/contacts_test.csv)
set_tests_properties(e2e_loadgen_all_modes PROPERTIES
  LABELS "e2e;loadgen" TIMEOUT 180 FIXTURES_REQUIRED switchboard_sample_model
  RESOURCE_LOCK heavy)
