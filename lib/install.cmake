# Install rules for embedders (included from lib/CMakeLists.txt when
# SWITCHBOARD_INSTALL): the libraries, the public headers, a CMake package
# (find_package(switchboard CONFIG)) and a pkg-config file, as re2 does.
#
#   cmake --install build --prefix /opt/switchboard
#   # CMake:      find_package(switchboard CONFIG REQUIRED)
#   #             target_link_libraries(app PRIVATE switchboard::switchboard)
#   # pkg-config: pkg-config --cflags --libs switchboard
include(CMakePackageConfigHelpers)

# The public headers: what an embedder includes (engine.h and what its
# types need; the classifier, to train or load a model; the journal, to make
# an engine durable; the clock, the events and the personal-data masking;
# the tenant host, for a product that hosts many contact centres).
# The others under lib/switchboard (the routing internals: queues, agent
# pool, decider, rules, risk, customer history; the journal's coding; the
# detectors' scan state; text utilities) are not installed.
set(SWITCHBOARD_PUBLIC_HEADERS
  switchboard/engine.h
  switchboard/clock.h
  switchboard/contact.h
  switchboard/config/engine_config.h
  switchboard/config/data_policy.h
  switchboard/events/acting.h
  switchboard/events/event.h
  switchboard/route/decision.h
  switchboard/stats/stats.h
  switchboard/stats/latency_histogram.h
  switchboard/normalize/normalizer.h
  switchboard/protect/personal_data.h
  switchboard/util/siphash.h
  switchboard/classify/classifier.h
  switchboard/classify/contact_type.h
  switchboard/classify/csv_reader.h
  switchboard/classify/dataset.h
  switchboard/classify/evaluation.h
  switchboard/classify/featurizer.h
  switchboard/classify/language.h
  switchboard/classify/linear_model.h
  switchboard/classify/trainer.h
  switchboard/classify/vocabulary.h
  switchboard/journal/file_system.h
  switchboard/journal/journal.h
  switchboard/journal/log_reader.h
  switchboard/journal/record.h
  switchboard/tenant/tenant.h
  switchboard/tenant/tenant_host.h
  switchboard/tenant/tenant_name.h
  switchboard/tenant/token_bucket.h)
set(SWITCHBOARD_PUBLIC_HEADERS ${SWITCHBOARD_PUBLIC_HEADERS} PARENT_SCOPE)
foreach(header ${SWITCHBOARD_PUBLIC_HEADERS})
  get_filename_component(dir ${header} DIRECTORY)
  install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/${header}
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/${dir} COMPONENT devel)
endforeach()

install(TARGETS ${SWITCHBOARD_LIBRARY_TARGETS}
  EXPORT switchboardTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT devel
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime
          NAMELINK_COMPONENT devel
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(SWITCHBOARD_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/switchboard)
install(EXPORT switchboardTargets
  NAMESPACE switchboard::
  DESTINATION ${SWITCHBOARD_CMAKE_DIR} COMPONENT devel)
configure_package_config_file(
  ${CMAKE_CURRENT_SOURCE_DIR}/cmake/switchboardConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/switchboardConfig.cmake
  INSTALL_DESTINATION ${SWITCHBOARD_CMAKE_DIR})
write_basic_package_version_file(
  ${CMAKE_CURRENT_BINARY_DIR}/switchboardConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)  # 0.x: a new minor version may break.
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/switchboardConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/switchboardConfigVersion.cmake
  DESTINATION ${SWITCHBOARD_CMAKE_DIR} COMPONENT devel)

configure_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/switchboard.pc.in
               ${CMAKE_CURRENT_BINARY_DIR}/switchboard.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/switchboard.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT devel)
