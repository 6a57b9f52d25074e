#include "domain/Document.h"

namespace kc {

namespace {

constexpr std::pair<DocumentKind, std::string_view> kNames[] = {
    {DocumentKind::AppraisalSheet, "appraisal_sheet"},
    {DocumentKind::DecisionDraft, "decision_draft"},
    {DocumentKind::AnnualReport, "annual_report"},
};

}  // namespace

std::string_view documentKindName(DocumentKind k) {
    for (const auto& [kind, name] : kNames)
        if (kind == k)
            return name;
    return "appraisal_sheet";
}

std::optional<DocumentKind> parseDocumentKind(std::string_view name) {
    for (const auto& [kind, n] : kNames)
        if (n == name)
            return kind;
    return std::nullopt;
}

}  // namespace kc
