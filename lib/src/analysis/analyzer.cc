/** @file analyzer.cc
 *  @brief ICU tokenizer plus normalisation, shaping, compound and stem filters.
 */
#include "byline/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "byline/text.h"

namespace byline {
namespace {

constexpr std::size_t kMaxTermBytes = 120;  // longer "words" are noise (base64, hashes)

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// `s` with A-Z lowered; other bytes as they are.
std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  return out;
}

bool IsHyphen(std::string_view gap) { return gap == "-" || gap == "\u2010" || gap == "\u2011"; }

// Letters that carry no combining mark but are commonly typed without the
// stroke: "Łódź" -> "lodz", "Ørsted" -> "orsted".
UChar32 FoldStrokeLetter(UChar32 c) {
  switch (c) {
    case 0x0142:
      return 'l';  // ł
    case 0x00F8:
      return 'o';  // ø
    case 0x0111:
      return 'd';  // đ
    case 0x0127:
      return 'h';  // ħ
    case 0x0131:
      return 'i';  // dotless ı
    case 0x00E6:
      return 0;  // æ, œ: expanded to two letters below
    case 0x0153:
      return 0;
    default:
      return c;
  }
}

bool IsArabicDiacritic(UChar32 c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640;
}

// Arabic letters that are written one for another (analyzer.h, step 3):
// taa marbuta as haa ("مدرسة", "مدرسه"), final alef maqsura as yaa
// ("مصطفى", "مصطفي"), alef wasla as alef. The alefs with hamza or madda
// (أ إ آ) lose their mark with the diacritics; waw and yaa with hamza are
// folded apart (FoldUnicode).
UChar32 FoldArabicLetter(UChar32 c) {
  switch (c) {
    case 0x0629:
      return 0x0647;  // ة -> ه
    case 0x0649:
      return 0x064A;  // ى -> ي
    case 0x0671:
      return 0x0627;  // ٱ -> ا
    default:
      return c;
  }
}

// Whether `mark` is dropped after a letter of `script`. Cyrillic keeps its
// marks ("й" is a letter of its own) except the diaeresis of "ё" -> "е".
bool FoldsMark(UScriptCode script, UChar32 mark) {
  if (script == USCRIPT_LATIN || script == USCRIPT_GREEK) return true;
  return script == USCRIPT_CYRILLIC && mark == 0x0308;
}

// Whether a folded `term` is an English contraction whose apostrophe must
// stay: "i'd", "we'll", "she'd", "we're", "i've", "i'm". Without it they
// would read as other words ("id", "well", "shed", "were"), and "I'd" would
// match a search for "IDs". "n't" contractions ("don't" -> "dont") do not
// collide this way and keep today's joined reading.
bool KeepsApostrophe(std::string_view term) {
  std::size_t at = term.find('\'');
  if (at == 0 || at == std::string_view::npos ||
      term.find('\'', at + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view clitic = term.substr(at + 1);
  return clitic == "d" || clitic == "ll" || clitic == "re" || clitic == "ve" || clitic == "m";
}

// Names written in several Latin romanisations in the news, each group's
// spellings read as its first (analyzer.h, step 4): a table, because no
// spelling key holds. The best of those measured
// (benchmarks/names/study, benchmarks/README.md "Name variants") joined 10%
// of bbc-news's capitalised words to another (Warner/Werner, Being/Boeing)
// and still missed a quarter of these pairs; a table joins only what it
// lists.
const char* const kNameSpellings[][8] = {
    {"gaddafi", "qaddafi", "kadhafi", "gadhafi", "qadhafi", "gadaffi", "kaddafi", "gathafi"},
    {"zelensky", "zelenskyy", "selenskyj", "zelenskiy", "zelenski", "selensky"},
    {"mohammed", "muhammad", "mohamed", "mohammad", "muhammed", "mohamad"},
    {"hezbollah", "hizbullah", "hizballah", "hisbollah"},
    {"qaeda", "qaida", "kaida"},
    {"hajin", "hajeen"},
    {"osama", "usama"},
    {"yeltsin", "jelzin"},
    {"gorbachev", "gorbatschow", "gorbatchev"},
    {"khrushchev", "chruschtschow", "khrouchtchev"},
    {"netanyahu", "netanjahu"},
    {"hussein", "husain", "hussain", "husein"},
    {"abdullah", "abdallah", "abdulla"},
    {"assad", "asad"},
    {"yusuf", "yousef", "youssef", "yusef", "yousuf"},
    {"ahmadinejad", "ahmadinedschad"},
    {"khamenei", "chamenei"},
    {"rouhani", "ruhani"},
    {"tehran", "teheran"},
    {"kyiv", "kiev", "kiew"},
    {"chechnya", "chechnia", "tschetschenien"},
    {"tchaikovsky", "tschaikowsky", "chaikovsky", "tschaikowski"},
    {"dostoevsky", "dostoyevsky", "dostojewski"},
    {"sharif", "shareef"},
};

// `term` as its group's first spelling if kNameSpellings lists it.
void SpellNameAsOne(std::string* term) {
  static const auto* const kFirst = [] {
    auto* m = new std::unordered_map<std::string_view, std::string_view>();
    for (const auto& group : kNameSpellings) {
      for (const char* spelling : group) {
        if (spelling && spelling != group[0]) m->emplace(spelling, group[0]);
      }
    }
    return m;
  }();
  // (Every listed spelling is 4 to 14 ASCII letters: most terms skip the lookup.)
  if (term->size() < 4 || term->size() > 14) return;
  if (auto it = kFirst->find(*term); it != kFirst->end()) term->assign(it->second);
}

// The British and American spellings of an English word (english_spellings.inc,
// generated from Debian's SCOWL word lists by english_spellings.py): a
// spelling, and the American spelling of its group, sorted by the first.
constexpr std::string_view kEnglishSpellings[][2] = {
#include "english_spellings.inc"
};

// The spelling that English stemming reads `term` as (analyzer.h, step 7):
// its group's American spelling if the table lists it ("organisation" ->
// "organization"; "colour" -> "color"; "centre" -> "center"), else `term`
// itself. A binary search of the sorted table: nothing to build when a
// process starts, and Stem() asks only for words not in its cache.
std::string_view EnglishStemInput(std::string_view term) {
  const auto* end = std::end(kEnglishSpellings);
  const auto* it =
      std::lower_bound(std::begin(kEnglishSpellings), end, term,
                       [](const auto& pair, std::string_view t) { return pair[0] < t; });
  return it != end && (*it)[0] == term ? (*it)[1] : term;
}

// Language-independent shaping of a normalised term (see analyzer.h, step 4).
void ShapeTerm(std::string* term, std::string_view lang, bool is_letters) {
  if (term->find('\'') != std::string::npos) {
    if (term->size() > 2 && term->compare(term->size() - 2, 2, "'s") == 0) {
      term->resize(term->size() - 2);
    }
    if (lang == "fr" || lang == "it" || lang == "ca") {
      static const char* const kElisions[] = {
          "l'",     "d'",      "j'",      "m'",    "n'",   "s'",    "t'",    "c'", "qu'",
          "jusqu'", "lorsqu'", "puisqu'", "dell'", "all'", "nell'", "sull'", "un'"};
      for (const char* e : kElisions) {
        std::string_view ev(e);
        if (term->size() > ev.size() && term->compare(0, ev.size(), ev) == 0) {
          term->erase(0, ev.size());
          break;
        }
      }
    }
    if (!KeepsApostrophe(*term)) {
      std::string out;
      out.reserve(term->size());
      for (char c : *term) {
        if (c != '\'') out.push_back(c);
      }
      term->swap(out);
    }
  }
  if (is_letters && term->find('.') != std::string::npos) {
    // "u.s" / "u.s.a" are acronyms: every part one character long.
    bool acronym = true;
    std::size_t part = 0;
    for (std::size_t i = 0; i <= term->size(); ++i) {
      if (i == term->size() || (*term)[i] == '.') {
        if (part > 4 || (part == 0 && i != term->size())) acronym = false;
        part = 0;
      } else if (((*term)[i] & 0xC0) != 0x80) {
        ++part;  // count characters, not bytes
        if (part > 1) acronym = false;
      }
    }
    if (acronym) {
      std::string out;
      for (char c : *term) {
        if (c != '.') out.push_back(c);
      }
      term->swap(out);
    }
  }
  if (is_letters) SpellNameAsOne(term);
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }

// The length of the singular in `word`, a word as written (case not yet
// folded), if it is the plural of an acronym or of a number (analyzer.h, step
// 1); 0 for any other word. An acronym's plural is ASCII capitals and digits
// with a final lower-case "s": "IEDs", "NGOs", "MP3s", "B52s", and "PhDs"
// (a single lower-case letter may stand between capitals). A number's is
// digits (with ',' or '.' between digits) and "s" or "S": "1990s", "80S".
// What stays as it was: words in capitals ("AIDS", "NEWS": their "S" cannot
// be told from the word's own), words in lower case ("ids", "bus") or
// starting so ("iPhones"), title case ("Is", "Texas", "Mrs"), and non-ASCII
// words.
std::size_t PluralSingularLength(std::string_view word) {
  if (word.size() < 2 || (word.back() != 's' && word.back() != 'S')) return 0;
  std::string_view p = word.substr(0, word.size() - 1);
  bool number = IsAsciiDigit(p.front()) && IsAsciiDigit(p.back());
  for (std::size_t i = 1; i + 1 < p.size() && number; ++i) {
    // p[0] and p.back() are digits, so p[i - 1] and p[i + 1] exist.
    number = IsAsciiDigit(p[i]) ||
             ((p[i] == ',' || p[i] == '.') && IsAsciiDigit(p[i - 1]) && IsAsciiDigit(p[i + 1]));
  }
  if (number) return p.size();
  if (word.back() != 's' || p.size() < 2) return 0;  // "Is", "As", "Us"
  if (IsAsciiLower(p.front()) || IsAsciiLower(p.back())) return 0;
  int upper = 0, digits = 0;
  bool after_lower = false;
  for (char c : p) {
    bool lower = IsAsciiLower(c);
    if (lower && after_lower) return 0;  // "McDonalds", "LaHoods"
    if (!lower && !IsAsciiUpper(c) && !IsAsciiDigit(c)) return 0;
    upper += IsAsciiUpper(c) ? 1 : 0;
    digits += IsAsciiDigit(c) ? 1 : 0;
    after_lower = lower;
  }
  return upper >= 2 || (upper == 1 && digits >= 1) ? p.size() : 0;
}

// The length of an apostrophe at text[i] that ICU's word rules (UAX #29)
// split a number from its "s" at ("1990's", "1990’s"); 0 if none.
std::size_t SplittingApostropheAt(std::string_view text, std::size_t i) {
  if (i >= text.size()) return 0;
  if (text[i] == '\'') return 1;
  std::string_view rest = text.substr(i, 3);
  return rest == "\u2019" || rest == "\uff07" ? 3 : 0;
}

// Whether `word` (UTF-8, before folding) may hold a letter with a typed
// spelling (FoldUnicode): ä ö ü å ø in either case, precomposed, or a
// combining diaeresis or ring. Most words have none and skip the second fold.
bool MayHaveTypedSpelling(std::string_view word) {
  for (std::size_t i = 0; i + 1 < word.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    unsigned char d = static_cast<unsigned char>(word[i + 1]);
    if (c == 0xC3) {
      switch (d) {
        case 0xA4:
        case 0xB6:
        case 0xBC:
        case 0xA5:
        case 0xB8:  // ä ö ü å ø
        case 0x84:
        case 0x96:
        case 0x9C:
        case 0x85:
        case 0x98:  // Ä Ö Ü Å Ø
          return true;
        default:
          break;
      }
    } else if (c == 0xCC && (d == 0x88 || d == 0x8A)) {  // U+0308, U+030A
      return true;
    }
  }
  return false;
}

// `term` (folded Arabic) as the Snowball Arabic stemmer reads it best: "و"
// ("and") off if 3 or more characters remain, then an article (ال وال بال كال
// فال لل) off if 2 or more remain, as Larkey's light10 does, then "ال" in
// front (for 3 letters or more). Snowball takes a word without an article
// for a possible verb and strips a verb's endings ("مفاوضات" -> "مفاوضا",
// but "المفاوضات" -> "مفاوض"), and keeps "و" ("واتلفوا" -> "واتلف",
// "اتلفوا" -> "اتلف"); read as nouns with their article, they stem alike.
// Known-item MRR@10 on news-ar: 0.669 this way, 0.630 Snowball on the term,
// 0.593 light10 alone (benchmarks/README.md, "Arabic spelling").
std::string ArabicStemInput(std::string w) {
  static constexpr std::string_view kWaw = "\u0648";
  static constexpr std::string_view kArticles[] = {"\u0627\u0644",       "\u0648\u0627\u0644",
                                                   "\u0628\u0627\u0644", "\u0643\u0627\u0644",
                                                   "\u0641\u0627\u0644", "\u0644\u0644"};
  auto starts = [&w](std::string_view p) { return w.compare(0, p.size(), p) == 0; };
  if (starts(kWaw) && CodePointCount(w) >= 4) w.erase(0, kWaw.size());
  for (std::string_view a : kArticles) {
    if (starts(a) && CodePointCount(w) >= CodePointCount(a) + 2) {
      w.erase(0, a.size());
      break;
    }
  }
  // Two letters or fewer are no noun for Snowball ("ال" + "و" stays "الو").
  return CodePointCount(w) >= 3 ? std::string(kArticles[0]) + w : w;
}

// A word as the tokenizer found it, before the filters.
struct WordSpan {
  std::size_t start;  // byte offsets in the text
  std::size_t end;
  bool letters;            // letter status (not a number)
  bool letter_word;        // letters of an alphabet (not kana, ideographs): with no
                           // digit, it may carry symbols ("C++", "AT&T")
  bool spaceless = false;  // of a script written without spaces between words
                           // (SpacelessScript): a part of a run (analyzer.h, step 8)
};

// Scripts whose words are not delimited by spaces (Han, kana, Thai, Lao,
// Khmer, Myanmar: ICU finds their words with a dictionary, and a person may
// type any part of one) or carry their particles attached (Hangul: "대통령은",
// the president + topic particle).
bool SpacelessScript(UScriptCode s) {
  switch (s) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_HANGUL:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
      return true;
    default:
      return false;
  }
}

// The code point at text[i] (valid UTF-8) and its length in bytes.
UChar32 CodePointAt(std::string_view text, std::size_t i, std::size_t* len) {
  UChar32 c;
  int32_t at = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), at, static_cast<int32_t>(text.size()), c);
  *len = static_cast<std::size_t>(at) - i;
  return c;
}

// Appends the word `w` of `text` to *spans, split where it passes between a
// spaceless script and another (analyzer.h, step 8): ICU keeps Hangul and
// Latin letters or digits together ("G20에서", at the G20; "KBS는"), and the
// particle is then a run of its own beside the word "g20". A character of
// no script of its own (digits, "ー", marks) belongs to the part it stands
// in, or to the part after it at the start ("3월" is one run).
void SplitSpaceless(std::string_view text, WordSpan w, std::vector<WordSpan>* spans) {
  bool high = false, ascii = false;  // (every spaceless script is in 3-byte UTF-8 or above)
  for (std::size_t i = w.start; i < w.end; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    high = high || c >= 0xE0;
    ascii = ascii || c < 0x80;
  }
  if (!high) {
    spans->push_back(w);
    return;
  }
  if (!ascii) {
    // Most words: one script throughout (a Chinese word, a Hindi word), told
    // by its first character. (Letters of other scripts mixed into a Hangul
    // word without an ASCII one stay in its run.)
    std::size_t len = 0;
    UErrorCode status = U_ZERO_ERROR;
    w.spaceless = SpacelessScript(uscript_getScript(CodePointAt(text, w.start, &len), &status));
    if (w.spaceless) w.letter_word = false;
    spans->push_back(w);
    return;
  }
  const std::size_t first = spans->size();
  WordSpan part = w;
  bool decided = false;  // whether part.spaceless is known yet
  for (std::size_t i = w.start; i < w.end;) {
    std::size_t len = 0;
    UChar32 c = CodePointAt(text, i, &len);
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (U_SUCCESS(status) && script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
      bool spaceless = SpacelessScript(script);
      if (!decided) {
        part.spaceless = spaceless;
        decided = true;
      } else if (spaceless != part.spaceless) {
        part.end = i;
        spans->push_back(part);
        part.start = i;
        part.spaceless = spaceless;
      }
    }
    i += len;
  }
  part.end = w.end;
  spans->push_back(part);
  for (std::size_t k = first; k < spans->size(); ++k) {
    if ((*spans)[k].spaceless) (*spans)[k].letter_word = false;
  }
}

// Characters that NFKC case folding and Byline's accent folding leave as
// they are: the common ideographs, hiragana, full-width katakana and Hangul
// syllables, most of a Chinese, Japanese or Korean text. Their grams skip ICU.
bool FoldsToItself(UChar32 c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
         (c >= 0xAC00 && c <= 0xD7A3);
}

}  // namespace

struct Analyzer::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  const icu::Normalizer2* nfkc_cf = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
  mutable std::map<std::string, std::unique_ptr<Xapian::Stem>, std::less<>> stemmers;
  // Stems already computed, per language: news vocabulary repeats, and a
  // Snowball stemmer is pure. Cleared when it grows past kStemCacheSize.
  static constexpr std::size_t kStemCacheSize = 200000;
  mutable std::map<std::string, std::unordered_map<std::string, std::string>, std::less<>>
      stem_cache;
  // The language Stem last served, its stemmer and its cache: a query's
  // words, and an article's, are all one language, and the two map look-ups
  // cost about 300 instructions a word (callgrind, web-log intersection
  // queries on reuters21578).
  struct StemLanguage {
    std::string lang;
    const Xapian::Stem* stem = nullptr;
    std::unordered_map<std::string, std::string>* cache = nullptr;
  };
  mutable StemLanguage last_stem;
  // The words Tokenize found, reused from call to call.
  mutable std::vector<WordSpan> spans;

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    nfd = icu::Normalizer2::getNFDInstance(status);
    nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || !words) {
      // ICU data missing is an installation fault, not a user error.
      throw std::runtime_error(std::string("ICU initialisation failed: ") + u_errorName(status));
    }
  }

  // Folds case, compatibility forms and accents of a non-ASCII word. If
  // `typed` is given and the word has a letter that is commonly typed as two
  // (analyzer.h, step 3: "ä" as "ae", "å" as "aa", "ø" as "oe"), sets it to
  // the word folded with those letters typed so ("köln" -> "koeln"), else
  // clears it.
  std::string FoldUnicode(std::string_view word, std::string* typed = nullptr) const {
    if (typed) typed->clear();
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    icu::UnicodeString folded = nfkc_cf->normalize(s, status);
    icu::UnicodeString decomposed = nfd->normalize(folded, status);
    if (U_FAILURE(status)) return std::string(word);
    icu::UnicodeString kept, spelled;  // `spelled`: the typed form, if asked for
    bool respelled = false;
    UScriptCode base_script = USCRIPT_COMMON;
    for (int32_t i = 0; i < decomposed.length();) {
      UChar32 c = decomposed.char32At(i);
      i += U16_LENGTH(c);
      if (c == 0x0654 && !kept.isEmpty() &&
          (kept.charAt(kept.length() - 1) == 0x0648 || kept.charAt(kept.length() - 1) == 0x064A)) {
        // A hamza on waw or yaa (ؤ, ئ, decomposed): both are written for the
        // same sound ("مسؤول", "مسئول"), so both are the hamza alone, ء.
        kept.setCharAt(kept.length() - 1, 0x0621);
        if (typed) spelled.setCharAt(spelled.length() - 1, 0x0621);
        continue;
      }
      if (u_charType(c) == U_NON_SPACING_MARK) {
        if (FoldsMark(base_script, c)) {
          if (typed && !kept.isEmpty() && base_script == USCRIPT_LATIN) {
            char16_t last = kept.charAt(kept.length() - 1);
            if (c == 0x0308 && (last == 'a' || last == 'o' || last == 'u')) {
              spelled.append(static_cast<UChar32>('e'));  // ä ö ü -> ae oe ue
              respelled = true;
            } else if (c == 0x030A && last == 'a') {
              spelled.append(static_cast<UChar32>('a'));  // å -> aa
              respelled = true;
            }
          }
          continue;
        }
        if (IsArabicDiacritic(c)) continue;
        kept.append(c);
        if (typed) spelled.append(c);
        continue;
      }
      if (IsArabicDiacritic(c)) continue;
      // Apostrophe look-alikes become ASCII so shaping sees them.
      if (c == 0x2019 || c == 0x02BC || c == 0xFF07 || c == 0x2018) c = '\'';
      UChar32 f = FoldStrokeLetter(FoldArabicLetter(c));
      if (f == 0) {
        kept.append(static_cast<UChar32>(c == 0x00E6 ? 'a' : 'o'))
            .append(static_cast<UChar32>('e'));
        if (typed) {
          spelled.append(static_cast<UChar32>(c == 0x00E6 ? 'a' : 'o'))
              .append(static_cast<UChar32>('e'));
        }
      } else {
        kept.append(f);
        if (typed) {
          spelled.append(f);
          if (c == 0x00F8) {  // ø -> oe
            spelled.append(static_cast<UChar32>('e'));
            respelled = true;
          }
        }
      }
      base_script = uscript_getScript(c, &status);
      if (U_FAILURE(status)) {
        status = U_ZERO_ERROR;
        base_script = USCRIPT_COMMON;
      }
    }
    icu::UnicodeString composed = nfc->normalize(kept, status);
    std::string out;
    (U_SUCCESS(status) ? composed : kept).toUTF8String(out);
    if (typed && respelled) {
      icu::UnicodeString spelled_nfc = nfc->normalize(spelled, status);
      (U_SUCCESS(status) ? spelled_nfc : spelled).toUTF8String(*typed);
    }
    return out;
  }

  std::string Fold(std::string_view word, std::string* typed = nullptr) const {
    if (IsAscii(word)) {
      if (typed) typed->clear();
      return LowerAscii(word);
    }
    return FoldUnicode(word, typed);
  }

  // The filters (analyzer.h, steps 1 to 6 and 8) over `spans`, the words
  // of `text`, appended to *tokens.
  void Filter(std::string_view text, std::string_view lang, std::vector<Token>* tokens) const;

  // The tokens of the run spans[first..last] (adjacent spaceless words,
  // analyzer.h, step 8) from position *pos on, which it advances past them.
  void AddRun(std::string_view text, std::size_t first, std::size_t last, std::uint32_t* pos,
              std::vector<Token>* tokens) const;

  const Xapian::Stem* StemmerFor(std::string_view lang) const {
    if (lang.empty()) lang = kDefaultLanguage;
    auto it = stemmers.find(lang);
    if (it != stemmers.end()) return it->second.get();
    std::unique_ptr<Xapian::Stem> stem;
    if (Analyzer::HasStemmer(lang)) {
      try {
        stem = std::make_unique<Xapian::Stem>(std::string(lang));
      } catch (const Xapian::Error&) {
        stem.reset();
      }
    }
    auto* raw = stem.get();
    stemmers.emplace(std::string(lang), std::move(stem));
    return raw;
  }
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

namespace {

// Text of ASCII letters, digits, spaces and the symbols '+', '#', '&': the
// words are the alphanumeric runs, exactly as ICU would find them.
bool IsPlainAsciiWords(std::string_view s) {
  for (unsigned char c : s) {
    if (!IsAsciiAlnum(c) && !IsAsciiSpace(static_cast<char>(c)) && c != '+' && c != '#' &&
        c != '&') {
      return false;
    }
  }
  return true;
}

// Spans for IsPlainAsciiWords text (most query words, many headlines).
// ICU's word rules (UAX #29) join letters and digits into one word and split
// at spaces and at '+', '#', '&' (Word_Break=Other), so the runs are exactly
// its words; a run with a letter has letter status, one of digits number
// status.
void SegmentPlainAscii(std::string_view text, std::vector<WordSpan>* spans) {
  for (std::size_t i = 0; i < text.size();) {
    if (!IsAsciiAlnum(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    WordSpan w{i, i, false, false};
    for (; i < text.size() && IsAsciiAlnum(static_cast<unsigned char>(text[i])); ++i) {
      w.letters = w.letters || IsAsciiLetter(static_cast<unsigned char>(text[i]));
    }
    w.end = i;
    w.letter_word = w.letters;
    spans->push_back(w);
  }
}

// `text` with every non-ASCII IsUnicodeSpace character (U+00A0, U+202F,
// U+3000, U+200B, U+2060, U+FEFF...) replaced by as many ASCII spaces as it
// has bytes, so that byte offsets stay valid; empty if there is none. ICU
// alone would join words across U+202F (ExtendNumLet) and U+2060 or U+FEFF
// (Format), and NFKC would turn U+202F into a space inside the term.
std::string SpacesToAscii(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i + 8 <= text.size()) {  // skip eight ASCII bytes at a time
      std::uint64_t eight;
      std::memcpy(&eight, text.data() + i, 8);
      if ((eight & 0x8080808080808080ull) == 0) {
        i += 7;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) continue;
    std::size_t n = UnicodeSpaceAt(text, i);
    if (n == 0) continue;
    if (out.empty()) out.assign(text);
    out.replace(i, n, n, ' ');
    i += n - 1;
  }
  return out;
}

// If spans[k] starts a symbol word (see analyzer.h, step 5), sets *last to
// its last span and *end to its end byte. Letters joined by single '&'s
// ("AT&T"), or letters followed by "+", "++" or "#" that no word, '+', '#'
// or '&' follows ("C++", "C#", "gtk+"; not "A+B", "C+++").
bool FindSymbolWord(std::string_view text, const std::vector<WordSpan>& spans, std::size_t k,
                    std::size_t* last, std::size_t* end) {
  std::size_t after = spans[k].end;
  if (after >= text.size() || (text[after] != '+' && text[after] != '#' && text[after] != '&')) {
    return false;  // most words
  }
  auto only_letters = [&](const WordSpan& w) {
    if (!w.letter_word) return false;
    for (std::size_t i = w.start; i < w.end; ++i) {
      if (text[i] >= '0' && text[i] <= '9') return false;
    }
    return true;
  };
  if (!only_letters(spans[k])) return false;
  std::size_t j = k;
  while (j + 1 < spans.size() && spans[j].end < text.size() && text[spans[j].end] == '&' &&
         spans[j + 1].start == spans[j].end + 1 && only_letters(spans[j + 1])) {
    ++j;
  }
  if (j > k) {
    *last = j;
    *end = spans[j].end;
    return true;
  }
  std::size_t e = spans[k].end;
  if (e < text.size() && text[e] == '#') {
    ++e;
  } else {
    while (e < text.size() && text[e] == '+' && e - spans[k].end < 2) ++e;
  }
  if (e == spans[k].end) return false;
  if (e < text.size() && (text[e] == '+' || text[e] == '#' || text[e] == '&')) return false;
  if (k + 1 < spans.size() && spans[k + 1].start == e) return false;  // "A+B"
  *last = k;
  *end = e;
  return true;
}

}  // namespace

void Analyzer::Impl::AddRun(std::string_view text, std::size_t first, std::size_t last,
                            std::uint32_t* pos, std::vector<Token>* tokens) const {
  // The run's characters: a code point with the marks that follow it (a
  // Thai consonant with its vowel and tone marks), each folded.
  struct Char {
    std::size_t start, end;
    std::string term;
  };
  std::vector<Char> chars;
  const std::size_t run_end = spans[last].end;
  for (std::size_t i = spans[first].start; i < run_end;) {
    std::size_t len = 0;
    UChar32 c = CodePointAt(text, i, &len);
    std::size_t end = i + len;
    while (end < run_end) {
      std::size_t mark_len = 0;
      UChar32 m = CodePointAt(text, end, &mark_len);
      int8_t type = u_charType(m);
      if (type != U_NON_SPACING_MARK && type != U_COMBINING_SPACING_MARK &&
          type != U_ENCLOSING_MARK) {
        break;
      }
      end += mark_len;
    }
    std::string_view surface = text.substr(i, end - i);
    std::string term = end == i + len && FoldsToItself(c) ? std::string(surface) : Fold(surface);
    if (!term.empty()) chars.push_back(Char{i, end, std::move(term)});
    i = end;
  }
  if (chars.empty()) return;
  const std::size_t n = chars.size();
  // ICU's words of the run, as character ranges [from, to).
  std::vector<std::pair<std::size_t, std::size_t>> words;
  for (std::size_t k = first, c = 0; k <= last; ++k) {
    while (c < n && chars[c].start < spans[k].start) ++c;
    std::size_t to = c;
    while (to < n && chars[to].end <= spans[k].end) ++to;
    if (c < n && chars[c].start == spans[k].start && to > c && chars[to - 1].end == spans[k].end) {
      words.emplace_back(c, to);
    }
  }
  auto is_word = [&](std::size_t from, std::size_t to) {
    return std::find(words.begin(), words.end(), std::make_pair(from, to)) != words.end();
  };
  auto add = [&](std::size_t from, std::size_t to, std::uint32_t at, bool joined, bool gram) {
    Token t{std::string(), chars[from].start, chars[to - 1].end, at, joined};
    for (std::size_t c = from; c < to; ++c) t.term += chars[c].term;
    if (t.term.size() > kMaxTermBytes) return;
    t.gram = gram;
    t.spaceless = true;
    tokens->push_back(std::move(t));
  };
  const std::uint32_t base = *pos;
  if (n == 1) {
    add(0, 1, base, false, !is_word(0, 1));
    *pos = base + 1;
    return;
  }
  // Bigram i at base + i; every character at its bigram's position (the
  // last at the last bigram's: the word after the run follows it); every
  // word of 3 characters or more at its first character's.
  auto word_at = words.begin();
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t at = base + static_cast<std::uint32_t>(std::min(i, n - 2));
    if (i + 1 < n) add(i, i + 2, at, false, !is_word(i, i + 2));
    add(i, i + 1, at, true, !is_word(i, i + 1));
    for (; word_at != words.end() && word_at->first <= i; ++word_at) {
      if (word_at->first == i && word_at->second - i >= 3) add(i, word_at->second, at, true, false);
    }
  }
  *pos = base + static_cast<std::uint32_t>(n - 1);
}

void Analyzer::Impl::Filter(std::string_view text, std::string_view lang,
                            std::vector<Token>* tokens) const {
  std::uint32_t pos = 0;
  // The compound being collected ("al", "qaeda"): its first token and its
  // number of parts (a symbol word's letters may lie among them).
  std::size_t compound_first = 0, compound_len = 0;
  bool compound_has_letter = false;
  auto flush_compound = [&]() {
    if (compound_len >= 2 && compound_has_letter) {
      Token joined;
      joined.joined = true;
      joined.pos = (*tokens)[compound_first].pos;
      joined.start = (*tokens)[compound_first].start;
      for (std::size_t i = compound_first; i < tokens->size(); ++i) {
        if ((*tokens)[i].joined) continue;  // a symbol word's letters
        joined.term += (*tokens)[i].term;
        joined.end = (*tokens)[i].end;
      }
      if (joined.term.size() <= kMaxTermBytes) tokens->push_back(std::move(joined));
    }
    compound_len = 0;
    compound_has_letter = false;
  };

  std::size_t prev_end = std::string_view::npos;
  for (std::size_t k = 0; k < spans.size(); ++k) {
    const WordSpan& w = spans[k];
    std::size_t last = k, end = 0;
    if (w.spaceless) {
      // A run of words written without spaces: its character grams.
      while (last + 1 < spans.size() && spans[last + 1].spaceless &&
             spans[last + 1].start == spans[last].end) {
        ++last;
      }
      flush_compound();
      AddRun(text, k, last, &pos, tokens);
      k = last;
      prev_end = std::string_view::npos;
      continue;
    }
    if (FindSymbolWord(text, spans, k, &last, &end)) {
      // "c++" as the word, its letters "c" as an extra form at its position.
      std::string term, plain;
      bool parts_ok = true;
      for (std::size_t j = k; j <= last && parts_ok; ++j) {
        std::string part = Fold(text.substr(spans[j].start, spans[j].end - spans[j].start));
        ShapeTerm(&part, lang, true);
        parts_ok = !part.empty();
        if (j > k) term += '&';
        term += part;
        plain += part;
      }
      if (parts_ok) {
        k = last;
        term.append(text.substr(spans[last].end, end - spans[last].end));  // "++", "#"
        if (term.size() > kMaxTermBytes) {
          flush_compound();
          prev_end = std::string_view::npos;
          continue;
        }
        // A part of a compound like any word: "D&P-8" also gives "d&p8".
        bool hyphen_joined = prev_end != std::string_view::npos &&
                             IsHyphen(text.substr(prev_end, w.start - prev_end));
        if (!hyphen_joined) flush_compound();
        if (compound_len == 0) compound_first = tokens->size();
        ++compound_len;
        compound_has_letter = true;
        tokens->push_back(Token{std::move(term), w.start, end, pos, false});
        tokens->push_back(Token{std::move(plain), w.start, end, pos++, true});
        prev_end = end;
        continue;
      }
    }
    std::string_view surface = text.substr(w.start, w.end - w.start);
    // "1990's", "MP3’s": ICU splits "s" from a word ending in a digit; the
    // token is the whole of it, read as its first part.
    std::size_t word_end = w.end;
    if (IsAsciiDigit(surface.back()) && k + 1 < spans.size()) {
      const WordSpan& next = spans[k + 1];
      std::size_t apostrophe = SplittingApostropheAt(text, w.end);
      if (apostrophe > 0 && next.start == w.end + apostrophe && next.end == next.start + 1 &&
          (text[next.start] == 's' || text[next.start] == 'S')) {
        word_end = next.end;
        ++k;
      }
    }
    bool letters = w.letters;
    if (std::size_t singular = PluralSingularLength(surface); singular > 0) {
      surface = surface.substr(0, singular);  // "IEDs" -> "IED", "1990s" -> "1990"
      letters = surface.find_first_not_of("0123456789,.") != std::string_view::npos;
    }
    std::string typed;
    std::string term = Fold(surface, MayHaveTypedSpelling(surface) ? &typed : nullptr);
    ShapeTerm(&term, lang, letters);
    if (term.empty() || term.size() > kMaxTermBytes) {
      flush_compound();
      prev_end = std::string_view::npos;
      continue;
    }
    bool hyphen_joined =
        prev_end != std::string_view::npos && IsHyphen(text.substr(prev_end, w.start - prev_end));
    if (!hyphen_joined) flush_compound();
    if (compound_len == 0) compound_first = tokens->size();
    ++compound_len;
    compound_has_letter = compound_has_letter || letters;
    tokens->push_back(Token{std::move(term), w.start, word_end, pos, false});
    if (!typed.empty()) {
      // "Köln" is also "koeln", as typed on a keyboard without umlauts.
      ShapeTerm(&typed, lang, letters);
      if (!typed.empty() && typed.size() <= kMaxTermBytes && typed != tokens->back().term) {
        tokens->push_back(Token{std::move(typed), w.start, word_end, pos, true, true});
      }
    }
    ++pos;
    prev_end = word_end;
  }
  flush_compound();
}

std::vector<Token> Analyzer::Tokenize(std::string_view text, std::string_view lang) const {
  std::vector<Token> tokens;
  if (text.empty()) return tokens;
  std::vector<WordSpan>& spans = impl_->spans;
  spans.clear();
  if (IsPlainAsciiWords(text)) {
    SegmentPlainAscii(text, &spans);
    impl_->Filter(text, lang, &tokens);
    return tokens;
  }
  std::string spaced = SpacesToAscii(text);
  std::string_view segmented = spaced.empty() ? text : std::string_view(spaced);
  UErrorCode status = U_ZERO_ERROR;
  UText* ut =
      utext_openUTF8(nullptr, segmented.data(), static_cast<int64_t>(segmented.size()), &status);
  if (U_FAILURE(status)) return tokens;
  icu::BreakIterator& bi = *impl_->words;
  bi.setText(ut, status);
  if (U_FAILURE(status)) {
    utext_close(ut);
    return tokens;
  }
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    int32_t rule = bi.getRuleStatus();
    if (rule < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation, symbols
    WordSpan w{static_cast<std::size_t>(start), static_cast<std::size_t>(end),
               rule >= UBRK_WORD_LETTER, rule >= UBRK_WORD_LETTER && rule < UBRK_WORD_LETTER_LIMIT};
    if (w.letters) {
      SplitSpaceless(segmented, w, &spans);
    } else {
      spans.push_back(w);
    }
  }
  utext_close(ut);
  tokens.reserve(spans.size() + spans.size() / 8);
  impl_->Filter(text, lang, &tokens);
  return tokens;
}

std::string Analyzer::Normalize(std::string_view word, std::string_view lang) const {
  if (std::size_t singular = PluralSingularLength(word); singular > 0) {
    word = word.substr(0, singular);
  }
  std::string term = impl_->Fold(word);
  bool letters = false;
  for (unsigned char c : term) {
    if (!(c >= '0' && c <= '9') && c != '.' && c != ',') letters = true;
  }
  ShapeTerm(&term, lang, letters);
  return term;
}

std::string Analyzer::Stem(const std::string& term, std::string_view lang) const {
  if (lang.empty()) lang = kDefaultLanguage;
  Impl::StemLanguage& last = impl_->last_stem;
  if (last.lang != lang || last.cache == nullptr) {
    last.stem = impl_->StemmerFor(lang);
    auto cache_it = impl_->stem_cache.find(lang);
    if (cache_it == impl_->stem_cache.end()) {
      cache_it = impl_->stem_cache
                     .emplace(std::string(lang), std::unordered_map<std::string, std::string>())
                     .first;
    }
    last.lang = std::string(lang);
    last.cache = &cache_it->second;
  }
  const Xapian::Stem* stem = last.stem;
  if (!stem) return term;
  // Numbers and mixed alphanumerics ("b52", "2018") are kept as they are.
  for (unsigned char c : term) {
    if (c >= '0' && c <= '9') return term;
  }
  auto& cache = *last.cache;
  if (auto hit = cache.find(term); hit != cache.end()) return hit->second;
  if (cache.size() >= Impl::kStemCacheSize) cache.clear();
  std::string stemmed;
  if (lang == "ar") {
    stemmed = (*stem)(ArabicStemInput(term));
  } else if (std::string_view american = lang == "en" ? EnglishStemInput(term) : term;
             american != term) {
    stemmed = (*stem)(std::string(american));  // "organisation" as "organization"
  } else {
    stemmed = (*stem)(term);
  }
  // A listed name's inflection ("Kiewer", "Qaddafis") stems to the spelling
  // its group reads as one ("kiew" -> "kyiv").
  SpellNameAsOne(&stemmed);
  cache.emplace(term, stemmed);
  return stemmed;
}

bool Analyzer::HasStemmer(std::string_view lang) {
  static const std::set<std::string, std::less<>> kLanguages = {
      "ar", "hy", "eu", "ca", "da", "nl", "en", "fi", "fr", "de", "hu", "id", "ga",
      "it", "lt", "ne", "no", "nb", "nn", "pt", "ro", "ru", "es", "sv", "ta", "tr"};
  return kLanguages.count(lang) > 0;
}

bool Analyzer::IsSpaceless(std::string_view term) {
  std::size_t i = 0;
  while (i < term.size()) {
    if (static_cast<unsigned char>(term[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 1;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(CodePointAt(term, i, &len), &status);
    if (U_SUCCESS(status) && SpacelessScript(script)) return true;
    i += len;
  }
  return false;
}

bool Analyzer::IsArabic(std::string_view term) {
  for (std::size_t i = 0; i + 1 < term.size(); ++i) {
    const auto c = static_cast<unsigned char>(term[i]);
    const auto d = static_cast<unsigned char>(term[i + 1]);
    if (c < 0xD8) continue;
    // U+0600-U+06FF lead with D8-DB, U+0750-U+077F with DD 90-BF, and
    // U+08A0-U+08FF with E0 A2 A0-BF or E0 A3.
    if (c <= 0xDB || (c == 0xDD && d >= 0x90)) return true;
    if (c == 0xE0 && i + 2 < term.size() &&
        ((d == 0xA2 && static_cast<unsigned char>(term[i + 2]) >= 0xA0) || d == 0xA3)) {
      return true;
    }
  }
  return false;
}

}  // namespace byline
