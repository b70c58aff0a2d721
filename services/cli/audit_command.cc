// Copyright 2026 The Switchboard Authors.
//
// `switchboard audit --journal DIR`: who changed what, from the journals a
// server wrote. Every journal record but a contact's arrival (kSubmit,
// which holds the customer's text) and the timers' (kTick) names the
// principal of the call that made it (events/acting.h): an agent's accept,
// a supervisor's transfer, an admin's CreateTenant. One line per record,
// oldest first, tab-separated:
//
//   time  tenant  principal  action  contact=… agent=… department=… …
//
// The journals are only read (a torn tail is reported, never cut), so it
// runs beside the server. DIR is `serve --journal`: the single tenant's
// segments, or one directory per tenant, a deleted tenant's set aside as
// <tenant>.deleted-<unix seconds>.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/commands.h"
#include "switchboard/journal/log_reader.h"
#include "switchboard/journal/record.h"

namespace switchboard::cli {
namespace {

namespace fs = std::filesystem;
using journal::Record;
using journal::RecordType;

// A single-tenant server's journal is the directory itself.
constexpr char kDefaultTenant[] = "default";
constexpr char kDeletedMark[] = ".deleted-";

CommandSpec AuditSpec() {
  return CommandSpec{
      "audit",
      "switchboard audit --journal DIR [--tenant T] [--principal P] "
      "[--since TIME] [--until TIME]",
      "Prints the audit trail kept in a server's journals: one line per "
      "change, oldest first, with its time, tenant, the principal that made "
      "it (a credential's name, a client certificate's subject, "
      "signal:SIGHUP, or - when the server ran without authentication), "
      "the action (accept, transfer, resolve, register_agent, reload, "
      "admin, ...) and what it was about. Contacts' arrivals and timers "
      "are left out. Reads only: safe beside a running server.",
      {{"journal", "DIR", "", "the server's --journal directory",
        /*required=*/true},
       {"tenant", "T", "", "only this tenant's changes"},
       {"principal", "P", "", "only this principal's changes"},
       {"since", "TIME", "", "only changes at or after TIME (RFC 3339)"},
       {"until", "TIME", "", "only changes before TIME (RFC 3339)"}},
      ""};
}

struct Line {
  absl::Time at;
  std::string text;
};

bool Audited(RecordType t) {
  return t != RecordType::kSubmit && t != RecordType::kTick;
}

// A field's bytes as one safe word (no tabs or newlines in the output).
std::string Field(absl::string_view key, absl::string_view value) {
  return absl::StrCat(" ", key, "=", absl::CHexEscape(value));
}

std::string FormatLine(absl::string_view tenant, const Record& r) {
  std::string line = absl::StrCat(
      absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", r.at, absl::UTCTimeZone()), "\t",
      tenant, "\t", r.principal.empty() ? "-" : absl::CHexEscape(r.principal),
      "\t", journal::RecordTypeName(r.type), "\t");
  std::string fields;
  if (!r.contact_id.empty()) fields += Field("contact", r.contact_id);
  if (!r.agent_id.empty()) fields += Field("agent", r.agent_id);
  if (!r.department.empty()) fields += Field("department", r.department);
  if (!r.detail.empty()) fields += Field("detail", r.detail);
  if (r.value != 0) absl::StrAppend(&fields, " value=", r.value);
  absl::StrAppend(&line, fields.empty() ? "" : fields.substr(1));
  return line;
}

struct Filter {
  std::string tenant;
  std::string principal;
  absl::Time since = absl::InfinitePast();
  absl::Time until = absl::InfiniteFuture();
};

// The segments of one journal directory, in order ("" when none).
std::vector<fs::path> SegmentsOf(const fs::path& dir, std::error_code& ec) {
  std::vector<std::pair<uint64_t, fs::path>> numbered;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const uint64_t n = journal::ParseSegmentName(e.path().filename().string());
    if (n != 0 && e.is_regular_file()) numbered.emplace_back(n, e.path());
  }
  std::sort(numbered.begin(), numbered.end());
  std::vector<fs::path> paths;
  for (auto& [n, p] : numbered) paths.push_back(std::move(p));
  return paths;
}

// Reads one tenant's journal into `lines`; false (after saying why on
// `err`) when a segment could not be read or is damaged, not merely torn
// at the end by a crash.
bool ReadTenant(const std::string& tenant, const std::vector<fs::path>& segs,
                const Filter& filter, std::vector<Line>& lines,
                std::ostream& err) {
  bool ok = true;
  for (size_t i = 0; i < segs.size(); ++i) {
    const std::string path = segs[i].string();
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (!in.good() && !in.eof()) {
      err << "switchboard audit: " << path << ": cannot be read\n";
      ok = false;
      continue;
    }
    const std::string data = bytes.str();
    journal::SegmentScan scan =
        journal::ScanSegment(data, [&](const Record& r) {
          if (!Audited(r.type) || r.at < filter.since || r.at >= filter.until) {
            return absl::OkStatus();
          }
          if (!filter.principal.empty() && r.principal != filter.principal) {
            return absl::OkStatus();
          }
          lines.push_back(Line{r.at, FormatLine(tenant, r)});
          return absl::OkStatus();
        });
    if (scan.problem.ok()) continue;
    const bool crash_tail = scan.torn && i + 1 == segs.size();
    err << "switchboard audit: " << path << ": "
        << (crash_tail ? "ends in a torn record (a crash's; the server cuts "
                         "it on start): "
                       : "")
        << scan.problem.message() << "\n";
    if (!crash_tail) ok = false;
  }
  return ok;
}

absl::Status ParseTimeFlag(const ParsedFlags& flags, absl::string_view name,
                           absl::Time* out) {
  if (!flags.Has(name)) return absl::OkStatus();
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, flags.Get(name), out, &error)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, ": \"", flags.Get(name),
                     "\" is not an RFC 3339 time such as "
                     "2026-12-05T09:00:00Z (",
                     error, ")"));
  }
  return absl::OkStatus();
}

}  // namespace

int RunAudit(const std::vector<std::string>& args, Io io) {
  const CommandSpec spec = AuditSpec();
  ParsedFlags flags;
  int code;
  if (!ParseOrExit(spec, args, io, flags, code)) return code;
  Filter filter;
  filter.tenant = flags.Get("tenant");
  filter.principal = flags.Get("principal");
  for (auto [name, out] :
       {std::pair<absl::string_view, absl::Time*>{"since", &filter.since},
        {"until", &filter.until}}) {
    if (absl::Status s = ParseTimeFlag(flags, name, out); !s.ok()) {
      io.err << "switchboard audit: " << s.message() << "\n";
      return 2;
    }
  }
  const fs::path dir = flags.Get("journal");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    io.err << "switchboard audit: --journal " << dir.string()
           << ": is not a directory\n";
    return 1;
  }
  // (tenant, segments) for every journal under DIR.
  std::vector<std::pair<std::string, std::vector<fs::path>>> journals;
  std::vector<fs::path> own = SegmentsOf(dir, ec);
  if (!own.empty()) journals.emplace_back(kDefaultTenant, std::move(own));
  std::vector<fs::path> subdirs;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.is_directory()) subdirs.push_back(e.path());
  }
  if (ec) {
    io.err << "switchboard audit: --journal " << dir.string() << ": "
           << ec.message() << "\n";
    return 1;
  }
  std::sort(subdirs.begin(), subdirs.end());
  for (const fs::path& sub : subdirs) {
    std::vector<fs::path> segs = SegmentsOf(sub, ec);
    if (segs.empty()) continue;
    std::string tenant = sub.filename().string();
    if (size_t mark = tenant.find(kDeletedMark); mark != std::string::npos) {
      tenant.resize(mark);
    }
    journals.emplace_back(std::move(tenant), std::move(segs));
  }
  if (journals.empty()) {
    io.err << "switchboard audit: --journal " << dir.string()
           << ": holds no journal (no journal-*.log segments in it or in "
              "its tenants' directories)\n";
    return 1;
  }
  std::vector<Line> lines;
  bool ok = true;
  bool tenant_seen = filter.tenant.empty();
  for (const auto& [tenant, segs] : journals) {
    if (!filter.tenant.empty() && tenant != filter.tenant) continue;
    tenant_seen = true;
    ok = ReadTenant(tenant, segs, filter, lines, io.err) && ok;
  }
  if (!tenant_seen) {
    io.err << "switchboard audit: --tenant " << filter.tenant
           << ": no journal of that tenant under " << dir.string() << "\n";
    return 1;
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const Line& a, const Line& b) { return a.at < b.at; });
  for (const Line& l : lines) io.out << l.text << "\n";
  return ok ? 0 : 1;
}

}  // namespace switchboard::cli
