#include "domain/Evidence.h"

#include "core/Text.h"

namespace kc {

std::string_view actionName(EvidenceAction a) {
    return a == EvidenceAction::Withdraw ? "withdraw" : "restore";
}

std::optional<EvidenceAction> parseAction(std::string_view name) {
    if (name == "withdraw")
        return EvidenceAction::Withdraw;
    if (name == "restore")
        return EvidenceAction::Restore;
    return std::nullopt;
}

bool EvidenceItem::withdrawn() const {
    return !events.empty() && events.back().action == EvidenceAction::Withdraw;
}

bool EvidenceItem::withdrawnAt(TimePoint t) const {
    bool out = false;
    for (const EvidenceEvent& e : events)
        if (e.at <= t)
            out = e.action == EvidenceAction::Withdraw;
    return out;
}

namespace {

constexpr std::size_t kMaxMetadataBytes = 1000;

// Cleans one optional text field into out; a problem is added to problems.
void cleanText(const char* field, std::optional<std::string>& value,
               std::vector<ErrorDetail>& problems) {
    if (!value)
        return;
    if (!text::isValidUtf8(*value)) {
        problems.push_back({field, "Không phải UTF-8"});
        return;
    }
    std::string clean = text::toNfc(text::trim(*value));
    if (text::hasControlCharacters(clean)) {
        problems.push_back({field, "Chứa ký tự điều khiển"});
        return;
    }
    if (clean.size() > kMaxMetadataBytes) {
        problems.push_back({field, "Dài quá " + std::to_string(kMaxMetadataBytes) + " byte"});
        return;
    }
    value = clean.empty() ? std::nullopt : std::optional<std::string>(clean);
}

}  // namespace

Result<EvidenceMetadata> cleanEvidenceMetadata(EvidenceMetadata m) {
    std::vector<ErrorDetail> problems;
    cleanText("doc_number", m.docNumber, problems);
    cleanText("issue_date", m.issueDate, problems);
    cleanText("issuer", m.issuer, problems);
    cleanText("page_ref", m.pageRef, problems);
    cleanText("note", m.note, problems);
    if (m.issueDate && (m.issueDate->size() != 10 || !parseIso(*m.issueDate)))
        problems.push_back({"issue_date", "Ngày phải theo dạng YYYY-MM-DD"});
    if (!problems.empty())
        return Error::invalid("Thông tin tài liệu không hợp lệ", problems);
    return m;
}

Result<std::string> cleanFileName(std::string_view raw) {
    auto bad = [](std::string message) {
        return Error::invalid("Tên tệp không hợp lệ", {{"file_name", std::move(message)}});
    };
    if (!text::isValidUtf8(raw))
        return bad("Tên tệp không phải UTF-8");
    std::size_t slash = raw.find_last_of("/\\");
    if (slash != std::string_view::npos)
        raw.remove_prefix(slash + 1);
    std::string name = text::toNfc(text::trim(raw));
    if (name.empty() || name == "." || name == "..")
        return bad("Tên tệp trống");
    if (name.size() > 255)
        return bad("Tên tệp dài quá 255 byte");
    // C0 controls, DEL and C1 controls: no archive takes them, and they print as nothing.
    if (text::hasNameControlCharacters(name))
        return bad("Tên tệp chứa ký tự điều khiển");
    // Direction overrides and isolates (U+202A-U+202E, U+2066-U+2069) can show "fdp.exe" as
    // "exe.pdf" to whoever opens the file.
    for (std::size_t i = 0; i + 2 < name.size(); ++i) {
        const auto b1 = static_cast<unsigned char>(name[i + 1]);
        const auto b2 = static_cast<unsigned char>(name[i + 2]);
        if (static_cast<unsigned char>(name[i]) == 0xE2 &&
            ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)))
            return bad(
                "Tên tệp chứa ký tự điều khiển chiều viết (có thể làm hiển thị sai phần đuôi tệp)");
    }
    return name;
}

}  // namespace kc
