/** @file help.cc
 *  @brief Help pages without CLI11's type noise, the overview, did you mean.
 */
#include "byline/cli/help.h"

#include <limits>
#include <sstream>

#include "byline/text.h"

namespace byline {
namespace {

// Help pages are wrapped at this width: they are read in a terminal of at
// least 80 columns or piped to a pager, and man pages use the same.
constexpr std::size_t kHelpWidth = 80;
// The column where descriptions start (CLI11's default is 30 too).
constexpr std::size_t kOptionColumn = 30;

// "{a,b,c}" (CLI::IsMember's description) as "a|b|c"; "" if `s` is not that.
std::string Choices(const std::string& s) {
  if (s.size() < 2 || s.front() != '{' || s.back() != '}') return "";
  std::string out = s.substr(1, s.size() - 2);
  for (char& c : out) {
    if (c == ',') c = '|';
  }
  return out;
}

}  // namespace

std::string OptionArgumentName(const CLI::Option& opt) {
  if (!opt.get_option_text().empty()) return opt.get_option_text();
  if (opt.get_type_size() == 0) return "";
  // get_type_name() is "TYPE:validator:validator"; the type alone says what
  // to type, the validators are CLI11's wording of checks the description
  // states in words. IsMember's choices are the exception: they are the
  // argument.
  const std::string full = opt.get_type_name();
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    std::size_t colon = full.find(':', start);
    parts.push_back(full.substr(start, colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (std::string c = Choices(parts[i]); !c.empty()) return c;
  }
  const std::string& type = parts[0];
  if (type == "INT" || type == "UINT" || type == "FLOAT") return "N";
  return type;
}

std::string WrapHelpText(std::string_view text, std::size_t width, std::size_t indent,
                         std::size_t first_column) {
  std::string out;
  std::size_t column = first_column;
  std::size_t line_start = first_column;
  for (std::size_t i = 0; i <= text.size();) {
    std::size_t end = text.find_first_of(" \n", i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    std::size_t w = word.size();  // help text is ASCII
    if (!word.empty()) {
      if (column > line_start && column + 1 + w > width) {
        out += "\n" + std::string(indent, ' ');
        column = line_start = indent;
      } else if (column > line_start) {
        out += ' ';
        ++column;
      }
      out += word;
      column += w;
    }
    if (end < text.size() && text[end] == '\n') {
      out += "\n" + std::string(indent, ' ');
      column = line_start = indent;
    }
    i = end + 1;
  }
  return out;
}

std::string HelpFormatter::make_option(const CLI::Option* opt, bool is_positional) const {
  std::string name = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
  std::string desc = make_option_desc(opt);
  std::string out = name;
  if (desc.empty()) return out + "\n";
  if (name.size() + 2 > kOptionColumn) {
    out += "\n" + std::string(kOptionColumn, ' ');
  } else {
    out += std::string(kOptionColumn - name.size(), ' ');
  }
  return out + WrapHelpText(desc, kHelpWidth, kOptionColumn, kOptionColumn) + "\n";
}

std::string HelpFormatter::make_option_opts(const CLI::Option* opt) const {
  std::string arg = OptionArgumentName(*opt);
  if (arg.empty()) return "";
  std::string out = " " + arg;
  if (opt->get_expected_max() == CLI::detail::expected_max_vector_size && opt->get_positional()) {
    out += " ...";
  }
  return out;
}

std::string HelpFormatter::make_option_desc(const CLI::Option* opt) const {
  std::string desc = opt->get_description();
  const std::string& def = opt->get_default_str();
  // Flags, lists and empty strings have no default worth showing; a
  // description that states its default (in words: "one per core") wins.
  if (opt->get_type_size() != 0 && !def.empty() && def != "[]" && def != "\"\"" &&
      desc.find("default") == std::string::npos) {
    desc += " (default: " + def + ")";
  }
  return desc;
}

void SetupHelp(CLI::App& app) {
  app.name("byline");
  app.formatter(std::make_shared<HelpFormatter>());
  app.option_defaults()->always_capture_default();
}

std::string DidYouMean(std::string_view typed, const std::vector<std::string>& candidates) {
  const std::size_t n = typed.size();
  const unsigned max = n <= 4 ? 1 : n <= 8 ? 2 : 3;
  std::string best;
  unsigned best_distance = max + 1;
  bool tie = false;
  for (const std::string& c : candidates) {
    unsigned d = EditDistance(typed, c, max);
    if (d < best_distance) {
      best = c;
      best_distance = d;
      tie = false;
    } else if (d == best_distance && d <= max) {
      tie = true;
    }
  }
  return best_distance <= max && !tie ? best : "";
}

std::string Overview(const CLI::App& app) {
  std::ostringstream out;
  out << app.get_description() << "\n\nUsage: byline COMMAND [OPTIONS] [ARGUMENTS]\n\nCommands:\n";
  for (const CLI::App* sub : app.get_subcommands({})) {
    std::string name = "  " + sub->get_name();
    name += std::string(name.size() < 12 ? 12 - name.size() : 1, ' ');
    out << name << WrapHelpText(sub->get_description(), kHelpWidth, name.size(), name.size())
        << "\n";
  }
  out << "\nStart here (in the source folder):\n"
         "  byline index corpus/            index the sample articles (the default database)\n"
         "  byline search water trucks      search them\n"
         "  byline info                     what the database holds\n"
         "  byline help search              the query syntax and the options of search\n"
         "\nThe database is $BYLINE_DB, else ~/.local/share/byline/index, unless --db DIR.\n"
         "Every command answers --help; README.md and man byline say more.\n";
  return out.str();
}

std::string CommandHelp(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == name) return sub->help(app.get_name());
  }
  return "";
}

}  // namespace byline
