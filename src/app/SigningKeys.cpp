#include "app/SigningKeys.h"

#include <filesystem>
#include <ostream>

#include "pdf/DemoCertificate.h"

namespace kc {

namespace {

namespace fs = std::filesystem;

bool insideStorage(const std::string& path, const std::string& storageDir) {
    const fs::path file = fs::weakly_canonical(fs::absolute(path));
    const fs::path root = fs::weakly_canonical(fs::absolute(storageDir));
    auto [r, f] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    return r == root.end();
}

Status ensureKey(const Config& c, const std::string& path, const std::string& password,
                 const pdf::DemoCertificateSpec& spec, const char* role, std::ostream& out) {
    if (fs::exists(path))
        return Ok{};
    if (!insideStorage(path, c.storageDir)) {
        out << "init: " << role << " signing key " << path
            << " is missing (configured outside storage/, so no demo key is made)\n";
        return Ok{};
    }
    const fs::path dir = fs::path(path).parent_path();
    if (!dir.empty()) {
        fs::create_directories(dir);
        fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
    }
    KC_TRY(pdf::DemoCertificate::writePkcs12(path, password, spec));
    out << "init: created a self-signed DEMO " << role << " signing key " << path
        << " (replace it with a CA-issued key for real documents)\n";
    return Ok{};
}

}  // namespace

Status ensureDemoKeys(const Config& c, std::ostream& out) {
    pdf::DemoCertificateSpec organisation;
    organisation.commonName = "Văn phòng HĐND và UBND huyện Bảo Yên (khóa thử nghiệm)";
    organisation.organization = "UBND huyện Bảo Yên";
    KC_TRY(ensureKey(c, c.organisationKeyPath(), c.signingPassword, organisation, "organisation", out));
    pdf::DemoCertificateSpec approver;
    approver.commonName = "Nguyễn Văn An (khóa thử nghiệm)";
    approver.organization = "UBND huyện Bảo Yên";
    approver.keyType = pdf::DemoKeyType::EcP256;
    return ensureKey(c, c.approverKeyPath(), c.approverPassword, approver, "approver", out);
}

}  // namespace kc
