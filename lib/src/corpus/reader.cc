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

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Inflates gzip (or zlib) data, all concatenated members, up to `cap` bytes.
Status Gunzip(const std::string& path, const std::string& in, std::uint64_t cap, std::string* out) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return Status::Internal(path + ": zlib init failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  char buf[1 << 16];
  int ret = Z_OK;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    ret = inflate(&zs, Z_NO_FLUSH);
    if (ret != Z_OK && ret != Z_STREAM_END) break;
    out->append(buf, sizeof buf - zs.avail_out);
    if (out->size() > cap) {
      inflateEnd(&zs);
      return Status::Corruption(path + ": decompresses to more than " + std::to_string(cap >> 20) +
                                " MiB (the cap on decompressed size); skipped");
    }
    if (ret == Z_STREAM_END) {
      if (zs.avail_in == 0) break;
      inflateReset(&zs);  // another gzip member follows
    } else if (zs.avail_in == 0 && zs.avail_out != 0) {
      ret = Z_BUF_ERROR;  // input ended inside the stream
      break;
    }
  }
  inflateEnd(&zs);
  if (ret != Z_STREAM_END) {
    return Status::Corruption(path + ": corrupt or truncated gzip data" +
                              (zs.msg ? std::string(" (") + zs.msg + ")" : std::string()));
  }
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

Status LoadFile(const std::string& path, const ReadLimits& limits, std::string* raw) {
  bool gz = false;
  if (FormatOfPath(path, &gz) == FileFormat::kUnknown) {
    return Status::InvalidArgument(path + ": unknown file type");
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return Status::NotFound(path + ": " + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) return Status::InvalidArgument(path + ": not a regular file");
  if (static_cast<std::uint64_t>(st.st_size) > limits.max_file_bytes) {
    return Status::InvalidArgument(path + ": file is " + std::to_string(st.st_size >> 20) +
                                   " MiB, over the " + std::to_string(limits.max_file_bytes >> 20) +
                                   " MiB cap on file size; skipped");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  raw->resize(static_cast<std::size_t>(st.st_size));
  in.read(raw->data(), static_cast<std::streamsize>(raw->size()));
  raw->resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return Status::IOError(path + ": read error: " + std::strerror(errno));
  return Status::OK();
}

Status ParseFileContents(const std::string& path, std::string raw, const ReadLimits& limits,
                         const ReadSink& sink) {
  bool gz = false;
  FileFormat format = FormatOfPath(path, &gz);
  if (format == FileFormat::kUnknown) return Status::InvalidArgument(path + ": unknown file type");
  if (gz) {
    std::string plain;
    Status s = Gunzip(path, raw, limits.max_decompressed_bytes, &plain);
    if (!s.ok()) return s;
    raw.swap(plain);
  }
  // Text has no NUL bytes (UTF-16, which does, starts with a byte order
  // mark). JSON that starts like JSON is checked line by line or element by
  // element instead, so that one bad line costs only itself.
  std::string_view head = std::string_view(raw).substr(0, 1 << 16);
  bool utf16 =
      head.size() >= 2 && (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF");
  std::size_t first = head.find_first_not_of(" \t\r\n");
  bool json_like = (format == FileFormat::kJson || format == FileFormat::kJsonLines) &&
                   first != std::string_view::npos && (head[first] == '{' || head[first] == '[');
  if (!utf16 && !json_like && head.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument(path + ": binary data (NUL bytes), not a text article; skipped");
  }
  // JSON must be UTF-8 already; text and HTML are converted from legacy encodings.
  std::string text = (format == FileFormat::kJson || format == FileFormat::kJsonLines)
                         ? std::move(raw)
                         : ToUtf8(raw);
  ReadSink capped = sink;
  capped.on_article = [&](Article&& a) {
    if (a.body.size() > limits.max_article_bytes) {
      std::size_t cut = limits.max_article_bytes;
      while (cut > 0 && (static_cast<unsigned char>(a.body[cut]) & 0xC0) == 0x80) --cut;
      a.body.resize(cut);
    }
    sink.on_article(std::move(a));
  };
  ParseArticles(path, format, text, capped);
  return Status::OK();
}

Status ReadFile(const std::string& path, const ReadLimits& limits, const ReadSink& sink) {
  std::string raw;
  Status s = LoadFile(path, limits, &raw);
  if (!s.ok()) return s;
  return ParseFileContents(path, std::move(raw), limits, sink);
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
