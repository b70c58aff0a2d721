# Tests that run the examples (label `examples`): the embedding program on
# its own, and the clients against the real server binary, which
# run_with_server.py starts on a free loopback port and stops with SIGTERM
# (failing the test when it does not exit 0). `switchboard route --server`
# is tested the same way.
if(NOT SWITCHBOARD_BUILD_EXAMPLES OR NOT TARGET route_client)
  return()
endif()

# Debian's Python, which has python3-grpcio (a pyenv `python3` on PATH may
# not).
set(SWITCHBOARD_PYTHON /usr/bin/python3 CACHE FILEPATH
    "Python 3 with the grpc and protobuf modules, for the examples' tests")
set(run_with_server
  ${SWITCHBOARD_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/examples/run_with_server.py
  --switchboard $<TARGET_FILE:switchboard_cli>
  --config ${SWITCHBOARD_SAMPLE_DIR}/config.textproto)

add_test(NAME examples_embed_route COMMAND embed_route)

add_test(NAME examples_route_client
  COMMAND ${run_with_server}
    --expect "^EMAIL +cpp[0-9]+-email "
    --expect "^LETTER +cpp[0-9]+-letter "
    --expect "server totals: received [0-9]+"
    -- $<TARGET_FILE:route_client> --server {server})

add_test(NAME examples_python_client
  COMMAND ${run_with_server}
    --expect "^WEB_FORM +py[0-9]+-5 "
    --expect "completed py[0-9]+-"
    -- ${SWITCHBOARD_PYTHON} ${PROJECT_SOURCE_DIR}/examples/python/client.py
       --server {server})
set_tests_properties(examples_python_client PROPERTIES
  ENVIRONMENT "PYTHONPATH=${SWITCHBOARD_PYTHON_STUB_DIR}")

# `switchboard route --server`: the demo contacts (d9 pressed 7: the
# complaints rule), one contact from the command line, and an error.
add_test(NAME examples_cli_route_server_csv
  COMMAND ${run_with_server}
    --expect "^email +d1 "
    --expect "^phone +d9 +route +complaints .*ivr-complaints"
    --expect "server: received 10,"
    -- $<TARGET_FILE:switchboard_cli> route --server {server}
       --contacts ${SWITCHBOARD_SAMPLE_DIR}/demo_contacts.csv)
add_test(NAME examples_cli_route_server_one
  COMMAND ${run_with_server}
    --expect "^chat +cli-1 +self_service +waste "
    --expect "answer \\(nl\\): De ophaaldagen"
    -- $<TARGET_FILE:switchboard_cli> route --server {server}
       --channel chat --id cli-1 "Klant: wanneer wordt het grofvuil opgehaald?")
add_test(NAME examples_cli_route_server_error
  COMMAND ${run_with_server} --expect-exit 1
    --expect "INVALID_ARGUMENT"
    -- $<TARGET_FILE:switchboard_cli> route --server {server}
       --channel phone --id cli-2 "")

set_tests_properties(
  examples_embed_route examples_route_client examples_python_client
  examples_cli_route_server_csv examples_cli_route_server_one
  examples_cli_route_server_error
  PROPERTIES LABELS examples TIMEOUT 300)
