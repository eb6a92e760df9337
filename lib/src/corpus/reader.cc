/** @file reader.cc
 *  @brief File listing, decompression and format dispatch.
 */
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "byline/corpus_reader.h"
#include "byline/text.h"
#include "formats.h"

namespace byline {
namespace fs = std::filesystem;
namespace {

// The bytes at the start of a file that CheckHead looks at.
constexpr std::size_t kHeadBytes = 1 << 16;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Raw reads are this large: small enough that progress inside one big
// .jsonl.gz advances often, large enough that a read costs nothing next to
// parsing; inflated output comes in pieces of up to four times that.
constexpr std::size_t kRawChunk = 1 << 16;
constexpr std::size_t kInflatedChunk = 1 << 18;

// The raw bytes of a file as they are read, a chunk at a time, counted and
// hashed as they go (into a FileDigest, reported through on_progress) and,
// for .gz, inflated: gzip or zlib, every concatenated member in turn.
class ByteSource {
 public:
  ByteSource(const std::string& path, std::istream& in, bool gzipped,
             std::function<void(std::uint64_t)> on_progress, FileDigest* digest)
      : path_(path),
        in_(in),
        gzipped_(gzipped),
        on_progress_(std::move(on_progress)),
        digest_(digest) {
    digest_->bytes = 0;
    digest_->hash = Fnv1a64("");
    if (gzipped_ && inflateInit2(&zs_, 15 + 32) != Z_OK) {
      status_ = Status::Internal(path_ + ": zlib init failed");
      done_ = true;
      gzipped_ = false;  // nothing to end
    }
  }
  ~ByteSource() {
    if (gzipped_) inflateEnd(&zs_);
  }
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  // Appends the next (decompressed) bytes to *out; false at the end of the
  // input or on an error (then status() says which).
  bool Next(std::string* out) {
    if (done_) return false;
    if (!gzipped_) {
      std::size_t n = Fill();
      if (n == 0) return Finish(Status::OK());
      out->append(raw_, n);
      return true;
    }
    while (true) {
      if (zs_.avail_in == 0) {
        std::size_t n = Fill();
        if (n == 0) {
          if (!status_.ok() || member_ended_) return Finish(status_);
          return Finish(Corrupt());  // input ended inside a member (or was empty)
        }
        zs_.next_in = reinterpret_cast<Bytef*>(raw_);
        zs_.avail_in = static_cast<uInt>(n);
      }
      if (member_ended_) {  // bytes follow the end of a member: another member
        inflateReset(&zs_);
        member_ended_ = false;
      }
      // Inflated straight into the tail of *out, then cut to what came.
      const std::size_t had = out->size();
      out->resize(had + kInflatedChunk);
      zs_.next_out = reinterpret_cast<Bytef*>(out->data() + had);
      zs_.avail_out = static_cast<uInt>(kInflatedChunk);
      int ret = inflate(&zs_, Z_NO_FLUSH);
      out->resize(had + kInflatedChunk - zs_.avail_out);
      if (ret == Z_STREAM_END) {
        member_ended_ = true;
      } else if (ret != Z_OK && !(ret == Z_BUF_ERROR && zs_.avail_in == 0)) {
        return Finish(Corrupt());
      }
      if (out->size() > had) return true;
    }
  }

  std::uint64_t raw_bytes() const { return digest_->bytes; }
  const Status& status() const { return status_; }

 private:
  // Reads the next raw chunk into raw_; returns its size, 0 at the end or
  // on a read error (status_ then says so).
  std::size_t Fill() {
    in_.read(raw_, sizeof raw_);
    std::size_t n = static_cast<std::size_t>(in_.gcount());
    if (n == 0) {
      if (in_.bad()) status_ = Status::IOError(path_ + ": read error: " + std::strerror(errno));
      return 0;
    }
    digest_->bytes += n;
    digest_->hash = Fnv1a64Extend(digest_->hash, std::string_view(raw_, n));
    if (on_progress_) on_progress_(digest_->bytes);
    return n;
  }

  Status Corrupt() const {
    return Status::Corruption(path_ + ": corrupt or truncated gzip data" +
                              (zs_.msg ? std::string(" (") + zs_.msg + ")" : std::string()));
  }

  bool Finish(Status s) {
    status_ = std::move(s);
    done_ = true;
    return false;
  }

  const std::string& path_;
  std::istream& in_;
  bool gzipped_;
  const std::function<void(std::uint64_t)> on_progress_;
  FileDigest* digest_;
  z_stream zs_{};
  bool member_ended_ = false, done_ = false;
  Status status_;
  char raw_[kRawChunk];
};

// Whether the start of a file's (decompressed) content rules it out whole:
// text has no NUL bytes (UTF-16, which does, starts with a byte order mark).
// JSON that starts like JSON is checked line by line or element by element
// instead, so that one bad line costs only itself.
Status CheckHead(const std::string& path, FileFormat format, std::string_view content) {
  std::string_view head = content.substr(0, kHeadBytes);
  bool utf16 =
      head.size() >= 2 && (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF");
  std::size_t first = head.find_first_not_of(" \t\r\n");
  bool json_like = (format == FileFormat::kJson || format == FileFormat::kJsonLines) &&
                   first != std::string_view::npos && (head[first] == '{' || head[first] == '[');
  if (!utf16 && !json_like && head.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument(path + ": binary data (NUL bytes), not a text article; skipped");
  }
  return Status::OK();
}

Status TooLarge(const std::string& path, std::uint64_t size, std::uint64_t cap) {
  return Status::InvalidArgument(path + ": file is " + std::to_string(size >> 20) +
                                 " MiB, over the " + std::to_string(cap >> 20) +
                                 " MiB cap on file size; skipped");
}

// JSON Lines, a line at a time as the bytes come: what is held is the
// line being read and the rest of one inflated chunk, whatever the size of
// the file. Lines are numbered and named as ParseJsonLines names them.
Status StreamJsonLines(const std::string& path, ByteSource* src, const ReadLimits& limits,
                       const ReadSink& sink) {
  std::string buf;          // bytes not yet split into lines
  std::size_t scanned = 0;  // buf[0, scanned) has no newline
  std::size_t line_no = 0;  // lines handed over or skipped so far
  bool checked = false;     // CheckHead has seen the file's start
  bool overlong = false;    // dropping the rest of a line over the cap
  // Hands over the whole lines in buf and keeps the unfinished one; at the
  // end of the input, that one too.
  auto take_lines = [&](bool at_end) {
    std::size_t pos = 0;
    for (std::size_t nl; (nl = buf.find('\n', std::max(pos, scanned))) != std::string::npos;
         pos = nl + 1) {
      if (overlong) {
        overlong = false;  // the newline that ends the line reported
        continue;
      }
      ParseJsonLine(path, ++line_no, std::string_view(buf).substr(pos, nl - pos), sink);
    }
    buf.erase(0, pos);
    scanned = buf.size();
    if (at_end) {
      if (!buf.empty() && !overlong) ParseJsonLine(path, ++line_no, buf, sink);
    } else if (buf.size() > limits.max_line_bytes && !overlong) {
      sink.on_error(Status::InvalidArgument(path + ":" + std::to_string(++line_no) +
                                            ": line is longer than " +
                                            std::to_string(limits.max_line_bytes >> 20) +
                                            " MiB (the cap on a JSON Lines line); skipped"));
      overlong = true;
    }
    if (overlong) {
      buf.clear();
      scanned = 0;
    }
  };
  while (src->Next(&buf)) {
    if (!checked) {
      if (buf.size() < kHeadBytes) continue;
      if (Status s = CheckHead(path, FileFormat::kJsonLines, buf); !s.ok()) return s;
      checked = true;
    }
    take_lines(/*at_end=*/false);
  }
  // A damaged stream keeps its whole lines before the damage; its last,
  // unfinished one would only be reported again as invalid JSON.
  if (!src->status().ok()) return src->status();
  if (!checked) {
    if (Status s = CheckHead(path, FileFormat::kJsonLines, buf); !s.ok()) return s;
  }
  take_lines(/*at_end=*/true);
  return Status::OK();
}

bool IsReadme(const std::string& name) {
  std::string n = Lower(name);
  return n == "readme" || n == "readme.md" || n == "readme.txt";
}

}  // namespace

FileFormat FormatOfPath(const std::string& path, bool* gzipped) {
  std::string name = Lower(fs::path(path).filename().string());
  *gzipped = EndsWith(name, ".gz");
  if (*gzipped) name.resize(name.size() - 3);
  if (EndsWith(name, ".txt") || EndsWith(name, ".text")) return FileFormat::kText;
  if (EndsWith(name, ".md") || EndsWith(name, ".markdown")) return FileFormat::kMarkdown;
  if (EndsWith(name, ".html") || EndsWith(name, ".htm") || EndsWith(name, ".xhtml")) {
    return FileFormat::kHtml;
  }
  if (EndsWith(name, ".jsonl") || EndsWith(name, ".ndjson")) return FileFormat::kJsonLines;
  if (EndsWith(name, ".json")) return FileFormat::kJson;
  return FileFormat::kUnknown;
}

void ParseArticles(const std::string& path, FileFormat format, std::string_view content,
                   const ReadSink& sink) {
  switch (format) {
    case FileFormat::kText:
    case FileFormat::kMarkdown:
      ParseTextArticle(path, format == FileFormat::kMarkdown, content, sink);
      break;
    case FileFormat::kHtml:
      ParseHtmlArticle(path, content, sink);
      break;
    case FileFormat::kJson:
      ParseJsonArticles(path, content, sink);
      break;
    case FileFormat::kJsonLines:
      ParseJsonLines(path, content, sink);
      break;
    case FileFormat::kUnknown:
      sink.on_error(Status::InvalidArgument(path + ": unknown file type"));
      break;
  }
}

Status ReadArticles(const std::string& path, std::istream& in, const ReadLimits& limits,
                    const ReadSink& sink, FileDigest* digest) {
  bool gz = false;
  FileFormat format = FormatOfPath(path, &gz);
  if (format == FileFormat::kUnknown) return Status::InvalidArgument(path + ": unknown file type");
  FileDigest unused;
  ByteSource src(path, in, gz, sink.on_progress, digest ? digest : &unused);
  ReadSink capped = sink;
  capped.on_article = [&](Article&& a) {
    if (a.body.size() > limits.max_article_bytes) {
      std::size_t cut = limits.max_article_bytes;
      while (cut > 0 && (static_cast<unsigned char>(a.body[cut]) & 0xC0) == 0x80) --cut;
      a.body.resize(cut);
    }
    sink.on_article(std::move(a));
  };
  if (format == FileFormat::kJsonLines) return StreamJsonLines(path, &src, limits, capped);
  // Every other format is one document, read whole within the caps.
  std::string content;
  while (src.Next(&content)) {
    if (src.raw_bytes() > limits.max_file_bytes) {
      return TooLarge(path, src.raw_bytes(), limits.max_file_bytes);
    }
    if (gz && content.size() > limits.max_decompressed_bytes) {
      return Status::Corruption(path + ": decompresses to more than " +
                                std::to_string(limits.max_decompressed_bytes >> 20) +
                                " MiB (the cap on decompressed size); skipped");
    }
  }
  if (!src.status().ok()) return src.status();
  if (Status s = CheckHead(path, format, content); !s.ok()) return s;
  // JSON must be UTF-8 already; text and HTML are converted from legacy encodings.
  if (format != FileFormat::kJson) content = ToUtf8(content);
  ParseArticles(path, format, content, capped);
  return Status::OK();
}

namespace {

// Opens `path` for ReadFile or DigestFile, after checking that it is a
// regular file, and sets *size to its size.
Status Open(const std::string& path, std::uint64_t* size, std::ifstream* in) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return Status::NotFound(path + ": " + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) return Status::InvalidArgument(path + ": not a regular file");
  *size = static_cast<std::uint64_t>(st.st_size);
  in->open(path, std::ios::binary);
  if (!*in) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  return Status::OK();
}

}  // namespace

Status ReadFile(const std::string& path, const ReadLimits& limits, const ReadSink& sink,
                FileDigest* digest) {
  bool gz = false;
  const FileFormat format = FormatOfPath(path, &gz);
  if (format == FileFormat::kUnknown) return Status::InvalidArgument(path + ": unknown file type");
  FileDigest unused;
  if (!digest) digest = &unused;
  std::uint64_t size = 0;
  std::ifstream in;
  if (Status s = Open(path, &size, &in); !s.ok()) return s;
  digest->opened = true;
  if (format != FileFormat::kJsonLines && size > limits.max_file_bytes) {
    return TooLarge(path, size, limits.max_file_bytes);  // before reading it all
  }
  return ReadArticles(path, in, limits, sink, digest);
}

Status DigestFile(const std::string& path, FileDigest* digest) {
  std::uint64_t size = 0;
  std::ifstream in;
  if (Status s = Open(path, &size, &in); !s.ok()) return s;
  digest->opened = true;
  ByteSource src(path, in, /*gzipped=*/false, nullptr, digest);
  for (std::string chunk; src.Next(&chunk);) chunk.clear();
  return src.status();
}

std::vector<CorpusFile> ListCorpusFiles(const std::vector<std::string>& roots,
                                        std::size_t* skipped_unknown,
                                        const std::function<void(const Status&)>& on_error,
                                        std::vector<std::string>* unknown) {
  std::vector<CorpusFile> files;
  *skipped_unknown = 0;
  auto consider = [&](const fs::path& p, std::uint64_t size, bool named) {
    bool gz = false;
    std::string name = p.filename().string();
    if (IsReadme(name) && !named) return;
    if (FormatOfPath(name, &gz) == FileFormat::kUnknown) {
      if (named) {  // asked for by name: say why nothing comes of it
        on_error(Status::InvalidArgument(p.string() + ": " + kUnknownTypeReason));
        return;
      }
      ++*skipped_unknown;
      if (unknown) unknown->push_back(p.string());
      return;
    }
    struct stat st {};
    std::int64_t mtime = 0;
    if (::stat(p.c_str(), &st) == 0) {
      mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    }
    files.push_back({p.string(), size, mtime});
  };
  for (const std::string& root : roots) {
    std::error_code ec;
    fs::path rp = fs::absolute(root, ec).lexically_normal();
    fs::file_status st = fs::status(rp, ec);
    if (ec || !fs::exists(st)) {
      on_error(Status::NotFound(root + ": no such file or folder"));
      continue;
    }
    if (fs::is_regular_file(st)) {
      consider(rp, fs::file_size(rp, ec), /*named=*/true);
      continue;
    }
    if (!fs::is_directory(st)) {
      on_error(Status::InvalidArgument(root + ": not a file or folder"));
      continue;
    }
    fs::recursive_directory_iterator it(rp, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      on_error(Status::IOError(root + ": cannot read folder: " + ec.message()));
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        on_error(Status::IOError(it->path().string() + ": " + ec.message()));
        ec.clear();
        continue;
      }
      const fs::directory_entry& e = *it;
      std::string name = e.path().filename().string();
      if (!name.empty() && name[0] == '.') {  // hidden files and folders (.git)
        if (e.is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (e.is_symlink(ec) && e.is_directory(ec)) continue;  // no symlinked folders: no loops
      if (e.is_directory(ec)) continue;
      if (!e.is_regular_file(ec)) {
        bool gz = false;
        if (FormatOfPath(name, &gz) != FileFormat::kUnknown) {
          on_error(Status::InvalidArgument(e.path().string() +
                                           ": not a regular file (FIFO, socket, device or "
                                           "broken link); skipped"));
        }
        continue;
      }
      consider(e.path(), e.file_size(ec), /*named=*/false);
    }
  }
  std::sort(files.begin(), files.end(),
            [](const CorpusFile& a, const CorpusFile& b) { return a.path < b.path; });
  files.erase(
      std::unique(files.begin(), files.end(),
                  [](const CorpusFile& a, const CorpusFile& b) { return a.path == b.path; }),
      files.end());
  return files;
}

}  // namespace byline
