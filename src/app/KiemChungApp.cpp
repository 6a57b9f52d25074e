#include "app/KiemChungApp.h"

#include <Poco/Logger.h>

#include <iostream>

#include "app/Commands.h"
#include "app/Config.h"
#include "app/ExportCommand.h"
#include "app/SamplesCommand.h"
#include "app/Kernel.h"

namespace kc {

int KiemChungApp::main(const std::vector<std::string>&) {
    std::string command = _args.empty() ? "serve" : _args.front();
    for (const auto& a : _args)
        if (a == "--help" || a == "-h") command = "help";
    if (command == "help") {
        std::cout << usage();
        return EXIT_OK;
    }
    auto config = Config::load(_configPath, Config::processEnvironment());
    if (!config.ok()) {
        std::cerr << config.error().message << ":\n";
        for (const auto& d : config.error().details) std::cerr << "  " << d.path << ": " << d.message << "\n";
        return EXIT_CONFIG;
    }
    Poco::Logger::root().setLevel(config->logLevel);
    SystemClock clock;
    try {
        Kernel kernel(config.value(), clock);
        if (command == "serve") return serve(kernel);
        if (command == "init") return runInit(kernel, std::cout);
        if (command == "demo") return runDemo(kernel, _args, std::cout);
        if (command == "import-criteria") return runImportCriteria(kernel, _args, std::cout);
        if (command == "user") return runUser(kernel, _args, std::cout);
        if (command == "verify-audit") return runVerifyAudit(kernel, std::cout);
        if (command == "verify") return runVerify(kernel, std::cout);
        if (command == "samples") return runSamples(kernel, _args, std::cout);
        if (command == "verify-pdf") return runVerifyPdf(kernel, _args, std::cout);
        if (command == "export-evidence") return runExportEvidence(kernel, _args, std::cout);
        std::cerr << "unknown command '" << command << "'\n\n" << usage();
        return EXIT_USAGE;
    } catch (const std::exception& e) {
        std::cerr << "fatal: " << e.what() << "\n";
        return EXIT_SOFTWARE;
    }
}

int KiemChungApp::serve(Kernel& kernel) {
    auto server = kernel.makeServer();
    server->start();
    std::cout << "Kiểm Chứng listening on http://" << kernel.config().httpBind << ":" << server->port()
              << "/ (storage: " << kernel.config().storageDir << ")" << std::endl;
    waitForTerminationRequest();
    server->stop();
    return EXIT_OK;
}

}  // namespace kc
