/** @file report.cc
 *  @brief "byline: <message>" on stderr, and exit codes.
 */
#include "byline/cli/report.h"

#include <iostream>

#include "byline/cli/exit_codes.h"
#include "byline/cli/help.h"
#include "byline/text.h"

namespace byline {

void ReportError(std::ostream& err, std::string_view message) {
  err << "byline: " << SafeForTerminal(message) << "\n";
}

void ReportError(std::string_view message) { ReportError(std::cerr, message); }

int Report(const Status& status) { return Report(status, exit_code::ForStatus(status)); }

int Report(const Status& status, int exit_code) {
  ReportError(status.message());
  return exit_code;
}

namespace {

// The subcommand the command line chose, or nullptr.
const CLI::App* ChosenCommand(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) return sub;
  return nullptr;
}

// Every long and short option name of `cmd` ("--sort", "-n"), with those of
// the program itself (--help, --version).
std::vector<std::string> OptionNames(const CLI::App& cmd) {
  std::vector<std::string> names;
  for (const CLI::App* a = &cmd; a; a = a->get_parent()) {
    for (const CLI::Option* opt : a->get_options()) {
      for (const std::string& l : opt->get_lnames()) names.push_back("--" + l);
      for (const std::string& s : opt->get_snames()) names.push_back("-" + s);
    }
  }
  return names;
}

// Says what is wrong with an argument nobody took, and the fix.
std::string UnexpectedArgument(const CLI::App& app, const CLI::App* cmd, const std::string& arg) {
  if (!cmd) {
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
    if (!arg.empty() && arg[0] == '-') {
      std::string hint = DidYouMean(arg, OptionNames(app));
      return "unknown option " + arg + (hint.empty() ? "" : ": did you mean " + hint + "?") +
             " (byline help lists the commands)";
    }
    std::string hint = DidYouMean(arg, commands);
    return "no command '" + arg + "'" + (hint.empty() ? "" : ": did you mean " + hint + "?") +
           " (byline help lists the commands)";
  }
  const std::string name = cmd->get_name();
  std::string message = name + ": ";
  if (arg.empty() || arg[0] != '-') {
    return message + "unexpected argument '" + arg + "' (byline help " + name + ")";
  }
  const std::string bare = arg.substr(0, arg.find('='));
  std::string hint = DidYouMean(bare, OptionNames(*cmd));
  message += "unknown option " + bare;
  if (!hint.empty()) message += ": did you mean " + hint + "?";
  // A query word to exclude (-word) reads as an option: the query language's
  // commands take their words as arguments.
  const CLI::Option* words = nullptr;
  for (const CLI::Option* opt : cmd->get_options()) {
    if (opt->get_positional() && opt->get_expected_max() > 1) words = opt;
  }
  if (words && bare.size() > 1 && bare[1] != '-') {
    message += std::string(hint.empty() ? ";" : " Or") +
               " to exclude a word, quote the query (byline " + name + " 'crane " + arg +
               "') or put -- before it (byline " + name + " -- crane " + arg + ")";
  } else {
    message += " (byline help " + name + " lists the options)";
  }
  return message;
}

}  // namespace

int ReportParseError(const CLI::App& app, const CLI::ParseError& e, std::ostream& out,
                     std::ostream& err) {
  if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
    // --help and --version: CLI11 prints the page asked for.
    app.exit(e, out, err);
    return exit_code::kOk;
  }
  const CLI::App* cmd = ChosenCommand(app);
  std::vector<std::string> left = cmd ? cmd->remaining() : app.remaining();
  if (left.empty()) left = app.remaining();
  if (dynamic_cast<const CLI::ExtrasError*>(&e) && !left.empty()) {
    ReportError(err, UnexpectedArgument(app, cmd, left.front()));
    return exit_code::kUsage;
  }
  std::string what = e.what();
  if (cmd) {
    ReportError(err, cmd->get_name() + ": " + what + " (byline help " + cmd->get_name() + ")");
  } else {
    ReportError(err, what + " (byline help lists the commands)");
  }
  return exit_code::kUsage;
}

}  // namespace byline
