#include "app/Commands.h"

#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <thread>

#include "app/DemoData.h"
#include "app/DemoScores.h"
#include "app/SigningKeys.h"
#include "report/VietnameseFormat.h"

namespace kc {

namespace {

// Parses "--key value" pairs; nullopt (after printing why) on anything else.
std::optional<std::map<std::string, std::string>> flags(const std::vector<std::string>& args,
                                                        std::size_t from, std::ostream& out) {
    std::map<std::string, std::string> f;
    for (std::size_t i = from; i < args.size(); i += 2) {
        if (args[i].rfind("--", 0) != 0 || i + 1 >= args.size()) {
            out << "bad argument '" << args[i] << "' (expected --name value)\n";
            return std::nullopt;
        }
        f[args[i].substr(2)] = args[i + 1];
    }
    return f;
}

int fail(std::ostream& out, const Error& e) {
    out << "error: " << e.message << "\n";
    for (const auto& d : e.details) out << "  " << d.path << ": " << d.message << "\n";
    return 1;
}

}  // namespace

std::string usage() {
    return "Usage: kiemchung [--config FILE] [COMMAND] [ARGS]\n"
           "\n"
           "Commands:\n"
           "  serve                     run the HTTP server (default)\n"
           "  init                      create or migrate the database and storage directory;\n"
           "                            create demo signing keys under storage/keys if missing\n"
           "  demo [--criteria FILE]    load the demo year 2022 and print its accounts\n"
           "  import-criteria FILE --year YEAR --unit-type CODE [--dry-run true]\n"
           "                            import a criteria set (JSON, docs/criteria-format.md)\n"
           "  user add --username U --role admin|clerk|reviewer|unit --password -|P\n"
           "           [--name \"Display name\"] [--unit UNIT_CODE]\n"
           "                            create an account; --password - reads the password\n"
           "                            from standard input (asked on a terminal), where\n"
           "                            other users cannot see it as they can with P in ps\n"
           "  verify-audit [--head ID:HASH]\n"
           "                            re-check the audit log's hash chain and print its head;\n"
           "                            with --head, that entry must be there unchanged (exit 1\n"
           "                            if broken or changed)\n"
           "  verify                    re-hash every stored file (evidence, documents); list\n"
           "                            missing, corrupt and orphan files (exit 1 if any)\n"
           "  export-evidence --year YEAR [--unit CODE] [--round self|supplement] --out FILE.zip\n"
           "                            export evidence files with manifest.csv/.json as a zip\n"
           "  backup DIR                copy the database and every stored file into DIR while\n"
           "                            the server runs; again into the same DIR copies only new\n"
           "                            files (exit 1 if a stored file is missing or corrupt)\n"
           "  verify-pdf FILE            check a PDF's signatures and its evidence manifest\n"
           "                            (exit 1 if a signature is invalid or the manifest "
           "differs)\n"
           "  samples --out DIR         write a sample of each document, generated from the demo\n"
           "                            data in a throw-away storage directory "
           "(docs/documents.md)\n"
           "  help                      this text\n"
           "\n"
           "Every command but init and help needs the database that init creates: a storage\n"
           "directory without one is refused (exit 2), never created.\n"
           "\n"
           "Configuration: config/kiemchung.properties, overridden by KC_* environment\n"
           "variables (docs/configuration.md).\n";
}

int runInit(Kernel& k, std::ostream& out) {
    // Constructing the kernel already created the directories and migrated the database.
    if (auto keys = ensureDemoKeys(k.config(), out); !keys.ok())
        return fail(out, keys.error());
    out << "init: storage " << k.config().storageDir << ", database " << k.config().databasePath
        << " ready\n";
    return 0;
}

int runDemo(Kernel& k, const std::vector<std::string>& args, std::ostream& out) {
    auto f = flags(args, 1, out);
    if (!f) return 2;
    std::string criteria = f->count("criteria") ? f->at("criteria") : "config/demo/criteria-2022-huyen.json";
    return loadDemoData(k, criteria, out) && loadDemoScores(k, criteria, out) ? 0 : 1;
}

int runImportCriteria(Kernel& k, const std::vector<std::string>& args, std::ostream& out) {
    if (args.size() < 2) {
        out << usage();
        return 2;
    }
    auto f = flags(args, 2, out);
    if (!f || !f->count("year") || !f->count("unit-type")) {
        out << "import-criteria needs FILE --year YEAR --unit-type CODE\n";
        return 2;
    }
    std::ifstream in(args[1], std::ios::binary);
    if (!in) {
        out << "cannot read " << args[1] << "\n";
        return 1;
    }
    std::stringstream doc;
    doc << in.rdbuf();
    CriteriaImport req;
    try {
        std::size_t used = 0;
        req.year = std::stoi(f->at("year"), &used);
        if (used != f->at("year").size()) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
        out << "--year must be a number\n";
        return 2;
    }
    req.unitTypeCode = f->at("unit-type");
    req.document = doc.str();
    req.dryRun = f->count("dry-run") && f->at("dry-run") == "true";
    auto r = k.criteria().importSet(Kernel::systemActor(), req);
    if (!r.ok()) return fail(out, r.error());
    out << (req.dryRun ? "valid (dry run): " : "imported criteria set #") << r->id << " version "
        << r->version << " for " << r->unitTypeCode << " " << r->year << "\n";
    return 0;
}

int runUser(Kernel& k, const std::vector<std::string>& args, const PasswordSource& stdinPassword,
            std::ostream& out) {
    if (args.size() < 2 || args[1] != "add") {
        out << usage();
        return 2;
    }
    auto f = flags(args, 2, out);
    if (!f || !f->count("username") || !f->count("role") || !f->count("password")) {
        out << "user add needs --username, --role and --password\n";
        return 2;
    }
    auto role = parseRole(f->at("role"));
    if (!role) {
        out << "--role must be admin, clerk, reviewer or unit\n";
        return 2;
    }
    NewUser u;
    u.username = f->at("username");
    u.displayName = f->count("name") ? f->at("name") : u.username;
    u.role = *role;
    if (f->count("unit")) u.unitCode = f->at("unit");
    if (f->at("password") != "-") {
        u.password = f->at("password");
    } else if (auto typed = stdinPassword()) {
        u.password = *typed;
    } else {
        out << "--password -: no password on standard input\n";
        return 2;
    }
    auto r = k.accounts().createUser(Kernel::systemActor(), u);
    if (!r.ok()) return fail(out, r.error());
    out << "created " << roleName(r->role) << " " << r->username << "\n";
    return 0;
}

std::optional<std::string> readPasswordFromStdin() {
    termios saved{};
    const bool terminal = ::isatty(STDIN_FILENO) == 1 && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        std::cerr << "Mật khẩu (password): " << std::flush;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::cerr << "\n";
    }
    if (!got)
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

int runVerifyAudit(Kernel& k, const std::vector<std::string>& args, std::ostream& out) {
    auto f = flags(args, 1, out);
    if (!f)
        return 2;
    std::optional<AuditHead> recorded;
    for (const auto& [name, value] : *f) {
        if (name != "head" || !(recorded = parseAuditHead(value))) {
            out << "verify-audit takes only --head ID:HASH (as a previous verify-audit printed "
                   "it)\n";
            return 2;
        }
    }
    auto v = k.audit().verify(recorded);
    if (!v.ok()) return fail(out, v.error());
    for (const auto& p : v->problems) out << p.path << ": " << p.message << "\n";
    out << v->entries << " audit entries checked, " << v->problems.size() << " problem(s)\n";
    if (v->head)
        out << "head " << formatAuditHead(*v->head) << "\n";
    if (recorded && v->problems.empty())
        out << "recorded head " << formatAuditHead(*recorded) << ": in the chain, unchanged\n";
    return v->problems.empty() ? 0 : 1;
}

int runVerify(Kernel& k, std::ostream& out) {
    auto expected = k.evidence().blobShas();
    if (!expected.ok())
        return fail(out, expected.error());
    // File times come from a coarse clock (a jiffy): a blob committed as the walk began counts
    // as committed during it.
    const auto walkStarted = std::chrono::system_clock::now() - std::chrono::milliseconds(10);
    const VerifyReport walked = k.blobs().verify(expected.value());
    // An upload's files are renamed into blobs/ before its row commits, after a flush of the
    // filesystem and a wait for the database's write lock: under load, seconds later. Files
    // not recorded yet that were committed in the last minutes are read again until recorded,
    // for up to kSettle; what is still unrecorded then is reported (a crash's leftover, or a
    // failed commit's).
    constexpr auto kSettle = std::chrono::seconds(12);
    const auto recentSince = walkStarted - std::chrono::minutes(2);
    const auto settleBy = std::chrono::steady_clock::now() + kSettle;
    VerifyReport report;
    for (;;) {
        auto recordedNow = k.evidence().blobShas();
        if (!recordedNow.ok())
            return fail(out, recordedNow.error());
        report = walked;
        if (k.blobs().settleOrphans(report, recordedNow.value(), walkStarted, recentSince) == 0 ||
            std::chrono::steady_clock::now() >= settleBy)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    auto list = [&](const char* title, const std::vector<std::string>& items) {
        out << title << ": " << items.size() << "\n";
        for (const auto& i : items) out << "  " << i << "\n";
    };
    list("missing", report.missing);
    list("corrupt", report.corrupt);
    list("orphan", report.orphans);
    if (!report.staleTemps.empty())
        list("stale temporary files (not an error)", report.staleTemps);
    if (!report.committing.empty())
        list("committed while this check ran, not yet recorded (not an error)",
             report.committing);
    out << expected->size() << " stored file(s) expected (evidence and documents); "
        << (report.ok() ? "all present and intact" : "PROBLEMS FOUND") << "\n";
    return report.ok() ? 0 : 1;
}

int runVerifyPdf(Kernel& k, const std::vector<std::string>& args, std::ostream& out) {
    if (args.size() != 2) {
        out << "verify-pdf needs FILE\n";
        return 2;
    }
    std::ifstream in(args[1], std::ios::binary);
    if (!in) {
        out << "cannot read " << args[1] << "\n";
        return 1;
    }
    std::stringstream bytes;
    bytes << in.rdbuf();
    auto v = k.documents().verify(Kernel::systemActor(), bytes.str());
    if (!v.ok())
        return fail(out, v.error());
    bool ok = !v->signatures.empty();
    if (v->signatures.empty())
        out << "no signatures\n";
    for (std::size_t i = 0; i < v->signatures.size(); ++i) {
        const report::SignatureCheck& c = v->signatures[i];
        ok = ok && c.valid;
        out << "signature " << i + 1 << " (" << c.fieldName << "): "
            << (c.valid ? "valid" : "INVALID: " + c.problem) << "\n"
            << "  covers whole document: " << (c.coversWholeDocument ? "yes" : "no (later revisions appended)")
            << "\n  signer: " << c.signerSubject
            << "\n  signing time: " << (c.signingTime ? report::isoVietnam(*c.signingTime) : "unknown")
            << "\n  certificate chain: not checked against a trust store\n";
    }
    if (!v->manifest) {
        out << "manifest: none embedded\n";
    } else {
        ok = ok && v->manifest->matches;
        out << "manifest: " << v->manifest->units << " unit(s), " << v->manifest->files
            << " file(s): " << (v->manifest->matches ? "matches the stored evidence" : "DIFFERS") << "\n";
        for (const auto& p : v->manifest->problems) out << "  " << p.path << ": " << p.message << "\n";
    }
    if (v->stored)
        out << "stored document #" << v->stored->id << " (" << documentKindName(v->stored->kind)
            << ", " << v->stored->year << ")\n";
    else
        out << "not a document stored on this server (bytes differ from every stored one)\n";
    return ok ? 0 : 1;
}

}  // namespace kc
