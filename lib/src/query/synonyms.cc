/** @file synonyms.cc
 *  @brief Reading synonyms files and expanding query words into their groups.
 */
#include "byline/synonyms.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

#include "byline/text.h"

namespace byline {
namespace {

using Kind = QueryNode::Kind;

std::string_view Trim(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// The terms of one entry: the analyzer's tokens, without the extra joined
// forms that overlap a token already taken (al-Qaeda: al, qaeda).
std::vector<std::string> EntryTerms(std::string_view entry, const Analyzer& analyzer) {
  std::vector<std::string> terms;
  std::size_t end = 0;
  for (const Token& t : analyzer.Tokenize(entry)) {
    if (!terms.empty() && t.start < end) continue;
    terms.push_back(t.term);
    end = t.end;
  }
  return terms;
}

// The node that matches one entry: a ranked word or a phrase, in `field`.
QueryNode EntryNode(const std::vector<std::string>& terms, const std::string& field) {
  QueryNode n;
  n.kind = terms.size() == 1 ? Kind::kWord : Kind::kPhrase;
  n.field = field;
  n.terms = terms;
  return n;
}

}  // namespace

Result<SynonymTable> SynonymTable::Parse(std::string_view text, const std::string& name,
                                         const Analyzer& analyzer) {
  SynonymTable table;
  table.text_ = std::string(text);
  std::map<std::vector<std::string>, std::size_t> seen;  // entry -> its line
  std::size_t line_no = 0;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    const std::string where = name + ":" + std::to_string(line_no) + ": ";
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    // A '#' after white space, outside quotes, starts a comment ("Kyiv =
    // Kiev  # the capital"); one inside a word is the word's (C#).
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '"') quoted = !quoted;
      if (line[i] == '#' && !quoted && i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
        line = Trim(line.substr(0, i));
        break;
      }
    }
    // Split at '=' outside quotes.
    std::vector<std::string_view> entries;
    quoted = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= line.size(); ++i) {
      if (i < line.size() && line[i] == '"') quoted = !quoted;
      if (i == line.size() || (line[i] == '=' && !quoted)) {
        entries.push_back(Trim(line.substr(start, i - start)));
        start = i + 1;
      }
    }
    if (quoted) return Status::InvalidArgument(where + "a quote is not closed");
    if (entries.size() < 2) {
      return Status::InvalidArgument(where + "a group needs two or more entries joined by '=' (" +
                                     std::string(line) + ")");
    }
    SynonymGroup group;
    group.line = line_no;
    for (std::string_view e : entries) {
      if (e.size() >= 2 && e.front() == '"' && e.back() == '"') e = e.substr(1, e.size() - 2);
      if (Trim(e).empty()) return Status::InvalidArgument(where + "an empty entry");
      std::vector<std::string> terms = EntryTerms(e, analyzer);
      if (terms.empty()) {
        return Status::InvalidArgument(where + "'" + std::string(e) + "' has no word to search");
      }
      auto [it, fresh] = seen.emplace(terms, line_no);
      // Two entries of one line that the analyzer reads alike (a name's
      // spellings it already joins, such as Kiev and Kyiv): one entry.
      if (!fresh && it->second == line_no) continue;
      if (!fresh) {
        return Status::InvalidArgument(
            where + "'" + std::string(e) + "' is already in the group " +
            (it->second == line_no ? "of this line" : "of line " + std::to_string(it->second)) +
            " (one group per term or name)");
      }
      group.entries.push_back(std::move(terms));
    }
    table.groups_.push_back(std::move(group));
  }
  return table;
}

Result<SynonymTable> SynonymTable::ReadFile(const std::string& path, const Analyzer& analyzer) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound("cannot read the synonyms file " + path + ": " + std::strerror(errno));
  }
  // Read by hand: `text << in.rdbuf()` fails its own stream on a read error,
  // and `in` looked fine, so a file that failed midway read as empty (and
  // `byline index --synonyms` then cleared the stored groups).
  std::string text;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    return Status::IOError("cannot read the synonyms file " + path + ": " + std::strerror(errno));
  }
  // Saved by a Windows editor: UTF-16 or Windows-1252, or a byte order mark.
  return Parse(ToUtf8(text), path, analyzer);
}

const SynonymGroup* SynonymTable::Find(const std::vector<std::string>& terms) const {
  for (const SynonymGroup& g : groups_) {
    for (const auto& e : g.entries) {
      if (e == terms) return &g;
    }
  }
  return nullptr;
}

QueryNode ApplySynonyms(const QueryNode& root, const SynonymTable& table) {
  const bool text = root.kind == Kind::kWord || root.kind == Kind::kExact ||
                    (root.kind == Kind::kPhrase && root.window == 0);
  if (text) {
    const SynonymGroup* g = table.Find(root.terms);
    if (!g) return root;
    QueryNode syn;
    syn.kind = Kind::kSynonym;
    for (const auto& e : g->entries) {
      syn.children.push_back(e == root.terms ? root : EntryNode(e, root.field));
    }
    return syn;
  }
  if (IsFilterNode(root)) return root;
  QueryNode out = root;
  for (QueryNode& c : out.children) c = ApplySynonyms(c, table);
  return out;
}

}  // namespace byline
