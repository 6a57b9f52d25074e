#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "app/Kernel.h"

namespace kc {

// Command-line subcommands other than `serve`. Each returns a process exit code (0 success,
// 1 failure, 2 bad usage) and writes human-readable output to out.
int runInit(Kernel& k, std::ostream& out);
int runDemo(Kernel& k, const std::vector<std::string>& args, std::ostream& out);
int runImportCriteria(Kernel& k, const std::vector<std::string>& args, std::ostream& out);
// `user add`. `--password -` takes the password from stdinPassword() instead (nullopt: none
// given), so that it does not show in `ps`; the binary passes readPasswordFromStdin.
using PasswordSource = std::function<std::optional<std::string>()>;
int runUser(Kernel& k, const std::vector<std::string>& args, const PasswordSource& stdinPassword,
            std::ostream& out);
// The first line of standard input without its line end (nullopt at end of input); on a
// terminal, asked for on stderr and typed without echo.
std::optional<std::string> readPasswordFromStdin();
// Re-checks the audit log's hash chain; prints each problem, the count and the head (the last
// entry, "head ID:HASH"). `--head ID:HASH` (a head printed earlier) must still be in the chain
// with that hash. Exit 0 when intact, 1 if not, 2 for bad usage.
int runVerifyAudit(Kernel& k, const std::vector<std::string>& args, std::ostream& out);
// Checks the evidence files: every SHA-256 the database records must have an intact blob, and
// every blob must be recorded. Prints the missing, corrupt and orphan lists (and stale
// temporary files and blobs committed while it ran, which are not failures: it may run beside a
// live server); exit 1 if any problem.
int runVerify(Kernel& k, std::ostream& out);

// Checks a PDF file: each signature (valid, covers the whole document, signer, time) and the
// embedded evidence manifest against the stored evidence. Exit 0 when every signature is valid
// and the manifest (if any) matches, 1 otherwise, 2 for bad usage.
int runVerifyPdf(Kernel& k, const std::vector<std::string>& args, std::ostream& out);

// The usage text of every command.
std::string usage();

}  // namespace kc
