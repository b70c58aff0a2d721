// Copyright 2026 The Switchboard Authors.

#include "switchboard/journal/journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "switchboard/journal/coding.h"
#include "switchboard/journal/log_format.h"
#include "switchboard/util/crc32.h"

namespace switchboard::journal {
namespace fs = std::filesystem;
namespace {

absl::Status IoError(absl::string_view what, const std::string& path) {
  return absl::UnavailableError(absl::StrCat("journal: ", what, " ", path,
                                             ": ", std::strerror(errno)));
}

absl::Status WriteAll(int fd, absl::string_view data, const std::string& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("cannot write", path);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

absl::Status SyncDir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return IoError("cannot open directory", dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return IoError("cannot sync directory", dir);
  return absl::OkStatus();
}

// Fills in the checksum of every frame in `batch` (Append leaves them
// zero, so that no CRC is computed under the engine's lock).
void FillChecksums(std::string& batch) {
  size_t pos = 0;
  while (pos + kFrameHeaderSize <= batch.size()) {
    char* frame = batch.data() + pos;
    const uint32_t length = DecodeFixed32(frame + 4);
    const uint32_t crc =
        Crc32c(absl::string_view(frame + kFrameHeaderSize, length),
               Crc32c(absl::string_view(frame + 8, 1)));
    std::string masked;
    PutFixed32(&masked, MaskCrc(crc));
    std::memcpy(frame, masked.data(), 4);
    pos += kFrameHeaderSize + length;
  }
}

}  // namespace

Journal::Journal(JournalOptions options)
    : options_(std::move(options)),
      clock_(options_.clock ? options_.clock : SystemClock()),
      text_retention_(options_.text_retention) {}

Journal::~Journal() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (writer_.joinable()) writer_.join();
  if (fd_ >= 0) {
    ::fdatasync(fd_);
    ::close(fd_);
  }
}

absl::StatusOr<ReadReport> Journal::Open(
    absl::FunctionRef<absl::Status(const Record&)> on_record) {
  std::error_code ec;
  fs::create_directories(options_.dir, ec);
  if (ec) {
    return absl::UnavailableError(absl::StrCat(
        "journal: cannot create directory ", options_.dir, ": ", ec.message()));
  }
  ReadOptions ro;
  ro.dir = options_.dir;
  ro.repair = options_.repair;
  absl::StatusOr<ReadReport> report = ReadJournal(ro, on_record);
  if (!report.ok()) return report.status();
  closed_ = report->segments;
  // A rewrite interrupted by a crash leaves its copy behind; the segment
  // itself is intact (rename is atomic).
  for (const fs::directory_entry& e : fs::directory_iterator(options_.dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 8 && name.substr(name.size() - 8) == ".log.tmp") {
      fs::remove(e.path(), ec);
    }
  }
  // Empty leftovers (a start that wrote nothing) are removed.
  closed_.erase(std::remove_if(closed_.begin(), closed_.end(),
                               [](const SegmentInfo& s) {
                                 if (s.bytes > kSegmentHeaderSize) return false;
                                 std::error_code e;
                                 fs::remove(s.path, e);
                                 return true;
                               }),
                closed_.end());
  uint64_t next = 1;
  for (const SegmentInfo& s : report->segments) next = std::max(next, s.number + 1);
  if (absl::Status s = OpenSegment(next); !s.ok()) return s;
  {
    absl::MutexLock lock(&mu_);
    open_ = true;
    stats_.segments = closed_.size() + 1;
  }
  last_sync_ = clock_->Now();
  writer_ = std::thread([this] { Run(); });
  return report;
}

absl::Status Journal::OpenSegment(uint64_t number) {
  current_ = SegmentInfo();
  current_.number = number;
  current_.path = (fs::path(options_.dir) / SegmentName(number)).string();
  fd_ = ::open(current_.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
               0600);
  if (fd_ < 0) return IoError("cannot create segment", current_.path);
  if (absl::Status s = WriteAll(
          fd_, absl::string_view(kSegmentMagic, kSegmentHeaderSize),
          current_.path);
      !s.ok()) {
    return s;
  }
  if (::fdatasync(fd_) != 0) return IoError("cannot sync", current_.path);
  if (absl::Status s = SyncDir(options_.dir); !s.ok()) return s;
  current_.bytes = kSegmentHeaderSize;
  current_opened_ = clock_->Now();
  return absl::OkStatus();
}

uint64_t Journal::Append(RecordType type,
                         absl::FunctionRef<void(std::string*)> encode,
                         absl::Time text_received) {
  absl::MutexLock lock(&mu_);
  const size_t start = buffer_.size();
  buffer_.append(kFrameHeaderSize, '\0');
  encode(&buffer_);
  const uint32_t length =
      static_cast<uint32_t>(buffer_.size() - start - kFrameHeaderSize);
  std::string len;
  PutFixed32(&len, length);
  std::memcpy(buffer_.data() + start + 4, len.data(), 4);
  buffer_[start + 8] = static_cast<char>(type);
  buffer_newest_text_ = std::max(buffer_newest_text_, text_received);
  return ++appended_;
}

absl::Status Journal::health() const {
  if (!has_failed_.load(std::memory_order_acquire)) return absl::OkStatus();
  absl::MutexLock lock(&mu_);
  return failed_;
}

uint64_t Journal::appended() const {
  absl::MutexLock lock(&mu_);
  return appended_;
}

absl::Status Journal::WaitDurable(uint64_t seq) {
  absl::MutexLock lock(&mu_);
  auto done = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return durable_ >= seq || !failed_.ok() || !open_;
  };
  mu_.Await(absl::Condition(&done));
  if (!failed_.ok()) return failed_;
  if (durable_ < seq) {
    return absl::FailedPreconditionError("journal is not open");
  }
  return absl::OkStatus();
}

void Journal::OnDurable(uint64_t seq, std::function<void(absl::Status)> done) {
  absl::Status now;
  {
    absl::MutexLock lock(&mu_);
    if (failed_.ok() && durable_ < seq && open_ && !stop_) {
      waiting_.emplace_back(seq, std::move(done));
      return;
    }
    now = !failed_.ok() ? failed_
          : durable_ >= seq
              ? absl::OkStatus()
              : absl::FailedPreconditionError("journal is not open");
  }
  done(now);
}

void Journal::set_text_retention(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  text_retention_ = d;
}

JournalStats Journal::stats() const {
  absl::MutexLock lock(&mu_);
  return stats_;
}

void Journal::Run() {
  std::string batch;
  while (true) {
    uint64_t last = 0;
    absl::Time newest_text;
    bool stopping = false;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return !buffer_.empty() || stop_;
      };
      // Wake for work, and at the least every sync interval (kInterval) or
      // second (closing old segments, purging text).
      const absl::Duration idle =
          options_.sync == SyncPolicy::kInterval
              ? std::min(options_.sync_interval, options_.housekeeping)
              : options_.housekeeping;
      mu_.AwaitWithTimeout(absl::Condition(&ready), idle);
      batch.swap(buffer_);
      buffer_.clear();
      last = appended_;
      newest_text = buffer_newest_text_;
      buffer_newest_text_ = absl::InfinitePast();
      stopping = stop_;
    }
    absl::Status status;
    if (!batch.empty()) {
      current_.newest_text = std::max(current_.newest_text, newest_text);
      status = WriteBatch(batch);
    }
    const absl::Time now = clock_->Now();
    if (status.ok() && unsynced_ &&
        (stopping || now - last_sync_ >= options_.sync_interval)) {
      if (::fdatasync(fd_) != 0) {
        status = IoError("cannot sync", current_.path);
      } else {
        unsynced_ = false;
        last_sync_ = now;
        absl::MutexLock lock(&mu_);
        ++stats_.syncs;
      }
    }
    Complete(last, status);
    if (stopping) return;
    if (status.ok()) {
      MaybeRoll(now);
      PurgeTexts(now);
    }
  }
}

absl::Status Journal::WriteBatch(std::string& batch) {
  {
    absl::MutexLock lock(&mu_);
    if (!failed_.ok()) return failed_;
  }
  FillChecksums(batch);
  absl::Status s = WriteAll(fd_, batch, current_.path);
  if (s.ok() && options_.sync == SyncPolicy::kEveryBatch) {
    if (::fdatasync(fd_) != 0) {
      s = IoError("cannot sync", current_.path);
    } else {
      absl::MutexLock lock(&mu_);
      ++stats_.syncs;
    }
  } else if (s.ok()) {
    unsynced_ = true;
  }
  current_.bytes += batch.size();
  {
    absl::MutexLock lock(&mu_);
    ++stats_.batches;
    stats_.bytes += batch.size();
  }
  batch.clear();
  return s;
}

void Journal::Complete(uint64_t last, const absl::Status& status) {
  std::vector<std::pair<uint64_t, std::function<void(absl::Status)>>> ready;
  {
    absl::MutexLock lock(&mu_);
    if (!status.ok() && failed_.ok()) {
      failed_ = status;
      has_failed_.store(true, std::memory_order_release);
    }
    if (failed_.ok()) {
      stats_.records = last;
      durable_ = std::max(durable_, last);
    }
    auto due = [&](const auto& w) { return !failed_.ok() || w.first <= durable_; };
    auto split = std::stable_partition(waiting_.begin(), waiting_.end(),
                                       [&](const auto& w) { return !due(w); });
    std::move(split, waiting_.end(), std::back_inserter(ready));
    waiting_.erase(split, waiting_.end());
    if (stop_) {  // Nobody will complete these any more.
      for (auto& w : waiting_) ready.push_back(std::move(w));
      waiting_.clear();
    }
  }
  std::sort(ready.begin(), ready.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [seq, done] : ready) {
    done(status.ok() && seq <= last
             ? absl::OkStatus()
             : !status.ok() ? status
                            : absl::UnavailableError("journal stopped"));
  }
}

void Journal::MaybeRoll(absl::Time now) {
  if (current_.bytes <= kSegmentHeaderSize) return;
  if (current_.bytes < options_.segment_bytes &&
      now - current_opened_ < options_.segment_age) {
    return;
  }
  if (::fdatasync(fd_) != 0) {
    Complete(0, IoError("cannot sync", current_.path));
    return;
  }
  ::close(fd_);
  fd_ = -1;
  unsynced_ = false;
  closed_.push_back(current_);
  if (absl::Status s = OpenSegment(current_.number + 1); !s.ok()) {
    Complete(0, s);
    return;
  }
  absl::MutexLock lock(&mu_);
  stats_.segments = closed_.size() + 1;
}

void Journal::PurgeTexts(absl::Time now) {
  if (now - last_purge_ < options_.housekeeping) return;
  last_purge_ = now;
  absl::Duration retention;
  {
    absl::MutexLock lock(&mu_);
    retention = text_retention_;
  }
  if (retention == absl::InfiniteDuration()) return;
  const absl::Time cutoff = now - retention;
  for (SegmentInfo& seg : closed_) {
    if (seg.newest_text == absl::InfinitePast() || seg.newest_text > cutoff) {
      continue;
    }
    if (absl::Status s = RewriteWithoutText(seg, cutoff); !s.ok()) {
      // Not fatal for appending: the text stays until the next attempt,
      // and the failure is counted.
      absl::MutexLock lock(&mu_);
      ++stats_.purge_failures;
      stats_.last_purge_error = std::string(s.message());
    }
  }
}

absl::Status Journal::RewriteWithoutText(SegmentInfo& seg, absl::Time cutoff) {
  std::ifstream in(seg.path, std::ios::binary);
  if (!in) return IoError("cannot read", seg.path);
  std::ostringstream content;
  content << in.rdbuf();
  const std::string data = content.str();
  std::string out(kSegmentMagic, kSegmentHeaderSize);
  uint64_t purged = 0;
  absl::Time newest = absl::InfinitePast();
  SegmentScan scan = ScanSegment(data, [&](const Record& r) {
    Record copy = r;
    if (copy.type == RecordType::kSubmit && !copy.text.empty()) {
      if (copy.received <= cutoff) {
        copy.text.clear();
        ++purged;
      } else {
        newest = std::max(newest, copy.received);
      }
    }
    const size_t start = out.size();
    out.append(kFrameHeaderSize, '\0');
    EncodeRecord(copy, &out);
    std::string len;
    PutFixed32(&len, static_cast<uint32_t>(out.size() - start -
                                           kFrameHeaderSize));
    std::memcpy(out.data() + start + 4, len.data(), 4);
    out[start + 8] = static_cast<char>(copy.type);
    return absl::OkStatus();
  });
  if (!scan.problem.ok()) {
    return absl::DataLossError(absl::StrCat(seg.path, ": ", scan.problem.message()));
  }
  std::string body = out.substr(kSegmentHeaderSize);
  FillChecksums(body);
  out.replace(kSegmentHeaderSize, std::string::npos, body);
  const std::string tmp = seg.path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot create", tmp);
  absl::Status s = WriteAll(fd, out, tmp);
  if (s.ok() && ::fdatasync(fd) != 0) s = IoError("cannot sync", tmp);
  ::close(fd);
  if (!s.ok()) return s;
  if (::rename(tmp.c_str(), seg.path.c_str()) != 0) {
    return IoError("cannot replace", seg.path);
  }
  if (absl::Status d = SyncDir(options_.dir); !d.ok()) return d;
  seg.bytes = out.size();
  seg.newest_text = newest;
  absl::MutexLock lock(&mu_);
  stats_.texts_purged += purged;
  return absl::OkStatus();
}

}  // namespace switchboard::journal
