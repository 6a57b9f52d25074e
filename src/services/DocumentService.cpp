#include "services/DocumentService.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <map>

#include "core/Sha256.h"
#include "report/AppraisalSheetLayout.h"
#include "report/Manifest.h"
#include "report/VietnameseFormat.h"
#include "services/CriteriaJson.h"
#include "services/DocumentJson.h"
#include "services/DocumentSources.h"
#include "services/TemplatesJson.h"

namespace kc {

namespace {

const char* kNotOffice = "Chỉ văn phòng (Phòng Nội vụ) và quản trị viên lập và ký văn bản";

bool isOffice(const Actor& a) {
    return a.role == Role::Admin || a.role == Role::Clerk;
}

std::string documentReason(DocumentKind k) {
    switch (k) {
        case DocumentKind::AppraisalSheet:
            return "Phiếu thẩm định do hệ thống Kiểm Chứng lập";
        case DocumentKind::DecisionDraft:
            return "Dự thảo quyết định do hệ thống Kiểm Chứng lập";
        case DocumentKind::AnnualReport:
            return "Báo cáo do hệ thống Kiểm Chứng lập";
    }
    return "";
}

// Compares the files a manifest cites with the evidence stored now; for a unit actor only
// those cited for its own unit, and only against its own evidence (DocumentService::verify).
ManifestCheck checkManifest(Transaction& tx, ContentStore& content, const std::string& text,
                            const Actor& actor) {
    const std::optional<std::string> onlyUnit =
        actor.role == Role::Unit ? std::optional(actor.unitCode.value_or("")) : std::nullopt;
    ManifestCheck check;
    Poco::JSON::Object::Ptr root;
    try {
        auto parsed = Poco::JSON::Parser().parse(text);
        if (parsed.type() == typeid(Poco::JSON::Object::Ptr))
            root = parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
        check.problems.push_back({"manifest.json", "Không đọc được: " + e.displayText()});
        return check;
    }
    auto units = root ? root->getArray("units") : nullptr;
    if (!units) {
        check.problems.push_back({"manifest.json", "Thiếu danh sách đơn vị (units)"});
        return check;
    }
    try {
        for (std::size_t u = 0; u < units->size(); ++u) {
            auto unit = units->getObject(static_cast<unsigned>(u));
            ++check.units;
            const std::string unitCode = unit->getValue<std::string>("code");
            auto items = unit->getArray("items");
            for (std::size_t i = 0; items && i < items->size(); ++i) {
                auto files = items->getObject(static_cast<unsigned>(i))->getArray("evidence");
                for (std::size_t f = 0; files && f < files->size(); ++f) {
                    auto file = files->getObject(static_cast<unsigned>(f));
                    ++check.files;
                    if (onlyUnit && unitCode != *onlyUnit) {
                        ++check.notChecked;
                        continue;
                    }
                    const Id id = file->getValue<Id>("id");
                    const std::string at = "MC" + std::to_string(id);
                    auto stored = tx.evidence().find(id);
                    if (onlyUnit && (!stored || stored->unitCode != *onlyUnit)) {
                        check.problems.push_back({at, "Không có trong hồ sơ của đơn vị"});
                        continue;
                    }
                    if (!stored) {
                        check.problems.push_back({at, "Không còn trong hệ thống"});
                        continue;
                    }
                    if (stored->sha256 != file->getValue<std::string>("sha256") ||
                        stored->size != file->getValue<std::uint64_t>("size"))
                        check.problems.push_back({at, "Nội dung lưu trữ khác với danh mục"});
                    else if (!content.open(stored->sha256).ok())
                        check.problems.push_back({at, "Tệp không còn trong kho lưu trữ"});
                    if (stored->fileName != file->getValue<std::string>("file_name"))
                        check.problems.push_back({at, "Tên tệp khác: " + stored->fileName});
                    if (stored->unitCode != unitCode)
                        check.problems.push_back({at, "Thuộc đơn vị khác: " + stored->unitCode});
                    if (stored->withdrawn())
                        check.problems.push_back({at, "Đơn vị đã rút tài liệu này"});
                }
            }
        }
    } catch (const Poco::Exception& e) {
        check.problems.push_back({"manifest.json", "Sai cấu trúc: " + e.displayText()});
    }
    check.matches = check.problems.empty();
    return check;
}

// Ok when doc may get the approver's signature; Conflict when it carries it already (it is
// an approved copy) or another document carries it over doc.
Status mayApprove(Transaction& tx, const OfficialDocument& doc) {
    const std::string name = "Văn bản #" + std::to_string(doc.id);
    if (doc.previousId || doc.signatureCount >= 2)
        return Error::conflict(name + " đã có chữ ký phê duyệt");
    for (const OfficialDocument& d : tx.documents().list(doc.year))
        if (d.previousId == doc.id)
            return Error::conflict(name +
                                   " đã được ký phê duyệt: bản có chữ ký phê duyệt là văn bản #" +
                                   std::to_string(d.id));
    return Ok{};
}

}  // namespace

Status DocumentService::mayRead(const Actor& actor, const OfficialDocument& doc) const {
    if (actor.role != Role::Unit)
        return Ok{};
    if (doc.kind == DocumentKind::AppraisalSheet && doc.unitCode == actor.unitCode)
        return Ok{};
    return Error::forbidden("Đơn vị chỉ xem được phiếu thẩm định của mình");
}

Result<std::string> DocumentService::render(const Actor& actor, int year,
                                            const DocumentRequest& req, OfficialDocument& doc,
                                            std::string& manifest) {
    auto templates = loadTemplates(_settings.templatesDir);
    if (!templates.ok())
        return templates.takeError();
    report::DocumentFacts facts{req.number, req.date.value_or(_clock.now()), req.draft};
    const std::string evidenceUrl = _settings.publicUrl + "/api/v1/evidence/";
    auto built = _store.read([&](Transaction& tx) -> Result<pdf::PdfDocumentBuilder> {
        if (!tx.directory().findPeriod(year))
            return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
        switch (req.kind) {
            case DocumentKind::AppraisalSheet: {
                auto sheet = loadAppraisalSheet(tx, year, *req.unitCode, evidenceUrl);
                if (!sheet.ok())
                    return sheet.takeError();
                manifest = report::manifestJson("appraisal_sheet", year, _clock.now(), {*sheet});
                doc.unitCode = sheet->unitCode;
                doc.title = report::fillPlaceholders(templates->appraisalSheet.common.subject, year,
                                                     sheet->unitName, sheet->unitTypeName);
                return report::layoutAppraisalSheet(*sheet, *templates, facts, manifest);
            }
            default:
                return buildResultsDocument(tx, year, req, *templates, facts, evidenceUrl, doc,
                                            manifest);
        }
    });
    if (!built.ok())
        return built.takeError();
    auto rendered = built->render();
    if (!rendered.ok())
        return rendered.takeError();
    doc.year = year;
    doc.kind = req.kind;
    doc.number = req.number;
    doc.documentDate = facts.date;
    doc.draft = req.draft;
    doc.manifestSha256 = manifest.empty() ? "" : Sha256::hex(manifest);
    (void)actor;
    return std::move(rendered->bytes);
}

Result<OfficialDocument> DocumentService::generate(const Actor& actor, int year,
                                                   const DocumentRequest& req) {
    if (!isOffice(actor))
        return Error::forbidden(kNotOffice);
    std::vector<ErrorDetail> problems;
    if (req.kind == DocumentKind::AppraisalSheet && !req.unitCode)
        problems.push_back({"$.unit", "Phiếu thẩm định cần mã đơn vị"});
    if (req.number && (*req.number < 1 || *req.number > 99999))
        problems.push_back({"$.number", "Số văn bản phải từ 1 đến 99999"});
    if (!problems.empty())
        return Error::invalid("Yêu cầu lập văn bản không hợp lệ", std::move(problems));
    if (!_signers.organisation)
        return Error::notFound("Chưa có khóa ký của cơ quan: " + _signers.organisationProblem);

    OfficialDocument doc;
    std::string manifest;
    auto bytes = render(actor, year, req, doc, manifest);
    if (!bytes.ok())
        return bytes.takeError();
    auto templates = loadTemplates(_settings.templatesDir);
    if (!templates.ok())
        return templates.takeError();
    report::SignatureSpec spec{documentReason(req.kind), templates->organisation.signingLocation,
                               true, _clock.now(), ""};
    if (req.number) {
        const std::string& code =
            req.kind == DocumentKind::DecisionDraft  ? templates->decision.common.numberCode
            : req.kind == DocumentKind::AnnualReport ? templates->report.common.numberCode
                                                     : templates->appraisalSheet.common.numberCode;
        spec.reference = report::documentReference(*req.number, code);
    }
    auto signedBytes = _signers.organisation->sign(*bytes, spec);
    if (!signedBytes.ok())
        return signedBytes.takeError();
    doc.signatureCount = 1;
    doc.signedBy = _signers.organisation->signerName();
    return store(actor, "document.generate", std::move(doc), *signedBytes);
}

Result<OfficialDocument> DocumentService::signOnTop(const Actor& actor, Id id) {
    if (!isOffice(actor))
        return Error::forbidden(kNotOffice);
    auto found = get(actor, id);
    if (!found.ok())
        return found.takeError();
    // Checked before signing, so that a refused request costs no signature and stores no file.
    KC_TRY(_store.read([&](Transaction& tx) { return mayApprove(tx, *found); }));
    if (!_signers.approver)
        return Error::notFound("Chưa có khóa ký của người phê duyệt: " + _signers.approverProblem);
    auto opened = _content.open(found->sha256);
    if (!opened.ok())
        return opened.takeError();
    std::string bytes((std::istreambuf_iterator<char>(**opened)), {});
    auto templates = loadTemplates(_settings.templatesDir);
    const std::string location = templates.ok() ? templates->organisation.signingLocation : "";
    auto signedBytes = _signers.approver->sign(
        bytes, report::SignatureSpec{"Phê duyệt", location, false, _clock.now(), ""});
    if (!signedBytes.ok())
        return signedBytes.takeError();
    OfficialDocument doc = *found;
    doc.previousId = found->id;
    doc.signatureCount = found->signatureCount + 1;
    doc.signedBy = _signers.approver->signerName();
    const OfficialDocument& signedOver = *found;
    return store(actor, "document.sign", std::move(doc), *signedBytes,
                 [&](Transaction& tx) { return mayApprove(tx, signedOver); });
}

Result<OfficialDocument> DocumentService::store(const Actor& actor, const std::string& action,
                                                OfficialDocument doc, const std::string& bytes,
                                                const std::function<Status(Transaction&)>& check) {
    auto writer = _content.begin(bytes.size());
    KC_TRY(writer->write(bytes.data(), bytes.size()));
    auto stored = writer->commit();
    if (!stored.ok())
        return stored.takeError();
    doc.sha256 = stored->sha256;
    doc.size = stored->size;
    doc.createdBy = actor.username;
    return _store.write([&](Transaction& tx) -> Result<OfficialDocument> {
        if (check)
            KC_TRY(check(tx));
        doc.createdAt = _clock.now();
        tx.evidence().ensureBlob(
            BlobRecord{stored->sha256, stored->size, stored->mediaType, doc.createdAt});
        doc.id = tx.documents().insert(doc);
        _audit.record(tx, actor.username, action, "document", std::to_string(doc.id), nullptr,
                      json::of(doc));
        return doc;
    });
}

Result<std::vector<OfficialDocument>> DocumentService::list(const Actor& actor, int year) {
    return _store.read([&](Transaction& tx) -> Result<std::vector<OfficialDocument>> {
        if (!tx.directory().findPeriod(year))
            return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
        std::vector<OfficialDocument> out;
        for (OfficialDocument& d : tx.documents().list(year))
            if (mayRead(actor, d).ok())
                out.push_back(std::move(d));
        return out;
    });
}

Result<OfficialDocument> DocumentService::get(const Actor& actor, Id id) {
    return _store.read([&](Transaction& tx) -> Result<OfficialDocument> {
        auto d = tx.documents().find(id);
        if (!d)
            return Error::notFound("Không tìm thấy văn bản " + std::to_string(id));
        KC_TRY(mayRead(actor, *d));
        return *d;
    });
}

Result<DocumentContent> DocumentService::content(const Actor& actor, Id id) {
    auto d = get(actor, id);
    if (!d.ok())
        return d.takeError();
    auto stream = _content.open(d->sha256);
    if (!stream.ok())
        return stream.takeError();
    return DocumentContent{std::move(d).value(), std::move(stream).value()};
}

Result<PdfVerification> DocumentService::verify(const Actor& actor, std::string_view pdf) {
    auto inspected = report::inspectPdf(pdf);
    if (!inspected.ok())
        return inspected.takeError();
    const std::string sha = Sha256::hex(pdf);
    return _store.read([&](Transaction& tx) -> Result<PdfVerification> {
        PdfVerification v;
        v.signatures = inspected->signatures;
        if (inspected->manifest)
            v.manifest = checkManifest(tx, _content, *inspected->manifest, actor);
        auto stored = tx.documents().findBySha256(sha);
        if (!stored.empty())
            v.stored = stored.front();
        return v;
    });
}

}  // namespace kc
