/** @file query_parser.cc
 *  @brief A hand-written recursive-descent parser for Byline's query language.
 *
 *  Grammar (loosest first):
 *    query  := or
 *    or     := xor ( "OR" xor )*
 *    xor    := and ( "XOR" and )*
 *    and    := group ( "AND" group )*
 *    group  := clause+                 side by side: the default operator
 *    clause := [ "+" | "-" | "NOT" ] near
 *    near   := syn ( ( "NEAR" | "NEAR/n" | "ADJ" | "ADJ/n" ) syn )*   (single words)
 *    syn    := unary ( "SYN" unary )*
 *    unary  := primary ( "~" [n] | "^" w )*
 *    primary:= "(" or ")" | FIELD ":" ( PHRASE | WORD ) | PHRASE | WORD | "*"
 *
 *  An exclusion applies to the group it stands in (as Xapian's): `a OR -b`
 *  is `a AND_NOT b`; a group holding only exclusions passes them to the
 *  group around it; a query of only exclusions is an error unless it starts
 *  from every article, `* -b`. Filters side by side on the same field are
 *  OR'ed, on different fields AND'ed.
 *
 *  Forgiving by default: where the text is not valid syntax the query is
 *  read as plain words and a notice says where and why; options.strict makes
 *  those errors.
 */
#include "byline/query_parser.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <utility>

#include "byline/dates.h"
#include "byline/language.h"
#include "byline/schema.h"
#include "byline/text.h"

namespace byline {
namespace {

using Kind = QueryNode::Kind;

// The tokens of a query's text, without the typed spellings the analyzer
// adds for articles ("koeln" for "Köln", Token::typed): a query word is only
// itself ("Koeln" finds "Köln" through the article's "koeln").
std::vector<Token> QueryTokens(const Analyzer& analyzer, std::string_view text,
                               std::string_view lang = "") {
  std::vector<Token> toks = analyzer.Tokenize(text, lang);
  toks.erase(std::remove_if(toks.begin(), toks.end(), [](const Token& t) { return t.typed; }),
             toks.end());
  return toks;
}

// The query for tokens of a query's text that hold a spaceless run
// (analyzer.h, step 8: Chinese, Japanese, Korean, Thai). What must match is
// the text's words in order, as the analyzer gives them (Token::joined
// false): for a run, its bigrams, whose phrase is the run found anywhere in
// an article, whatever words ICU cut the article's text into ("论政" in
// "讨论|政策"); a single bigram or character is one exact term. Unless
// `quoted`, ICU's whole words of the runs add to the score (AND_MAYBE): an
// article with the word "科技" ranks above one with only "高科技", and one
// with "湖" as a word above one with "湖南". nullopt if there is no word.
std::optional<QueryNode> SpacelessText(const std::vector<Token>& toks, const std::string& field,
                                       bool quoted) {
  QueryNode text;
  text.field = field;
  std::vector<QueryNode> whole;
  for (const Token& t : toks) {
    if (!t.joined) text.terms.push_back(t.term);
    if (quoted || !t.spaceless || t.gram) continue;
    bool seen = false;
    for (const QueryNode& w : whole) seen = seen || w.terms[0] == t.term;
    if (seen) continue;
    QueryNode w;
    w.kind = QueryNode::Kind::kWord;
    w.field = field;
    w.terms.push_back(t.term);
    whole.push_back(std::move(w));
  }
  if (text.terms.empty()) return std::nullopt;
  text.kind = text.terms.size() == 1 ? QueryNode::Kind::kExact : QueryNode::Kind::kPhrase;
  if (whole.empty()) return text;
  QueryNode out;
  out.kind = QueryNode::Kind::kAndMaybe;
  out.children.push_back(std::move(text));
  if (whole.size() == 1) {
    out.children.push_back(std::move(whole[0]));
  } else {
    QueryNode any;
    any.kind = QueryNode::Kind::kOr;
    any.children = std::move(whole);
    out.children.push_back(std::move(any));
  }
  return out;
}

bool HasSpaceless(const std::vector<Token>& toks) {
  for (const Token& t : toks) {
    if (t.spaceless) return true;
  }
  return false;
}

// The query for the spaceless run whose first token is toks[*i]
// (SpacelessText, unquoted); leaves *i at the run's last token. A run's
// words (its bigrams) overlap; the next run starts after a space or
// punctuation.
std::optional<QueryNode> SpacelessRunAt(const std::vector<Token>& toks, std::size_t* i,
                                        const std::string& field) {
  std::size_t end = toks[*i].end, j = *i + 1;
  for (; j < toks.size() && toks[j].spaceless; ++j) {
    if (!toks[j].joined) {
      if (toks[j].start >= end) break;
      end = toks[j].end;
    }
  }
  std::vector<Token> run(toks.begin() + static_cast<std::ptrdiff_t>(*i),
                         toks.begin() + static_cast<std::ptrdiff_t>(j));
  *i = j - 1;
  return SpacelessText(run, field, false);
}

// A spaceless query part (SpacelessText) stands where NEAR, ADJ and SYN want
// one word: its required part, without the whole words that only rank.
void DropWholeWords(QueryNode* n) {
  if (n->kind == QueryNode::Kind::kAndMaybe && !n->children.empty() &&
      (n->children[0].kind == QueryNode::Kind::kExact ||
       n->children[0].kind == QueryNode::Kind::kPhrase)) {
    QueryNode required = std::move(n->children[0]);
    *n = std::move(required);
  }
}

/// Proximity window of a bare NEAR or ADJ, as Xapian's query parser.
constexpr unsigned kDefaultNearWindow = 10;
/// Largest n of NEAR/n and ADJ/n, and of a phrase's slack "a b"~n.
constexpr unsigned kMaxWindow = 1000;
/// Largest boost factor of ^w.
constexpr double kMaxBoost = 1000;

struct Lexeme {
  enum Type {
    kEnd,
    kWord,
    kPhrase,
    kLParen,
    kRParen,
    kOr,
    kAnd,
    kNot,
    kPlus,
    kMinus,
    kField,
    kXor,
    kNear,  // number: n of NEAR/n (kDefaultNearWindow if bare)
    kAdj,   // number: n of ADJ/n
    kSyn,
    kTilde,  // ~ or ~n after a word, phrase or ')'; has_number
    kBoost,  // ^w after a word, phrase or ')'; factor
    kRange,  // [a TO b] or {a TO b}: text is what is inside
  };
  Type type = kEnd;
  std::string text;  // word, phrase content, or field name
  std::size_t offset = 0;
  unsigned number = 0;
  bool has_number = false;
  double factor = 1;
  std::string unknown_field;  // kWord: "name" of a name:value whose name is no field
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A letter or digit, ASCII or any byte of a multi-byte UTF-8 character.
bool IsWordByte(char c) {
  return IsAsciiLetter(c) || IsDigit(c) || (static_cast<unsigned char>(c) & 0x80) != 0;
}

// 1-based character position of a byte offset, for messages.
std::size_t CharPosition(std::string_view q, std::size_t offset) {
  return CodePointCount(q.substr(0, std::min(offset, q.size()))) + 1;
}

// "title, source, author, lang, date": the names a query may use.
std::string KnownFieldNames() {
  std::string out;
  for (const schema::Field& f : schema::kFields) {
    if (!schema::IsQueryKind(f.kind)) continue;
    if (!out.empty()) out += ", ";
    out += std::string(f.name) + ":";
  }
  return out;
}

class Lexer {
 public:
  explicit Lexer(std::string_view q) : q_(q) {}

  // Reads all lexemes, or returns false with the error set.
  bool Run(std::vector<Lexeme>* out, QueryError* err) {
    while (true) {
      while (std::size_t n = UnicodeSpaceAt(q_, i_)) i_ += n;  // U+00A0, U+3000... too
      Lexeme lx;
      lx.offset = i_;
      if (i_ >= q_.size()) {
        out->push_back(lx);
        return true;
      }
      char c = q_[i_];
      bool modifiable = false;  // a word, phrase or ')' that ~ or ^ may follow
      if (c == '(') {
        lx.type = Lexeme::kLParen;
        ++i_;
      } else if (c == ')') {
        lx.type = Lexeme::kRParen;
        ++i_;
        modifiable = true;
      } else if (c == '"' || IsCurlyQuote(i_)) {
        std::size_t open = i_;
        i_ += c == '"' ? 1 : 3;
        std::size_t start = i_;
        while (i_ < q_.size() && q_[i_] != '"' && !IsCurlyQuote(i_)) ++i_;
        if (i_ >= q_.size()) {
          err->offset = open;
          err->message = "unclosed quote: a phrase opened here has no closing '\"'";
          return false;
        }
        lx.type = Lexeme::kPhrase;
        lx.text = std::string(q_.substr(start, i_ - start));
        i_ += q_[i_] == '"' ? 1 : 3;
        modifiable = true;
      } else if ((c == '+' || c == '-') && i_ + 1 < q_.size() && UnicodeSpaceAt(q_, i_ + 1) == 0 &&
                 q_[i_ + 1] != ')') {
        lx.type = c == '+' ? Lexeme::kPlus : Lexeme::kMinus;
        ++i_;
      } else if ((c == '[' || c == '{') && ReadBracketRange(&lx)) {
        // lx is the range
      } else {
        std::size_t start = i_;
        std::string unknown;
        while (i_ < q_.size() && UnicodeSpaceAt(q_, i_) == 0 && q_[i_] != '(' && q_[i_] != ')' &&
               q_[i_] != '"' && !IsCurlyQuote(i_) && (i_ == start || ModifierLength(i_) == 0)) {
          if (q_[i_] == ':' && i_ > start && unknown.empty()) {
            std::string_view name = q_.substr(start, i_ - start);
            if (IsFieldName(name)) break;
            if (LooksLikeFieldName(name) && i_ + 1 < q_.size() && UnicodeSpaceAt(q_, i_ + 1) == 0 &&
                q_[i_ + 1] != '/' && q_[i_ + 1] != ':') {
              unknown = std::string(name);  // subject:test; not http://
            }
          }
          ++i_;
        }
        std::string word(q_.substr(start, i_ - start));
        if (i_ < q_.size() && q_[i_] == ':') {
          lx.type = Lexeme::kField;
          lx.text = word;
          ++i_;  // the value follows directly
        } else if (word == "OR" || word == "|" || word == "||") {
          lx.type = Lexeme::kOr;
        } else if (word == "AND" || word == "&&") {
          lx.type = Lexeme::kAnd;
        } else if (word == "NOT") {
          lx.type = Lexeme::kNot;
        } else if (word == "XOR") {
          lx.type = Lexeme::kXor;
        } else if (word == "SYN") {
          lx.type = Lexeme::kSyn;
        } else if (ReadProximity(word, &lx)) {
          // NEAR, NEAR/n, ADJ, ADJ/n
        } else {
          lx.type = Lexeme::kWord;
          lx.text = word;
          lx.unknown_field = unknown;
          modifiable = true;
        }
      }
      out->push_back(std::move(lx));
      while (modifiable && ModifierLength(i_) > 0) out->push_back(ReadModifier());
    }
  }

  // A name or alias of a query field in schema::kFields, in any case.
  static bool IsFieldName(std::string_view name) { return schema::FindQueryField(name) != nullptr; }

 private:
  // “ and ” (U+201C, U+201D) count as quotes too.
  bool IsCurlyQuote(std::size_t i) const {
    return i + 3 <= q_.size() && (q_.substr(i, 3) == "\u201C" || q_.substr(i, 3) == "\u201D");
  }

  // A letter, then letters, digits, '_' or '-': what a field name could be.
  static bool LooksLikeFieldName(std::string_view name) {
    if (name.empty() || !IsAsciiLetter(name[0])) return false;
    for (char c : name) {
      if (!IsAsciiLetter(c) && !IsDigit(c) && c != '_' && c != '-') return false;
    }
    return true;
  }

  // True if a character at i ends a word or modifier.
  bool AtBoundary(std::size_t i) const {
    return i >= q_.size() || UnicodeSpaceAt(q_, i) > 0 || q_[i] == '(' || q_[i] == ')' ||
           q_[i] == '"' || IsCurlyQuote(i);
  }

  // The length of "~", "~n" or "^w" at i (up to a boundary), or 0 if there is none.
  std::size_t ModifierLength(std::size_t i) const {
    if (i >= q_.size() || (q_[i] != '~' && q_[i] != '^')) return 0;
    std::size_t j = i + 1;
    while (j < q_.size() && IsDigit(q_[j])) ++j;
    bool digits = j > i + 1;
    if (q_[i] == '^' && digits && j + 1 < q_.size() && q_[j] == '.' && IsDigit(q_[j + 1])) {
      ++j;
      while (j < q_.size() && IsDigit(q_[j])) ++j;
    }
    if (!AtBoundary(j) && !(j < q_.size() && (q_[j] == '~' || q_[j] == '^'))) return 0;
    if (q_[i] == '^' && !digits) return 0;
    return j - i;
  }

  Lexeme ReadModifier() {
    std::size_t n = ModifierLength(i_);
    Lexeme lx;
    lx.offset = i_;
    std::string digits(q_.substr(i_ + 1, n - 1));
    if (q_[i_] == '~') {
      lx.type = Lexeme::kTilde;
      lx.has_number = !digits.empty();
      unsigned long v = digits.size() > 6 ? 999999 : std::strtoul(digits.c_str(), nullptr, 10);
      lx.number = static_cast<unsigned>(v);
    } else {
      lx.type = Lexeme::kBoost;
      lx.factor = digits.size() > 12 ? 1e12 : std::strtod(digits.c_str(), nullptr);
    }
    i_ += n;
    return lx;
  }

  // NEAR, NEAR/n, ADJ, ADJ/n (capitals only, as Xapian's).
  static bool ReadProximity(const std::string& word, Lexeme* lx) {
    std::string_view w = word;
    Lexeme::Type type;
    if (w.substr(0, 4) == "NEAR") {
      type = Lexeme::kNear;
      w.remove_prefix(4);
    } else if (w.substr(0, 3) == "ADJ") {
      type = Lexeme::kAdj;
      w.remove_prefix(3);
    } else {
      return false;
    }
    unsigned n = kDefaultNearWindow;
    if (!w.empty()) {
      if (w[0] != '/' || w.size() < 2 || w.size() > 7) return false;
      for (char c : w.substr(1)) {
        if (!IsDigit(c)) return false;
      }
      n = static_cast<unsigned>(std::strtoul(std::string(w.substr(1)).c_str(), nullptr, 10));
      lx->has_number = true;
    }
    lx->type = type;
    lx->number = n;
    return true;
  }

  // [a TO b] or {a TO b}, Lucene's range: read as one lexeme so that the
  // parser can say ranges work only on dates.
  bool ReadBracketRange(Lexeme* lx) {
    std::size_t end = q_.find_first_of("]}", i_ + 1);  // [a TO b} is Lucene's too
    if (end == std::string_view::npos) return false;
    std::string_view inside = q_.substr(i_ + 1, end - i_ - 1);
    std::size_t to = inside.find(" TO ");
    if (to == std::string_view::npos) return false;
    lx->type = Lexeme::kRange;
    lx->text = std::string(inside.substr(0, to)) + " " + std::string(inside.substr(to + 4));
    i_ = end + 1;
    return true;
  }

  std::string_view q_;
  std::size_t i_ = 0;
};

// What a part of the query contributes: what it matches (if anything) and
// what it excludes that no enclosing group has applied yet.
struct Part {
  std::optional<QueryNode> positive;
  std::vector<QueryNode> excluded;
  std::size_t exclusion_offset = 0;  // where the first pending exclusion was written
  bool empty() const { return !positive && excluded.empty(); }
};

bool IsTextKind(Kind k) {
  return k == Kind::kWord || k == Kind::kExact || k == Kind::kPhrase || k == Kind::kWildcard ||
         k == Kind::kFuzzy;
}

// A filter field's name ("source"), or nullptr for text (and match-all).
bool IsFilterField(const std::string& field) {
  const schema::Field* f = field.empty() ? nullptr : schema::FindQueryField(field);
  return f && f->kind != schema::FieldKind::kText;
}

}  // namespace

bool IsFilterNode(const QueryNode& n) {
  switch (n.kind) {
    case Kind::kFilter:
    case Kind::kDateRange:
      return true;
    case Kind::kWildcard:
      return IsFilterField(n.field);
    case Kind::kAnd:
    case Kind::kOr:
      for (const QueryNode& c : n.children) {
        if (!IsFilterNode(c)) return false;
      }
      return !n.children.empty();
    case Kind::kAndNot:
      return !n.children.empty() && IsFilterNode(n.children[0]);
    default:
      return false;
  }
}

namespace {

// Filters side by side are grouped by the field they restrict.
std::string FilterKey(const QueryNode& n) {
  if (n.kind == Kind::kDateRange) return std::string(schema::FieldOf(&Article::date).name);
  if (n.kind == Kind::kFilter || n.kind == Kind::kWildcard) return n.field;
  return "";  // a combination: a group of its own
}

class Parser {
 public:
  Parser(std::string_view q, std::vector<Lexeme> lx, const Analyzer& analyzer,
         const QueryParseOptions& options)
      : q_(q), lx_(std::move(lx)), analyzer_(analyzer), options_(options) {}

  // Parses the whole query. On failure *err is set, and *fatal tells whether
  // the failure holds whatever the mode (nothing to search, only exclusions,
  // a date: filter that is no date) or is syntax that the forgiving mode
  // reads as plain words.
  bool Parse(QueryNode* out, QueryError* err, bool* fatal, std::vector<QueryNotice>* notices) {
    err_ = err;
    Part part;
    if (!ParseOr(&part)) return Failed(fatal);
    if (Peek().type == Lexeme::kRParen) {
      Fail(Peek().offset, "unbalanced ')': no '(' opens it");
      return Failed(fatal);
    }
    if (part.empty()) {
      fatal_ = true;
      Fail(0, "the query has no searchable words");
      return Failed(fatal);
    }
    if (!part.positive) {
      fatal_ = true;
      // The hint is the query itself after '*', when it is short enough to repeat.
      std::size_t first = q_.find_first_not_of(" \t\r\n");
      std::string_view text = first == std::string_view::npos ? "" : q_.substr(first);
      while (!text.empty()) {  // trailing spaces, U+00A0 and the like too
        std::size_t last = text.size() - 1;
        while (last > 0 && (static_cast<unsigned char>(text[last]) & 0xC0) == 0x80) --last;
        if (!IsSpace(text.back()) && UnicodeSpaceAt(text, last) == 0) break;
        text.remove_suffix(text.size() - last);
      }
      std::string example = text.size() <= 60 ? "* " + std::string(text) : "* -word";
      Fail(part.exclusion_offset,
           "the query only excludes: say what to search for, or start from every article "
           "with '*' (as in '" +
               example + "')");
      return Failed(fatal);
    }
    *out = std::move(*part.positive);
    for (QueryNotice& n : notices_) notices->push_back(std::move(n));
    return true;
  }

 private:
  const Lexeme& Peek() const { return lx_[pos_]; }
  const Lexeme& Next() { return lx_[pos_ < lx_.size() - 1 ? pos_++ : pos_]; }

  bool Failed(bool* fatal) const {
    *fatal = fatal_;
    return false;
  }

  bool Fail(std::size_t offset, std::string message) {
    err_->offset = offset;
    err_->message = std::move(message);
    return false;
  }

  // Something read differently from how it looks: an error in strict mode,
  // else a notice, and parsing goes on.
  bool Notice(std::size_t offset, const std::string& message) {
    if (options_.strict) return Fail(offset, message);
    QueryNotice n;
    n.offset = offset;
    n.position = CharPosition(q_, offset);
    n.message = "position " + std::to_string(n.position) + ": " + message;
    notices_.push_back(std::move(n));
    return true;
  }

  static bool EndsClause(Lexeme::Type t) {
    return t == Lexeme::kEnd || t == Lexeme::kRParen || t == Lexeme::kOr || t == Lexeme::kAnd ||
           t == Lexeme::kXor;
  }

  static const char* OperatorName(const Lexeme& lx) {
    switch (lx.type) {
      case Lexeme::kOr:
        return "OR";
      case Lexeme::kAnd:
        return "AND";
      case Lexeme::kXor:
        return "XOR";
      case Lexeme::kNear:
        return "NEAR";
      case Lexeme::kAdj:
        return "ADJ";
      case Lexeme::kSyn:
        return "SYN";
      default:
        return "the operator";
    }
  }

  // Joins parts with `kind`; an exclusion with nothing beside it to exclude
  // from waits for the group around.
  Part Join(Kind kind, std::vector<Part> parts) {
    Part out;
    std::vector<QueryNode> positives;
    for (Part& p : parts) {
      if (p.positive) positives.push_back(std::move(*p.positive));
      if (!p.excluded.empty() && out.excluded.empty()) out.exclusion_offset = p.exclusion_offset;
      for (QueryNode& e : p.excluded) out.excluded.push_back(std::move(e));
    }
    if (!positives.empty()) out.positive = Combine(kind, std::move(positives));
    return Apply(std::move(out));
  }

  // Applies pending exclusions to the part's positive side, if it has one.
  static Part Apply(Part p) {
    if (!p.positive || p.excluded.empty()) return p;
    QueryNode not_node;
    not_node.kind = Kind::kAndNot;
    not_node.children.push_back(std::move(*p.positive));
    for (QueryNode& e : p.excluded) not_node.children.push_back(std::move(e));
    p.excluded.clear();
    p.positive = std::move(not_node);
    return p;
  }

  // or and xor: `sub` parses one operand.
  template <typename Sub>
  bool ParseInfix(Lexeme::Type op_type, Kind kind, Part* out, Sub sub) {
    // Most operands stand alone (no OR/XOR/AND after them): passed up as
    // they are, without the vector and the Join that several need. Each
    // query passes through every level, and this path halved the parser's
    // instructions on the web log's `+a +b` queries (callgrind).
    Part first;
    if (!(this->*sub)(&first)) return false;
    if (Peek().type != op_type) {
      *out = Apply(std::move(first));
      return true;
    }
    std::vector<Part> parts;
    bool pending = true;  // `first` is the operand just read
    while (true) {
      Part part;
      if (pending) {
        part = std::move(first);
        pending = false;
      } else if (!(this->*sub)(&part)) {
        return false;
      }
      bool empty = part.empty();
      if (!empty) parts.push_back(std::move(part));
      if (Peek().type != op_type) break;
      const Lexeme& op = Next();
      std::string name = OperatorName(op);
      if (EndsClause(Peek().type)) return Fail(op.offset, name + " needs something on its right");
      if (empty) return Fail(op.offset, name + " needs something on its left");
    }
    *out = Join(kind, std::move(parts));
    return true;
  }

  bool ParseOr(Part* out) { return ParseInfix(Lexeme::kOr, Kind::kOr, out, &Parser::ParseXor); }
  bool ParseXor(Part* out) { return ParseInfix(Lexeme::kXor, Kind::kXor, out, &Parser::ParseAnd); }
  bool ParseAnd(Part* out) {
    return ParseInfix(Lexeme::kAnd, Kind::kAnd, out, &Parser::ParseGroup);
  }

  // Clauses side by side, with +/-/NOT marks and field filters.
  bool ParseGroup(Part* out) {
    std::vector<QueryNode> plain, required, excluded, filters;
    std::size_t exclusion_offset = 0;
    auto exclude = [&](QueryNode n, std::size_t offset) {
      if (excluded.empty()) exclusion_offset = offset;
      excluded.push_back(std::move(n));
    };
    while (true) {
      const Lexeme& first = Peek();
      if (EndsClause(first.type)) break;
      int sign = 0;
      std::size_t mark_offset = first.offset;
      if (first.type == Lexeme::kPlus || first.type == Lexeme::kMinus ||
          first.type == Lexeme::kNot) {
        const Lexeme& mark = Next();
        sign = mark.type == Lexeme::kPlus ? 1 : -1;
        if (EndsClause(Peek().type)) {
          return Fail(mark.offset, mark.type == Lexeme::kNot ? "NOT needs something on its right"
                                                             : "'+' or '-' needs a word after it");
        }
      }
      Part part;
      if (!ParseNear(&part)) return false;
      if (part.empty()) continue;  // a word with nothing searchable ("!!!")
      if (!part.positive) {
        // (-a): exclusions only; they apply to this group.
        if (sign < 0) {
          return Fail(mark_offset, "nothing to exclude: the group holds only exclusions");
        }
        for (QueryNode& e : part.excluded) exclude(std::move(e), part.exclusion_offset);
        continue;
      }
      QueryNode node = std::move(*part.positive);
      if (sign < 0) {
        if (node.kind == Kind::kMatchAll) {
          return Fail(mark_offset, "'*' is every article: there is no sense in excluding it");
        }
        exclude(std::move(node), mark_offset);
      } else if (IsFilterNode(node)) {
        filters.push_back(std::move(node));
      } else if (sign > 0) {
        required.push_back(std::move(node));
      } else {
        plain.push_back(std::move(node));
      }
    }
    // '*' is a starting point (`* -flood`, `* date:2018`), never a word among
    // others: in `*** stop` it would make an OR match every article.
    auto is_all = [](const QueryNode& n) { return n.kind == Kind::kMatchAll; };
    std::size_t alls =
        static_cast<std::size_t>(std::count_if(plain.begin(), plain.end(), is_all) +
                                 std::count_if(required.begin(), required.end(), is_all));
    if (alls > 0 && alls < plain.size() + required.size()) {
      plain.erase(std::remove_if(plain.begin(), plain.end(), is_all), plain.end());
      required.erase(std::remove_if(required.begin(), required.end(), is_all), required.end());
    }
    if (plain.empty() && required.empty() && filters.empty()) {
      out->excluded = std::move(excluded);
      out->exclusion_offset = exclusion_offset;
      return true;
    }
    std::optional<QueryNode> positive;
    bool and_default = options_.default_operator == DefaultOperator::kAnd;
    if (and_default) {
      for (auto& n : plain) required.push_back(std::move(n));
      if (!required.empty()) positive = Combine(Kind::kAnd, std::move(required));
    } else if (required.empty()) {
      if (!plain.empty()) positive = Combine(Kind::kOr, std::move(plain));
    } else if (plain.empty()) {
      positive = Combine(Kind::kAnd, std::move(required));
    } else {
      QueryNode maybe;
      maybe.kind = Kind::kAndMaybe;
      maybe.children.push_back(Combine(Kind::kAnd, std::move(required)));
      maybe.children.push_back(Combine(Kind::kOr, std::move(plain)));
      positive = std::move(maybe);
    }
    if (!filters.empty()) {
      // Filters restrict; they never add to the score. The same field twice
      // is either value (source:a source:b), different fields are both.
      std::vector<std::string> keys;
      std::vector<std::vector<QueryNode>> by_key;
      for (QueryNode& f : filters) {
        std::string key = FilterKey(f);
        std::size_t i = 0;
        while (i < keys.size() && (key.empty() || keys[i] != key)) ++i;
        if (i == keys.size()) {
          keys.push_back(key);
          by_key.emplace_back();
        }
        by_key[i].push_back(std::move(f));
      }
      std::vector<QueryNode> all;
      if (positive) all.push_back(std::move(*positive));
      for (auto& group : by_key) all.push_back(Combine(Kind::kOr, std::move(group)));
      positive = Combine(Kind::kAnd, std::move(all));
    }
    Part p;
    p.positive = std::move(positive);
    p.excluded = std::move(excluded);
    p.exclusion_offset = exclusion_offset;
    *out = Apply(std::move(p));
    return true;
  }

  // Words within a distance: a NEAR b, a NEAR/n b, a ADJ/n b.
  bool ParseNear(Part* out) {
    if (Peek().type == Lexeme::kNear || Peek().type == Lexeme::kAdj ||
        Peek().type == Lexeme::kSyn) {
      return Fail(Peek().offset, std::string(OperatorName(Peek())) + " needs a word on its left");
    }
    if (!ParseSyn(out)) return false;
    if (Peek().type != Lexeme::kNear && Peek().type != Lexeme::kAdj) return true;
    const Lexeme& first_op = Peek();
    QueryNode near;
    near.kind = first_op.type == Lexeme::kNear ? Kind::kNear : Kind::kAdjacent;
    near.window = first_op.number;
    if (!Positional(*out, first_op)) return false;
    near.children.push_back(std::move(*out->positive));
    while (Peek().type == Lexeme::kNear || Peek().type == Lexeme::kAdj) {
      const Lexeme& op = Next();
      std::string name = OperatorName(op);
      if (op.number == 0 || op.number > kMaxWindow) {
        return Fail(op.offset,
                    name + "/n takes a number of words from 1 to " + std::to_string(kMaxWindow));
      }
      if ((op.type == Lexeme::kNear) != (near.kind == Kind::kNear) || op.number != near.window) {
        return Fail(op.offset, "a chain of NEAR or ADJ uses one operator and one distance");
      }
      if (EndsClause(Peek().type) || Peek().type == Lexeme::kNear || Peek().type == Lexeme::kAdj) {
        return Fail(op.offset, name + " needs a word on its right");
      }
      Part next;
      if (!ParseSyn(&next)) return false;
      if (!Positional(next, op)) return false;
      near.children.push_back(std::move(*next.positive));
    }
    out->positive = std::move(near);
    return true;
  }

  // True if the part is one word that NEAR or ADJ can join.
  bool Positional(Part& p, const Lexeme& op) {
    if (p.positive) DropWholeWords(&*p.positive);
    // Xapian 1.4's OP_NEAR and OP_PHRASE take terms only (no phrases inside).
    bool ok = p.positive && p.excluded.empty() &&
              (p.positive->kind == Kind::kWord || p.positive->kind == Kind::kExact);
    if (ok) return true;
    return Fail(op.offset, std::string(OperatorName(op)) +
                               " joins single words (no phrases, groups, wildcards or filters)");
  }

  // Words that count as one: a SYN b.
  bool ParseSyn(Part* out) {
    if (!ParseUnary(out)) return false;
    if (Peek().type != Lexeme::kSyn) return true;
    QueryNode syn;
    syn.kind = Kind::kSynonym;
    const Lexeme* op = &Peek();
    while (true) {
      if (out->positive) DropWholeWords(&*out->positive);
      bool ok = out->positive && out->excluded.empty() && IsTextKind(out->positive->kind);
      if (!ok) return Fail(op->offset, "SYN joins words, \"phrases\" or wildcards");
      syn.children.push_back(std::move(*out->positive));
      if (Peek().type != Lexeme::kSyn) break;
      op = &Next();
      if (EndsClause(Peek().type)) return Fail(op->offset, "SYN needs a word on its right");
      *out = Part();
      if (!ParseUnary(out)) return false;
    }
    out->positive = std::move(syn);
    return true;
  }

  // A primary with its ~ and ^ modifiers.
  bool ParsePrimaryPart(Part* out) {
    if (Peek().type == Lexeme::kLParen) return ParseParens(out);
    QueryNode node;
    bool empty = false;
    if (!ParsePrimary(&node, &empty)) return false;
    if (!empty) out->positive = std::move(node);
    return true;
  }

  bool ParseUnary(Part* out) {
    if (!ParsePrimaryPart(out)) return false;
    while (Peek().type == Lexeme::kTilde || Peek().type == Lexeme::kBoost) {
      const Lexeme& m = Next();
      if (!out->positive) {
        return Fail(m.offset, m.type == Lexeme::kTilde ? "'~' follows a word or a \"phrase\""
                                                       : "'^' follows a word, a \"phrase\" or "
                                                         "a (group)");
      }
      QueryNode& n = *out->positive;
      if (m.type == Lexeme::kBoost) {
        if (IsFilterNode(n) || n.kind == Kind::kMatchAll) {
          return Fail(m.offset, "'^' boosts words: a filter or '*' has no weight to boost");
        }
        if (m.factor > kMaxBoost) {
          return Fail(m.offset, "'^' takes a factor up to " + std::to_string(int(kMaxBoost)));
        }
        QueryNode boost;
        boost.kind = Kind::kBoost;
        boost.factor = m.factor;
        boost.children.push_back(std::move(n));
        out->positive = std::move(boost);
        continue;
      }
      if (n.kind == Kind::kPhrase && n.window == 0) {
        if (!m.has_number) return Fail(m.offset, "'~' after a phrase needs a number: \"a b\"~3");
        if (m.number > kMaxWindow) {
          return Fail(m.offset, "a phrase's slack is at most " + std::to_string(kMaxWindow));
        }
        n.window = m.number;
        continue;
      }
      if (n.kind != Kind::kWord) {
        return Fail(m.offset,
                    "'~' follows a word (fuzzy: word~, word~1, word~2) or a "
                    "\"phrase\" (slack: \"a b\"~3)");
      }
      unsigned distance = m.number;
      if (!m.has_number) {
        distance = CharPosition(n.terms[0], n.terms[0].size()) - 1 >= 5 ? 2 : 1;
      } else if (distance > 2) {
        std::string message = "a fuzzy word allows at most 2 edits";
        if (!Notice(m.offset,
                    options_.strict ? message : message + "; searched as " + n.terms[0] + "~2")) {
          return false;
        }
        distance = 2;
      }
      if (distance == 0) continue;  // word~0: the word itself
      n.kind = Kind::kFuzzy;
      n.distance = distance;
    }
    return true;
  }

  bool ParseParens(Part* out) {
    const Lexeme& lx = Next();
    std::size_t open = lx.offset;
    if (Peek().type == Lexeme::kRParen) return Fail(open, "empty parentheses");
    if (++depth_ > kMaxDepth) {
      return Fail(open, "parentheses nested more than " + std::to_string(kMaxDepth) + " deep");
    }
    bool ok = ParseOr(out);
    --depth_;
    if (!ok) return false;
    if (Peek().type != Lexeme::kRParen) return Fail(open, "unbalanced '(': no ')' closes it");
    Next();
    return true;
  }

  bool ParsePrimary(QueryNode* out, bool* empty) {
    const Lexeme& lx = Next();
    switch (lx.type) {
      case Lexeme::kPhrase:
        return TextNode(lx.text, lx.offset, /*quoted=*/true, field_, out, empty);
      case Lexeme::kWord:
        if (!lx.unknown_field.empty()) {
          std::string message =
              "no field is named '" + lx.unknown_field + ":' (fields: " + KnownFieldNames() + ")";
          if (!Notice(lx.offset, options_.strict ? message : message + "; searched as words")) {
            return false;
          }
        }
        return TextNode(lx.text, lx.offset, /*quoted=*/false, field_, out, empty);
      case Lexeme::kField:
        if (!field_.empty()) {
          return Fail(lx.offset, "a field cannot stand inside " + field_ + ":( ... )");
        }
        return FieldNode(lx, out, empty);
      case Lexeme::kRange:
        return BracketRange(lx, out, empty);
      case Lexeme::kRParen:
        return Fail(lx.offset, "unbalanced ')': no '(' opens it");
      case Lexeme::kTilde:
      case Lexeme::kBoost:
        return Fail(lx.offset, "'~' and '^' follow a word, a \"phrase\" or a (group)");
      default:
        return Fail(lx.offset, "expected a word, a phrase or '('");
    }
  }

  bool BracketRange(const Lexeme& lx, QueryNode* out, bool* empty) {
    if (!Notice(lx.offset,
                options_.strict
                    ? "ranges work only on dates: write date:2018..2019 or 2018-11-01..2018-11-30"
                    : "ranges work only on dates (date:2018..2019); searched as words")) {
      return false;
    }
    return PlainWords(lx.text, out, empty);
  }

  // The words of `text`, joined by the default operator.
  bool PlainWords(const std::string& text, QueryNode* out, bool* empty) {
    std::vector<QueryNode> words;
    std::vector<Token> toks = QueryTokens(analyzer_, text, options_.lang);
    for (std::size_t i = 0; i < toks.size(); ++i) {
      Token& t = toks[i];
      if (t.spaceless) {
        if (auto n = SpacelessRunAt(toks, &i, field_)) words.push_back(std::move(*n));
        continue;
      }
      if (t.joined) continue;
      QueryNode w;
      w.kind = Kind::kWord;
      w.field = field_;
      w.terms.push_back(std::move(t.term));
      words.push_back(std::move(w));
    }
    if (words.empty()) {
      *empty = true;
      return true;
    }
    *out = Combine(options_.default_operator == DefaultOperator::kAnd ? Kind::kAnd : Kind::kOr,
                   std::move(words));
    return true;
  }

  bool FieldNode(const Lexeme& field, QueryNode* out, bool* empty) {
    const Lexeme& value = Peek();
    const std::string& name = field.text;  // as written (an alias, perhaps): messages quote it
    // The lexer makes a field only of a name FindQueryField knows.
    const schema::Field& f = *schema::FindQueryField(name);
    if (value.type == Lexeme::kLParen && f.kind == schema::FieldKind::kText && field_.empty()) {
      // title:(a OR "b c"): every word inside searches the field.
      field_ = f.name;
      Part inner;
      bool ok = ParseParens(&inner);
      field_.clear();
      if (!ok) return false;
      if (!inner.excluded.empty()) {
        return Fail(value.offset, "write exclusions outside the field: -" + name + ":word");
      }
      if (!inner.positive) {
        *empty = true;
        return true;
      }
      *out = std::move(*inner.positive);
      return true;
    }
    if (value.type == Lexeme::kLParen) {
      return Fail(field.offset, "field '" + name +
                                    ":' takes a word or a \"phrase\"; for several, write " + name +
                                    ":a OR " + name + ":b");
    }
    if (value.type != Lexeme::kWord && value.type != Lexeme::kPhrase) {
      return Fail(field.offset, "field '" + name + ":' needs a value right after the colon");
    }
    Next();
    bool wildcard = value.type == Lexeme::kWord && value.text.back() == '*';
    if (wildcard && f.kind != schema::FieldKind::kText) {
      return FilterWildcard(f, name, value, out);
    }
    switch (f.kind) {
      case schema::FieldKind::kText:
        return TextNode(value.text, value.offset, value.type == Lexeme::kPhrase,
                        std::string(f.name), out, empty);
      case schema::FieldKind::kDate: {
        auto range = ParseDateRange(value.text);
        if (!range) {
          fatal_ = true;  // a filter the user meant: never read as words
          return Fail(value.offset, "cannot read the date '" + value.text +
                                        "': use YYYY, YYYY-MM, YYYY-MM-DD or a range A..B");
        }
        out->kind = Kind::kDateRange;
        out->from = range->from;
        out->to = range->to;
        return true;
      }
      case schema::FieldKind::kCode: {
        // Read as the readers read an article's language (NormalizeLanguage),
        // so lang:arabic and lang:en-GB find what lang:ar and lang:en do.
        const std::string code = NormalizeLanguage(value.text);
        if (code.empty()) {
          fatal_ = true;  // a filter the user meant: never read as words
          return Fail(value.offset, "'" + name + ":' takes a language code (en, de, fr, es, ar, " +
                                        "zh, ru, ...; ISO 639-1), not '" + value.text + "'");
        }
        out->kind = Kind::kFilter;
        out->field = f.name;
        out->terms.push_back(f.prefix + code);
        break;
      }
      case schema::FieldKind::kFilter:
        out->kind = Kind::kFilter;
        out->field = f.name;
        for (const Token& t : QueryTokens(analyzer_, value.text)) {
          if (!t.joined) out->terms.push_back(f.prefix + t.term);
        }
        break;
      case schema::FieldKind::kBody:
      case schema::FieldKind::kStored:  // never: FindQueryField returns query kinds only
        return Fail(field.offset, "field '" + name + ":' cannot be searched");
    }
    if (out->terms.empty()) {
      return Fail(value.offset, "field '" + name + ":' has no searchable word in its value");
    }
    return true;
  }

  // author:hadd*, source:reut*, lang:e*: the field's terms that start so.
  bool FilterWildcard(const schema::Field& f, const std::string& name, const Lexeme& value,
                      QueryNode* out) {
    if (f.kind == schema::FieldKind::kDate) {
      fatal_ = true;
      return Fail(value.offset,
                  "'date:' takes no wildcard: write a range, date:2018-11 or "
                  "date:2018..2019");
    }
    std::string body = value.text;
    while (!body.empty() && body.back() == '*') body.pop_back();
    std::vector<Token> toks = QueryTokens(analyzer_, body);
    std::size_t words = 0;
    for (const Token& t : toks) words += t.joined ? 0 : 1;
    if (words != 1 || body.find_first_of("*?") != std::string::npos) {
      return Fail(value.offset,
                  "'" + name + ":' takes a wildcard after one word, as " + name + ":abc*");
    }
    out->kind = Kind::kWildcard;
    out->field = f.name;
    out->terms.push_back(
        f.prefix + (f.kind == schema::FieldKind::kCode ? analyzer_.Normalize(body) : toks[0].term));
    return true;
  }

  // A bare A..B: a date range if both ends are dates, else words.
  bool BareRange(const std::string& text, std::size_t offset, QueryNode* out, bool* empty,
                 bool* handled) {
    *handled = false;
    std::size_t dots = text.find("..");
    if (dots == std::string::npos || !field_.empty()) return true;
    bool date_like = text.find_first_not_of("0123456789-.") == std::string::npos;
    std::optional<DateRange> range;
    if (date_like) range = ParseDateRange(text);
    if (range) {
      *handled = true;
      out->kind = Kind::kDateRange;
      out->from = range->from;
      out->to = range->to;
      return true;
    }
    // "$50..100", "1..5": only dates have ranges.
    bool numbers = (dots > 0 && IsDigit(text[dots - 1])) ||
                   (dots + 2 < text.size() && IsDigit(text[dots + 2]));
    if (!numbers) return true;  // "wait..." and the like are words
    *handled = true;
    if (!Notice(offset, options_.strict
                            ? "ranges work only on dates: write 2018..2019 or date:2018-11-01.."
                              "2018-11-30"
                            : "ranges work only on dates (2018..2019); searched as words")) {
      return false;
    }
    return PlainWords(text, out, empty);
  }

  // A word or phrase of text; `field` is "" (body and title) or a kText field's name.
  bool TextNode(const std::string& text, std::size_t offset, bool quoted, const std::string& field,
                QueryNode* out, bool* empty) {
    std::string body = text;
    if (!quoted && body.find_first_not_of('*') == std::string::npos) {
      // A lone '*': every article, as a starting point (* -flood).
      if (depth_ > 0 || !field.empty()) {
        return Fail(offset, "'*' alone (every article) stands only at the top of the query");
      }
      out->kind = Kind::kMatchAll;
      return true;
    }
    if (!quoted) {
      bool handled = false;
      if (!BareRange(body, offset, out, empty, &handled)) return false;
      if (handled) return true;
      // A '*' before the last letter, or a '?' between letters, is a
      // wildcard Byline does not expand (it would scan the whole vocabulary).
      std::size_t last = body.find_last_not_of('*');
      std::size_t inner = body.find('*');
      if (inner > last) inner = std::string::npos;
      for (std::size_t i = 1; inner == std::string::npos && i + 1 < body.size(); ++i) {
        if (body[i] == '?' && IsWordByte(body[i - 1]) && IsWordByte(body[i + 1])) inner = i;
      }
      if (inner != std::string::npos) {
        std::string where = inner == 0 ? "a leading wildcard" : "a wildcard inside a word";
        if (!Notice(offset + inner,
                    where + " is not supported (only trailing: word*)" +
                        (options_.strict ? std::string() : "; searched as words"))) {
          return false;
        }
        std::string plain = body;
        for (char& c : plain) {
          if (c == '*' || c == '?') c = ' ';
        }
        return PlainWords(plain, out, empty);
      }
    }
    bool wildcard = !quoted && !body.empty() && body.back() == '*';
    if (wildcard) {
      while (!body.empty() && body.back() == '*') body.pop_back();
      std::vector<Token> toks = QueryTokens(analyzer_, body, options_.lang);
      // (A spaceless word's characters are joined forms of it: 中国* is one word.)
      toks.erase(std::remove_if(toks.begin(), toks.end(),
                                [](const Token& t) { return t.joined && t.spaceless; }),
                 toks.end());
      if (toks.size() != 1) {
        return Fail(offset, toks.empty() ? "a wildcard needs at least one letter before '*'"
                                         : "a wildcard must be a single word ending in '*'");
      }
      out->kind = Kind::kWildcard;
      out->field = field;
      out->terms.push_back(toks[0].term);
      return true;
    }
    std::vector<Token> toks = QueryTokens(analyzer_, body, options_.lang);
    if (HasSpaceless(toks)) {
      std::optional<QueryNode> n = SpacelessText(toks, field, quoted);
      if (!n) {
        if (quoted) return Fail(offset, "the phrase has no searchable words");
        *empty = true;
        return true;
      }
      *out = std::move(*n);
      return true;
    }
    std::vector<std::string> words;
    std::string joined;
    for (Token& t : toks) {
      if (t.joined) {
        joined = t.term;
      } else {
        words.push_back(std::move(t.term));
      }
    }
    if (words.empty()) {
      if (quoted) return Fail(offset, "the phrase has no searchable words");
      *empty = true;
      return true;
    }
    out->field = field;
    if (words.size() == 1) {
      out->kind = quoted ? Kind::kExact : Kind::kWord;
      out->terms = std::move(words);
      return true;
    }
    out->kind = Kind::kPhrase;
    out->terms = std::move(words);
    if (!quoted && !joined.empty() && toks.size() == out->terms.size() + 1) {
      // "e-mail" finds "e-mail", "e mail" and "email".
      QueryNode phrase = std::move(*out);
      QueryNode one;
      one.kind = Kind::kWord;
      one.field = field;
      one.terms.push_back(joined);
      *out = QueryNode();
      out->kind = Kind::kOr;
      out->children.push_back(std::move(phrase));
      out->children.push_back(std::move(one));
    }
    return true;
  }

  static QueryNode Combine(Kind kind, std::vector<QueryNode> parts) {
    if (parts.empty()) return QueryNode();  // never: callers pass one part or more
    if (parts.size() == 1) return std::move(parts[0]);
    QueryNode n;
    n.kind = kind;
    for (auto& p : parts) {
      if (p.kind == kind) {  // flatten (a AND b) AND c
        for (auto& c : p.children) n.children.push_back(std::move(c));
      } else {
        n.children.push_back(std::move(p));
      }
    }
    return n;
  }

  std::string_view q_;
  std::vector<Lexeme> lx_;
  std::size_t pos_ = 0;
  const Analyzer& analyzer_;
  const QueryParseOptions& options_;
  QueryError* err_ = nullptr;
  bool fatal_ = false;
  std::vector<QueryNotice> notices_;
  std::string field_;  // the kText field's name inside title:( ... )
  static constexpr int kMaxDepth = 64;
  int depth_ = 0;
};

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

// Every word of the text, joined by `op` (stop words left out if asked):
// natural-language mode, and the forgiving reading of text that is not
// valid syntax. nullopt if the text has no words.
std::optional<QueryNode> PlainWords(std::string_view query, const Analyzer& analyzer,
                                    const QueryParseOptions& options, Kind op,
                                    bool skip_operators = false) {
  static const std::set<std::string_view> kOperators = {"OR",  "AND",  "NOT", "XOR",
                                                        "SYN", "NEAR", "ADJ"};
  QueryNode root;
  root.kind = op;
  std::vector<Token> toks = QueryTokens(analyzer, query, options.lang);
  for (std::size_t i = 0; i < toks.size(); ++i) {
    Token& t = toks[i];
    if (t.spaceless) {
      if (auto n = SpacelessRunAt(toks, &i, "")) root.children.push_back(std::move(*n));
      continue;
    }
    if (t.joined) continue;
    if (options.drop_stop_words && IsQueryStopWord(t.term)) continue;
    // "flood OR" meant an operator, however badly placed: not the word "or".
    if (skip_operators && kOperators.count(query.substr(t.start, t.end - t.start))) continue;
    QueryNode w;
    w.kind = Kind::kWord;
    w.terms.push_back(std::move(t.term));
    root.children.push_back(std::move(w));
  }
  if (root.children.empty()) return std::nullopt;
  if (root.children.size() == 1) return std::move(root.children[0]);
  return root;
}

// The query as the parser reads it when it is only words of ASCII letters
// and digits, each perhaps marked '+' or '-', between spaces: the shape of
// most typed queries (661 of the web log's 962: every union, intersection
// and negated one). The tree is what ParseGroup makes of such a group, built
// without the lexer and the descent through every precedence level; nullopt
// for anything else, which the parser reads, and for what the parser would
// refuse or read otherwise (a word the analyzer does not read as one word,
// an operator word, only exclusions). Measured with callgrind on
// reuters21578, the web log's intersection queries that match nothing (the
// class's median): ParseQuery 19.4 k -> 6.7 k instructions a query,
// Searcher::Search 77.8 k -> 65.1 k (plain Xapian's whole query: 60.3 k).
std::optional<QueryNode> SimpleQuery(std::string_view query, const Analyzer& analyzer,
                                     const QueryParseOptions& options) {
  std::vector<QueryNode> plain, required, excluded;
  std::size_t i = 0;
  while (true) {
    while (i < query.size() && (query[i] == ' ' || query[i] == '\t')) ++i;
    if (i >= query.size()) break;
    int sign = 0;
    if (query[i] == '+' || query[i] == '-') sign = query[i++] == '+' ? 1 : -1;
    const std::size_t start = i;
    while (i < query.size() && (IsAsciiLetter(query[i]) || IsDigit(query[i]))) ++i;
    if (i == start || (i < query.size() && query[i] != ' ' && query[i] != '\t')) {
      return std::nullopt;
    }
    const std::string_view word = query.substr(start, i - start);
    // Operator words are in capitals only (Lexer::Run, ReadProximity).
    if (word == "OR" || word == "AND" || word == "NOT" || word == "XOR" || word == "SYN" ||
        word.substr(0, 4) == "NEAR" || word.substr(0, 3) == "ADJ") {
      return std::nullopt;
    }
    std::vector<Token> toks = QueryTokens(analyzer, word, options.lang);
    if (toks.size() != 1 || toks[0].joined || toks[0].spaceless) return std::nullopt;
    QueryNode w;
    w.kind = Kind::kWord;
    w.terms.push_back(std::move(toks[0].term));
    (sign > 0 ? required : sign < 0 ? excluded : plain).push_back(std::move(w));
  }
  if (plain.empty() && required.empty()) return std::nullopt;
  auto combine = [](Kind kind, std::vector<QueryNode>& parts) {
    if (parts.size() == 1) return std::move(parts[0]);
    QueryNode n;
    n.kind = kind;
    n.children = std::move(parts);
    return n;
  };
  QueryNode positive;
  if (options.default_operator == DefaultOperator::kAnd) {
    for (QueryNode& n : plain) required.push_back(std::move(n));
    positive = combine(Kind::kAnd, required);
  } else if (required.empty()) {
    positive = combine(Kind::kOr, plain);
  } else if (plain.empty()) {
    positive = combine(Kind::kAnd, required);
  } else {
    positive.kind = Kind::kAndMaybe;
    positive.children.push_back(combine(Kind::kAnd, required));
    positive.children.push_back(combine(Kind::kOr, plain));
  }
  if (excluded.empty()) return positive;
  QueryNode not_node;
  not_node.kind = Kind::kAndNot;
  not_node.children.push_back(std::move(positive));
  for (QueryNode& e : excluded) not_node.children.push_back(std::move(e));
  return not_node;
}

// A number as ^ writes it: "2", "0.5".
std::string FormatFactor(double f) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", f);
  return buf;
}

}  // namespace

bool IsQueryStopWord(const std::string& term) {
  // English function words (the SMART list's most frequent) plus the phrasing
  // of requests: "what articles exist which deal with", "documents about".
  static const std::set<std::string, std::less<>> kStop = {
      "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
      "at", "be", "been", "before", "being", "below", "between", "both", "but", "by", "can",
      "could", "did", "do", "does", "doing", "down", "during", "each", "either", "etc", "few",
      "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
      "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "let",
      "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one",
      "only", "or", "other", "our", "out", "over", "own", "same", "she", "should", "so", "some",
      "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
      "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we", "were",
      "what", "when", "where", "whether", "which", "while", "who", "whom", "why", "will", "with",
      "would", "you", "your",
      // request phrasing
      "article", "articles", "document", "documents", "paper", "papers", "describe", "describing",
      "described", "discuss", "discussing", "discussed", "deal", "deals", "dealing", "exist",
      "exists", "find", "interested", "information", "want", "wish", "need", "please", "relevant",
      "give", "list", "show", "concerning", "regarding", "pertaining", "related", "relating",
      "something", "anything", "e.g", "i.e"};
  return kStop.count(term) > 0;
}

Result<QueryNode> ParseQuery(std::string_view query, const Analyzer& analyzer,
                             const QueryParseOptions& options, QueryError* error,
                             std::vector<QueryNotice>* notices) {
  QueryError local;
  QueryError* err = error ? error : &local;
  std::optional<QueryNode> root;
  std::vector<QueryNotice> found;
  bool blank = query.find_first_not_of(" \t\r\n") == std::string_view::npos;
  if (options.natural_language) {
    root = PlainWords(query, analyzer, options, Kind::kOr);
  } else if (!blank && (root = SimpleQuery(query, analyzer, options))) {
    // Read without the parser: the same tree (QueryParserTest.BareWordQueriesReadAsByTheParser).
  } else if (!blank) {
    std::vector<Lexeme> lexemes;
    Lexer lexer(query);
    QueryNode node;
    bool fatal = false;
    bool ok =
        lexer.Run(&lexemes, err) &&
        Parser(query, std::move(lexemes), analyzer, options).Parse(&node, err, &fatal, &found);
    if (ok) {
      root = std::move(node);
    } else if (!options.strict && !fatal) {
      // Forgiving: text that is not valid syntax (a pasted sentence with an
      // unbalanced quote, an emoticon) is searched as plain words.
      QueryNotice n;
      n.offset = err->offset;
      n.position = CharPosition(query, err->offset);
      n.message = "position " + std::to_string(n.position) + ": " + err->message +
                  "; searched as plain words";
      found.assign(1, std::move(n));
      QueryParseOptions plain = options;
      plain.drop_stop_words = false;
      // Operator words in capitals are left out; with no words left, the
      // syntax error stands (it says more than "no searchable words").
      root = PlainWords(query, analyzer, plain,
                        options.default_operator == DefaultOperator::kAnd ? Kind::kAnd : Kind::kOr,
                        /*skip_operators=*/true);
    }
  }
  if (!root) {
    if (blank) {
      err->offset = 0;
      err->message = "the query is empty";
    } else if (options.natural_language) {
      err->offset = 0;
      err->message = "the query has no searchable words";
    }
    return Status::InvalidArgument("bad query at position " +
                                   std::to_string(CharPosition(query, err->offset)) + ": " +
                                   err->message);
  }
  if (notices) {
    for (QueryNotice& n : found) notices->push_back(std::move(n));
  }
  return std::move(*root);
}

namespace {

// A filter field's term without the field's prefix (schema::kFields):
// "XSbbc" of source: is "bbc". Text terms have none and are returned as is.
std::string Unprefixed(const std::string& field, const std::string& term) {
  const schema::Field* f = field.empty() ? nullptr : schema::FindQueryField(field);
  if (f == nullptr || f->kind == schema::FieldKind::kText || f->prefix == nullptr) return term;
  const std::string_view prefix = f->prefix;
  return term.compare(0, prefix.size(), prefix) == 0 ? term.substr(prefix.size()) : term;
}

// A date key "YYYYMMDD" as the query writes it, "YYYY-MM-DD"; "" stays "".
std::string IsoKey(const std::string& key) {
  if (key.size() != 8) return key;
  return key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2);
}

}  // namespace

std::string DescribeQuery(const QueryNode& n) {
  std::string f = n.field.empty() ? "" : n.field + ":";
  switch (n.kind) {
    case Kind::kWord:
      return f + n.terms[0];
    case Kind::kExact:
      return f + "=" + n.terms[0];
    case Kind::kPhrase:
      return f + "\"" + Join(n.terms, " ") + "\"" +
             (n.window ? "~" + std::to_string(n.window) : std::string());
    case Kind::kWildcard:
      return f + Unprefixed(n.field, n.terms[0]) + "*";
    case Kind::kFuzzy:
      return f + n.terms[0] + "~" + std::to_string(n.distance);
    case Kind::kFilter: {
      // As the query would write it: source:"bbc news", not the terms.
      std::vector<std::string> words;
      for (const std::string& t : n.terms) words.push_back(Unprefixed(n.field, t));
      return f + (words.size() == 1 ? words[0] : "\"" + Join(words, " ") + "\"");
    }
    case Kind::kDateRange:
      return std::string(schema::FieldOf(&Article::date).name) + ":" + IsoKey(n.from) + ".." +
             IsoKey(n.to);
    case Kind::kMatchAll:
      return "<all>";
    case Kind::kBoost:
      return DescribeQuery(n.children[0]) + "^" + FormatFactor(n.factor);
    default:
      break;
  }
  std::string op;
  switch (n.kind) {
    case Kind::kAnd:
      op = " AND ";
      break;
    case Kind::kOr:
      op = " OR ";
      break;
    case Kind::kAndMaybe:
      op = " AND_MAYBE ";
      break;
    case Kind::kXor:
      op = " XOR ";
      break;
    case Kind::kSynonym:
      op = " SYN ";
      break;
    case Kind::kNear:
      op = " NEAR/" + std::to_string(n.window) + " ";
      break;
    case Kind::kAdjacent:
      op = " ADJ/" + std::to_string(n.window) + " ";
      break;
    default:
      op = " AND_NOT ";
  }
  std::vector<std::string> parts;
  for (const QueryNode& c : n.children) parts.push_back(DescribeQuery(c));
  return "(" + Join(parts, op.c_str()) + ")";
}

bool IsRelaxable(const QueryNode& n) {
  if (n.kind != Kind::kAnd) return false;
  int words = 0;
  for (const QueryNode& c : n.children) {
    if (c.kind == Kind::kWord || c.kind == Kind::kExact || c.kind == Kind::kPhrase ||
        c.kind == Kind::kWildcard || c.kind == Kind::kFuzzy) {
      ++words;
    }
  }
  return words >= 2;
}

QueryNode RelaxToOr(const QueryNode& n) {
  if (!IsRelaxable(n)) return n;
  QueryNode text, out;
  text.kind = Kind::kOr;
  std::vector<QueryNode> rest;
  for (const QueryNode& c : n.children) {
    bool is_text = c.kind == Kind::kWord || c.kind == Kind::kExact || c.kind == Kind::kPhrase ||
                   c.kind == Kind::kWildcard || c.kind == Kind::kFuzzy;
    (is_text ? text.children : rest).push_back(c);
  }
  if (rest.empty()) return text;
  out.kind = Kind::kAnd;
  out.children.push_back(std::move(text));
  for (auto& r : rest) out.children.push_back(std::move(r));
  return out;
}

}  // namespace byline
