# Normalizer and text tests, included by tests/CMakeLists.txt. Paths are
# relative to tests/; each file becomes one test executable linked with
# switchboard::switchboard and GTest::gmock_main.
set(SWITCHBOARD_NORMALIZE_TESTS
  contact_test.cc
  text/utf8_test.cc
  text/case_fold_test.cc
  text/text_util_test.cc
  normalize/normalizer_test.cc
  normalize/email_normalizer_test.cc
  normalize/phone_normalizer_test.cc
  normalize/chat_normalizer_test.cc
  normalize/social_normalizer_test.cc
  normalize/letter_normalizer_test.cc
  normalize/web_form_normalizer_test.cc
  normalize/messaging_normalizer_test.cc
)
