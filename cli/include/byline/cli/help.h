/** @file help.h
 *  @brief What `byline` says when asked for help or given a wrong command
 *  line: the help pages of every command (options with their defaults and
 *  plain argument names, descriptions wrapped, examples in the footer), the
 *  overview of `byline` alone, and "did you mean" for a mistyped command or
 *  option.
 */
#ifndef BYLINE_CLI_HELP_H
#define BYLINE_CLI_HELP_H

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

/// The help page layout of every command. CLI11's own shows an option's
/// type and validators (`UINT:INT in [1 - 100000]`); this one shows a plain
/// argument name (`N`, `TEXT`, or the choices `auto|always|never`; an
/// option's own ->type_name wins), the default when the description does not
/// already say it, and descriptions wrapped at 80 columns.
class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* opt, bool is_positional) const override;
  std::string make_option_opts(const CLI::Option* opt) const override;
  std::string make_option_desc(const CLI::Option* opt) const override;
};

/// The argument name an option shows in its help: its option_text if set,
/// else its type name without validators, with CLI11's INT, UINT and FLOAT
/// shown as N, or an IsMember check's choices joined by '|'; "" for a flag.
std::string OptionArgumentName(const CLI::Option& opt);

/// Makes `app` the `byline` program as help pages show it: named "byline",
/// HelpFormatter, defaults captured for every option added afterwards. Call
/// before adding the subcommands (they inherit both).
void SetupHelp(CLI::App& app);

/// Wraps `text` on spaces to lines of at most `width` columns (a longer
/// word stays whole on a line of its own); every line after the first is
/// indented by `indent` spaces, and the first starts at `first_column` (what
/// the caller wrote before it). Existing newlines are kept.
std::string WrapHelpText(std::string_view text, std::size_t width, std::size_t indent,
                         std::size_t first_column = 0);

/// The candidate closest to `typed` by edit distance, if it is close enough
/// to be a typo (at most 1 edit for words up to 4 characters, 2 up to 8,
/// else 3) and no other is as close; "" otherwise.
std::string DidYouMean(std::string_view typed, const std::vector<std::string>& candidates);

/// `byline` alone and `byline help`: what each command does (from `app`'s
/// subcommands) and the first commands to try.
std::string Overview(const CLI::App& app);

/// `byline help COMMAND`: the help page of `app`'s subcommand `name`
/// (the same text as `byline COMMAND --help`), or "" if there is none.
std::string CommandHelp(const CLI::App& app, const std::string& name);

}  // namespace byline

#endif  // BYLINE_CLI_HELP_H
