// Conformance table of the query language: for every input of
// tests/conformance/{xapian,extra}_queries.txt and both default operators, the
// reading recorded in tests/conformance/expected.tsv (DescribeQuery, or the
// error) must be exactly what ParseQuery gives, so that no change alters how
// a query is understood without showing in review. BYLINE_UPDATE_CONFORMANCE=1
// rewrites the table instead (see tests/conformance/README.md).
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "byline/analyzer.h"
#include "byline/query_parser.h"

namespace byline {
namespace {

const std::string kDir = std::string(BYLINE_SOURCE_DIR) + "/tests/conformance/";
const char* const kInputFiles[] = {"xapian_queries.txt", "extra_queries.txt"};
const char kExpectedFile[] = "expected.tsv";

void AppendUtf8(unsigned cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool Hex(std::string_view s, std::size_t at, std::size_t n, unsigned* value) {
  if (at + n > s.size()) return false;
  *value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    char c = s[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return false;
    *value = *value * 16 + static_cast<unsigned>(d);
  }
  return true;
}

// Decodes one input line: a double-quoted JSON string, plus \xNN for a raw
// byte. Returns false if the line is not one.
bool Unquote(std::string_view line, std::string* out) {
  out->clear();
  if (line.size() < 2 || line.front() != '"' || line.back() != '"') return false;
  std::string_view s = line.substr(1, line.size() - 2);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '"') return false;
    if (s[i] != '\\') {
      *out += s[i];
      continue;
    }
    if (++i == s.size()) return false;
    unsigned v = 0;
    switch (s[i]) {
      case '"':
      case '\\':
      case '/':
        *out += s[i];
        break;
      case 'b':
        *out += '\b';
        break;
      case 'f':
        *out += '\f';
        break;
      case 'n':
        *out += '\n';
        break;
      case 'r':
        *out += '\r';
        break;
      case 't':
        *out += '\t';
        break;
      case 'x':
        if (!Hex(s, i + 1, 2, &v)) return false;
        *out += static_cast<char>(v);
        i += 2;
        break;
      case 'u': {
        if (!Hex(s, i + 1, 4, &v)) return false;
        i += 4;
        unsigned low = 0;
        if (v >= 0xD800 && v < 0xDC00 && i + 2 < s.size() && s[i + 1] == '\\' && s[i + 2] == 'u' &&
            Hex(s, i + 3, 4, &low) && low >= 0xDC00 && low < 0xE000) {
          v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        AppendUtf8(v, out);
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

// Length of the valid UTF-8 sequence at s[i], or 0.
std::size_t Utf8Length(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n = c >= 0xC2 && c <= 0xDF   ? 2
                  : c >= 0xE0 && c <= 0xEF ? 3
                  : c >= 0xF0 && c <= 0xF4 ? 4
                                           : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = i + 1; k < i + n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
  }
  if (c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
  if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogate
  if (c == 0xF0 && b(i + 1) < 0x90) return 0;   // overlong
  if (c == 0xF4 && b(i + 1) >= 0x90) return 0;  // beyond U+10FFFF
  return n;
}

// One line of the table: valid UTF-8 kept as is; backslash, tab, newline,
// control characters and bytes outside valid UTF-8 escaped. With `quoted`,
// the form of the input files (a JSON string, plus \xNN).
std::string Escape(std::string_view s, bool quoted) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = quoted ? "\"" : "";
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = Utf8Length(s, i);
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (n == 0) {
      out += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
      ++i;
      continue;
    }
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"' && quoted) {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += std::string("\\u00") + kHex[c >> 4] + kHex[c & 15];
    } else {
      out.append(s, i, n);
    }
    i += n;
  }
  return quoted ? out + "\"" : out;
}

struct Input {
  std::string query;  // decoded bytes
  std::string where;  // file:line
};

// Reads the inputs of every file, first seen first; repeats are skipped.
std::vector<Input> ReadInputs(std::vector<std::string>* problems) {
  std::vector<Input> inputs;
  std::set<std::string> seen;
  for (const char* name : kInputFiles) {
    std::ifstream in(kDir + name, std::ios::binary);
    if (!in) {
      problems->push_back("cannot read " + kDir + name);
      continue;
    }
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (line.empty() || line[0] == '#') continue;
      std::string where = std::string(name) + ":" + std::to_string(n);
      Input input{"", where};
      if (!Unquote(line, &input.query)) {
        problems->push_back(where + ": not a quoted string: " + line);
      } else if (seen.insert(input.query).second) {
        inputs.push_back(std::move(input));
      }
    }
  }
  return inputs;
}

// 1-based character position of a byte offset, as in the parser's messages.
std::size_t CharPosition(std::string_view q, std::size_t offset) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < offset && i < q.size(); ++i) {
    if ((static_cast<unsigned char>(q[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars + 1;
}

// The input being parsed, named if it crashes the parser or hangs it.
const std::string* g_current = nullptr;

extern "C" void NameInputAndDie(int sig) {
  static const char kHead[] = "\nquery_conformance_test: this input crashed or hung the parser: ";
  ssize_t ignored = write(2, kHead, sizeof kHead - 1);
  if (g_current) ignored = write(2, g_current->data(), g_current->size());
  ignored = write(2, "\n", 1);
  (void)ignored;
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// Byline's reading of `query`: DescribeQuery, or "error @<char>: <message>".
std::string Reading(const std::string& query, const Analyzer& analyzer, DefaultOperator op) {
  QueryParseOptions options;
  options.default_operator = op;
  QueryError error;
  g_current = &query;
  auto root = ParseQuery(query, analyzer, options, &error);
  g_current = nullptr;
  if (root.ok()) return DescribeQuery(*root);
  return "error @" + std::to_string(CharPosition(query, error.offset)) + ": " + error.message;
}

using Key = std::pair<std::string, std::string>;  // escaped input, operator

TEST(QueryConformanceTest, EveryInputIsReadAsRecorded) {
  std::vector<std::string> problems;
  std::vector<Input> inputs = ReadInputs(&problems);
  ASSERT_TRUE(problems.empty()) << problems.front();
  ASSERT_GT(inputs.size(), 500u) << "the input files in " << kDir << " look truncated";

  // Every input, both operators; a crash or a hang names the input.
  const std::pair<const char*, DefaultOperator> kOps[] = {{"or", DefaultOperator::kOr},
                                                          {"and", DefaultOperator::kAnd}};
  Analyzer analyzer;
  std::vector<std::pair<Key, std::string>> actual;
  auto old_segv = std::signal(SIGSEGV, NameInputAndDie);
  auto old_abrt = std::signal(SIGABRT, NameInputAndDie);
  auto old_alrm = std::signal(SIGALRM, NameInputAndDie);
  for (const Input& input : inputs) {
    for (const auto& [name, op] : kOps) {
      alarm(20);
      actual.push_back(
          {{Escape(input.query, true), name}, Escape(Reading(input.query, analyzer, op), false)});
    }
  }
  alarm(0);
  std::signal(SIGSEGV, old_segv);
  std::signal(SIGABRT, old_abrt);
  std::signal(SIGALRM, old_alrm);

  // The recorded table: input <TAB> operator <TAB> reading, all escaped.
  const std::string path = kDir + kExpectedFile;
  std::map<Key, std::string> expected;
  std::vector<std::string> mismatches;
  {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (line.empty() || line[0] == '#') continue;
      std::size_t t1 = line.find('\t');
      std::size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
      if (t2 == std::string::npos) {
        mismatches.push_back(std::string(kExpectedFile) + ":" + std::to_string(n) +
                             ": not input<TAB>operator<TAB>reading");
        continue;
      }
      expected[{line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1)}] = line.substr(t2 + 1);
    }
  }

  std::size_t changed = 0;
  std::set<Key> current;
  for (const auto& [key, reading] : actual) {
    current.insert(key);
    auto it = expected.find(key);
    if (it == expected.end()) {
      ++changed;
      mismatches.push_back("new input " + key.first + " (" + key.second + "): " + reading);
    } else if (it->second != reading) {
      ++changed;
      mismatches.push_back("input " + key.first + " (" + key.second +
                           ")\n    expected: " + it->second + "\n    actual:   " + reading);
    }
  }
  for (const auto& [key, reading] : expected) {
    if (!current.count(key)) {
      ++changed;
      mismatches.push_back("stale row " + key.first + " (" + key.second + "): no longer an input");
    }
  }

  const char* update = std::getenv("BYLINE_UPDATE_CONFORMANCE");
  if (update && std::string(update) == "1") {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "# Byline's reading of every query in xapian_queries.txt and extra_queries.txt,\n"
           "# with each default operator: DescribeQuery (the --explain syntax), or\n"
           "# \"error @<character position>: <message>\". Checked by\n"
           "# tests/unit/query_conformance_test.cc; regenerated with\n"
           "# BYLINE_UPDATE_CONFORMANCE=1 (README.md). Review every changed row.\n"
           "# input<TAB>default operator<TAB>reading\n";
    for (const auto& [key, reading] : actual) {
      out << key.first << '\t' << key.second << '\t' << reading << '\n';
    }
    out.close();
    ASSERT_TRUE(out) << "cannot write " << path;
    std::cout << "BYLINE_UPDATE_CONFORMANCE: rewrote " << path << " (" << actual.size() << " rows, "
              << changed << " changed)\n";
    return;
  }

  std::ostringstream report;
  const std::size_t kShown = 50;
  for (std::size_t i = 0; i < mismatches.size() && i < kShown; ++i) {
    report << mismatches[i] << '\n';
  }
  if (mismatches.size() > kShown) report << "... and " << mismatches.size() - kShown << " more\n";
  EXPECT_TRUE(mismatches.empty())
      << mismatches.size() << " of " << actual.size()
      << " readings differ from tests/conformance/expected.tsv. If the change is meant,\n"
         "regenerate with BYLINE_UPDATE_CONFORMANCE=1 and review the diff "
         "(tests/conformance/README.md):\n"
      << report.str();
}

// The line format round-trips every byte, and keeps UTF-8 readable.
TEST(QueryConformanceTest, EscapedFormRoundTrips) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  const std::string samples[] = {"", all, "a\"b\\c\td", "Qāmishlī 北京 \xF0\x9F\x98\x80",
                                 "\xC3(\xED\xA0\x80\xF4\x90\x80\x80"};
  for (const std::string& s : samples) {
    std::string back;
    ASSERT_TRUE(Unquote(Escape(s, true), &back)) << Escape(s, true);
    EXPECT_EQ(back, s) << Escape(s, true);
    EXPECT_EQ(Escape(s, false).find_first_of("\t\n\r"), std::string::npos);
  }
  EXPECT_EQ(Escape("Qāmishlī \"x\"", true), "\"Qāmishlī \\\"x\\\"\"");
  std::string nbsp;
  ASSERT_TRUE(Unquote("\"a\\u00a0b \\ud83d\\ude00 \\xff\"", &nbsp));
  EXPECT_EQ(nbsp,
            "a\xC2\xA0"
            "b \xF0\x9F\x98\x80 \xFF");
  EXPECT_FALSE(Unquote("no quotes", &nbsp));
  EXPECT_FALSE(Unquote("\"bad \\q escape\"", &nbsp));
}

}  // namespace
}  // namespace byline
