#include "cna/git.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cna/error.hpp"
#include "cna/file.hpp"
#include "cna/init.hpp"

extern char** environ; // NOLINT: POSIX names it so

namespace fs = std::filesystem;

namespace cna {

GitRun run_git(const fs::path& dir, const std::vector<std::string>& args) {
  std::vector<std::string> argv_strings{"git", "-C", dir.string()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_strings)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  std::array<int, 2> pipe_fds{};
  if (::pipe2(pipe_fds.data(), O_CLOEXEC) != 0) return {127, "cannot make a pipe for git"};
  Fd read_end(pipe_fds[0]);
  Fd write_end(pipe_fds[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  write_end = Fd(-1); // only the child holds the write end now: EOF when git exits
  if (spawned != 0) return {127, fmt::format("cannot run git: {}", std::strerror(spawned))};
  GitRun run;
  std::array<char, 4096> buffer{};
  for (;;) {
    const ssize_t n = ::read(read_end.get(), buffer.data(), buffer.size());
    if (n > 0) {
      run.output.append(buffer.data(), static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

std::optional<fs::path> git_work_tree(const fs::path& dir) {
  GitRun run = run_git(dir, {"rev-parse", "--show-toplevel"});
  if (run.status != 0) return std::nullopt;
  while (!run.output.empty() && run.output.back() == '\n')
    run.output.pop_back();
  return fs::path(run.output);
}

std::optional<std::string> registered_merge_driver(const fs::path& dir) {
  GitRun run = run_git(dir, {"config", "--get", "merge.cna.driver"});
  if (run.status != 0) return std::nullopt;
  while (!run.output.empty() && run.output.back() == '\n')
    run.output.pop_back();
  return run.output;
}

void register_merge_driver(const fs::path& dir, const std::string& cna) {
  for (const auto& [key, value] : merge_driver_config(cna)) {
    const GitRun run = run_git(dir, {"config", "--local", key, value});
    if (run.status != 0) {
      throw Error(Exit::io,
                  fmt::format("git config {} failed in {}: {}", key, dir.string(), run.output));
    }
  }
}

} // namespace cna
