#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kc::report {

// The signature block under a document (Decree 30): "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" /
// "PHÓ CHỦ TỊCH", then the name in bold. Empty lines are left out.
struct SignerBlock {
    std::string onBehalf;  // "TM. ỦY BAN NHÂN DÂN"; may be empty
    std::string acting;    // "KT. CHỦ TỊCH"; may be empty
    std::string title;     // "PHÓ CHỦ TỊCH"
    std::string name;      // "Nguyễn Văn An"
};

// A document's own signer fields (its template's "signer"); see signerOf. onBehalf and acting
// given empty leave their line out; title and name, when given, are never empty.
struct SignerOverride {
    std::optional<std::string> onBehalf;
    std::optional<std::string> acting;
    std::optional<std::string> title;
    std::optional<std::string> name;
};

// What every document of the organisation shares (templates/organisation.json).
struct OrganisationTemplate {
    std::string parentBody;   // "UBND TỈNH LÀO CAI"; may be empty
    std::string issuingBody;  // "ỦY BAN NHÂN DÂN HUYỆN BẢO YÊN"
    // The same as it reads inside a sentence: "Ủy ban nhân dân huyện Bảo Yên" (the appendix
    // line "Kèm theo Quyết định số … của …"); empty: issuingBody.
    std::string issuingBodyName;
    std::string place;        // "Bảo Yên", for "Bảo Yên, ngày 02 tháng 02 năm 2023"
    std::string signingLocation;  // "Bảo Yên, Lào Cai", written into each signature
    std::string archiveLine;      // "Lưu: VT, NV." (last "Nơi nhận" line)
    SignerBlock signer;
};

// The parts each document template has. Texts may hold {year}, {unit}, {unit_type}; other
// placeholders are refused when the templates are loaded.
struct CommonTemplate {
    std::string parentBody;    // overrides the organisation's when non-empty
    std::string issuingBody;   // overrides the organisation's when non-empty
    std::string numberCode;    // "QĐ-UBND": "Số: 07/QĐ-UBND"
    std::string documentType;  // "QUYẾT ĐỊNH"
    std::string subject;
    std::vector<std::string> recipients;  // "Nơi nhận:" lines before the archive line
    SignerOverride signer;                // laid over the organisation's signer
};

// templates/appraisal-sheet.json: the per-unit appraisal sheet.
struct AppraisalSheetTemplate {
    CommonTemplate common;
    std::vector<std::string> intro;  // paragraphs above the table
    std::string colCode, colName, colMax, colSelf, colStep1, colStep2, colEvidence;
    std::string totalLabel;  // "Tổng điểm"
    std::string noEvidence;  // "Không có minh chứng"
    std::string manifestNote;  // paragraph under the table about the attached manifest
};

// templates/decision.json: the approval-decision draft and its appendices.
struct DecisionTemplate {
    CommonTemplate common;
    std::string authority;                // "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BẢO YÊN"
    std::vector<std::string> legalBases;  // "Căn cứ …" lines, without the final ";" or "."
    std::string proposal;                 // "Xét đề nghị của …"
    std::vector<std::string> articles;    // "Điều 1. …", "Điều 2. …", "Điều 3. …"
    std::string appendixSubject;          // "Kết quả Chỉ số CCHC năm {year} của {unit_type}"
    std::string detailSubject;            // the appendix with every unit's sub-criteria
};

// templates/report.json: the annual report (DOMAIN.md §7).
struct ReportTemplate {
    CommonTemplate common;
    std::string overviewTitle, processTitle, resultsTitle, assessmentTitle, directionsTitle;
    std::vector<std::string> overview;  // section I paragraphs
    std::vector<std::string> process;   // section II paragraphs
};

struct DocumentTemplates {
    OrganisationTemplate organisation;
    AppraisalSheetTemplate appraisalSheet;
    DecisionTemplate decision;
    ReportTemplate report;
};

// Loaded from JSON files by services/TemplatesJson.h.

// The signer block of a document. Without a name of its own, the organisation's signer with the
// fields t gives replacing the organisation's. With a name, t's own block (absent lines empty),
// plus the organisation's onBehalf ("TM. ỦY BAN NHÂN DÂN") when t gives a non-empty acting
// ("KT. CHỦ TỊCH") and no onBehalf.
SignerBlock signerOf(const OrganisationTemplate& org, const CommonTemplate& t);

// Replaces {year}, {unit} and {unit_type} in text.
std::string fillPlaceholders(std::string text, int year, const std::string& unit = {},
                             const std::string& unitType = {});

}  // namespace kc::report
