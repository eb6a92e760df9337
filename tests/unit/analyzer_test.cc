// Table-driven tests of the one analyzer, in several languages and scripts.
#include "byline/analyzer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace byline {
namespace {

// Terms in order; joined forms (compounds, a symbol word's letters) are
// written in parentheses.
std::string Terms(const Analyzer& a, const std::string& text, const std::string& lang = "") {
  std::string out;
  for (const Token& t : a.Tokenize(text, lang)) {
    if (!out.empty()) out += ' ';
    out += t.joined ? "(" + t.term + ")" : t.term;
  }
  return out;
}

struct TokenCase {
  const char* text;
  const char* lang;
  const char* terms;
};

TEST(AnalyzerTest, TokenizesAndNormalizes) {
  const TokenCase cases[] = {
      // Case folding and English shaping.
      {"The Quick BROWN fox", "en", "the quick brown fox"},
      {"U.S. officials", "en", "us officials"},
      {"U.S.A. and the U.K.", "en", "usa and the uk"},
      {"ISIS's last stronghold", "en", "isis last stronghold"},
      {"don't stop", "en", "dont stop"},
      {"it’s a curly apostrophe", "en", "it a curly apostrophe"},
      // Hyphens: parts at consecutive positions plus the joined form.
      {"al-Qaeda", "en", "al qaeda (alqaeda)"},
      {"e-mail", "en", "e mail (email)"},
      {"2018-11-14", "en", "2018 11 14"},
      {"19 people", "en", "19 people"},
      {"1,750 dlrs at 5.93", "en", "1,750 dlrs at 5.93"},
      {"https://example.com/a?x=1", "en", "https example.com a x 1"},
      // Accent folding and compatibility forms.
      {"Qāmishlī Hajín", "en", "qamishli hajin"},
      {"Straße Ärger Œuvre", "de", "strasse arger (aerger) oeuvre"},
      {"Łódź Ørsted", "pl", "lodz orsted (oersted)"},
      // Letters typed as two on keyboards without them (ä ö ü as ae oe ue,
      // å as aa, ø as oe) also give that spelling, joined at their position;
      // a word typed so is only itself, whatever its language.
      {"Köln München Grüße Ärger", "de",
       "koln (koeln) munchen (muenchen) grusse (gruesse) arger (aerger)"},
      {"KÖLN Ørsted Århus Æble", "da", "koln (koeln) orsted (oersted) arhus (aarhus) aeble"},
      {"Koeln Muenchen Strasse Oersted Aarhus", "de", "koeln muenchen strasse oersted aarhus"},
      {"does blue Israel poet queue aerial", "en", "does blue israel poet queue aerial"},
      {"neue Feuer Mauer Boeing", "de", "neue feuer mauer boeing"},
      {"Noël naïve Zoë", "fr", "noel naive zoe"},
      {"Baden-Württemberg", "de", "baden wurttemberg (wuerttemberg) (badenwurttemberg)"},
      {"ﬁnancial ＡＢＣ", "en", "financial abc"},
      // A name's romanisations listed in the table are one; other words,
      // however alike, are not (the study's false joins).
      {"Qaddafi, KADHAFI and Gadhafi", "en", "gaddafi gaddafi and gaddafi"},
      {"al-Qaida Hajeen Selenskyj Kiew", "de", "al qaeda (alqaeda) hajin zelensky kyiv"},
      {"Mohamed Muhammad Mahmoud", "en", "mohammed mohammed mahmoud"},
      {"Warner Werner Being Boeing Allan Ellen", "en", "warner werner being boeing allan ellen"},
      // French elisions.
      {"l'armée d'Hélène qu'il", "fr", "armee helene il"},
      // (Scripts without spaces: SpacelessRunsAreCharacterBigrams... below.)
      // Arabic diacritics and tatweel removed; Cyrillic ё folds, й stays.
      {"الْعَرَبِيَّة", "ar", "العربيه"},
      {"العـــربية", "ar", "العربيه"},
      // Arabic letters written one for another are one: taa marbuta is haa,
      // final alef maqsura is yaa, alef with hamza or madda and alef wasla
      // are alef, hamza on waw or yaa is the hamza alone (also when the
      // hamza comes as a separate mark, U+0654).
      {"مدرسة مدرسه الحكومة", "ar", "مدرسه مدرسه الحكومه"},
      {"مصطفى مصطفي على", "ar", "مصطفي مصطفي علي"},
      {"أحمد إبراهيم آمال ٱلله", "ar", "احمد ابراهيم امال الله"},
      {"مسؤول مسئول مسءول", "ar", "مسءول مسءول مسءول"},
      {"مسو\u0654ول رئيس ري\u0654يس", "ar", "مسءول رءيس رءيس"},
      {"شؤون المسؤولية", "ar", "شءون المسءوليه"},
      {"سماء هيئة", "ar", "سماء هيءه"},
      {"Ёлка мой", "ru", "елка мой"},
      {"Αθήνα", "el", "αθηνα"},
      // Punctuation and symbols are not words.
      {"!!! --- ... $$$", "en", ""},
      {"", "en", ""},
      // Every Unicode space and zero-width separator separates words as a
      // space does: no-break, figure, narrow no-break, ideographic, em and
      // zero-width spaces, line and paragraph separators, word joiner, BOM.
      {"flood\u00a0barrier", "en", "flood barrier"},
      {"flood\u2007barrier", "en", "flood barrier"},
      {"flood\u202fbarrier", "en", "flood barrier"},
      {"flood\u3000barrier", "en", "flood barrier"},
      {"flood\u2003barrier", "en", "flood barrier"},
      {"flood\u200bbarrier", "en", "flood barrier"},
      {"flood\u2028barrier\u2029gate", "en", "flood barrier gate"},
      {"flood\u2060barrier", "en", "flood barrier"},
      {"flood\ufeffbarrier", "en", "flood barrier"},
      {"\ufeffflood\u00a0\u00a0barrier\u3000", "en", "flood barrier"},
      {"Qāmishlī\u00a0Hajín", "en", "qamishli hajin"},
      // ZWNJ and ZWJ stay inside words (Persian, Indic), then fold away.
      {"می\u200cخواهم", "fa", "میخواهم"},
      {"क्\u200dष", "hi", "क्ष"},
      // Symbol words: letters with "+", "++" or "#", letters joined by '&';
      // the letters alone are an extra form at the same position.
      {"C++ and C#", "en", "c++ (c) and c# (c)"},
      {"F# gtk+ notepad++", "en", "f# (f) gtk+ (gtk) notepad++ (notepad)"},
      {"AT&T, P&G, S&P and R&D.", "en", "at&t (att) p&g (pg) s&p (sp) and r&d (rd)"},
      {"AT&T's network", "en", "at&t (att) network"},
      {"Disney+. (C#)", "en", "disney+ (disney) c# (c)"},
      {"C++-based, D&P-8", "en", "c++ (c) based (c++based) d&p (dp) 8 (d&p8)"},
      {"Ｃ＋＋ C\u00a0++", "en", "c c"},  // only ASCII symbols, right after the letters
      // ... and what is not a symbol word.
      {"rock & roll", "en", "rock roll"},
      {"rock& roll", "en", "rock roll"},
      {"A+B 1+1 3+ b52+", "en", "a b 1 1 3 b52"},
      {"C+++ C#+ C#5 a&&b A&1", "en", "c c c 5 a b a 1"},
      {"++ # &", "en", ""},
      {"#hashtag", "en", "hashtag"},
      {"email@x.com", "en", "email@x.com"},  // one ICU word, as before
      // Acronyms' and numbers' plurals and possessives are the acronym or
      // the number, with any apostrophe.
      {"IEDs, IED's, IED’s", "en", "ied ied ied"},
      {"NGOs CEOs DVDs IDs", "en", "ngo ceo dvd id"},
      {"the 1990s, 1990's, 1990’s, the '90s", "en", "the 1990 1990 1990 the 90"},
      {"MPs' votes, MPs’ votes", "en", "mp votes mp votes"},
      {"PhDs MP3s B52s MP3's 3Ds", "en", "phd mp3 b52 mp3 3d"},
      {"F-16s 1,000s 80S", "en", "f 16 (f16) 1,000 80"},
      // ... and what is not one: capitals or lower case throughout, title
      // case, lower-case letters together, other scripts.
      {"AIDS NEWS IEDS", "en", "aids news ieds"},
      {"is its bus news ids Texas Paris Is As Us Mrs", "en",
       "is its bus news ids texas paris is as us mrs"},
      {"iPhones McDonalds LaHoods", "en", "iphones mcdonalds lahoods"},
      {"Reuters' company's", "en", "reuters company"},
      {"СМИs ΗΠΑs", "en", "смиs ηπαs"},
      // English contractions that would read as another word keep their
      // apostrophe ("I'd" is not "id", "we'll" not "well"); "n't" and "'s"
      // contractions read as before.
      {"I'd I’d we'll she'd we're I've I'm", "en", "i'd i'd we'll she'd we're i've i'm"},
      {"don't it's it’s", "en", "dont it it"},
  };
  Analyzer a;
  for (const auto& c : cases) {
    EXPECT_EQ(Terms(a, c.text, c.lang), c.terms) << "text: " << c.text;
  }
}

// Tokens with their positions; joined forms in parentheses, character grams
// of a spaceless run (Token::gram, not ICU words) marked with '~'.
std::string RunTerms(const Analyzer& a, const std::string& text, const std::string& lang = "") {
  std::string out;
  for (const Token& t : a.Tokenize(text, lang)) {
    if (!out.empty()) out += ' ';
    std::string one = (t.gram ? "~" : "") + t.term + "@" + std::to_string(t.pos);
    out += t.joined ? "(" + one + ")" : one;
  }
  return out;
}

TEST(AnalyzerTest, SpacelessRunsAreCharacterBigramsWithTheirWordsJoined) {
  const TokenCase cases[] = {
      // Chinese: bigrams at consecutive positions, each character at its
      // bigram's (the last at the last one's), ICU's words (北京|时间|湖人)
      // are the bigrams that are words.
      {"北京时间湖人", "zh",
       "北京@0 (~北@0) ~京时@1 (~京@1) 时间@2 (~时@2) ~间湖@3 (~间@3) 湖人@4 (~湖@4) (~人@4)"},
      // A word of 3 characters is a joined form at its first character.
      {"高科技", "zh", "~高科@0 (~高@0) (高科技@0) ~科技@1 (~科@1) (~技@1)"},
      // A run of one character is that character; the word after a run
      // follows its last bigram.
      {"在A股", "zh", "在@0 a@1 股@2"},
      {"GDP增长率", "zh", "gdp@0 增长@1 (~增@1) ~长率@2 (~长@2) (率@2)"},
      {"中国，人民", "zh", "中国@0 (~中@0) (~国@0) 人民@1 (~人@1) (~民@1)"},
      {"北京\u3000上海", "zh", "北京@0 (~北@0) (~京@0) 上海@1 (~上@1) (~海@1)"},
      // Japanese: kanji and kana alike (ICU: 東京|都|に|住む).
      {"株価", "ja", "株価@0 (~株@0) (~価@0)"},
      {"東京都に住む", "ja",
       "東京@0 (~東@0) ~京都@1 (~京@1) ~都に@2 (都@2) ~に住@3 (に@3) 住む@4 (~住@4) (~む@4)"},
      // Korean: a word with its particle attached is a run of its own.
      {"대통령은 말했다", "ko",
       "~대통@0 (~대@0) (대통령은@0) ~통령@1 (~통@1) ~령은@2 (~령@2) (~은@2) ~말했@3 (~말@3) "
       "(말했다@3) ~했다@4 (~했@4) (~다@4)"},
      // Letters or digits that ICU keeps in one word with Hangul are a word
      // of their own, and so is the rest (ICU already splits "3월").
      {"G20에서 KBS는", "ko", "g20@0 에서@1 (~에@1) (~서@1) kbs@2 는@3"},
      {"3월 제3회", "ko", "3@0 월@1 제@2 3@3 회@4"},
      // Thai: a character is a consonant with its vowel and tone marks
      // (ICU: ภาษา|ไทย|ง่าย).
      {"ภาษาไทยง่าย", "th",
       "~ภา@0 (~ภ@0) (ภาษา@0) ~าษ@1 (~า@1) ~ษา@2 (~ษ@2) ~าไ@3 (~า@3) ~ไท@4 (~ไ@4) (ไทย@4) ~ทย@5 "
       "(~ท@5) ~ยง่@6 (~ย@6) ~ง่า@7 (~ง่@7) (ง่าย@7) ~าย@8 (~า@8) (~ย@8)"},
      {"ไทยง่าย", "th",
       "~ไท@0 (~ไ@0) (ไทย@0) ~ทย@1 (~ท@1) ~ยง่@2 (~ย@2) ~ง่า@3 (~ง่@3) (ง่าย@3) "
       "~าย@4 (~า@4) (~ย@4)"},
  };
  Analyzer a;
  for (const auto& c : cases) {
    EXPECT_EQ(RunTerms(a, c.text, c.lang), c.terms) << "text: " << c.text;
  }
}

// Whether `query`'s words (Token::joined false) stand in `text` at
// consecutive positions, as a Xapian phrase of the indexed terms would find
// them: what a search for the query matches.
bool FoundAsPhrase(const Analyzer& a, const std::string& text, const std::string& query) {
  std::vector<std::string> words;
  for (const Token& t : a.Tokenize(query)) {
    if (!t.joined) words.push_back(t.term);
  }
  if (words.empty()) return false;
  std::vector<Token> toks = a.Tokenize(text);
  for (const Token& first : toks) {
    if (first.term != words[0]) continue;
    bool all = true;
    for (std::size_t k = 1; k < words.size() && all; ++k) {
      all = false;
      for (const Token& t : toks) all = all || (t.term == words[k] && t.pos == first.pos + k);
    }
    if (all) return true;
  }
  return false;
}

TEST(AnalyzerTest, AnyPartOfASpacelessRunIsFoundAsAPhrase) {
  struct Case {
    const char* text;
    const char* query;
    bool found;
  };
  const Case cases[] = {
      // Chinese: a character inside a word, a word inside a longer one, a
      // string across ICU's words (讨论|政策), the whole text.
      {"太湖水位上涨", "湖", true},
      {"高科技公司", "科技", true},
      {"讨论政策", "论政", true},
      {"中国人民银行", "国人民银", true},
      {"中国人民银行", "中国人民银行", true},
      {"中国人民银行", "人银", false},
      {"中国，人民", "国人", false},  // punctuation ends a run
      {"GDP增长率", "GDP增长", true},
      {"增长GDP", "长GDP", true},
      // Japanese.
      {"株価が上昇した", "株", true},
      {"東京都に住む", "都に住", true},
      // Korean: the word without its particle; not the other way round.
      {"대통령은 말했다", "대통령", true},
      {"대통령이 말했다", "대통령", true},
      {"대통령", "대통령은", false},
      {"G20에서 만났다", "G20", true},
      {"KBS는 보도했다", "KBS", true},
      {"제3회 대회", "3회", true},
      {"トランプ大統領が", "ランプ", true},  // a false friend, as any substring
      {"トランプ大統領が", "大統領", true},
      // Thai: a part of a compound, at its start or its end.
      {"กรุงเทพมหานคร", "กรุงเทพ", true},
      {"กรุงเทพมหานคร", "มหานคร", true},
      {"กรุงเทพมหานคร", "เชียงใหม่", false},
      // Spaced scripts are untouched: no part of a word.
      {"Hochwasserschutz", "wasser", false},
  };
  Analyzer a;
  for (const auto& c : cases) {
    EXPECT_EQ(FoundAsPhrase(a, c.text, c.query), c.found)
        << "text: " << c.text << " query: " << c.query;
  }
}

TEST(AnalyzerTest, OffsetsPointAtTheSurfaceForm) {
  Analyzer a;
  std::string text = "Water reaches Qāmishlī.";
  auto toks = a.Tokenize(text);
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_EQ(text.substr(toks[2].start, toks[2].end - toks[2].start), "Qāmishlī");
  EXPECT_EQ(toks[0].pos, 0u);
  EXPECT_EQ(toks[2].pos, 2u);
}

TEST(AnalyzerTest, UnicodeSpacesLeaveOffsetsAndPositionsAsASpaceDoes) {
  Analyzer a;
  for (const char* space : {" ", "\u00a0", "\u202f", "\u3000", "\u200b", "\u2060"}) {
    std::string text = std::string("storm") + space + "surge";
    auto toks = a.Tokenize(text, "en");
    ASSERT_EQ(toks.size(), 2u) << text;
    EXPECT_EQ(toks[0].end, 5u);
    EXPECT_EQ(toks[1].start, 5 + std::string(space).size());
    EXPECT_EQ(toks[1].end, text.size());
    EXPECT_EQ(toks[1].pos, 1u);
  }
}

TEST(AnalyzerTest, SymbolWordIsOneWordWithItsLettersAtTheSamePosition) {
  Analyzer a;
  std::string text = "learn C++ at AT&T now";
  auto toks = a.Tokenize(text, "en");
  ASSERT_EQ(toks.size(), 7u);
  EXPECT_EQ(toks[1].term, "c++");
  EXPECT_FALSE(toks[1].joined);
  EXPECT_EQ(text.substr(toks[1].start, toks[1].end - toks[1].start), "C++");
  EXPECT_EQ(toks[2].term, "c");
  EXPECT_TRUE(toks[2].joined);
  EXPECT_EQ(toks[2].pos, toks[1].pos);
  EXPECT_EQ(toks[2].start, toks[1].start);  // the whole surface, for highlighting
  EXPECT_EQ(toks[2].end, toks[1].end);
  EXPECT_EQ(toks[4].term, "at&t");
  EXPECT_EQ(text.substr(toks[4].start, toks[4].end - toks[4].start), "AT&T");
  EXPECT_EQ(toks[5].term, "att");
  EXPECT_EQ(toks[6].term, "now");
  EXPECT_EQ(toks[6].pos, 4u);  // one position per symbol word
}

TEST(AnalyzerTest, PluralsAndPossessivesCoverTheWholeSurface) {
  struct Case {
    const char* text;
    const char* surface;  // of the second token
    const char* term;
  };
  const Case cases[] = {
      {"three IEDs exploded", "IEDs", "ied"}, {"the IED's fuse", "IED's", "ied"},
      {"the IED’s fuse", "IED’s", "ied"},     {"the 1990's boom", "1990's", "1990"},
      {"the 1990’s boom", "1990’s", "1990"},  {"the MP3's tags", "MP3's", "mp3"},
      {"the MPs' votes", "MPs", "mp"},        {"in 1990 's", "1990", "1990"},
      {"so I'd say", "I'd", "i'd"},
  };
  Analyzer a;
  for (const auto& c : cases) {
    auto toks = a.Tokenize(c.text, "en");
    ASSERT_EQ(toks.size(), 3u) << c.text;
    EXPECT_EQ(std::string(c.text).substr(toks[1].start, toks[1].end - toks[1].start), c.surface)
        << c.text;
    EXPECT_EQ(toks[1].term, c.term) << c.text;
    EXPECT_EQ(toks[1].pos, 1u) << c.text;
    EXPECT_EQ(toks[2].pos, 2u) << c.text;  // the "s" is not a word of its own
  }
}

TEST(AnalyzerTest, JoinedFormSharesThePositionOfItsFirstPart) {
  Analyzer a;
  auto toks = a.Tokenize("an al-Qaeda cell");
  ASSERT_EQ(toks.size(), 5u);
  EXPECT_EQ(toks[3].term, "alqaeda");
  EXPECT_TRUE(toks[3].joined);
  EXPECT_EQ(toks[3].pos, toks[1].pos);
  EXPECT_EQ(toks[4].term, "cell");
  EXPECT_EQ(toks[4].pos, 3u);
}

struct StemCase {
  const char* term;
  const char* lang;
  const char* stem;
};

TEST(AnalyzerTest, StemsWithTheArticleLanguage) {
  const StemCase cases[] = {
      {"running", "en", "run"},
      {"elections", "en", "elect"},
      {"running", "", "run"},  // English when unknown
      {"wahlen", "de", "wahl"},
      {"élections", "fr", "élect"},
      {"новости", "ru", "новост"},
      {"北京", "zh", "北京"},  // no stemmer: unchanged
      {"2018", "en", "2018"},
      {"b52", "en", "b52"},
      // A listed name's inflections stem to the spelling its group reads as.
      {"kiewer", "de", "kyiv"},
      {"qaddafis", "en", "gaddafi"},
      {"kyiv", "de", "kyiv"},
  };
  Analyzer a;
  for (const auto& c : cases) {
    EXPECT_EQ(a.Stem(c.term, c.lang), c.stem) << c.term << " (" << c.lang << ")";
  }
  EXPECT_TRUE(Analyzer::HasStemmer("de"));
  EXPECT_FALSE(Analyzer::HasStemmer("zh"));
}

// Arabic spellings of one word are one stemmed term: the folding happens
// before the stemmer, so it sees one spelling.
TEST(AnalyzerTest, ArabicSpellingsStemAlike) {
  const char* const pairs[][2] = {
      {"مدرسة", "مدرسه"},         {"الحكومة", "الحكومه"}, {"مصطفى", "مصطفي"},    {"مسؤول", "مسئول"},
      {"المسؤولية", "المسئوليه"}, {"أتلفوا", "اتلفوا"},   {"الأسرى", "الاسري"},  {"إقالة", "اقاله"},
      {"مفاوضات", "المفاوضات"},   {"وأتلفوا", "أتلفوا"},  {"والحكومة", "حكومة"},
  };
  Analyzer a;
  for (const auto& p : pairs) {
    std::string first = a.Stem(a.Normalize(p[0], "ar"), "ar");
    EXPECT_EQ(first, a.Stem(a.Normalize(p[1], "ar"), "ar")) << p[0] << " / " << p[1];
    EXPECT_FALSE(first.empty()) << p[0];
  }
}

// Arabic script is told by its bytes: the Arabic block (Persian and Urdu
// letters too), its supplement and extended-A; not the neighbouring Syriac
// and Thaana blocks, Hebrew, Cyrillic, Han or Latin.
TEST(AnalyzerTest, IsArabicTellsArabicScript) {
  const std::pair<const char*, bool> cases[] = {
      {"فحص", true},     {"بالحوثيين", true}, {"abc فحص", true}, {"\u0600", true},
      {"\u06FF", true},  {"\u0750", true},    {"\u077F", true},  {"\u08A0", true},
      {"\u08FF", true},  {"پاکستان", true},   {"", false},       {"flood", false},
      {"köln", false},   {"\u0700", false},   {"\u074F", false}, {"\u089F", false},
      {"\u0900", false}, {"שלום", false},     {"москва", false}, {"太湖", false},
  };
  for (const auto& [term, want] : cases) EXPECT_EQ(Analyzer::IsArabic(term), want) << term;
}

// British and American spellings of an English word are one stemmed term
// (english_spellings.inc, from Debian's SCOWL word lists), read as the
// American spelling, so American text stems as it always did; words that
// only look alike, and the same spellings in other languages, stay apart.
TEST(AnalyzerTest, BritishAndAmericanSpellingsStemAlike) {
  const char* const alike[][2] = {
      {"organise", "organize"},
      {"organisation", "organization"},
      {"organisations", "organizations"},
      {"colour", "color"},
      {"colours", "colors"},
      {"analyse", "analyze"},
      {"analysed", "analyzed"},
      {"centre", "center"},
      {"centred", "centered"},
      {"travelled", "traveled"},
      {"counselling", "counseling"},
      {"defence", "defense"},
      {"aluminium", "aluminum"},
      {"manoeuvre", "maneuver"},
      {"sceptical", "skeptical"},
      {"judgement", "judgment"},
      {"catalogue", "catalog"},
      {"fulfil", "fulfill"},
      {"paediatric", "pediatric"},
      {"honourable", "honorable"},
      {"neighbouring", "neighboring"},
      {"privatise", "privatize"},
      {"stabilisation", "stabilization"},
      {"meagre", "meager"},
  };
  Analyzer a;
  for (const auto& p : alike) {
    std::string british = a.Stem(a.Normalize(p[0]), "en");
    EXPECT_EQ(british, a.Stem(a.Normalize(p[1]), "en")) << p[0] << " / " << p[1];
    EXPECT_EQ(british, a.Stem(a.Normalize(p[1]), "")) << p[1] << " (English when unknown)";
  }
  // The American spelling is what is stemmed: Snowball's -ize rules reach
  // British words too ("optimisation" joins "optimal").
  const StemCase stems[] = {
      {"organisation", "en", "organ"},
      {"organization", "en", "organ"},
      {"realise", "en", "realiz"},
      {"optimisation", "en", "optim"},
      {"optimal", "en", "optim"},
      {"colour", "en", "color"},
      {"centres", "en", "center"},
      // Words used on both sides, and words that only look like a variant.
      {"hour", "en", "hour"},
      {"tour", "en", "tour"},
      {"four", "en", "four"},
      {"our", "en", "our"},
      {"hor", "en", "hor"},
      {"program", "en", "program"},
      {"meter", "en", "meter"},
      {"tire", "en", "tire"},
      {"notre", "en", "notr"},
      {"noter", "en", "noter"},
      {"ecus", "en", "ecus"},
      {"mellon", "en", "mellon"},
      // Other languages keep their own words: German "Programme", "Center".
      {"programme", "de", "programm"},
      {"center", "de", "cent"},
      {"centre", "fr", "centr"},
  };
  for (const auto& c : stems) {
    EXPECT_EQ(a.Stem(c.term, c.lang), c.stem) << c.term << " (" << c.lang << ")";
  }
}

TEST(AnalyzerTest, NormalizeMatchesTokenize) {
  Analyzer a;
  for (const char* w : {"Qāmishlī", "ISIS's", "U.S.", "Straße", "ＡＢＣ", "IEDs", "IED’s", "PhDs",
                        "1990s", "1,000s", "I'd", "AIDS", "iPhones", "مسؤولية", "مصطفى"}) {
    auto toks = a.Tokenize(w);
    ASSERT_EQ(toks.size(), 1u) << w;
    EXPECT_EQ(a.Normalize(w), toks[0].term) << w;
  }
}

TEST(AnalyzerTest, PlainAsciiWordsTokenizeAsICUDoes) {
  // Text of ASCII letters, digits, spaces, '+', '#' and '&' takes a fast
  // path; a trailing " !" sends the same words through ICU. Both must give
  // the same tokens.
  const char* const texts[] = {
      "griffith observatory", "  B52 bombers\tflew 1987\n", "52b 7 x", "Q3 earnings 2019Q4 up", "a",
      "ALLCAPS HEADLINE WORDS", "mixed123abc 123 abc123 0",
      // Symbol words, and what is not one.
      "C++ C# F# gtk+ notepad++ AT&T R&D P&G&Q",
      "rock & roll A+B ++ # #hashtag C+++ a&&b A&1 b52+ x+y& z#", "Disney+ & C#",
      // Plurals of acronyms and numbers, and what is not one.
      "IEDs NGOs PhDs MP3s 1990s 80S AIDS Is Texas iPhones"};
  Analyzer a;
  for (const char* lang : {"en", "fr", "de", "zh", ""}) {
    for (const char* t : texts) {
      std::vector<Token> fast = a.Tokenize(t, lang);
      std::vector<Token> icu = a.Tokenize(std::string(t) + " !", lang);
      ASSERT_EQ(fast.size(), icu.size()) << t;
      for (std::size_t i = 0; i < fast.size(); ++i) {
        EXPECT_EQ(fast[i].term, icu[i].term) << t;
        EXPECT_EQ(fast[i].start, icu[i].start) << t;
        EXPECT_EQ(fast[i].end, icu[i].end) << t;
        EXPECT_EQ(fast[i].pos, icu[i].pos) << t;
        EXPECT_EQ(fast[i].joined, icu[i].joined) << t;
      }
    }
  }
  std::string long_word(200, 'x');  // dropped on both paths
  EXPECT_EQ(a.Tokenize(long_word + " ok", "en").size(), 1u);
}

TEST(AnalyzerTest, VeryLongTokensAreDropped) {
  Analyzer a;
  std::string noise(500, 'x');
  EXPECT_EQ(Terms(a, "before " + noise + " after"), "before after");
}

}  // namespace
}  // namespace byline
