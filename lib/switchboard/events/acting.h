// Copyright 2026 The Switchboard Authors.
//
// acting.h: on whose behalf this thread's engine calls act, for the audit
// trail. The edge that authenticated a call (services/server: a bearer
// token's credential name, or a client certificate's subject) sets it
// around its engine calls; every event the engine emits during those calls
// and every journal record it writes for them carry it (Event::principal,
// journal::Record::principal):
//
//   {
//     ActingAs acting(caller.principal());        // "desk-ann"
//     engine.Accept("c-1", "ann");                // kAccepted: desk-ann
//   }
//
// Without one, the principal is "" (timers, replay, an embedder that does
// not say). Scopes nest; the innermost one counts. The principal's bytes
// must outlive the scope.

#ifndef SWITCHBOARD_EVENTS_ACTING_H_
#define SWITCHBOARD_EVENTS_ACTING_H_

#include "absl/strings/string_view.h"

namespace switchboard {

class ActingAs {
 public:
  explicit ActingAs(absl::string_view principal);
  ~ActingAs();

  ActingAs(const ActingAs&) = delete;
  ActingAs& operator=(const ActingAs&) = delete;

  // The principal of the innermost scope on this thread, or "".
  static absl::string_view Current();

 private:
  absl::string_view previous_;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_EVENTS_ACTING_H_
