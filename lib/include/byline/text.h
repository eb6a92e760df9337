/** @file text.h
 *  @brief Byte-level text hygiene: encodings in, safe text out.
 */
#ifndef BYLINE_TEXT_H
#define BYLINE_TEXT_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace byline {

/// ASCII character classes, independent of the C locale.
inline bool IsAsciiLetter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool IsAsciiAlnum(unsigned char c) { return IsAsciiLetter(c) || (c >= '0' && c <= '9'); }
/// Space, tab, newline or carriage return.
inline bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Code points of UTF-8 text: the bytes that do not continue a character
/// (an invalid byte counts as one).
inline std::size_t CodePointCount(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

/// True for a character that separates words as a space does: Unicode
/// White_Space (ASCII space, tab, line feed, vertical tab, form feed, carriage
/// return, U+0085, every Zs space such as U+00A0, U+2007, U+202F and U+3000,
/// and the separators U+2028 and U+2029) and the zero-width separators U+200B,
/// U+2060 and U+FEFF. Not U+200C/U+200D (ZWNJ/ZWJ): they belong inside Persian,
/// Indic and emoji words.
bool IsUnicodeSpace(char32_t c);

/// The length in bytes of the IsUnicodeSpace character that starts at byte
/// `i` of the UTF-8 text `s`, or 0 if there is none (or `i` is past the end).
std::size_t UnicodeSpaceAt(std::string_view s, std::size_t i);

/// 64-bit FNV-1a of `bytes`: stable across runs and machines (file content
/// hashes, shortened ids).
std::uint64_t Fnv1a64(std::string_view bytes);

/// Fnv1a64 continued over `bytes` from `h`, the hash of what came before
/// them: a file hashed chunk by chunk from Fnv1a64("") gets Fnv1a64 of it whole.
std::uint64_t Fnv1a64Extend(std::uint64_t h, std::string_view bytes);

/// splitmix64's finaliser: every input bit moves every output bit (the
/// stories' MinHashes, the proximity pair filter). Fixed: what it hashes is
/// stored.
inline std::uint64_t Mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

/// True if `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

/// Converts raw file bytes to UTF-8: a UTF-8 BOM is dropped; UTF-16 with a
/// BOM is converted; otherwise valid UTF-8 is kept and anything else is read
/// as Windows-1252 (a superset of Latin-1). `*note`, if given, is set to the
/// encoding that was assumed when it was not UTF-8.
std::string ToUtf8(std::string_view bytes, std::string* note = nullptr);

/// Cleans article text for storage: drops control characters (except
/// newline and tab, which become "\n" and " "), collapses runs of spaces and
/// blank lines, and trims. Terminal escape sequences lose their ESC byte.
std::string CleanText(std::string_view s);

/// Collapses all white space (newlines included) to single spaces and trims.
std::string CollapseSpace(std::string_view s);

/// Removes every byte that a terminal would act on (C0, DEL, C1 controls and
/// so escape sequences), turning newlines and tabs into spaces. For output.
std::string SafeForTerminal(std::string_view s);

/// A title for an article that has none, made from its text: the first
/// sentence of the first paragraph if it has at most `max_chars` code
/// points, else its first `max_chars` or fewer cut on a word boundary (ICU
/// word breaks, so Chinese and Thai cut between words too), without trailing
/// punctuation and with "…" after it. "" for an empty body.
std::string DeriveTitle(std::string_view body, std::size_t max_chars = 80);

/// Decodes HTML character references: the named entities news text uses
/// (&amp; &lt; &gt; &quot; &apos; &nbsp; dashes, quotes, ellipsis, the
/// Latin-1 letters...), decimal &#39; and hex &#x2019;. A reference it does
/// not know, or a number that is no character, stays as written.
std::string DecodeEntities(std::string_view s);

/// The edit distance between `a` and `b` in code points if it is at most
/// `max`, else max + 1 (for "did you mean" on commands and options): letters
/// inserted, deleted, replaced or swapped with their neighbour, one edit each.
unsigned EditDistance(std::string_view a, std::string_view b, unsigned max);

}  // namespace byline

#endif  // BYLINE_TEXT_H
