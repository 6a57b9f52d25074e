#pragma once

// Internal to kc_pdf.

#include <string>
#include <vector>

#include "pdf/PodofoSupport.h"

namespace kc::pdf {

struct SignatureField {
    std::string name;  // the field's /T (UTF-8)
    PoDoFo::PdfObject* field = nullptr;
    PoDoFo::PdfObject* value = nullptr;  // the signature dictionary (/V); null when unsigned
};

// The AcroForm's fields as PoDoFo sees the latest revision. Not thread-safe.
class SignatureFields {
public:
    // Signature fields (/FT /Sig, inherited or not), walking /Kids, in document order.
    static std::vector<SignatureField> list(PoDoFo::PdfMemDocument& doc);

    // Follows a reference (or returns the object itself); null stays null.
    static PoDoFo::PdfObject* resolve(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfObject* object);
};

}  // namespace kc::pdf
