// Copyright 2026 The Switchboard Authors.

#include "switchboard/journal/journal.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "switchboard/journal/coding.h"
#include "switchboard/journal/log_format.h"
#include "switchboard/util/crc32.h"

namespace switchboard::journal {
namespace fs = std::filesystem;
namespace {

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
      fs_(options_.file_system ? options_.file_system : PosixFileSystem()),
      text_retention_(options_.text_retention) {}

Journal::~Journal() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (writer_.joinable()) writer_.join();
  if (file_ != nullptr) {
    // Best effort: an error here has no caller left to hear it (the writer
    // synced what it released already).
    (void)file_->Sync();
    (void)file_->Close();
  }
}

absl::StatusOr<ReadReport> Journal::Open(
    absl::FunctionRef<absl::Status(const Record&)> on_record) {
  if (absl::Status s = fs_->CreateDirs(options_.dir); !s.ok()) return s;
  ReadOptions ro;
  ro.dir = options_.dir;
  ro.repair = options_.repair;
  absl::StatusOr<ReadReport> report = ReadJournal(ro, on_record);
  if (!report.ok()) return report.status();
  closed_ = report->segments;
  // A rewrite interrupted by a crash leaves its copy behind; the segment
  // itself is intact (rename is atomic).
  // (Not removing one is harmless: the next start tries again.)
  if (absl::StatusOr<std::vector<std::string>> names = fs_->List(options_.dir);
      names.ok()) {
    for (const std::string& name : *names) {
      if (name.size() > 8 && name.substr(name.size() - 8) == ".log.tmp") {
        (void)fs_->Remove((fs::path(options_.dir) / name).string());
      }
    }
  }
  // Empty leftovers (a start that wrote nothing) are removed.
  closed_.erase(std::remove_if(closed_.begin(), closed_.end(),
                               [&](const SegmentInfo& s) {
                                 if (s.bytes > kSegmentHeaderSize) return false;
                                 (void)fs_->Remove(s.path);
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
  absl::StatusOr<std::unique_ptr<WritableFile>> file =
      fs_->NewWritableFile(current_.path, /*exclusive=*/true);
  if (!file.ok()) return file.status();
  file_ = *std::move(file);
  if (absl::Status s =
          file_->Append(absl::string_view(kSegmentMagic, kSegmentHeaderSize));
      !s.ok()) {
    return s;
  }
  if (absl::Status s = file_->Sync(); !s.ok()) return s;
  if (absl::Status s = fs_->SyncDir(options_.dir); !s.ok()) return s;
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
  // A record made durable before a failure stays durable: only what came
  // after it gets the error.
  if (durable_ >= seq) return absl::OkStatus();
  if (!failed_.ok()) return failed_;
  return absl::FailedPreconditionError("journal is not open");
}

void Journal::OnDurable(uint64_t seq, std::function<void(absl::Status)> done) {
  absl::Status now;
  {
    absl::MutexLock lock(&mu_);
    if (failed_.ok() && durable_ < seq && open_ && !stop_) {
      waiting_.emplace_back(seq, std::move(done));
      return;
    }
    now = durable_ >= seq   ? absl::OkStatus()
          : !failed_.ok()   ? failed_
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
    if (status.ok() && unsynced_ && file_ != nullptr &&
        (stopping || now - last_sync_ >= options_.sync_interval)) {
      status = file_->Sync();
      if (status.ok()) {
        unsynced_ = false;
        last_sync_ = now;
        absl::MutexLock lock(&mu_);
        ++stats_.syncs;
      }
    }
    Complete(last, status);
    if (stopping) return;
    // A failed journal writes nothing more (see health()).
    if (status.ok() && !has_failed_.load(std::memory_order_acquire)) {
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
  absl::Status s = file_->Append(batch);
  if (s.ok() && options_.sync == SyncPolicy::kEveryBatch) {
    s = file_->Sync();
    if (s.ok()) {
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
  if (absl::Status s = file_->Sync(); !s.ok()) {
    Complete(0, s);
    return;
  }
  (void)file_->Close();  // Synced: nothing is lost by a failed close.
  file_.reset();
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
  // Counted once the pass is over, so that a reader who sees the count
  // (or the instant) also sees what the pass purged.
  auto counted = [&] {
    absl::MutexLock lock(&mu_);
    ++stats_.housekeeping_passes;
    stats_.last_housekeeping = now;
  };
  if (retention == absl::InfiniteDuration()) {
    counted();
    return;
  }
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
  counted();
}

absl::Status Journal::RewriteWithoutText(SegmentInfo& seg, absl::Time cutoff) {
  absl::StatusOr<std::string> content = fs_->ReadFile(seg.path);
  if (!content.ok()) return content.status();
  const std::string& data = *content;
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
  absl::StatusOr<std::unique_ptr<WritableFile>> file =
      fs_->NewWritableFile(tmp, /*exclusive=*/false);
  if (!file.ok()) return file.status();
  absl::Status s = (*file)->Append(out);
  if (s.ok()) s = (*file)->Sync();
  if (absl::Status c = (*file)->Close(); s.ok()) s = c;
  if (!s.ok()) {
    (void)fs_->Remove(tmp);
    return s;
  }
  if (absl::Status r = fs_->Rename(tmp, seg.path); !r.ok()) {
    (void)fs_->Remove(tmp);
    return r;
  }
  if (absl::Status d = fs_->SyncDir(options_.dir); !d.ok()) return d;
  seg.bytes = out.size();
  seg.newest_text = newest;
  absl::MutexLock lock(&mu_);
  stats_.texts_purged += purged;
  return absl::OkStatus();
}

}  // namespace switchboard::journal
