/** @file index_writer.cc
 *  @brief Article -> Xapian document, and the indexing run over a corpus.
 */
#include "byline/index_writer.h"

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "byline/analyzer.h"
#include "byline/dates.h"
#include "byline/schema.h"
#include "util/xapian_error.h"

namespace byline {
namespace {

constexpr std::size_t kMaxIdTermBytes = 200;

std::string Fnv1aHex(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
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

std::string DefaultDatabasePath() {
  if (const char* env = std::getenv("BYLINE_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/byline/index";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/share/byline/index";
  }
  return ".byline-index";
}

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
    int flags = (rebuild ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN) |
                Xapian::DB_BACKEND_GLASS;
    impl->db = Xapian::WritableDatabase(path, flags);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "opening database " + path + " for writing");
  }
  return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
}

Status IndexWriter::Add(const Article& article) {
  try {
    Xapian::Document doc = BuildDocument(article, impl_->analyzer, impl_->title_wdf);
    impl_->db.replace_document(IdTerm(article.id), doc);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "indexing " + article.path);
  }
  return Status::OK();
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

}  // namespace

// The indexing pipeline: one reader thread (files, decompression, parsing),
// N analysis threads (Article -> Xapian::Document, each with its own
// Analyzer) and the writer on the calling thread, which applies everything in
// reading order, so that a later article with the same id always wins.
struct IndexPipeline {
  struct Work {  // reader -> analysis
    std::uint64_t seq;
    Article article;
  };
  struct Done {  // reader or analysis -> writer
    enum Kind { kDocument, kProblem, kFileDone, kEnd } kind = kDocument;
    std::string id_term, path;
    Xapian::Document doc;
    Status problem;
    std::uint64_t bytes = 0;
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

  void Read(const std::vector<CorpusFile>& files) {
    std::uint64_t seq = 0;
    ReadSink sink;
    sink.on_article = [&](Article&& a) { work.Push({seq++, std::move(a)}); };
    sink.on_error = [&](const Status& s) {
      Done d;
      d.kind = Done::kProblem;
      d.problem = s;
      Deliver(seq++, std::move(d));
    };
    for (const CorpusFile& f : files) {
      if (stop) break;
      Status s = ReadFile(f.path, options.limits, sink);
      if (!s.ok()) sink.on_error(s);
      Done d;
      d.kind = Done::kFileDone;
      d.bytes = f.size;
      Deliver(seq++, std::move(d));
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
  using Clock = std::chrono::steady_clock;
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

  IndexProgress progress;
  progress.files_total = files.size();
  for (const CorpusFile& f : files) progress.bytes_total += f.size;
  auto last_report = Clock::now();

  const bool fresh = db.get_doccount() == 0;
  std::unordered_set<std::string> seen_ids;
  IndexPipeline pipe(options);
  unsigned workers =
      options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  threads.emplace_back([&] { pipe.Read(files); });
  for (unsigned i = 0; i < workers; ++i) {
    threads.emplace_back([&] { pipe.Analyze(impl.title_wdf); });
  }
  Status fatal;
  for (std::uint64_t seq = 0;; ++seq) {
    IndexPipeline::Done d = pipe.Next(seq);
    if (d.kind == IndexPipeline::Done::kEnd) break;
    if (!fatal.ok()) continue;  // drain: the reader and workers must finish
    switch (d.kind) {
      case IndexPipeline::Done::kDocument:
        try {
          // Into an empty database, an id not seen yet in this run cannot
          // replace anything: add without looking it up.
          if (fresh && seen_ids.insert(d.id_term).second) {
            db.add_document(d.doc);
          } else {
            db.replace_document(d.id_term, d.doc);
          }
          ++stats.articles;
          ++progress.articles;
        } catch (const Xapian::Error& e) {
          fatal = StatusFromXapian(e, "indexing " + d.path);
          pipe.stop = true;
        }
        break;
      case IndexPipeline::Done::kProblem:
        ++stats.problems;
        problem(d.problem);
        break;
      case IndexPipeline::Done::kFileDone:
        progress.bytes_done += d.bytes;
        ++progress.files_done;
        break;
      case IndexPipeline::Done::kEnd:
        break;
    }
    auto now = Clock::now();
    if (options.on_progress && now - last_report > std::chrono::milliseconds(200)) {
      progress.seconds = std::chrono::duration<double>(now - t0).count();
      options.on_progress(progress);
      last_report = now;
    }
  }
  for (auto& t : threads) t.join();
  if (!fatal.ok()) return fatal;
  stats.bytes = progress.bytes_done;
  if (Status s = (*writer)->Commit(); !s.ok()) return s;
  stats.total_articles = (*writer)->ArticleCount();
  stats.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  if (options.on_progress) {
    progress.seconds = stats.seconds;
    options.on_progress(progress);
  }
  return stats;
}

}  // namespace byline
