#include "report/DocumentTemplates.h"

namespace kc::report {

namespace {

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

}  // namespace

SignerBlock signerOf(const OrganisationTemplate& org, const CommonTemplate& t) {
    SignerBlock s = org.signer;
    s.onBehalf = t.signer.onBehalf.value_or(s.onBehalf);
    s.acting = t.signer.acting.value_or(s.acting);
    s.title = t.signer.title.value_or(s.title);
    s.name = t.signer.name.value_or(s.name);
    return s;
}

std::string fillPlaceholders(std::string text, int year, const std::string& unit,
                             const std::string& unitType) {
    replaceAll(text, "{year}", std::to_string(year));
    replaceAll(text, "{unit}", unit);
    replaceAll(text, "{unit_type}", unitType);
    return text;
}

}  // namespace kc::report
