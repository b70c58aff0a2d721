// Copyright 2026 The Switchboard Authors.
//
// Language: detected from the (masked) text; where the detector is unsure
// or finds none, the channel's hint, when it gave one, is taken instead.

#include "switchboard/classify/language.h"
#include "switchboard/pipeline/pipeline.h"

namespace switchboard {
namespace pipeline {

void LanguageStage(const Contact& contact, PreparedContact* p) {
  const LanguageGuess language = DetectLanguage(p->normalized.text);
  p->facts.language = language.code;
  if ((language.code == "und" || language.confidence < 0.5f) &&
      !contact.language_hint.empty()) {
    p->facts.language = contact.language_hint;  // The channel knows better.
  }
}

}  // namespace pipeline
}  // namespace switchboard
