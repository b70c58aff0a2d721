// Copyright 2026 The Switchboard Authors.
//
// contact.h: the contact model, the one plain C++ type every stage of
// Switchboard passes along (normalize -> protect -> classify -> decide ->
// queue). It has no protobuf in it; services/ converts at the edge.
//
// Example:
//
//   switchboard::Contact c;
//   c.id = "c-17";
//   c.channel = switchboard::Channel::kEmail;
//   c.subject = "Parkeervergunning";
//   c.body = "Beste, ik wil een parkeervergunning aanvragen...";
//   absl::StatusOr<switchboard::NormalizedContact> n =
//       switchboard::Normalize(c, switchboard::NormalizeOptions());

#ifndef SWITCHBOARD_CONTACT_H_
#define SWITCHBOARD_CONTACT_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace switchboard {

// The channel a contact arrived on. kUnspecified is never valid on a contact
// that is submitted; it exists so a default-constructed Contact is visibly
// incomplete rather than silently "phone".
enum class Channel : uint8_t {
  kUnspecified = 0,
  kPhone,
  kEmail,
  kChat,
  kSocial,
  kLetter,
  kWebForm,
  kMessaging,  // SMS, WhatsApp and other short-message channels.
};

// Every valid channel, in enum order (excludes kUnspecified).
inline constexpr std::array<Channel, 7> kAllChannels = {
    Channel::kPhone,  Channel::kEmail,   Channel::kChat,     Channel::kSocial,
    Channel::kLetter, Channel::kWebForm, Channel::kMessaging};

// The stable lower-case name of a channel: "phone", "email", "chat",
// "social", "letter", "web_form", "messaging" ("unspecified" for
// kUnspecified). These names are used in files and on the command line.
absl::string_view ChannelName(Channel channel);

// Parses a channel name as ChannelName prints it. Also accepts the aliases
// "sms", "whatsapp", "webform", "web-form", "mail", "post", "voice" and is
// case-insensitive. Unknown names give INVALID_ARGUMENT naming the input.
absl::StatusOr<Channel> ParseChannel(absl::string_view name);

// One contact from a citizen or customer, as received.
struct Contact {
  // Caller-chosen identifier, unique per contact (used in every error message
  // and, in later stages, for idempotent submission).
  std::string id;
  Channel channel = Channel::kUnspecified;
  // Subject line (email, letter "Betreft", web form subject); may be empty.
  std::string subject;
  // The body: email text or HTML, call transcript, chat turns, post text,
  // OCR'd letter text, web-form fields, message text.
  std::string body;
  // Phone only: the IVR menu choice the caller keyed in ("3", "2-1"), empty
  // when none.
  std::string ivr_choice;
  // BCP 47-ish language hint from the channel ("nl", "en"), empty if unknown.
  std::string language_hint;
  // Reference to the customer (e.g. a customer number). Later stages store a
  // keyed hash of it, never the value.
  std::string customer_ref;
  // Id of an earlier contact or thread this one continues, empty if none.
  std::string previous_contact_id;
  // Free attributes from the channel (e.g. "vip" -> "true").
  std::map<std::string, std::string> attributes;
  // When the contact was received (injected clock in the engine).
  absl::Time received_at = absl::InfinitePast();
  // The channel the citizen wants the answer on; nullopt = same channel.
  std::optional<Channel> preferred_reply_channel;
};

// Longest accepted contact id (bytes). An id is a key, not a text: longer
// ones are refused rather than stored in every index and event.
inline constexpr size_t kMaxContactIdBytes = 1024;

// How far a contact's received_at may lie after the clock's now. The
// systems that stamp contacts (mail servers, telephony, scanners) keep
// their own clocks, which drift a little; more than this is a wrong stamp,
// and would make latencies negative.
inline constexpr absl::Duration kMaxReceivedAtSkew = absl::Minutes(5);

// Checks what the engine needs of a contact besides its text (Normalize
// checks the text fields): the id is set, valid UTF-8 and at most
// kMaxContactIdBytes long; the channel and the preferred reply channel are
// values of the enum (not kUnspecified for the channel); received_at, when
// set, is not before 1970-01-01 and not more than kMaxReceivedAtSkew after
// `now`. INVALID_ARGUMENT naming the contact and the field, e.g.
// `contact c-17: received_at 2026-01-01T01:00:00+00:00 is 1h after now
// (2026-01-01T00:00:00+00:00); at most 5m is allowed`.
absl::Status ValidateContact(const Contact& contact, absl::Time now);

// A contact id as error messages show it: escaped (so an id that is not
// valid UTF-8 cannot make the message invalid too) and cut after 64 bytes
// with "..."; "(no id)" when empty.
std::string ContactIdForMessage(absl::string_view id);

}  // namespace switchboard

#endif  // SWITCHBOARD_CONTACT_H_
