/** @file text.cc
 *  @brief Encoding detection and text cleaning.
 */
#include "byline/text.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <memory>

#include "util/edit_distance.h"

namespace byline {
namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 if it is malformed.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned min;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  unsigned cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

std::string Convert(const char* from, std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(from, &status), ucnv_close);
  if (U_FAILURE(status)) return std::string();
  std::string out(bytes.size() * 3 + 4, '\0');
  int32_t n =
      ucnv_toAlgorithmic(UCNV_UTF8, conv.get(), out.data(), static_cast<int32_t>(out.size()),
                         bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return std::string();
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// True for the bytes a terminal acts on: C0 controls, DEL; C1 controls are
// two-byte UTF-8 sequences C2 80..C2 9F and are handled by the callers.
bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7F; }

}  // namespace

bool IsUnicodeSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  switch (c) {
    case 0x0085:  // next line
    case 0x00A0:  // no-break space
    case 0x1680:  // Ogham space mark
    case 0x200B:  // zero-width space
    case 0x2028:  // line separator
    case 0x2029:  // paragraph separator
    case 0x202F:  // narrow no-break space
    case 0x205F:  // medium mathematical space
    case 0x2060:  // word joiner
    case 0x3000:  // ideographic space
    case 0xFEFF:  // zero-width no-break space (a BOM inside text)
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;  // en quad .. hair space
  }
}

std::size_t UnicodeSpaceAt(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return IsUnicodeSpace(c) ? 1 : 0;
  if (c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 && c != 0xEF) return 0;  // fast reject
  std::size_t n = Utf8SequenceLength(s, i);
  if (n < 2) return 0;
  char32_t cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return IsUnicodeSpace(cp) ? n : 0;
}

std::uint64_t Fnv1a64(std::string_view bytes) {
  return Fnv1a64Extend(1469598103934665603ull, bytes);
}

std::uint64_t Fnv1a64Extend(std::uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string ToUtf8(std::string_view bytes, std::string* note) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    bool le = bytes[0] == '\xFF';
    if (note) *note = le ? "UTF-16LE" : "UTF-16BE";
    return Convert(le ? "UTF-16LE" : "UTF-16BE", bytes.substr(2));
  }
  if (IsValidUtf8(bytes)) return std::string(bytes);
  if (note) *note = "Windows-1252";
  return Convert("windows-1252", bytes);
}

std::string CleanText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  int pending_newlines = 0;
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      ++pending_newlines;
      pending_space = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = true;
      continue;
    }
    if (IsControl(c)) continue;  // ESC and friends: the escape sequence is defused
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      ++i;  // a C1 control
      continue;
    }
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ++i;  // no-break space
      pending_space = true;
      continue;
    }
    if (!out.empty()) {
      if (pending_newlines >= 2) {
        out += "\n\n";
      } else if (pending_newlines == 1) {
        out += '\n';
      } else if (pending_space) {
        out += ' ';
      }
    }
    pending_newlines = 0;
    pending_space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out.push_back(ch);
  }
  return out;
}

std::string SafeForTerminal(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n' || c == '\t' || c == '\r') {
      out += ' ';
    } else if (IsControl(c)) {
      continue;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string DeriveTitle(std::string_view body, std::size_t max_chars) {
  // The first paragraph only: a headline never runs into the next one.
  std::size_t start = 0;
  while (start < body.size() && IsAsciiSpace(body[start])) ++start;
  std::size_t end = body.find('\n', start);
  if (end == std::string_view::npos) end = body.size();
  // Enough bytes for max_chars code points and the word after them.
  std::string_view para = body.substr(start, std::min(end - start, max_chars * 4 + 64));
  if (para.empty()) return "";
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(para.data(), static_cast<std::int32_t>(para.size())));
  // Made once per thread: creating a break iterator costs about a
  // millisecond, more than the rest of a search hit.
  UErrorCode status = U_ZERO_ERROR;
  thread_local std::unique_ptr<icu::BreakIterator> sentences(
      icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
  thread_local std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  std::int32_t cut = text.length();
  bool whole = false;
  if (sentences) {
    sentences->setText(text);
    std::int32_t first = sentences->next();
    if (first != icu::BreakIterator::DONE &&
        text.countChar32(0, first) <= static_cast<std::int32_t>(max_chars)) {
      cut = first;
      whole = true;
    }
  }
  if (!whole) {
    // The last word boundary at or before max_chars code points.
    std::int32_t limit = text.moveIndex32(0, static_cast<std::int32_t>(max_chars));
    if (limit >= text.length()) {
      cut = text.length();  // the paragraph is shorter than max_chars
      whole = true;
    } else {
      cut = limit;
      if (words) {
        words->setText(text);
        std::int32_t b = words->isBoundary(limit) ? limit : words->preceding(limit);
        if (b != icu::BreakIterator::DONE && b > 0) cut = b;
      }
    }
  }
  icu::UnicodeString head = text.tempSubString(0, cut);
  // Trailing spaces always go; trailing punctuation only when the text is cut.
  auto drop = [&](UChar32 c) {
    return u_isUWhiteSpace(c) || (!whole && (u_ispunct(c) && c != ')' && c != '"' && c != 0x201D));
  };
  while (head.length() > 0 && drop(head.char32At(head.length() - 1))) {
    head.truncate(head.moveIndex32(head.length(), -1));
  }
  std::string out;
  head.toUTF8String(out);
  out = CollapseSpace(out);
  if (!whole && !out.empty()) out += "\u2026";
  return out;
}

namespace {

// One code point as UTF-8.
void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// The character a reference's name or number (between '&' and ';') stands
// for, or 0 if none.
char32_t EntityValue(std::string_view name) {
  if (name.size() > 1 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return 0;
    char32_t v = 0;
    for (char c : digits) {
      int d = c >= '0' && c <= '9'          ? c - '0'
              : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
              : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                            : -1;
      if (d < 0) return 0;
      v = v * (hex ? 16 : 10) + static_cast<char32_t>(d);
    }
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    return v;
  }
  static const std::pair<const char*, char32_t> kNamed[] = {
      {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},     {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014},
      {"hellip", 0x2026}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"sbquo", 0x201A},
      {"ldquo", 0x201C},  {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"laquo", 0xAB},
      {"raquo", 0xBB},    {"bull", 0x2022},  {"middot", 0xB7},  {"copy", 0xA9},
      {"reg", 0xAE},      {"trade", 0x2122}, {"euro", 0x20AC},  {"pound", 0xA3},
      {"yen", 0xA5},      {"cent", 0xA2},    {"deg", 0xB0},     {"shy", 0xAD},
      {"times", 0xD7},    {"eacute", 0xE9},  {"egrave", 0xE8},  {"ecirc", 0xEA},
      {"aacute", 0xE1},   {"agrave", 0xE0},  {"acirc", 0xE2},   {"auml", 0xE4},
      {"ouml", 0xF6},     {"uuml", 0xFC},    {"Auml", 0xC4},    {"Ouml", 0xD6},
      {"Uuml", 0xDC},     {"szlig", 0xDF},   {"ccedil", 0xE7},  {"iacute", 0xED},
      {"oacute", 0xF3},   {"uacute", 0xFA},  {"ntilde", 0xF1},  {"Eacute", 0xC9}};
  for (const auto& [n, v] : kNamed) {
    if (name == n) return v;
  }
  return 0;
}

}  // namespace

std::string DecodeEntities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '&') {
      // Names and numbers are short: look no further than 10 characters.
      std::size_t semi = s.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i <= 10) {
        if (char32_t c = EntityValue(s.substr(i + 1, semi - i - 1)); c != 0) {
          AppendUtf8(c, &out);
          i = semi + 1;
          continue;
        }
      }
    }
    out.push_back(s[i++]);
  }
  return out;
}

unsigned EditDistance(std::string_view a, std::string_view b, unsigned max) {
  return BoundedEditDistance(CodePoints(std::string(a)), CodePoints(std::string(b)), max);
}

}  // namespace byline
