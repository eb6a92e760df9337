// Runs the real `byline` binary: see process.h.
#include "process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

#include "testutil.h"

namespace byline::test {

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

RunResult Byline(const std::vector<std::string>& args, const std::string& env) {
  static TempDir io;
  // A developer's own $BYLINE_SUGGEST would change what searches print.
  std::string cmd =
      "unset BYLINE_SUGGEST; " + env + (env.empty() ? "" : " ") + Quote(BYLINE_BINARY);
  for (const auto& a : args) cmd += " " + Quote(a);
  cmd += " >" + Quote((io.path() / "out").string()) + " 2>" + Quote((io.path() / "err").string()) +
         " </dev/null";
  int status = std::system(cmd.c_str());
  RunResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(io.path() / "out");
  r.err = Slurp(io.path() / "err");
  return r;
}

std::vector<nlohmann::json> JsonLines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line))
    lines.push_back(nlohmann::json::parse(line));  // throws if not JSON
  return lines;
}

pid_t Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env,
            const std::string& err_file) {
  std::vector<std::string> all = {BYLINE_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> envs = env;
  for (char** e = environ; *e; ++e) {
    if (std::string_view(*e).rfind("BYLINE_SUGGEST=", 0) != 0)
      envs.emplace_back(*e);  // as Byline()
  }
  std::vector<char*> envp;
  for (auto& e : envs) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  if (err_file.empty()) {
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  } else {
    posix_spawn_file_actions_addopen(&fa, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  pid_t pid = -1;
  posix_spawn(&pid, BYLINE_BINARY, &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

bool Running(pid_t pid) { return waitpid(pid, nullptr, WNOHANG) == 0; }

}  // namespace byline::test
