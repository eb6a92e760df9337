/** @file file_manifest.cc
 *  @brief The per-file record codec, reading the records, and planning a run.
 */
#include "index/file_manifest.h"

#include <filesystem>
#include <set>
#include <sstream>

#include "byline/schema.h"
#include "index/document_builder.h"
#include "util/xapian_error.h"

namespace byline {

std::string EncodeFileRecord(const FileRecord& r) {
  std::string value = std::to_string(r.size) + " " + std::to_string(r.mtime_ns) + " " +
                      std::to_string(r.hash) + " " + r.path;
  if (r.problems > 0) {
    value += '\0';
    value += std::to_string(r.problems) + " " + r.first_problem;
  }
  return value;
}

bool DecodeFileRecord(const std::string& value, FileRecord* r) {
  std::istringstream in(value);
  r->path.clear();
  r->problems = 0;
  r->first_problem.clear();
  if (!(in >> r->size >> r->mtime_ns >> r->hash)) return false;
  in.get();  // the space before the path
  std::getline(in, r->path, '\0');
  if (in >> r->problems) {
    in.get();  // the space before the message
    std::getline(in, r->first_problem, '\0');
  } else {
    r->problems = 0;
  }
  return !r->path.empty();
}

Status RecordedProblems(const FileRecord& r) {
  return Status::Corruption(r.path + ": unchanged since it was read with " +
                            std::to_string(r.problems) + (r.problems == 1 ? " error" : " errors") +
                            ", so not read again; the first: " + r.first_problem);
}

std::string FileRecordKey(const std::string& path) {
  return std::string(schema::kMetaFilePrefix) + FileTerm(path).substr(2);  // without "XF"
}

Status ReadFileRecords(const Xapian::Database& db, std::map<std::string, FileRecord>* records) {
  const std::string prefix = schema::kMetaFilePrefix;
  try {
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
      FileRecord r;
      if (DecodeFileRecord(db.get_metadata(*k), &r)) (*records)[r.path] = r;
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "reading the file records");
  }
  return Status::OK();
}

std::vector<std::string> ExistingRoots(const std::vector<std::string>& roots) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string& root : roots) {
    std::error_code ec;
    fs::path p = fs::absolute(root, ec).lexically_normal();
    if (!ec && fs::exists(p, ec)) {
      std::string s = p.string();
      while (s.size() > 1 && s.back() == '/') s.pop_back();
      out.push_back(s);
    }
  }
  return out;
}

std::vector<FileJob> PlanRereads(const std::vector<std::string>& paths,
                                 const std::map<std::string, FileRecord>& known) {
  std::vector<FileJob> jobs;
  if (paths.empty()) return jobs;
  std::size_t skipped = 0;
  // A holder may be outside this run's roots, or gone since: list the files
  // themselves, which also gives size and mtime as a listing would.
  for (CorpusFile& f : ListCorpusFiles(paths, &skipped, [](const Status&) {})) {
    auto it = known.find(f.path);
    FileJob job{std::move(f), true, it != known.end() ? it->second : FileRecord{}, true};
    jobs.push_back(std::move(job));
  }
  return jobs;
}

RunPlan PlanRun(const std::vector<CorpusFile>& listed,
                const std::map<std::string, FileRecord>& known,
                const std::vector<std::string>& roots) {
  RunPlan plan;
  std::set<std::string> seen;
  for (const CorpusFile& f : listed) {
    seen.insert(f.path);
    auto it = known.find(f.path);
    if (it != known.end() && it->second.size == f.size && it->second.mtime_ns == f.mtime_ns) {
      ++plan.unchanged;
      if (it->second.problems > 0) plan.unchanged_with_problems.push_back(it->second);
      continue;
    }
    bool was_known = it != known.end();
    plan.read.push_back({f, was_known, was_known ? it->second : FileRecord{}});
  }
  for (const auto& [path, record] : known) {
    if (seen.count(path)) continue;
    for (const std::string& root : roots) {
      if (path == root || path.compare(0, root.size() + 1, root + "/") == 0) {
        plan.vanished.push_back(record);
        break;
      }
    }
  }
  return plan;
}

}  // namespace byline
