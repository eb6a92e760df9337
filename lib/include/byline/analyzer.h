/** @file analyzer.h
 *  @brief The one text analyzer used for indexing, querying and highlighting.
 *
 *  A tokenizer (ICU word boundaries, UAX #29, with dictionary segmentation for
 *  Chinese, Japanese and Thai) followed by a chain of filters. Every Unicode
 *  space (IsUnicodeSpace in text.h: U+00A0, U+202F, U+3000, U+2028, the
 *  zero-width U+200B, U+2060, U+FEFF...) separates words as an ASCII space
 *  does; ZWNJ and ZWJ stay inside words (and are then folded away).
 *    1. plurals of acronyms and numbers, read before case folding (the case
 *       tells them apart): ASCII capitals and digits with a final lower-case
 *       "s" ("IEDs", "NGOs", "MP3s"; one lower-case letter may stand between
 *       capitals: "PhDs") and a number with "s" or "S" ("1990s", "80S") lose
 *       the "s"; "1990's", which ICU splits at the apostrophe, is one token.
 *       Words in capitals ("AIDS": its S is not told apart), in lower case
 *       ("ids", "bus"), in title case ("Is", "Texas"), starting in lower case
 *       ("iPhones") and non-ASCII words are unchanged. A token keeps its whole
 *       surface ("IEDs", "1990's") for highlighting;
 *    2. normalisation: NFKC case folding;
 *    3. accent folding: combining marks dropped from Latin, Greek and Cyrillic
 *       letters, Arabic diacritics and tatweel removed; Arabic letters
 *       written one for another are one: alef with hamza or madda (أ إ آ)
 *       and alef wasla (ٱ) are alef (ا), taa marbuta (ة) is haa (ه), alef
 *       maqsura (ى) is yaa (ي), and hamza on waw or yaa (ؤ ئ) is the hamza
 *       alone (ء), so "مسؤول" and "مسئول" are one word. A Latin word with
 *       letters commonly typed as two, ä ö ü (German, "ae" "oe" "ue"), å
 *       and ø (Nordic, "aa" "oe"), also gives that typed spelling as an extra
 *       joined form (Token::typed) at its position: "Köln" is "koln" and
 *       "koeln", so a search for "Koeln" finds it; a word typed so in an
 *       article or a query ("Koeln", "poet", "blue") is only itself, so
 *       words that merely contain "oe" or "ue" are never merged with others
 *       ("ß" and "æ" already fold to "ss" and "ae");
 *    4. token shaping: "U.S." -> "us", possessive "'s" removed ("IED's" ->
 *       "ied"), French/Italian elisions ("l'", "d'") removed; English
 *       contractions in "'d", "'ll", "'re", "'ve", "'m" keep their apostrophe
 *       ("i'd", "we'll": not "id", "well"); other apostrophes dropped
 *       ("don't" -> "dont"); a name's romanisations listed in a table are
 *       read as one ("Qaddafi", "Kadhafi", "Gadhafi" -> "gaddafi";
 *       "Selenskyj" -> "zelensky"; "al-Qaida" -> "al" "qaeda"; "Hajeen"
 *       -> "hajin"), a table because no spelling key measured held
 *       (benchmarks/README.md, "Name variants");
 *    5. symbol words: a word of letters (no digits) followed by "+", "++" or
 *       "#" that no word or further '+', '#', '&' follows ("C++", "C#",
 *       "gtk+", "notepad++"), or words of letters joined by single '&'s with
 *       no space ("AT&T", "R&D"), is one word with its symbols ("c++",
 *       "at&t"); its letters alone ("c", "att") are an extra joined form at
 *       the same position, so a search for "c" still finds it. "A+B",
 *       "rock & roll", "#tag" and "C+++" keep the plain words. A symbol
 *       word is a part of a compound as any word is ("D&P-8": "d&p8");
 *    6. compounds: "al-Qaeda" gives "al", "qaeda" at consecutive positions and
 *       the joined "alqaeda" at the first of them;
 *    7. stemming with the language's Snowball stemmer (Stem()), on the
 *       folded term. An Arabic term loses a leading "و" and its article
 *       and is stemmed with "ال" in front, so that Snowball reads every word
 *       as a noun ("مفاوضات" and "المفاوضات" stem alike): known-item MRR@10
 *       on news-ar 0.669, against 0.630 for Snowball on the term and 0.593
 *       for Larkey's light10 (benchmarks/README.md, "Arabic spelling").
 *       An English term with a British and an American spelling is stemmed
 *       as its American spelling ("organisation", "organise" ->
 *       "organization", "organize" -> "organ"; "colour" -> "color";
 *       "centre" -> "center"; "travelled" -> "traveled"), from a table
 *       generated from Debian's SCOWL word lists (english_spellings.py:
 *       only words that SCOWL lists as British-only and American-only are
 *       paired, so "hour", "tour", "program" are never joined). Stemming, not
 *       the term, so that a query's word matches in every language the
 *       database holds as that language reads it (German "Programme" stays
 *       German); American, so that American text stems as before (read as
 *       the British -ise spelling, cacm lost 2.5% MAP: Snowball's -ize rules
 *       join "optimization" to "optimal"). The exact form (a quoted word or
 *       phrase) is the spelling typed. Known-item MRR@10
 *       on bbc-news: benchmarks/README.md, "Session 8";
 *    8. runs of text written without spaces between words (Han, kana, Hangul,
 *       Thai, Lao, Khmer, Myanmar: neighbouring ICU words of these scripts
 *       with nothing between them; a word ICU keeps whole across ASCII
 *       letters or digits and such a script, "G20에서", is split there into
 *       "g20" and the run "에서") are read as characters (a character with
 *       its combining marks), so that any part of a word can be found, not
 *       only ICU's dictionary words (湖 in 太湖, 科技 in 高科技, 대통령 in
 *       대통령은, กรุงเทพ in กรุงเทพมหานคร). A run of n >= 2 characters gives
 *       its n - 1 overlapping bigrams at consecutive positions (the run's
 *       words, `joined` false, and its only ones), each character as a
 *       joined form at its bigram's position (the last at the last bigram's),
 *       and each ICU word of 3 or more characters as a joined form at its
 *       first character's position; a run of one character is that
 *       character. A bigram or character that is also an ICU word of the
 *       run is that word (`gram` false); the others are `gram`. So every
 *       string of 2 or more characters of a run is a phrase of its bigrams
 *       at consecutive positions, however ICU segments the text around it,
 *       and the query parser asks for that phrase, and for the whole ICU
 *       words only to rank (query_parser.h). Known-item MRR@10 on news-zh:
 *       see benchmarks/README.md, "Chinese, Japanese, Korean and Thai".
 *  ICU types stay behind this header.
 */
#ifndef BYLINE_ANALYZER_H
#define BYLINE_ANALYZER_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

/// One word of a text, normalised, with where it stood.
struct Token {
  std::string term;        ///< normalised form (folded, unstemmed)
  std::size_t start;       ///< byte offset of the surface form in the input
  std::size_t end;         ///< one past its last byte
  std::uint32_t pos;       ///< word position, 0-based and consecutive
  bool joined = false;     ///< an extra form sharing `pos` with the first part:
                           ///< a compound ("alqaeda"), a symbol word's letters
                           ///< ("c" for "c++") or a typed spelling ("koeln" for
                           ///< "Köln"); not a word of its own
  bool typed = false;      ///< a joined form that is the word's letters typed
                           ///< without their marks ("koeln"): not searched for
                           ///< when it comes from a query
  bool spaceless = false;  ///< from a run of a script written without spaces
                           ///< between words (step 8): `pos` counts its
                           ///< characters, not its words
  bool gram = false;       ///< a spaceless token that is only a piece of the text
                           ///< (a character bigram or a single character), not
                           ///< one of ICU's words: indexed with its position,
                           ///< never as a ranked (stemmed) word
};

/// Thread-compatible: one Analyzer per thread (it caches ICU objects).
class Analyzer {
 public:
  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  /// Splits `text` (valid UTF-8) into normalised tokens. `lang` (ISO 639-1,
  /// may be empty) selects language-specific shaping such as elisions.
  std::vector<Token> Tokenize(std::string_view text, std::string_view lang = "") const;

  /// Normalises one word exactly as Tokenize does (no splitting).
  std::string Normalize(std::string_view word, std::string_view lang = "") const;

  /// Stems a normalised term with the stemmer for `lang`; returns the term
  /// unchanged for languages without a stemmer (Chinese, Japanese, Thai...).
  std::string Stem(const std::string& term, std::string_view lang) const;

  /// True if Byline has a Snowball stemmer for this language code.
  static bool HasStemmer(std::string_view lang);

  /// True if `term` (UTF-8) has a letter of the Arabic script (U+0600-U+06FF,
  /// U+0750-U+077F, U+08A0-U+08FF; normalised terms have no presentation
  /// forms). A byte check: no decoding, nothing for other scripts to pay.
  static bool IsArabic(std::string_view term);

  /// True if `term` (UTF-8) has a letter of a script written without spaces
  /// (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar), whose text is indexed
  /// in pieces (Token::gram) that have no stemmed term. ASCII costs one pass
  /// over the bytes.
  static bool IsSpaceless(std::string_view term);

  /// The language used when an article does not say: "en".
  static constexpr const char* kDefaultLanguage = "en";

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace byline

#endif  // BYLINE_ANALYZER_H
