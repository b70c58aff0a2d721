// Copyright 2026 The Switchboard Authors.
//
// fuzz_check.h: FUZZ_CHECK(condition) for the fuzz targets. Besides "does
// not crash", each target checks properties the code promises (a parsed
// table's rows all have the header's width, a loaded model gives
// probabilities in [0, 1], ...). A broken promise prints the condition and
// aborts, which libFuzzer reports as a crash and saves the input for.

#ifndef SWITCHBOARD_TESTS_FUZZ_FUZZ_CHECK_H_
#define SWITCHBOARD_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                          \
  do {                                                                 \
    if (!(condition)) {                                                \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, \
                   __LINE__, #condition);                              \
      std::abort();                                                    \
    }                                                                  \
  } while (false)

#endif  // SWITCHBOARD_TESTS_FUZZ_FUZZ_CHECK_H_
