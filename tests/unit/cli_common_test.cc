// Tests of cli/, the unit below every front end: --db and its default,
// reporting on stderr, parse errors, and the terminal resolved once.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/help.h"
#include "byline/cli/interrupt.h"
#include "byline/cli/numbers.h"
#include "byline/cli/report.h"
#include "byline/cli/terminal.h"
#include "evaluator/bench_command.h"
#include "evaluator/eval_command.h"
#include "indexer/index_command.h"
#include "searcher/search_command.h"

namespace byline {
namespace {

constexpr const char* kDbHelp =
    "Database folder (default: $BYLINE_DB or ~/.local/share/byline/index)";
// The readers' --db, which may be given several times.
constexpr const char* kReadersDbHelp =
    "Database folder or stub (default: $BYLINE_DB or ~/.local/share/byline/index); several --db "
    "are searched as one";

TEST(DatabaseOptionTest, EveryCommandHasTheSameDbOption) {
  CLI::App app;
  IndexCommandOptions index_opts;
  SearchCommandOptions search_opts;
  EvalCommandOptions eval_opts;
  BenchCommandOptions bench_opts;
  for (CLI::App* cmd : {SetupIndexCommand(app, &index_opts), SetupSearchCommand(app, &search_opts),
                        SetupEvalCommand(app, &eval_opts), SetupBenchCommand(app, &bench_opts)}) {
    SCOPED_TRACE(cmd->get_name());
    const CLI::Option* db = cmd->get_option_no_throw("--db");
    ASSERT_NE(db, nullptr);
    EXPECT_EQ(db->get_description(), cmd->get_name() == "index" ? kDbHelp : kReadersDbHelp);
  }
}

TEST(DatabaseOptionTest, GivenPathWinsOverTheEnvironment) {
  setenv("BYLINE_DB", "/env/db", 1);
  EXPECT_EQ(ResolveDatabasePath("/given/db"), "/given/db");
  EXPECT_EQ(ResolveDatabasePath(""), "/env/db");
}

TEST(DatabaseOptionTest, DefaultFallsBackFromBylineDbToXdgToHome) {
  setenv("BYLINE_DB", "/env/db", 1);
  setenv("XDG_DATA_HOME", "/xdg", 1);
  setenv("HOME", "/home/someone", 1);
  EXPECT_EQ(DefaultDatabasePath(), "/env/db");
  setenv("BYLINE_DB", "", 1);  // empty counts as unset
  EXPECT_EQ(DefaultDatabasePath(), "/xdg/byline/index");
  unsetenv("XDG_DATA_HOME");
  EXPECT_EQ(DefaultDatabasePath(), "/home/someone/.local/share/byline/index");
  unsetenv("HOME");
  EXPECT_EQ(DefaultDatabasePath(), ".byline-index");
}

TEST(ReportTest, PrefixesAndMakesTheMessageSafeForATerminal) {
  std::ostringstream err;
  ReportError(err, "db: \033]0;pwned\007bad\nline\xc2\x9b");
  EXPECT_EQ(err.str(), "byline: db: ]0;pwnedbad line\n");
}

TEST(InterruptTest, TheFirstSignalIsRecordedTheSecondHasItsDefaultAction) {
  EXPECT_EQ(exit_code::ForSignal(SIGINT), exit_code::kInterrupted);
  EXPECT_EQ(exit_code::ForSignal(SIGTERM), exit_code::kTerminated);
  EXPECT_EQ(exit_code::ForStatus(Status::Cancelled("interrupted")), exit_code::kInterrupted);
  struct sigaction before {};
  sigaction(SIGTERM, nullptr, &before);
  {
    InterruptCatcher catcher;
    EXPECT_EQ(InterruptCatcher::received().load(), 0);
    std::raise(SIGTERM);  // recorded, not fatal
    EXPECT_EQ(InterruptCatcher::received().load(), SIGTERM);
    struct sigaction now {};
    sigaction(SIGTERM, nullptr, &now);
    EXPECT_EQ(now.sa_handler, SIG_DFL);  // a second one would kill
    struct sigaction on_int {};
    sigaction(SIGINT, nullptr, &on_int);
    EXPECT_NE(on_int.sa_handler, SIG_DFL);  // still caught
  }
  struct sigaction after {};
  sigaction(SIGTERM, nullptr, &after);
  EXPECT_EQ(after.sa_handler, before.sa_handler);
}

TEST(ReportTest, ReturnsTheExitCodeForTheStatusOrTheOneGiven) {
  testing::internal::CaptureStderr();
  EXPECT_EQ(Report(Status::Locked("db is locked")), exit_code::kLocked);
  EXPECT_EQ(Report(Status::InvalidArgument("bad query")), exit_code::kUsage);
  EXPECT_EQ(Report(Status::NotFound("no db")), exit_code::kFatal);
  EXPECT_EQ(Report(Status::NotFound("t.tsv: cannot open"), exit_code::kUsage), exit_code::kUsage);
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "byline: db is locked\nbyline: bad query\nbyline: no db\n"
            "byline: t.tsv: cannot open\n");
}

TEST(ReportTest, ParseErrorsAreUsageErrorsButHelpIsNot) {
  CLI::App app{"test"};
  SearchCommandOptions opts;
  SetupSearchCommand(app, &opts);
  std::ostringstream out, err;
  try {
    app.parse("search --help", /*program_name_included=*/false);
    FAIL() << "--help did not throw";
  } catch (const CLI::ParseError& e) {
    EXPECT_EQ(ReportParseError(app, e, out, err), exit_code::kOk);
  }
  EXPECT_NE(out.str().find("--color"), std::string::npos);
  try {
    app.parse("search --limit 100001 words", false);
    FAIL() << "--limit 100001 was accepted";
  } catch (const CLI::ParseError& e) {
    EXPECT_EQ(ReportParseError(app, e, out, err), exit_code::kUsage);
  }
  EXPECT_NE(err.str().find("--limit"), std::string::npos);
}

TerminalFacts Facts(bool tty, std::size_t columns, bool no_color) {
  TerminalFacts f;
  f.stdout_tty = tty;
  f.columns = columns;
  f.no_color = no_color;
  return f;
}

TEST(TerminalTest, ColourOnlyWhenAskedOrOnATerminalWithoutNoColor) {
  TerminalOptions automatic, always, never;
  always.color = "always";
  never.color = "never";
  EXPECT_TRUE(ResolveTerminal(automatic, Facts(true, 0, false)).color);
  EXPECT_FALSE(ResolveTerminal(automatic, Facts(false, 0, false)).color);  // a pipe
  EXPECT_FALSE(ResolveTerminal(automatic, Facts(true, 0, true)).color);    // NO_COLOR
  EXPECT_TRUE(ResolveTerminal(always, Facts(false, 0, true)).color);       // asked for
  EXPECT_FALSE(ResolveTerminal(never, Facts(true, 0, false)).color);
}

TEST(TerminalTest, WidthIsTheTerminalsWhenKnownAndAtLeastForty) {
  TerminalOptions opts;
  EXPECT_EQ(ResolveTerminal(opts, Facts(true, 132, false)).width, 132u);
  EXPECT_EQ(ResolveTerminal(opts, Facts(true, 39, false)).width, 80u);
  EXPECT_EQ(ResolveTerminal(opts, Facts(true, 0, false)).width, 80u);
  EXPECT_EQ(ResolveTerminal(opts, Facts(false, 132, false)).width, 80u);
  TerminalFacts progress;
  progress.stderr_tty = true;
  Terminal t = ResolveTerminal(opts, progress);
  EXPECT_TRUE(t.stderr_tty);
  EXPECT_FALSE(t.stdout_tty);
}

TEST(TerminalTest, ProbeReadsNoColorOnlyWhenNotEmpty) {
  setenv("NO_COLOR", "1", 1);
  EXPECT_TRUE(ProbeTerminal().no_color);
  setenv("NO_COLOR", "", 1);
  EXPECT_FALSE(ProbeTerminal().no_color);
  unsetenv("NO_COLOR");
  EXPECT_FALSE(ProbeTerminal().no_color);
}

TEST(HelpTest, DidYouMeanOnlyForOneCloseEnoughCandidate) {
  const std::vector<std::string> commands = {"index", "search", "show",  "similar", "timeline",
                                             "info",  "eval",   "bench", "help"};
  struct Case {
    const char* typed;
    const char* expected;
  };
  const Case cases[] = {
      {"serch", "search"}, {"seach", "search"},     {"indx", "index"},
      {"sho", "show"},     {"timelin", "timeline"}, {"similr", "similar"},
      {"inof", "info"},    {"frobnicate", ""},      {"x", ""},  // a swap is one edit
      {"hel", "help"},     {"sow", "show"},         {"benc", "bench"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DidYouMean(c.typed, commands), c.expected) << c.typed;
  }
  // Two as close: no guess.
  EXPECT_EQ(DidYouMean("--ab", {"--aa", "--bb", "--ac"}), "");
  const std::vector<std::string> options = {"--sort", "--since", "--limit", "-n", "--format"};
  EXPECT_EQ(DidYouMean("--sortt", options), "--sort");
  EXPECT_EQ(DidYouMean("--limt", options), "--limit");
  EXPECT_EQ(DidYouMean("--formatt", options), "--format");
}

TEST(HelpTest, WrapsOnSpacesWithAHangingIndent) {
  EXPECT_EQ(WrapHelpText("one two three four", 9, 2), "one two\n  three\n  four");
  EXPECT_EQ(WrapHelpText("short", 80, 4), "short");
  EXPECT_EQ(WrapHelpText("averyveryverylongword and", 10, 0), "averyveryverylongword\nand");
  EXPECT_EQ(WrapHelpText("kept\nnewline", 80, 2), "kept\n  newline");
}

TEST(HelpTest, OptionsShowAPlainArgumentNameAndTheirDefault) {
  CLI::App app{"test"};
  SetupHelp(app);
  unsigned n = 10;
  std::string color = "auto", text;
  double days = 0;
  bool flag = false;
  CLI::Option* limit = app.add_option("-n,--limit", n, "Hits")->check(CLI::Range(1, 100000));
  CLI::Option* colour =
      app.add_option("--color", color, "Colour")->check(CLI::IsMember({"auto", "never"}));
  CLI::Option* plain = app.add_option("--text", text, "Text");
  CLI::Option* recent = app.add_option("--recent", days, "Days")->type_name("DAYS");
  CLI::Option* on = app.add_flag("--on", flag, "A flag");
  EXPECT_EQ(OptionArgumentName(*limit), "N");
  EXPECT_EQ(OptionArgumentName(*colour), "auto|never");
  EXPECT_EQ(OptionArgumentName(*plain), "TEXT");
  EXPECT_EQ(OptionArgumentName(*recent), "DAYS");
  EXPECT_EQ(OptionArgumentName(*on), "");
  const std::string help = app.help();
  EXPECT_NE(help.find("-n,--limit N"), std::string::npos) << help;
  EXPECT_NE(help.find("Hits (default: 10)"), std::string::npos) << help;
  EXPECT_NE(help.find("Colour (default: auto)"), std::string::npos) << help;
  EXPECT_NE(help.find("--text TEXT"), std::string::npos) << help;
  EXPECT_EQ(help.find("Text (default"), std::string::npos) << help;  // "" is no default
  EXPECT_EQ(help.find("INT in"), std::string::npos) << help;
}

TEST(NumbersTest, ThousandsSizesAndPlurals) {
  EXPECT_EQ(Thousands(0), "0");
  EXPECT_EQ(Thousands(1234567), "1,234,567");
  EXPECT_EQ(FormatBytes(812), "812 B");
  EXPECT_EQ(FormatBytes(12345), "12.3 kB");
  EXPECT_EQ(FormatBytes(4500000), "4.5 MB");
  EXPECT_EQ(FormatBytes(1200000000), "1.20 GB");
  EXPECT_EQ(Count(1, "file", "files"), "1 file");
  EXPECT_EQ(Count(0, "file", "files"), "0 files");
  EXPECT_EQ(Count(2000, "shard", "shards"), "2,000 shards");
}

}  // namespace
}  // namespace byline
