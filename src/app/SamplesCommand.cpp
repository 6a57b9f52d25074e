#include "app/SamplesCommand.h"

#include <filesystem>
#include <fstream>
#include <ostream>
#include <random>
#include <sstream>

#include "app/DemoData.h"
#include "app/DemoScores.h"
#include "app/SigningKeys.h"
#include "services/DocumentSources.h"

namespace kc {

namespace {

namespace fs = std::filesystem;

bool uploadEvidence(Kernel& k, const std::string& unit, const std::string& sub,
                    const std::string& name, std::ostream& out) {
    const Actor actor{0, "demo-" + unit, Role::Unit, unit};
    auto w = k.content().begin(1 << 20);
    const std::string bytes = "%PDF-1.4\n% " + name + " (" + unit + ", " + sub + ")\n";
    if (!w->write(bytes.data(), bytes.size()).ok())
        return false;
    auto stored = w->commit();
    EvidenceMetadata meta;
    meta.docNumber = "97/KH-UBND";
    auto r = k.evidence().upload(actor, 2022, unit, sub, {{stored.value(), name}}, meta);
    if (!r.ok())
        out << "samples: upload " << unit << " " << sub << ": " << r.error().message << "\n";
    return r.ok();
}

bool write(Kernel& k, const Result<OfficialDocument>& doc, const fs::path& path,
           std::ostream& out) {
    if (!doc.ok()) {
        out << "samples: " << path.filename().string() << ": " << doc.error().message << "\n";
        for (const auto& d : doc.error().details) out << "  " << d.path << ": " << d.message << "\n";
        return false;
    }
    auto content = k.documents().content(Kernel::systemActor(), doc->id);
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << content->stream->rdbuf();
    out << "samples: wrote " << path.string() << " (" << doc->size << " bytes, "
        << doc->signatureCount << " signature(s))\n";
    return true;
}

}  // namespace

int runSamples(const Config& config, const std::vector<std::string>& args, std::ostream& out) {
    fs::path target;
    std::string criteria = "config/demo/criteria-2022-huyen.json";
    for (std::size_t i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == "--out")
            target = args[i + 1];
        else if (args[i] == "--criteria")
            criteria = args[i + 1];
    }
    if (target.empty()) {
        out << "samples needs --out DIR\n";
        return 2;
    }
    fs::create_directories(target);
    std::random_device rd;
    const fs::path scratch = fs::temp_directory_path() / ("kc-samples-" + std::to_string(rd()));
    struct Cleanup {
        fs::path p;
        ~Cleanup() {
            std::error_code ec;
            fs::remove_all(p, ec);
        }
    } cleanup{scratch};

    Config c = config;
    c.storageDir = (scratch / "storage").string();
    c.databasePath = (scratch / "storage/kiemchung.db").string();
    c.signingPkcs12.clear();
    c.approverPkcs12.clear();
    c.signingPassword = c.approverPassword = "kiemchung-demo";
    c.pbkdf2Iterations = 1000;
    std::ostringstream quiet;
    if (!ensureDemoKeys(c, quiet).ok())
        return 1;
    ManualClock clock(*parseIso("2022-12-01T08:00:00Z"));
    Kernel demo(c, clock);
    if (!loadDemoData(demo, criteria, quiet)) {
        out << quiet.str();
        return 1;
    }
    const char* subs[] = {"1.1.1", "1.1.2", "1.2.1", "2.1.1"};
    for (int i = 1; i <= 17; ++i) {
        const std::string unit = (i < 10 ? "XA0" : "XA") + std::to_string(i);
        if (unit == "XA02" || unit == "XA16")
            continue;  // units that uploaded nothing (XA16 is also left unscored by the demo)
        for (int s = 0; s < (unit == "XA01" ? 4 : 1); ++s)
            if (!uploadEvidence(demo, unit, subs[s],
                                s == 0 ? "Kế hoạch CCHC năm 2022.pdf" : "Báo cáo kết quả " + std::string(subs[s]) + ".pdf",
                                out))
                return 1;
    }
    // The demo's scores (2021 and 2022, survey points, SIPAS), through the same loader as
    // `kiemchung demo`, so the samples show what ./run.sh serves.
    if (!loadDemoScores(demo, criteria, quiet)) {
        out << quiet.str();
        return 1;
    }

    clock.set(*parseIso("2023-02-02T03:00:00Z"));
    const Actor office = Kernel::systemActor();
    DocumentRequest sheet;
    sheet.unitCode = "XA01";
    sheet.number = 12;
    bool ok = write(demo, demo.documents().generate(office, 2022, sheet),
                    target / "appraisal-sheet-XA01.pdf", out);
    DocumentRequest decision;
    decision.kind = DocumentKind::DecisionDraft;
    auto drafted = demo.documents().generate(office, 2022, decision);
    ok = ok && drafted.ok() &&
         write(demo, demo.documents().signOnTop(office, drafted->id),
               target / "decision-draft-2022.pdf", out);
    DocumentRequest report;
    report.kind = DocumentKind::AnnualReport;
    report.number = 15;
    report.assessmentText =
        "Các cơ quan, đơn vị đã quan tâm chỉ đạo công tác cải cách hành chính; tài liệu kiểm "
        "chứng được cung cấp đầy đủ hơn so với năm trước.\n\nMột số đơn vị còn chậm tự đánh "
        "giá, chấm điểm; chất lượng giải trình chưa cao.";
    report.directionsText =
        "Tiếp tục nâng cao chất lượng tài liệu kiểm chứng; khắc phục các tiêu chí bị trừ điểm "
        "trong năm 2022.";
    ok = ok && write(demo, demo.documents().generate(office, 2022, report),
                     target / "annual-report-2022.pdf", out);
    return ok ? 0 : 1;
}

}  // namespace kc
