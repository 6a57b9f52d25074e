#include "pdf/SignatureFields.h"

#include <functional>

namespace kc::pdf {

namespace {

std::string fieldName(PoDoFo::PdfObject* field) {
    const PoDoFo::PdfObject* t = field->GetDictionary().GetKey("T");
    return t && (t->IsString() || t->IsHexString()) ? t->GetString().GetStringUtf8()
                                                    : std::string();
}

PoDoFo::PdfArray* fieldsArray(PoDoFo::PdfMemDocument& doc) {
    PoDoFo::PdfObject* form =
        SignatureFields::resolve(doc, doc.GetCatalog()->GetDictionary().GetKey("AcroForm"));
    if (!form || !form->IsDictionary())
        return nullptr;
    PoDoFo::PdfObject* fields =
        SignatureFields::resolve(doc, form->GetDictionary().GetKey("Fields"));
    return fields && fields->IsArray() ? &fields->GetArray() : nullptr;
}

}  // namespace

PoDoFo::PdfObject* SignatureFields::resolve(PoDoFo::PdfMemDocument& doc,
                                            PoDoFo::PdfObject* object) {
    if (object && object->IsReference())
        return doc.GetObjects().GetObject(object->GetReference());
    return object;
}

std::vector<SignatureField> SignatureFields::list(PoDoFo::PdfMemDocument& doc) {
    std::vector<SignatureField> found;
    PoDoFo::PdfArray* fields = fieldsArray(doc);
    if (!fields)
        return found;
    // Depth-first, with the inheritable /FT and the dotted name carried down (depth-limited
    // against reference cycles in hostile files).
    std::function<void(PoDoFo::PdfObject*, std::string, std::string, int)> visit =
        [&](PoDoFo::PdfObject* node, std::string type, std::string prefix, int depth) {
            node = resolve(doc, node);
            if (!node || !node->IsDictionary() || depth > 32)
                return;
            PoDoFo::PdfDictionary& dict = node->GetDictionary();
            if (const PoDoFo::PdfObject* ft = dict.GetKey("FT"); ft && ft->IsName())
                type = ft->GetName().GetName();
            const std::string own = fieldName(node);
            const std::string name =
                prefix.empty() ? own : (own.empty() ? prefix : prefix + "." + own);
            // Kids without /T are the field's widget annotations, not sub-fields.
            PoDoFo::PdfObject* kids = resolve(doc, dict.GetKey("Kids"));
            bool hasSubFields = false;
            if (kids && kids->IsArray()) {
                for (PoDoFo::PdfObject& kid : kids->GetArray()) {
                    PoDoFo::PdfObject* k = resolve(doc, &kid);
                    hasSubFields =
                        hasSubFields || (k && k->IsDictionary() && k->GetDictionary().HasKey("T"));
                }
            }
            if (hasSubFields) {
                for (PoDoFo::PdfObject& kid : kids->GetArray()) visit(&kid, type, name, depth + 1);
                return;
            }
            if (type != "Sig")
                return;
            PoDoFo::PdfObject* value = resolve(doc, dict.GetKey("V"));
            found.push_back({name, node, value && value->IsDictionary() ? value : nullptr});
        };
    for (PoDoFo::PdfObject& field : *fields) visit(&field, "", "", 0);
    return found;
}

}  // namespace kc::pdf
