#include "pdf/PdfAttachments.h"

#include <podofo/podofo.h>

#include <cstdlib>
#include <memory>

#include "pdf/PodofoSupport.h"

namespace kc::pdf {

namespace {

PoDoFo::PdfObject* resolve(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfObject* o) {
    while (o && o->IsReference()) o = doc.GetObjects().GetObject(o->GetReference());
    return o;
}

}  // namespace

Result<std::optional<std::string>> PdfAttachments::read(std::string_view pdf,
                                                        const std::string& name) {
    quietPodofo();
    try {
        PoDoFo::PdfMemDocument doc;
        doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
        PoDoFo::PdfNamesTree* names = doc.GetNamesTree(false);
        if (!names)
            return std::optional<std::string>();
        PoDoFo::PdfObject* spec =
            resolve(doc, names->GetValue("EmbeddedFiles", PoDoFo::PdfString(name)));
        if (!spec || !spec->IsDictionary())
            return std::optional<std::string>();
        PoDoFo::PdfObject* ef = resolve(doc, spec->GetDictionary().GetKey("EF"));
        if (!ef || !ef->IsDictionary())
            return std::optional<std::string>();
        PoDoFo::PdfObject* file = resolve(doc, ef->GetDictionary().GetKey("F"));
        if (!file || !file->HasStream())
            return std::optional<std::string>();
        char* buffer = nullptr;
        PoDoFo::pdf_long length = 0;
        file->GetStream()->GetFilteredCopy(&buffer, &length);
        std::unique_ptr<char, decltype(&std::free)> owned(buffer, &std::free);
        return std::optional<std::string>(std::string(buffer, static_cast<std::size_t>(length)));
    } catch (const PoDoFo::PdfError& e) {
        return Error::invalid("Tệp không phải PDF đọc được (" + describe(e) + ")");
    }
}

}  // namespace kc::pdf
