// Copyright 2026 The Switchboard Authors.

#include "loadgen/stream_load.h"

#include <grpcpp/generic/generic_stub.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace switchboard::loadgen {
namespace {

struct Stream;

enum class OpKind { kStart, kRead, kWrite, kWritesDone, kFinish };

// A completion queue tag: which operation of which stream completed.
struct Op {
  Stream* stream;
  OpKind kind;
};

// One stream. At most one read and one write are in flight (gRPC's rule);
// a read is always in flight while the stream is open.
struct Stream {
  Stream(int index, int window) : index(index), sent_at(window) {}

  const int index;
  grpc::ClientContext context;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call;
  Op start_op{this, OpKind::kStart};
  Op read_op{this, OpKind::kRead};
  Op write_op{this, OpKind::kWrite};
  Op writes_done_op{this, OpKind::kWritesDone};
  Op finish_op{this, OpKind::kFinish};
  grpc::ByteBuffer request;  // the write in flight
  grpc::ByteBuffer answer;   // the read in flight
  // When request n was written, at n % window (n - answered < window).
  std::vector<Clock::time_point> sent_at;
  uint64_t sent = 0;
  uint64_t answered = 0;
  bool started = false;
  bool writing = false;
  bool closing = false;       // WritesDone called
  bool closed = false;        // ... and completed
  bool write_failed = false;  // no more writes can go
  bool read_ended = false;    // the server ended the stream (or it broke)
  bool finishing = false;
  bool finished = false;
  grpc::Status status;
};

class StreamSender : public SenderBase {
 public:
  StreamSender(std::shared_ptr<grpc::Channel> channel,
               const StreamLoadOptions& options, const Phases& phases,
               std::vector<int> stream_indices, uint64_t count,
               const RequestFn& make_request, const AnswerCheck& check)
      : SenderBase(std::move(channel), phases, count),
        options_(options),
        make_request_(make_request),
        check_(check) {
    for (int i : stream_indices) {
      streams_.push_back(std::make_unique<Stream>(i, options.window));
    }
  }

  ~StreamSender() { DrainQueue(); }

  // Until every stream has ended.
  void Run();

 private:
  Tally& TallyFor(Clock::time_point sent) {
    return sent >= phases_.warmup_end ? tally_ : warmup_;
  }
  void Handle(const Op& op, bool ok);
  // Writes the next request if the window allows, or half-closes once the
  // measurement is over.
  void TryWrite(Stream& s, Clock::time_point now);
  void StartRead(Stream& s) { s.call->Read(&s.answer, &s.read_op); }
  void OnAnswer(Stream& s, Clock::time_point now);
  void MaybeFinish(Stream& s);
  void OnFinished(Stream& s);

  const StreamLoadOptions& options_;
  const RequestFn& make_request_;
  const AnswerCheck& check_;

  std::vector<std::unique_ptr<Stream>> streams_;
};

void StreamSender::TryWrite(Stream& s, Clock::time_point now) {
  if (!s.started || s.writing || s.closing || s.write_failed || s.read_ended) {
    return;
  }
  if (Stopping(now)) {
    s.closing = true;
    s.call->WritesDone(&s.writes_done_op);
    return;
  }
  if (s.sent - s.answered >= s.sent_at.size()) return;  // The window is full.
  const uint64_t n = s.sent++;
  s.sent_at[n % s.sent_at.size()] = now;
  if (now >= phases_.warmup_end) ++counted_;
  s.request = make_request_(s.index, n);
  s.writing = true;
  s.call->Write(s.request, &s.write_op);
}

void StreamSender::OnAnswer(Stream& s, Clock::time_point now) {
  const uint64_t n = s.answered++;
  if (n >= s.sent) {
    // More answers than requests: the stream is broken; count it once.
    tally_.Error(grpc::StatusCode::INTERNAL,
                 absl::StrCat("stream ", s.index, ": answer ", n,
                              " to a request never sent"));
    s.answered = s.sent;
    return;
  }
  const Clock::time_point sent = s.sent_at[n % s.sent_at.size()];
  Tally& tally = TallyFor(sent);
  if (absl::Status status = check_(s.answer, n); !status.ok()) {
    tally.Error(static_cast<grpc::StatusCode>(status.code()), status.message());
  } else {
    tally.Ok(ToDuration(now - sent));
  }
  if (sent >= phases_.warmup_end) last_counted_answer_ = now;
}

void StreamSender::MaybeFinish(Stream& s) {
  if (!s.read_ended || s.writing || (s.closing && !s.closed) || s.finishing) {
    return;
  }
  s.finishing = true;
  s.call->Finish(&s.status, &s.finish_op);
}

void StreamSender::OnFinished(Stream& s) {
  s.finished = true;
  // What was sent and never answered failed, with the stream's status.
  const grpc::StatusCode code =
      s.status.ok() ? grpc::StatusCode::INTERNAL : s.status.error_code();
  const std::string message =
      s.status.ok() ? "the stream ended OK without answering every request"
                    : s.status.error_message();
  const std::string why = absl::StrCat("stream ", s.index, " ended: ", message);
  uint64_t unanswered_counted = 0, unanswered_warmup = 0;
  for (uint64_t n = s.answered; n < s.sent; ++n) {
    if (s.sent_at[n % s.sent_at.size()] >= phases_.warmup_end) {
      ++unanswered_counted;
    } else {
      ++unanswered_warmup;
    }
  }
  tally_.Error(code, why, unanswered_counted);
  warmup_.Error(code, why, unanswered_warmup);
  if (!s.status.ok() && s.sent == s.answered) tally_.Error(code, why);
}

void StreamSender::Handle(const Op& op, bool ok) {
  Stream& s = *op.stream;
  const Clock::time_point now = Clock::now();
  switch (op.kind) {
    case OpKind::kStart:
      if (ok) {
        s.started = true;
        StartRead(s);
        TryWrite(s, now);
      } else {
        s.read_ended = true;  // The call failed: Finish says why.
      }
      break;
    case OpKind::kRead:
      if (ok) {
        OnAnswer(s, now);
        StartRead(s);
        TryWrite(s, now);
      } else {
        s.read_ended = true;
      }
      break;
    case OpKind::kWrite:
      s.writing = false;
      if (ok) {
        TryWrite(s, now);
      } else {
        s.write_failed = true;  // The stream is over; the read will end.
      }
      break;
    case OpKind::kWritesDone:
      s.closed = true;
      break;
    case OpKind::kFinish:
      OnFinished(s);
      return;
  }
  MaybeFinish(s);
}

void StreamSender::Run() {
  for (auto& s : streams_) {
    // gRPC's own bound: the stream cannot outlive the run.
    s->context.set_deadline(
        SystemDeadline(phases_.give_up + std::chrono::seconds(2)));
    options_.tenants.Apply(static_cast<uint64_t>(s->index), &s->context);
    s->call = stub_.PrepareCall(&s->context, options_.method, &cq_);
    s->call->StartCall(&s->start_op);
  }
  constexpr Clock::duration kPoll = std::chrono::milliseconds(100);
  bool cancelled = false;
  for (;;) {
    const Clock::time_point now = Clock::now();
    if (std::all_of(streams_.begin(), streams_.end(),
                    [](const auto& s) { return s->finished; })) {
      return;
    }
    if (!cancelled && now >= phases_.give_up) {
      for (auto& s : streams_) {
        if (!s->finished) s->context.TryCancel();
      }
      cancelled = true;
    }
    Clock::time_point wake = now + kPoll;
    if (now < phases_.measure_end) wake = std::min(wake, phases_.measure_end);
    if (!cancelled) wake = std::min(wake, phases_.give_up);
    void* tag;
    bool ok;
    switch (cq_.AsyncNext(&tag, &ok, SystemDeadline(wake))) {
      case grpc::CompletionQueue::GOT_EVENT:
        Handle(*static_cast<Op*>(tag), ok);
        break;
      case grpc::CompletionQueue::TIMEOUT:
        // Streams waiting on a full window half-close once it is time.
        for (auto& s : streams_) TryWrite(*s, Clock::now());
        break;
      case grpc::CompletionQueue::SHUTDOWN:
        return;
    }
  }
}

}  // namespace

LoadResult RunStreamLoad(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const StreamLoadOptions& options, const RequestFn& make_request,
    const AnswerCheck& check) {
  const int threads =
      std::min(static_cast<int>(channels.size()), options.streams);
  const Phases phases(Clock::now(), options.limits);
  std::vector<std::unique_ptr<StreamSender>> senders;
  for (int t = 0; t < threads; ++t) {
    std::vector<int> indices;
    for (int i = t; i < options.streams; i += threads) indices.push_back(i);
    senders.push_back(std::make_unique<StreamSender>(
        channels[t], options, phases, std::move(indices),
        ShareOf(options.limits.count, threads, t), make_request, check));
  }
  return RunSenders(senders, phases);
}

}  // namespace switchboard::loadgen
