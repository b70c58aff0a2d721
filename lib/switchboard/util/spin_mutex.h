// Copyright 2026 The Switchboard Authors.
//
// spin_mutex.h: a small test-and-test-and-set lock for critical sections of
// well under a microsecond (the engine's routing state). Under contention it
// spins briefly and then yields the CPU, instead of sleeping in the kernel
// as a general-purpose mutex does; on a small virtual machine that sleep and
// wake-up cost more than the critical section itself.
//
// Not for long critical sections, and not re-entrant.

#ifndef SWITCHBOARD_UTIL_SPIN_MUTEX_H_
#define SWITCHBOARD_UTIL_SPIN_MUTEX_H_

#include <atomic>
#include <thread>

#include "absl/base/thread_annotations.h"

namespace switchboard {

class ABSL_LOCKABLE SpinMutex {
 public:
  void Lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() {
    int spins = 0;
    while (locked_.exchange(true, std::memory_order_acquire)) {
      while (locked_.load(std::memory_order_relaxed)) {
        if (++spins < 128) {
#if defined(__x86_64__) || defined(__i386__)
          __builtin_ia32_pause();
#endif
        } else {
          std::this_thread::yield();
        }
      }
    }
  }
  void Unlock() ABSL_UNLOCK_FUNCTION() {
    locked_.store(false, std::memory_order_release);
  }

 private:
  std::atomic<bool> locked_{false};
};

// RAII holder, like absl::MutexLock.
class ABSL_SCOPED_LOCKABLE SpinLock {
 public:
  explicit SpinLock(SpinMutex* mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu) : mu_(mu) {
    mu_->Lock();
  }
  ~SpinLock() ABSL_UNLOCK_FUNCTION() { mu_->Unlock(); }
  SpinLock(const SpinLock&) = delete;
  SpinLock& operator=(const SpinLock&) = delete;

 private:
  SpinMutex* const mu_;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_UTIL_SPIN_MUTEX_H_
