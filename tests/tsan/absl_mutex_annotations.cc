// Copyright 2026 The Switchboard Authors.
//
// absl_mutex_annotations.cc: linked into the test programs of the
// ThreadSanitizer build only (CMAKE_BUILD_TYPE=Tsan, scripts/test-tsan).
//
// Debian's abseil is not built with -fsanitize=thread, so TSan does not
// see absl::Mutex lock and unlock (they are atomics and futexes inside
// libabsl_synchronization.so) and reports every access a Mutex guards as
// a race. This file defines absl::Mutex's out-of-line members in the
// program, which takes precedence over the shared library's (symbol
// interposition, also for the library's own calls through its PLT); each
// calls the library's own (dlsym RTLD_NEXT) and tells TSan what it did:
// acquire after taking the lock, release before letting it go (and around
// a wait, which lets it go and takes it again). A wait's condition is
// evaluated inside the library, with the lock held, by the waiting thread
// or by the thread whose unlock may wake it: Condition::Eval acquires that
// lock first and releases it after. Nothing else changes.

#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/base/options.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace {

#define SWITCHBOARD_STR2(x) #x
#define SWITCHBOARD_STR(x) SWITCHBOARD_STR2(x)

// The library's definition of absl::Mutex::<member> (Itanium mangling,
// with abseil's inline namespace).
template <typename F>
F Real(const char* member, const char* prefix = "_ZN4absl",
       const char* type = "5Mutex") {
  const std::string ns = SWITCHBOARD_STR(ABSL_OPTION_INLINE_NAMESPACE_NAME);
  const std::string name =
      prefix + std::to_string(ns.size()) + ns + type + member;
  void* f = dlsym(RTLD_NEXT, name.c_str());
  if (f == nullptr) {
    std::fprintf(stderr, "absl_mutex_annotations: no %s\n", name.c_str());
    std::abort();
  }
  return reinterpret_cast<F>(f);
}

using Plain = void (*)(absl::Mutex*);
using Try = bool (*)(absl::Mutex*);
using When = void (*)(absl::Mutex*, const absl::Condition&);
using Timed = bool (*)(absl::Mutex*, const absl::Condition&, absl::Duration);
using EvalFn = bool (*)(const absl::Condition*);

// The Mutex this thread waits on (in Await, LockWhen ...) or is unlocking,
// for Eval: a condition is evaluated by the thread that waits, or by the
// one whose unlock may wake it.
thread_local absl::Mutex* held = nullptr;

// Sets `held` to `mu` for its lifetime.
class Holding {
 public:
  explicit Holding(absl::Mutex* mu) : saved_(held) { held = mu; }
  ~Holding() { held = saved_; }

 private:
  absl::Mutex* const saved_;
};

}  // namespace

namespace absl {
ABSL_NAMESPACE_BEGIN

void Mutex::Lock() {
  static const Plain real = Real<Plain>("4LockEv");
  real(this);
  __tsan_acquire(this);
}
void Mutex::ReaderLock() {
  static const Plain real = Real<Plain>("10ReaderLockEv");
  real(this);
  __tsan_acquire(this);
}
void Mutex::Unlock() {
  static const Plain real = Real<Plain>("6UnlockEv");
  __tsan_release(this);
  const Holding holding(this);
  real(this);
}
void Mutex::ReaderUnlock() {
  static const Plain real = Real<Plain>("12ReaderUnlockEv");
  __tsan_release(this);
  const Holding holding(this);
  real(this);
}
bool Mutex::TryLock() {
  static const Try real = Real<Try>("7TryLockEv");
  const bool locked = real(this);
  if (locked) __tsan_acquire(this);
  return locked;
}
bool Mutex::ReaderTryLock() {
  static const Try real = Real<Try>("13ReaderTryLockEv");
  const bool locked = real(this);
  if (locked) __tsan_acquire(this);
  return locked;
}
void Mutex::LockWhen(const Condition& cond) {
  const Holding holding(this);
  static const When real = Real<When>("8LockWhenERKNS0_9ConditionE");
  real(this, cond);
  __tsan_acquire(this);
}
void Mutex::ReaderLockWhen(const Condition& cond) {
  const Holding holding(this);
  static const When real = Real<When>("14ReaderLockWhenERKNS0_9ConditionE");
  real(this, cond);
  __tsan_acquire(this);
}
bool Mutex::LockWhenWithTimeout(const Condition& cond, Duration timeout) {
  const Holding holding(this);
  static const Timed real =
      Real<Timed>("19LockWhenWithTimeoutERKNS0_9ConditionENS0_8DurationE");
  const bool met = real(this, cond, timeout);
  __tsan_acquire(this);
  return met;
}
bool Mutex::ReaderLockWhenWithTimeout(const Condition& cond, Duration timeout) {
  const Holding holding(this);
  static const Timed real = Real<Timed>(
      "25ReaderLockWhenWithTimeoutERKNS0_9ConditionENS0_8DurationE");
  const bool met = real(this, cond, timeout);
  __tsan_acquire(this);
  return met;
}
void Mutex::Await(const Condition& cond) {
  const Holding holding(this);
  static const When real = Real<When>("5AwaitERKNS0_9ConditionE");
  __tsan_release(this);
  real(this, cond);
  __tsan_acquire(this);
}
bool Mutex::AwaitWithTimeout(const Condition& cond, Duration timeout) {
  const Holding holding(this);
  static const Timed real =
      Real<Timed>("16AwaitWithTimeoutERKNS0_9ConditionENS0_8DurationE");
  __tsan_release(this);
  const bool met = real(this, cond, timeout);
  __tsan_acquire(this);
  return met;
}

bool Condition::Eval() const {
  static const EvalFn real = Real<EvalFn>("4EvalEv", "_ZNK4absl", "9Condition");
  // Evaluated holding the lock; what it read is ordered before whoever
  // takes the lock next (the waiter it wakes, or another).
  if (held != nullptr) __tsan_acquire(held);
  const bool met = real(this);
  if (held != nullptr) __tsan_release(held);
  return met;
}

ABSL_NAMESPACE_END
}  // namespace absl
