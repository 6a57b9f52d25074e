#include "app/ExportCommand.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>

namespace kc {

int runExportEvidence(Kernel& k, const std::vector<std::string>& args, std::ostream& out) {
    std::map<std::string, std::string> f;
    for (std::size_t i = 1; i < args.size(); i += 2) {
        if (args[i].rfind("--", 0) != 0 || i + 1 >= args.size()) {
            out << "bad argument '" << args[i] << "' (expected --name value)\n";
            return 2;
        }
        f[args[i].substr(2)] = args[i + 1];
    }
    if (!f.count("year") || !f.count("out")) {
        out << "export-evidence needs --year YEAR --out FILE.zip [--unit CODE] [--round R]\n";
        return 2;
    }
    ExportRequest request;
    try {
        std::size_t used = 0;
        request.year = std::stoi(f["year"], &used);
        if (used != f["year"].size())
            throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
        out << "--year must be a number\n";
        return 2;
    }
    if (f.count("unit"))
        request.unitCode = f["unit"];
    if (f.count("round")) {
        request.round = parseRound(f["round"]);
        if (!request.round) {
            out << "--round must be self or supplement\n";
            return 2;
        }
    }
    auto plan = k.exports().plan(Kernel::systemActor(), request);
    if (!plan.ok()) {
        out << "error: " << plan.error().message << "\n";
        return 1;
    }
    const std::string target = f["out"];
    const std::string partial = target + ".part";
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    if (!file) {
        out << "cannot write " << partial << "\n";
        return 1;
    }
    std::uint64_t bytes = 0;
    Status written =
        k.exports().write(plan.value(), [&](const char* data, std::size_t n) -> Status {
            file.write(data, static_cast<std::streamsize>(n));
            bytes += n;
            if (!file)
                return Error{ErrorCode::Internal, "cannot write " + partial, {}};
            return Ok{};
        });
    file.close();
    if (!written.ok() || !file) {
        std::remove(partial.c_str());
        out << "error: " << (written.ok() ? "cannot write " + partial : written.error().message)
            << "\n";
        return 1;
    }
    std::filesystem::rename(partial, target);
    out << "exported " << plan->files.size() << " file(s), " << bytes << " bytes to " << target
        << "\n";
    return 0;
}

}  // namespace kc
