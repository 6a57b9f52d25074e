#include "pdf/PodofoSupport.h"

#include <mutex>

namespace kc::pdf {

std::string describe(const PoDoFo::PdfError& error) {
    std::string message = "PoDoFo: ";
    const char* name = PoDoFo::PdfError::ErrorName(error.GetError());
    message += name ? name : "unknown error";
    for (const auto& info : error.GetCallstack()) {
        if (!info.GetInformation().empty()) {
            message += ": " + info.GetInformation();
            break;
        }
    }
    return message;
}

void quietPodofo() {
    static std::once_flag once;
    std::call_once(once, [] {
        PoDoFo::PdfError::EnableDebug(false);
        PoDoFo::PdfError::EnableLogging(false);
        // Creates PoDoFo's lazily built global encoding once, before threads may race for it.
        PoDoFo::PdfEncodingFactory::GlobalIdentityEncodingInstance();
    });
}

}  // namespace kc::pdf
