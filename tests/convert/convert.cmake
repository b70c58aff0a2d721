# Conversion tests (decision, stats, agents): the wire types <-> the
# library's plain types, round trips and refusals of unknown values.
foreach(t decision_convert agent_convert stats_convert contact_status_convert)
  switchboard_test(convert/${t}_test.cc)
  target_link_libraries(${SWITCHBOARD_LAST_TEST_TARGET} PRIVATE switchboard_convert)
endforeach()
