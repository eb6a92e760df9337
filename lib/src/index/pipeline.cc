/** @file pipeline.cc
 *  @brief Reading, analysis and ordered apply, with a cap on what is in between.
 */
#include "index/pipeline.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <variant>

#include "byline/analyzer.h"
#include "byline/text.h"
#include "index/bounded_queue.h"
#include "index/document_builder.h"
#include "util/xapian_error.h"

namespace byline {
namespace {

// What the writer applies, in reading order.
struct Analysed {  // one article's document
  std::string id_term, path;
  Xapian::Document doc;
  std::uint64_t position;  // raw bytes of its file consumed when it was read
};
struct Problem {  // a file, a line or an article that could not be read
  Status status;
  std::uint64_t count = 1;  // a file not read again: the problems recorded of it
};
struct FileStart {  // a file's first article follows: its old ones go
  std::string file_term;
  bool known;
};
struct FileDone {  // a file has been read
  std::uint64_t bytes;
  bool known, changed;
  FileRecord record;    // no path: it could not be opened, keep what was there
  bool failed = false;  // nothing could be read from it (its old articles stay)
};
struct End {};
using Message = std::variant<Analysed, Problem, FileStart, FileDone, End>;

// An article on its way to an analysis thread.
struct Work {
  std::uint64_t seq;
  Article article;
  std::string file_term;
  std::uint64_t position;  // as Analysed::position
};

// The state shared by the threads of one run.
class RunState {
 public:
  RunState(const IndexOptions& options, std::size_t cap)
      : options_(options), cap_(cap), work_(cap) {}

  // Reader: waits until `seq` may enter, i.e. fewer than cap_ items are
  // between reading and applying. When full, it waits until half the places
  // are free, so that the reader and the analysis threads wake for a burst
  // of work rather than for every item applied.
  void Admit(std::uint64_t seq) {
    std::unique_lock<std::mutex> lock(mu_);
    if (seq >= applied_ + cap_) {
      resume_at_ = seq + 1 + cap_ / 2 - cap_;  // then seq - applied_ < cap_ - cap_ / 2
      room_.wait(lock, [&] { return applied_ >= resume_at_; });
      resume_at_ = 0;
    }
    peak_ = std::max(peak_, ++in_flight_);
  }

  void Deliver(std::uint64_t seq, Message m) {
    std::lock_guard<std::mutex> lock(mu_);
    done_.emplace(seq, std::move(m));
    arrived_.notify_one();
  }

  // Writer: the item `seq`, once it has arrived.
  Message Next(std::uint64_t seq) {
    std::unique_lock<std::mutex> lock(mu_);
    arrived_.wait(lock, [&] { return done_.count(seq) > 0; });
    auto it = done_.find(seq);
    Message m = std::move(it->second);
    done_.erase(it);
    return m;
  }

  // Writer: item `seq` has been applied; its place is free.
  void Applied(std::uint64_t seq) {
    std::lock_guard<std::mutex> lock(mu_);
    applied_ = seq + 1;
    --in_flight_;
    if (resume_at_ != 0 && applied_ >= resume_at_) room_.notify_one();
  }

  std::uint64_t peak() {
    std::lock_guard<std::mutex> lock(mu_);
    return peak_;
  }

  void Read(const std::vector<FileJob>& jobs);
  void Analyze(unsigned title_wdf);

  // options.cancel is set (by a signal handler): stop reading.
  bool Cancelled() const {
    return options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed) != 0;
  }

  std::atomic<bool> stop{false};
  // The reader stopped on options.cancel with something left unread.
  std::atomic<bool> interrupted{false};

 private:
  const IndexOptions& options_;
  const std::size_t cap_;
  BoundedQueue<Work> work_;
  std::mutex mu_;
  std::condition_variable arrived_, room_;
  std::map<std::uint64_t, Message> done_;  // at most cap_ entries, by seq
  std::uint64_t applied_ = 0, in_flight_ = 0, peak_ = 0;
  std::uint64_t resume_at_ = 0;  // the reader waits for applied_ to reach this (0: not waiting)
};

void RunState::Read(const std::vector<FileJob>& jobs) {
  std::uint64_t seq = 0;
  auto emit = [&](Message m) {
    Admit(seq);
    Deliver(seq++, std::move(m));
  };
  auto problem = [&](const Status& s) { emit(Problem{s}); };
  for (const FileJob& job : jobs) {
    if (stop) break;
    if (Cancelled()) {
      interrupted = true;
      break;
    }
    const std::string& path = job.file.path;
    FileDone done{job.file.size, job.known, /*changed=*/true, {}};
    if (job.known && !job.reread) {
      // Its size or mtime changed, but its bytes may not have (touched,
      // copied back): read through them first, in constant memory, and
      // parse only if they differ. Costs a second read of changed files.
      FileDigest digest;
      if (Status s = DigestFile(path, &digest); !s.ok()) {
        problem(s);  // what was indexed from it before stays
        done.changed = false;
        emit(std::move(done));
        continue;
      }
      if (digest.hash == job.previous.hash) {
        done.changed = false;  // touched, not changed: only the record is updated
        done.record = job.previous;
        done.record.size = digest.bytes;
        done.record.mtime_ns = job.file.mtime_ns;
        done.record.path = path;
        if (done.record.problems > 0) {
          emit(Problem{RecordedProblems(done.record), done.record.problems});
        }
        emit(std::move(done));
        continue;
      }
    }
    std::string file_term = FileTerm(path);
    bool started = false;
    auto start = [&] {
      if (started) return;
      started = true;
      emit(FileStart{file_term, job.known});
    };
    bool cut = false;            // cancelled in the middle of this file
    std::uint64_t position = 0;  // raw bytes consumed so far
    std::uint64_t problems = 0;  // met in this file, for its record
    std::string first_problem;
    auto file_problem = [&](const Status& s) {
      if (problems++ == 0) first_problem = s.message().substr(0, kMaxRecordedProblemBytes);
      problem(s);
    };
    ReadSink sink;
    sink.on_article = [&](Article&& a) {
      // Reading cannot be stopped inside a parse, but the rest of the file
      // is dropped cheaply: parsing costs little next to analysis and writing.
      if (!cut) cut = Cancelled();
      if (cut) return;
      start();
      Admit(seq);
      work_.Push({seq++, std::move(a), file_term, position});
    };
    sink.on_error = file_problem;
    sink.on_progress = [&](std::uint64_t bytes) { position = bytes; };
    FileDigest digest;
    Status s = ReadFile(path, options_.limits, sink, &digest);
    if (cut) {
      // No FileDone, so no record: the next run reads the file again (its
      // articles written so far are whole, and are replaced by id then).
      interrupted = true;
      break;
    }
    done.record = {digest.bytes, digest.hash, job.file.mtime_ns, path};
    if (!s.ok()) file_problem(s);  // e.g. a corrupt .gz: the articles before the damage stay
    done.record.problems = problems;
    done.record.first_problem = std::move(first_problem);
    if (!s.ok() && !started) {
      // Nothing read: the old articles stay. A file that could not even be
      // opened (gone, no permission) has no record, so the next run tries
      // it again; one whose bytes were read is recorded with its problems,
      // and is not read again until it changes (RecordedProblems).
      done.changed = false;
      done.failed = true;
      if (!digest.opened) done.record.path.clear();
      emit(std::move(done));
      continue;
    }
    start();
    emit(std::move(done));
  }
  emit(End{});
  work_.Close();
}

void RunState::Analyze(unsigned title_wdf) {
  Analyzer analyzer;
  Work w;
  while (work_.Pop(&w)) {
    Message m;
    try {
      Analysed a{IdTerm(w.article.id), w.article.path,
                 BuildDocument(w.article, analyzer, title_wdf), w.position};
      a.doc.add_boolean_term(w.file_term);
      m = std::move(a);
    } catch (const Xapian::Error& e) {
      m = Problem{StatusFromXapian(e, "indexing " + w.article.path)};
    }
    Deliver(w.seq, std::move(m));
  }
}

}  // namespace

IndexPipeline::IndexPipeline(const IndexOptions& options, unsigned analysis_threads,
                             std::chrono::steady_clock::time_point start)
    : options_(options), threads_(std::max(1u, analysis_threads)), start_(start) {}

Status IndexPipeline::Run(const std::vector<FileJob>& jobs, WriteTarget* target, IndexStats* stats,
                          IndexProgress* progress) {
  using Clock = std::chrono::steady_clock;
  progress->files_total += jobs.size();
  for (const FileJob& j : jobs) progress->bytes_total += j.file.size;
  auto last_report = Clock::now();
  unsigned title_wdf = std::max(1u, options_.title_wdf);

  RunState run(options_, std::max<std::size_t>(1, options_.max_in_flight));
  std::vector<std::thread> threads;
  threads.emplace_back([&] { run.Read(jobs); });
  for (unsigned i = 0; i < threads_; ++i) threads.emplace_back([&] { run.Analyze(title_wdf); });

  Status fatal;
  // Bytes of the files done; the file being applied adds how far it was
  // read, so that progress moves inside one big file too.
  std::uint64_t files_bytes = progress->bytes_done;
  for (std::uint64_t seq = 0;; ++seq) {
    Message m = run.Next(seq);
    if (std::holds_alternative<End>(m)) break;
    if (fatal.ok()) {  // otherwise drain: the reader and analysers must finish
      if (auto* a = std::get_if<Analysed>(&m)) {
        fatal = target->Add(a->id_term, std::move(a->doc));
        ++stats->articles;
        ++progress->articles;
        // Not past the sizes listed: a file may grow while it is read.
        progress->bytes_done = std::min(files_bytes + a->position, progress->bytes_total);
      } else if (auto* st = std::get_if<FileStart>(&m)) {
        fatal = target->StartFile(st->file_term, st->known);
      } else if (auto* d = std::get_if<FileDone>(&m)) {
        files_bytes += d->bytes;
        progress->bytes_done = files_bytes;
        ++progress->files_done;
        if (!d->record.path.empty()) {  // else it could not be opened: keep what was there
          fatal = target->RecordFile(FileRecordKey(d->record.path), EncodeFileRecord(d->record));
          // A file nothing came of counts as none of new, updated or unchanged.
          if (!d->failed) {
            ++(!d->changed ? stats->files_unchanged
               : d->known  ? stats->files_updated
                           : stats->files_added);
          }
        }
      } else if (auto* p = std::get_if<Problem>(&m)) {
        stats->problems += p->count;
        if (options_.on_problem) options_.on_problem(p->status);
      }
      if (!fatal.ok()) run.stop = true;
    }
    run.Applied(seq);
    auto now = Clock::now();
    if (options_.on_progress &&
        now - last_report >= std::chrono::milliseconds(options_.progress_ms)) {
      progress->seconds = std::chrono::duration<double>(now - start_).count();
      options_.on_progress(*progress);
      last_report = now;
    }
  }
  for (auto& t : threads) t.join();
  peak_in_flight_ = run.peak();
  if (fatal.ok() && run.interrupted) return Status::Cancelled("interrupted");
  return fatal;
}

}  // namespace byline
