/** @file index_writer.cc
 *  @brief Article -> Xapian document, and the indexing run over a corpus.
 */
#include "byline/index_writer.h"

#include <fcntl.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "byline/analyzer.h"
#include "byline/dates.h"
#include "byline/schema.h"
#include "byline/text.h"
#include "util/xapian_error.h"

namespace byline {
namespace {

constexpr std::size_t kMaxIdTermBytes = 200;

std::string Fnv1aHex(const std::string& s) {
  std::uint64_t h = Fnv1a64(s);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// Adds the words of `text` as boolean terms under `prefix` ("XSreuters").
void AddBooleanWords(Xapian::Document* doc, const Analyzer& analyzer, const std::string& text,
                     const char* prefix) {
  for (const Token& t : analyzer.Tokenize(text)) {
    doc->add_boolean_term(prefix + t.term);
  }
}

// Adds positional unstemmed terms and stemmed terms of one text field;
// returns the position after its last word.
Xapian::termpos AddText(Xapian::Document* doc, const Analyzer& analyzer, const std::string& text,
                        const std::string& lang, Xapian::termpos base, bool title,
                        unsigned title_wdf) {
  Xapian::termpos last = base;
  std::string stem_prefix = title ? schema::kPrefixTitleStem : schema::kPrefixStem;
  for (const Token& t : analyzer.Tokenize(text, lang)) {
    Xapian::termpos pos = base + t.pos + 1;
    doc->add_posting(t.term, pos);
    if (title) doc->add_posting(schema::kPrefixTitle + t.term, pos);
    std::string stem = analyzer.Stem(t.term, lang);
    doc->add_term(schema::kPrefixStem + stem, title ? title_wdf : 1);
    if (title) doc->add_term(stem_prefix + stem);
    if (pos > last) last = pos;
  }
  return last;
}

// "XF" + hex hash of a file path: the term shared by the articles of one file.
std::string FileTerm(const std::string& path) { return schema::kPrefixFile + Fnv1aHex(path); }

// What the last run recorded about a file.
struct FileRecord {
  std::uint64_t size = 0, hash = 0;
  std::int64_t mtime_ns = 0;
  std::string path;
};

std::string EncodeFileRecord(const FileRecord& r) {
  return std::to_string(r.size) + " " + std::to_string(r.mtime_ns) + " " + std::to_string(r.hash) +
         " " + r.path;
}

bool DecodeFileRecord(const std::string& v, FileRecord* r) {
  std::istringstream in(v);
  if (!(in >> r->size >> r->mtime_ns >> r->hash)) return false;
  in.get();  // the space before the path
  std::getline(in, r->path, '\0');
  return !r->path.empty();
}

Xapian::Document BuildDocument(const Article& a, const Analyzer& analyzer, unsigned title_wdf) {
  Xapian::Document doc;
  Xapian::termpos end = AddText(&doc, analyzer, a.title, a.lang, 0, /*title=*/true, title_wdf);
  AddText(&doc, analyzer, a.body, a.lang, end + schema::kTitleBodyGap, /*title=*/false, 1);
  AddBooleanWords(&doc, analyzer, a.author, schema::kPrefixAuthor);
  AddBooleanWords(&doc, analyzer, a.source, schema::kPrefixSource);
  if (!a.lang.empty()) doc.add_boolean_term(schema::kPrefixLang + a.lang);
  if (auto d = ParseDate(a.date)) {
    std::string key = d->ToKey();
    doc.add_value(schema::kSlotDate, key);
    doc.add_boolean_term(schema::kPrefixYear + key.substr(0, 4));
    doc.add_boolean_term(schema::kPrefixMonth + key.substr(0, 6));
    doc.add_boolean_term(schema::kPrefixDay + key);
  }
  doc.add_boolean_term(IdTerm(a.id));
  doc.add_value(schema::kSlotBody, a.body);
  Article meta = a;
  meta.body.clear();
  doc.set_data(EncodeStoredArticle(meta));
  return doc;
}

}  // namespace

std::string IdTerm(const std::string& article_id) {
  std::string term = schema::kPrefixId + article_id;
  if (term.size() > kMaxIdTermBytes) {
    std::size_t cut = kMaxIdTermBytes - 17;
    while (cut > 0 && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) --cut;
    term = term.substr(0, cut) + "#" + Fnv1aHex(article_id);
  }
  return term;
}

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  Analyzer analyzer;
  std::string path;
  unsigned title_wdf = schema::kTitleWdf;
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() {
  if (!impl_) return;
  try {
    impl_->db.close();  // uncommitted changes are discarded, never half-written
  } catch (const Xapian::Error&) {
  }
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path, bool rebuild,
                                                       unsigned title_wdf) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return Status::IOError(path + ": cannot create database folder: " + ec.message());
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->title_wdf = title_wdf == 0 ? 1 : title_wdf;
  try {
    impl->db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
  } catch (const Xapian::Error& e) {
    Status s = StatusFromXapian(e, "opening database " + path + " for writing");
    if (!rebuild || s.code() == StatusCode::kLocked) return s;
    try {  // unreadable, and about to be rebuilt anyway
      impl->db =
          Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    } catch (const Xapian::Error& e2) {
      return StatusFromXapian(e2, "opening database " + path + " for writing");
    }
  }
  return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
}

Status IndexWriter::Commit() {
  try {
    impl_->db.commit();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "committing to " + impl_->path);
  }
  return Status::OK();
}

std::uint64_t IndexWriter::ArticleCount() const {
  try {
    return impl_->db.get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

namespace {

// A queue with a size limit: push waits while it is full, pop waits while it
// is empty; after Close(), pop returns false once drained.
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t cap) : cap_(cap) {}
  void Push(T item) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < cap_ || closed_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }
  bool Pop(T* out) {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return false;
    *out = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return true;
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<T> items_;
  std::size_t cap_;
  bool closed_ = false;
};

// A bulk build: documents go round-robin to one writer thread per shard (a
// Xapian writer is single-threaded). Each writer commits every `batch`
// documents and starts a fresh database (a segment) every `segment_size`:
// Xapian 1.4's in-memory inverter costs less per posting in a small batch,
// and a small database takes a batch with less merging into the postings
// written before. Finish() merges every segment with compact and swaps the
// result in place of the target database. An article id seen again in the
// run goes to the shard that holds it and replaces the earlier copy, so the
// last one wins as it does in place: in the segment being written by
// replace_document, otherwise by deleting the copy from its closed segment
// before the merge.
class ShardedBuild {
 public:
  ShardedBuild(std::string target, unsigned shards, unsigned batch, unsigned segment_size,
               unsigned fan_in)
      : target_(std::move(target)),
        dir_(BuildDir(target_)),
        batch_(std::max(1u, batch)),
        segment_size_(std::max(1u, segment_size)),
        fan_in_(std::max(2u, fan_in)) {
    for (unsigned i = 0; i < std::max(1u, shards); ++i)
      shards_.push_back(std::make_unique<Shard>());
  }
  static std::string BuildDir(const std::string& target) { return target + ".building"; }

  ~ShardedBuild() {
    Stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Creates the first segment of every shard (IndexPaths has cleared what a
  // killed run left) and starts their writers.
  Status Start() {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return Status::IOError(dir_ + ": cannot create build folder: " + ec.message());
    for (std::size_t i = 0; i < shards_.size(); ++i) {
      Shard& sh = *shards_[i];
      sh.index = i;
      try {
        OpenSegment(&sh);
      } catch (const Xapian::Error& e) {
        return StatusFromXapian(e, "creating " + sh.segments.back());
      }
    }
    for (auto& sh : shards_) sh->thread = std::thread([this, p = sh.get()] { Write(p); });
    return Status::OK();
  }

  void Add(const std::string& id_term, Xapian::Document doc) {
    auto it = placed_.find(id_term);
    if (it == placed_.end()) {
      Shard& sh = *shards_[next_];
      next_ = (next_ + 1) % shards_.size();
      placed_.emplace(id_term, Placed{sh.index, sh.queued});
      ++sh.queued;
      sh.queue.Push({std::string(), std::move(doc), {}, {}});
      return;
    }
    Shard& sh = *shards_[it->second.shard];
    std::uint64_t earlier = it->second.ordinal / segment_size_;
    std::uint64_t now = sh.queued / segment_size_;
    it->second.ordinal = sh.queued++;
    if (earlier == now) {  // still being written: replaced there
      sh.queue.Push({id_term, std::move(doc), {}, {}});
    } else {  // in a closed segment: deleted from it before the merge
      stale_[{sh.index, earlier}].push_back(id_term);
      sh.queue.Push({std::string(), std::move(doc), {}, {}});
    }
  }

  // Recorded now and written into one segment at the end (the merge keeps
  // one value per key), so the last value set wins.
  void SetMetadata(const std::string& key, const std::string& value) { metadata_[key] = value; }

  // The first error of a shard writer, if any.
  Status Failed() {
    std::lock_guard<std::mutex> lock(mu_);
    return failed_;
  }

  // Waits for the writers, merges the segments and swaps the result in;
  // returns the number of articles.
  Result<std::uint64_t> Finish() {
    for (auto& [key, value] : metadata_) shards_[0]->queue.Push({std::string(), {}, key, value});
    metadata_.clear();
    Stop();
    if (Status s = Failed(); !s.ok()) return s;
    std::string merged = dir_ + "/merged";
    std::uint64_t count = 0;
    std::string path;
    try {
      for (const auto& [where, ids] : stale_) {
        path = shards_[where.first]->segments[where.second];
        Xapian::WritableDatabase seg(path, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
        for (const std::string& id : ids) seg.delete_document(id);
        seg.commit();
      }
      path = dir_;
      // Segments in reading order: the first of every shard, then the second...
      std::vector<std::string> sources;
      for (std::size_t i = 0;; ++i) {
        bool any = false;
        for (const auto& sh : shards_) {
          if (i >= sh->segments.size()) continue;
          sources.push_back(sh->segments[i]);
          any = true;
        }
        if (!any) break;
      }
      Merge(std::move(sources), merged);
      count = Xapian::Database(merged).get_doccount();
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "merging the segments in " + path);
    }
    if (renameat2(AT_FDCWD, merged.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) {
      return Status::IOError(target_ +
                             ": cannot swap in the new database: " + std::strerror(errno));
    }
    return count;
  }

  // Segments written (after Finish()).
  std::size_t Segments() const {
    std::size_t n = 0;
    for (const auto& sh : shards_) n += sh->segments.size();
    return n;
  }

 private:
  struct Item {
    std::string replace;  // the id term of an article to replace, or empty
    Xapian::Document doc;
    std::string key, value;  // metadata, when key is set
  };
  struct Shard {
    std::size_t index = 0;
    std::vector<std::string> segments;  // paths; the last is being written
    Xapian::WritableDatabase db;
    std::uint64_t queued = 0;  // documents given to this shard (main thread)
    BoundedQueue<Item> queue{256};
    std::thread thread;
  };
  struct Placed {
    std::size_t shard;
    std::uint64_t ordinal;  // among the shard's documents
  };

  // Compacts `sources`, in order, into `out`, at most fan_in_ at a time:
  // Xapian keeps a few files open per source, and a corpus of millions of
  // articles makes hundreds of segments. Merged sources are removed as it
  // goes, so the build needs little more than twice the index's space.
  void Merge(std::vector<std::string> sources, const std::string& out) {
    auto compact = [](std::vector<std::string>::const_iterator b,
                      std::vector<std::string>::const_iterator e, const std::string& to) {
      Xapian::Database group;
      for (auto it = b; it != e; ++it) group.add_database(Xapian::Database(*it));
      group.compact(to, Xapian::Compactor::FULL);
      group.close();
      for (auto it = b; it != e; ++it) {
        std::error_code ec;
        std::filesystem::remove_all(*it, ec);
      }
    };
    for (unsigned level = 0; sources.size() > fan_in_; ++level) {
      std::vector<std::string> next;
      for (std::size_t i = 0; i < sources.size(); i += fan_in_) {
        auto b = sources.cbegin() + static_cast<std::ptrdiff_t>(i);
        auto e =
            sources.cbegin() + static_cast<std::ptrdiff_t>(std::min(i + fan_in_, sources.size()));
        if (e - b == 1) {
          next.push_back(*b);
          continue;
        }
        next.push_back(dir_ + "/merge" + std::to_string(level) + "-" + std::to_string(next.size()));
        compact(b, e, next.back());
      }
      sources.swap(next);
    }
    compact(sources.cbegin(), sources.cend(), out);
  }

  void OpenSegment(Shard* sh) {
    sh->segments.push_back(dir_ + "/shard" + std::to_string(sh->index) + "-" +
                           std::to_string(sh->segments.size()));
    sh->db = Xapian::WritableDatabase(
        sh->segments.back(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
  }

  void Write(Shard* sh) {
    Item item;
    std::uint64_t in_segment = 0, pending = 0;
    bool ok = true;
    while (sh->queue.Pop(&item)) {
      if (!ok) continue;  // drain
      try {
        if (!item.key.empty()) {
          sh->db.set_metadata(item.key, item.value);
          continue;
        }
        if (in_segment == segment_size_) {
          sh->db.commit();
          sh->db.close();
          OpenSegment(sh);
          in_segment = pending = 0;
        }
        if (item.replace.empty()) {
          sh->db.add_document(item.doc);
        } else {
          sh->db.replace_document(item.replace, item.doc);
        }
        ++in_segment;
        if (++pending == batch_) {
          sh->db.commit();
          pending = 0;
        }
      } catch (const Xapian::Error& e) {
        ok = false;
        std::lock_guard<std::mutex> lock(mu_);
        if (failed_.ok()) failed_ = StatusFromXapian(e, "writing " + sh->segments.back());
      }
    }
    try {
      if (ok) sh->db.commit();
      sh->db.close();
    } catch (const Xapian::Error& e) {
      std::lock_guard<std::mutex> lock(mu_);
      if (failed_.ok()) failed_ = StatusFromXapian(e, "writing " + sh->segments.back());
    }
  }

  void Stop() {
    for (auto& sh : shards_) sh->queue.Close();
    for (auto& sh : shards_) {
      if (sh->thread.joinable()) sh->thread.join();
    }
  }

  std::string target_, dir_;
  std::uint64_t batch_, segment_size_;
  std::size_t fan_in_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::unordered_map<std::string, Placed> placed_;
  std::size_t next_ = 0;
  // Copies replaced later in the run, by (shard, segment).
  std::map<std::pair<std::size_t, std::uint64_t>, std::vector<std::string>> stale_;
  std::map<std::string, std::string> metadata_;
  std::mutex mu_;
  Status failed_;
};

}  // namespace

// The indexing pipeline: one reader thread (files, decompression, parsing),
// N analysis threads (Article -> Xapian::Document, each with its own
// Analyzer) and the writer on the calling thread, which applies everything in
// reading order, so that a later article with the same id always wins.
struct IndexPipeline {
  struct Work {  // reader -> analysis
    std::uint64_t seq;
    Article article;
    std::string file_term;
  };
  struct Done {  // reader or analysis -> writer
    // kFileStart: delete the file's old articles (if any) before its new ones.
    // kFileDone: record the file (size, mtime, hash) once it has been read.
    enum Kind { kDocument, kProblem, kFileStart, kFileDone, kEnd } kind = kDocument;
    std::string id_term, path;
    Xapian::Document doc;
    Status problem;
    std::uint64_t bytes = 0;
    FileRecord record;
    bool known = false;   // the file was indexed before
    bool changed = true;  // kFileDone: its content differs from last time
  };
  // A file to read, with what the last run recorded about it (if anything).
  struct Job {
    CorpusFile file;
    bool known = false;
    FileRecord previous;
  };

  explicit IndexPipeline(const IndexOptions& opts) : options(opts) {}

  // The writer's database and settings (IndexPipeline is its friend).
  static IndexWriter::Impl& Of(IndexWriter& w) { return *w.impl_; }

  const IndexOptions& options;
  BoundedQueue<Work> work{1024};
  std::mutex done_mu;
  std::condition_variable done_cv;
  std::map<std::uint64_t, Done> done;  // by sequence number
  std::atomic<bool> stop{false};

  void Deliver(std::uint64_t seq, Done d) {
    std::lock_guard<std::mutex> lock(done_mu);
    done.emplace(seq, std::move(d));
    done_cv.notify_one();
  }

  Done Next(std::uint64_t seq) {
    std::unique_lock<std::mutex> lock(done_mu);
    done_cv.wait(lock, [&] { return done.count(seq) > 0; });
    Done d = std::move(done[seq]);
    done.erase(seq);
    return d;
  }

  void Read(const std::vector<Job>& jobs) {
    std::uint64_t seq = 0;
    auto problem = [&](const Status& s) {
      Done d;
      d.kind = Done::kProblem;
      d.problem = s;
      Deliver(seq++, std::move(d));
    };
    for (const Job& job : jobs) {
      if (stop) break;
      const std::string& path = job.file.path;
      Done done;
      done.kind = Done::kFileDone;
      done.bytes = job.file.size;
      done.known = job.known;
      std::string raw;
      Status s = LoadFile(path, options.limits, &raw);
      if (!s.ok()) {
        problem(s);  // what was indexed from it before stays
        done.changed = false;
        done.record.path.clear();  // nothing to record
        Deliver(seq++, std::move(done));
        continue;
      }
      done.record = {raw.size(), Fnv1a64(raw), job.file.mtime_ns, path};
      if (job.known && job.previous.hash == done.record.hash) {
        done.changed = false;  // touched, not changed: only the record is updated
        Deliver(seq++, std::move(done));
        continue;
      }
      std::string file_term = FileTerm(path);
      bool started = false;
      auto start = [&] {
        if (started) return;
        started = true;
        Done st;
        st.kind = Done::kFileStart;
        st.id_term = file_term;
        st.known = job.known;
        Deliver(seq++, std::move(st));
      };
      ReadSink sink;
      sink.on_article = [&](Article&& a) {
        start();
        work.Push({seq++, std::move(a), file_term});
      };
      sink.on_error = problem;
      s = ParseFileContents(path, std::move(raw), options.limits, sink);
      if (!s.ok()) {
        problem(s);  // e.g. a corrupt .gz: nothing parsed, the old articles stay
        if (!started) {
          done.changed = false;
          done.record.path.clear();
          Deliver(seq++, std::move(done));
          continue;
        }
      }
      start();
      Deliver(seq++, std::move(done));
    }
    Done end;
    end.kind = Done::kEnd;
    Deliver(seq, std::move(end));
    work.Close();
  }

  void Analyze(unsigned title_wdf) {
    Analyzer analyzer;
    Work w;
    while (work.Pop(&w)) {
      Done d;
      try {
        d.doc = BuildDocument(w.article, analyzer, title_wdf);
        d.doc.add_boolean_term(w.file_term);
        d.id_term = IdTerm(w.article.id);
        d.path = w.article.path;
      } catch (const Xapian::Error& e) {
        d.kind = Done::kProblem;
        d.problem = StatusFromXapian(e, "indexing " + w.article.path);
      }
      Deliver(w.seq, std::move(d));
    }
  }
};

Result<IndexStats> IndexPaths(const std::vector<std::string>& roots, const IndexOptions& options) {
  namespace fs = std::filesystem;
  using Clock = std::chrono::steady_clock;
  using Done = IndexPipeline::Done;
  auto t0 = Clock::now();
  auto problem = [&](const Status& s) {
    if (options.on_problem) options.on_problem(s);
  };
  IndexStats stats;
  std::size_t skipped_unknown = 0;
  std::vector<CorpusFile> files = ListCorpusFiles(roots, &skipped_unknown, [&](const Status& s) {
    ++stats.problems;
    problem(s);
  });
  stats.skipped_unknown = skipped_unknown;
  stats.files = files.size();

  // Xapian 1.4 reads its flush threshold from the environment when a
  // database is opened; a user's own setting wins.
  if (options.flush_every > 0) {
    setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(options.flush_every).c_str(), 0);
  }
  auto writer = IndexWriter::Open(options.db_path, options.rebuild, options.title_wdf);
  if (!writer.ok()) return writer.status();
  auto& impl = IndexPipeline::Of(**writer);
  Xapian::WritableDatabase& db = impl.db;
  unsigned workers =
      options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());

  // Into an empty database (or a rebuild), build shards aside and swap the
  // merged result in at the end; otherwise update in place. Either way, what
  // a killed bulk build left beside the database goes (we hold its lock).
  std::unique_ptr<ShardedBuild> bulk;
  try {
    std::string target = fs::absolute(options.db_path).lexically_normal().string();
    while (target.size() > 1 && target.back() == '/') target.pop_back();
    std::error_code ec;
    fs::remove_all(ShardedBuild::BuildDir(target), ec);
    if (options.rebuild || db.get_doccount() == 0) {
      bulk = std::make_unique<ShardedBuild>(target, workers, options.shard_batch,
                                            options.segment_size, options.merge_fan_in);
      if (Status s = bulk->Start(); !s.ok()) return s;
      stats.shards = workers;
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "reading " + options.db_path);
  } catch (const fs::filesystem_error& e) {
    return Status::IOError(options.db_path + ": " + e.what());
  }

  // What earlier runs recorded, by path (nothing counts in a bulk build).
  std::map<std::string, FileRecord> known;
  std::vector<IndexPipeline::Job> jobs;
  std::vector<FileRecord> removed;
  try {
    std::string prefix = schema::kMetaFilePrefix;
    if (!bulk) {
      for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        FileRecord r;
        if (DecodeFileRecord(db.get_metadata(*k), &r)) known[r.path] = r;
      }
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "reading " + options.db_path);
  }
  std::set<std::string> listed;
  for (const CorpusFile& f : files) {
    listed.insert(f.path);
    auto it = known.find(f.path);
    if (it != known.end() && it->second.size == f.size && it->second.mtime_ns == f.mtime_ns) {
      ++stats.files_unchanged;  // not even read
      continue;
    }
    IndexPipeline::Job job{f, it != known.end(), it != known.end() ? it->second : FileRecord{}};
    jobs.push_back(std::move(job));
  }
  // Files recorded under one of the (existing) roots that are gone now.
  std::vector<std::string> scopes;
  for (const std::string& root : roots) {
    std::error_code ec;
    fs::path p = fs::absolute(root, ec).lexically_normal();
    if (!ec && fs::exists(p, ec)) {
      std::string s = p.string();
      while (s.size() > 1 && s.back() == '/') s.pop_back();
      scopes.push_back(s);
    }
  }
  for (const auto& [path, record] : known) {
    if (listed.count(path)) continue;
    for (const std::string& scope : scopes) {
      if (path == scope || path.compare(0, scope.size() + 1, scope + "/") == 0) {
        removed.push_back(record);
        break;
      }
    }
  }

  IndexProgress progress;
  progress.files_total = jobs.size();
  for (const auto& j : jobs) progress.bytes_total += j.file.size;
  auto last_report = Clock::now();

  IndexPipeline pipe(options);
  std::vector<std::thread> threads;
  threads.emplace_back([&] { pipe.Read(jobs); });
  for (unsigned i = 0; i < workers; ++i) {
    threads.emplace_back([&] { pipe.Analyze(impl.title_wdf); });
  }
  Status fatal;
  auto meta_key = [](const std::string& path) {
    return std::string(schema::kMetaFilePrefix) + FileTerm(path).substr(2);
  };
  for (std::uint64_t seq = 0;; ++seq) {
    Done d = pipe.Next(seq);
    if (d.kind == Done::kEnd) break;
    if (!fatal.ok()) continue;  // drain: the reader and workers must finish
    try {
      switch (d.kind) {
        case Done::kDocument:
          if (bulk) {
            bulk->Add(d.id_term, std::move(d.doc));
          } else {
            db.replace_document(d.id_term, d.doc);
          }
          ++stats.articles;
          ++progress.articles;
          break;
        case Done::kFileStart:
          if (d.known && !bulk) db.delete_document(d.id_term);  // the old set of articles
          break;
        case Done::kFileDone:
          progress.bytes_done += d.bytes;
          ++progress.files_done;
          if (d.record.path.empty()) break;  // could not be read: keep what was there
          if (bulk) {
            bulk->SetMetadata(meta_key(d.record.path), EncodeFileRecord(d.record));
          } else {
            db.set_metadata(meta_key(d.record.path), EncodeFileRecord(d.record));
          }
          if (!d.changed) {
            ++stats.files_unchanged;
          } else if (d.known) {
            ++stats.files_updated;
          } else {
            ++stats.files_added;
          }
          break;
        case Done::kProblem:
          ++stats.problems;
          problem(d.problem);
          break;
        case Done::kEnd:
          break;
      }
      if (bulk && fatal.ok()) fatal = bulk->Failed();
    } catch (const Xapian::Error& e) {
      fatal = StatusFromXapian(e, "indexing " + (d.path.empty() ? options.db_path : d.path));
    }
    if (!fatal.ok()) pipe.stop = true;
    auto now = Clock::now();
    if (options.on_progress && now - last_report > std::chrono::milliseconds(200)) {
      progress.seconds = std::chrono::duration<double>(now - t0).count();
      options.on_progress(progress);
      last_report = now;
    }
  }
  for (auto& t : threads) t.join();
  if (!fatal.ok()) return fatal;
  try {
    for (const FileRecord& r : removed) {
      db.delete_document(FileTerm(r.path));
      db.set_metadata(meta_key(r.path), "");  // an empty value deletes the key
      ++stats.files_removed;
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "removing articles of deleted files from " + options.db_path);
  }
  stats.bytes = progress.bytes_done;
  if (bulk) {
    auto merge_start = Clock::now();
    auto count = bulk->Finish();
    if (!count.ok()) return count.status();
    stats.total_articles = *count;
    stats.merge_seconds = std::chrono::duration<double>(Clock::now() - merge_start).count();
    stats.segments = bulk->Segments();
    writer->reset();  // the old database, now in the build folder, which goes next
    bulk.reset();
  } else {
    if (Status s = (*writer)->Commit(); !s.ok()) return s;
    stats.total_articles = (*writer)->ArticleCount();
  }
  stats.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  if (options.on_progress) {
    progress.seconds = stats.seconds;
    options.on_progress(progress);
  }
  return stats;
}

}  // namespace byline
