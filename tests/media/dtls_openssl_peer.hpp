#pragma once
// The `openssl` command-line tool as an independent DTLS peer: a throwaway P-256 certificate in a
// temporary directory, child processes started with posix_spawn and killed by PID, their
// stdout collected through a pipe.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace plenum::media::dtls::testing {

class ChildProcess {
 public:
  // Starts `argv` with stdin from a pipe we keep open and stdout+stderr into a pipe.
  explicit ChildProcess(const std::vector<std::string>& argv) {
    int in[2];
    int out[2];
    if (pipe(in) != 0 || pipe(out) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, out[1], 2);
    posix_spawn_file_actions_addclose(&actions, in[1]);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int r = posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    stdin_ = in[1];
    stdout_ = out[0];
    if (r != 0) {
      pid_ = -1;
      throw std::runtime_error("posix_spawnp " + argv[0]);
    }
    fcntl(stdout_, F_SETFL, fcntl(stdout_, F_GETFL) | O_NONBLOCK);
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess() {
    stop();
    close(stdin_);
    close(stdout_);
  }

  int stdout_fd() const { return stdout_; }
  // Appends what is available on stdout to `buffer`.
  void read_available(std::string& buffer) const {
    char chunk[4096];
    while (true) {
      const ssize_t n = read(stdout_, chunk, sizeof(chunk));
      if (n <= 0) break;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
  }
  // Kills the child (by its PID only) and reaps it.
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  // Waits for a normal exit; returns the exit status.
  int wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
};

// Runs a command to completion and returns its output (stdout+stderr); throws on failure.
inline std::string run(const std::vector<std::string>& argv) {
  ChildProcess child(argv);
  fcntl(child.stdout_fd(), F_SETFL, fcntl(child.stdout_fd(), F_GETFL) & ~O_NONBLOCK);
  std::string output;
  char chunk[4096];
  ssize_t n = 0;
  while ((n = read(child.stdout_fd(), chunk, sizeof(chunk))) > 0)
    output.append(chunk, static_cast<std::size_t>(n));
  if (child.wait() != 0) throw std::runtime_error(argv[0] + " failed: " + output);
  return output;
}

// A temporary directory with a throwaway ECDSA P-256 certificate made by `openssl req`.
class OpensslIdentity {
 public:
  OpensslIdentity() {
    std::string pattern = (std::filesystem::temp_directory_path() / "plenum-dtls-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp");
    dir_ = pattern;
    run({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", key_path(), "-out", cert_path(), "-days", "1", "-subj", "/CN=openssl-peer"});
    // "sha256 Fingerprint=AB:CD:..." (OpenSSL 3.0's spelling of the hash name varies in case).
    const std::string line =
        run({"openssl", "x509", "-in", cert_path(), "-noout", "-fingerprint", "-sha256"});
    const auto eq = line.find('=');
    if (eq == std::string::npos) throw std::runtime_error("fingerprint: " + line);
    std::string hex = line.substr(eq + 1);
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
    sdp_fingerprint_ = "sha-256 " + hex;
  }
  OpensslIdentity(const OpensslIdentity&) = delete;
  OpensslIdentity& operator=(const OpensslIdentity&) = delete;
  ~OpensslIdentity() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::string key_path() const { return (dir_ / "key.pem").string(); }
  std::string cert_path() const { return (dir_ / "cert.pem").string(); }
  const std::string& sdp_fingerprint() const { return sdp_fingerprint_; }

 private:
  std::filesystem::path dir_;
  std::string sdp_fingerprint_;
};

} // namespace plenum::media::dtls::testing
