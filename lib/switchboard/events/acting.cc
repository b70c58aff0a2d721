// Copyright 2026 The Switchboard Authors.

#include "switchboard/events/acting.h"

namespace switchboard {
namespace {

thread_local absl::string_view current_principal;

}  // namespace

ActingAs::ActingAs(absl::string_view principal) : previous_(current_principal) {
  current_principal = principal;
}

ActingAs::~ActingAs() { current_principal = previous_; }

absl::string_view ActingAs::Current() { return current_principal; }

}  // namespace switchboard
