#include "app/KiemChungApp.h"

#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/Timer.h>
#include <Poco/Util/TimerTask.h>

#include <chrono>
#include <functional>
#include <iostream>
#include <map>

#include "app/BackupCommand.h"
#include "app/Commands.h"
#include "app/Config.h"
#include "app/ExportCommand.h"
#include "app/SamplesCommand.h"
#include "app/Kernel.h"

namespace kc {

namespace {

// Temporary files that a crash or a killed process left in storage/tmp/ are deleted once nothing
// has written to them for a day: when serve starts, then every hour. A live upload's files are
// never that old (a 2 GiB request over a 2 Mbit/s line takes under 3 hours); were one swept, its
// commit would fail with an error, never store a partial file. Each instance sweeps by age
// alone, so instances sharing one storage need not know about each other.
constexpr auto kTempMaxAge = std::chrono::hours(24);
constexpr long kSweepEveryMs = 60L * 60 * 1000;

class TempSweep final : public Poco::Util::TimerTask {
public:
    explicit TempSweep(const BlobStore& blobs) : _blobs(blobs) {}

    void run() override {
        const std::size_t removed = _blobs.removeStaleTemps(kTempMaxAge);
        if (removed > 0)
            Poco::Logger::get("kiemchung.storage")
                .notice("removed %z temporary file(s) older than a day from %s", removed,
                        (_blobs.root() / "tmp").string());
    }

private:
    const BlobStore& _blobs;
};

}  // namespace

int KiemChungApp::main(const std::vector<std::string>&) {
    std::string command = _args.empty() ? "serve" : _args.front();
    for (const auto& a : _args)
        if (a == "--help" || a == "-h") command = "help";
    if (command == "help") {
        std::cout << usage();
        return EXIT_OK;
    }
    auto config = Config::load(_configPath, Config::processEnvironment(), _configNamed);
    if (!config.ok()) {
        std::cerr << config.error().message << (config.error().details.empty() ? "\n" : ":\n");
        for (const auto& d : config.error().details) std::cerr << "  " << d.path << ": " << d.message << "\n";
        return EXIT_CONFIG;
    }
    // Standard error, each line with its UTC time, level and source: "2026-11-29T06:40:01Z
    // Information kiemchung.access: …" (Poco's default console channel writes the text alone).
    Poco::Logger::root().setChannel(new Poco::FormattingChannel(
        new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%SZ %p %s: %t"), new Poco::ConsoleChannel));
    Poco::Logger::root().setLevel(config->logLevel);
    if (!config->logRequests)  // the router's line per request (http/Router.cpp) is information
        Poco::Logger::get("kiemchung.access").setLevel(Poco::Message::PRIO_NOTICE);
    // Every command that works on the configured store, once: what is known, and what it runs.
    std::ostream& out = std::cout;
    const std::map<std::string, std::function<int(Kernel&)>> commands = {
        {"serve", [this](Kernel& k) { return serve(k); }},
        {"init", [&](Kernel& k) { return runInit(k, out); }},
        {"demo", [&](Kernel& k) { return runDemo(k, _args, out); }},
        {"import-criteria", [&](Kernel& k) { return runImportCriteria(k, _args, out); }},
        {"user", [&](Kernel& k) { return runUser(k, _args, readPasswordFromStdin, out); }},
        {"verify-audit", [&](Kernel& k) { return runVerifyAudit(k, _args, out); }},
        {"verify", [&](Kernel& k) { return runVerify(k, out); }},
        {"verify-pdf", [&](Kernel& k) { return runVerifyPdf(k, _args, out); }},
        {"export-evidence", [&](Kernel& k) { return runExportEvidence(k, _args, out); }},
        {"backup", [&](Kernel& k) { return runBackup(k, _args, out); }},
    };
    const auto run = commands.find(command);
    if (command != "samples" && run == commands.end()) {
        std::cerr << "unknown command '" << command << "'\n\n" << usage();
        return EXIT_USAGE;
    }
    SystemClock clock;
    try {
        // samples builds a throw-away store of its own; only init may create the configured one.
        if (command == "samples")
            return runSamples(config.value(), _args, out);
        if (command != "init") {
            if (std::string why = Kernel::missingStore(config.value()); !why.empty()) {
                std::cerr << "error: " << why << "\n";
                return 2;
            }
        }
        Kernel kernel(config.value(), clock);
        return run->second(kernel);
    } catch (const std::exception& e) {
        std::cerr << "fatal: " << e.what() << "\n";
        return EXIT_SOFTWARE;
    }
}

int KiemChungApp::serve(Kernel& kernel) {
    // Not fatal (documents are not everyone's first need), but said now rather than at the
    // first document generated.
    for (const std::string& problem : kernel.signingKeyProblems())
        Poco::Logger::get("kiemchung").warning(problem + "; documents cannot be signed with it");
    auto server = kernel.makeServer();
    Poco::Util::Timer sweeper;
    sweeper.schedule(new TempSweep(kernel.blobs()), 0, kSweepEveryMs);
    server->start();
    std::cout << "Kiểm Chứng listening on http://" << kernel.config().httpBind << ":" << server->port()
              << "/ (storage: " << kernel.config().storageDir << ")" << std::endl;
    waitForTerminationRequest();
    Poco::Logger& log = Poco::Logger::get("kiemchung");
    log.notice("stopping: no new connections; finishing the requests in progress");
    sweeper.cancel(true);
    server->stop();
    log.notice("stopped");
    return EXIT_OK;
}

}  // namespace kc
