// Copyright 2026 The Switchboard Authors.

#include "switchboard/journal/coding.h"

#include <cstring>

namespace switchboard::journal {

void PutFixed32(std::string* dst, uint32_t v) {
  char buf[4];
  for (int i = 0; i < 4; ++i) buf[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  dst->append(buf, 4);
}

void PutVarint64(std::string* dst, uint64_t v) {
  char buf[10];
  int n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  dst->append(buf, n);
}

void PutSigned64(std::string* dst, int64_t v) {
  PutVarint64(dst, (static_cast<uint64_t>(v) << 1) ^
                       static_cast<uint64_t>(v >> 63));
}

void PutString(std::string* dst, absl::string_view s) {
  PutVarint64(dst, s.size());
  dst->append(s.data(), s.size());
}

void PutFloat(std::string* dst, float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  PutFixed32(dst, bits);
}

uint32_t DecodeFixed32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<uint32_t>(u[0]) | (static_cast<uint32_t>(u[1]) << 8) |
         (static_cast<uint32_t>(u[2]) << 16) |
         (static_cast<uint32_t>(u[3]) << 24);
}

bool Decoder::GetVarint64(uint64_t* v) {
  if (failed_) return false;
  uint64_t result = 0;
  for (int shift = 0; shift <= 63; shift += 7) {
    if (in_.empty()) return Fail();
    const auto byte = static_cast<unsigned char>(in_.front());
    in_.remove_prefix(1);
    if (shift == 63 && byte > 1) return Fail();  // More than 64 bits.
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return Fail();
}

bool Decoder::GetSigned64(int64_t* v) {
  uint64_t u;
  if (!GetVarint64(&u)) return false;
  *v = static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
  return true;
}

bool Decoder::GetString(std::string* s) {
  uint64_t n;
  if (!GetVarint64(&n)) return false;
  if (n > in_.size()) return Fail();
  s->assign(in_.data(), n);
  in_.remove_prefix(n);
  return true;
}

bool Decoder::GetFloat(float* v) {
  if (failed_ || in_.size() < 4) return Fail();
  const uint32_t bits = DecodeFixed32(in_.data());
  std::memcpy(v, &bits, sizeof bits);
  in_.remove_prefix(4);
  return true;
}

bool Decoder::GetBounded(uint64_t max, uint64_t* v) {
  if (!GetVarint64(v)) return false;
  if (*v > max) return Fail();
  return true;
}

}  // namespace switchboard::journal
