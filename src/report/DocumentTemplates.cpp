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
    const SignerOverride& own = t.signer;
    if (!own.name) {  // the organisation's signer, with what the document changes
        SignerBlock s = org.signer;
        s.onBehalf = own.onBehalf.value_or(s.onBehalf);
        s.acting = own.acting.value_or(s.acting);
        s.title = own.title.value_or(s.title);
        return s;
    }
    // A signer of its own, as before field-by-field merging existed (templates written for
    // earlier versions print as they did), except that a deputy signing "KT." signs on behalf
    // of the body: the organisation's "TM." line unless the document gives its own.
    SignerBlock s{own.onBehalf.value_or(""), own.acting.value_or(""), own.title.value_or(""),
                  *own.name};
    if (!own.onBehalf && !s.acting.empty())
        s.onBehalf = org.signer.onBehalf;
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
