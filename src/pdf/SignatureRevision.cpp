#include "pdf/SignatureRevision.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>

#include "pdf/FontSet.h"
#include "pdf/IncrementalUpdate.h"
#include "pdf/PdfFailure.h"
#include "pdf/SignatureAppearance.h"

namespace kc::pdf {

namespace {

using PoDoFo::PdfObject;
using PoDoFo::PdfReference;

// Room for "0 b c d" with b, c and d up to 10 digits each.
constexpr std::size_t kByteRangeWidth = 1 + 3 * 11;
constexpr int kMaxTreeDepth = 64;

std::string text(const PoDoFo::PdfVariant& value) {
    return IncrementalUpdate::text(value);
}

std::string titleOf(const PdfObject& field) {
    const PdfObject* t = field.GetDictionary().GetKey("T");
    return t && (t->IsString() || t->IsHexString()) ? t->GetString().GetStringUtf8() : "";
}

struct FoundPage {
    std::unique_ptr<PdfObject> page;
    double heightPt = 0;
};

double mediaBoxHeight(const PdfObjectIndex& index, const PdfObject* box) {
    std::unique_ptr<PdfObject> resolved = index.resolve(box);
    if (!resolved || !resolved->IsArray() || resolved->GetArray().size() != 4)
        return 0;
    const PoDoFo::PdfArray& a = resolved->GetArray();
    auto number = [](const PdfObject& o) {
        return o.IsNumber() ? static_cast<double>(o.GetNumber()) : o.IsReal() ? o.GetReal() : 0;
    };
    return std::abs(number(a[3]) - number(a[1]));
}

// The pageIndex-th page (0-based) of the tree under pages, with its (inherited) /MediaBox.
Result<FoundPage> findPage(const PdfObjectIndex& index, const PdfObject* pages, int pageIndex) {
    auto missing = [&] {
        return Error::invalid("Trang đặt chữ ký không tồn tại: " + std::to_string(pageIndex + 1));
    };
    std::unique_ptr<PdfObject> node = index.resolve(pages);
    double height = 0;
    long long remaining = pageIndex;
    for (int depth = 0; node && node->IsDictionary() && depth < kMaxTreeDepth; ++depth) {
        if (const double h = mediaBoxHeight(index, node->GetDictionary().GetKey("MediaBox")))
            height = h;
        std::unique_ptr<PdfObject> kids = index.resolve(node->GetDictionary().GetKey("Kids"));
        if (!kids || !kids->IsArray())
            return missing();
        std::unique_ptr<PdfObject> next;
        for (const PdfObject& ref : kids->GetArray()) {
            std::unique_ptr<PdfObject> kid = index.resolve(&ref);
            if (!kid || !kid->IsDictionary() || !ref.IsReference())
                continue;
            const PdfObject* count = kid->GetDictionary().GetKey("Count");
            if (kid->GetDictionary().HasKey("Kids") && count && count->IsNumber()) {
                if (remaining < count->GetNumber()) {
                    next = std::move(kid);
                    break;
                }
                remaining -= count->GetNumber();
            } else if (remaining-- == 0) {
                if (const double h = mediaBoxHeight(index, kid->GetDictionary().GetKey("MediaBox")))
                    height = h;
                return FoundPage{std::move(kid), height > 0 ? height : kA4HeightPt};
            }
        }
        node = std::move(next);
    }
    return missing();
}

// Rewrites every reference inside value through renumber.
void renumberIn(PdfObject& value, const std::map<std::uint32_t, PdfReference>& renumber) {
    if (value.IsReference()) {
        const auto it = renumber.find(value.GetReference().ObjectNumber());
        if (it != renumber.end())
            value = PdfObject(it->second);
    } else if (value.IsDictionary()) {
        for (const auto& [key, child] : value.GetDictionary().GetKeys())
            renumberIn(*child, renumber);
    } else if (value.IsArray()) {
        for (PdfObject& child : value.GetArray()) renumberIn(child, renumber);
    }
}

void collectReferences(const PdfObject& value, std::vector<PdfReference>& out) {
    if (value.IsReference()) {
        out.push_back(value.GetReference());
    } else if (value.IsDictionary()) {
        for (const auto& [key, child] : value.GetDictionary().GetKeys())
            collectReferences(*child, out);
    } else if (value.IsArray()) {
        for (const PdfObject& child : value.GetArray()) collectReferences(child, out);
    }
}

// Subset tags ("AAAAAA+" in /BaseFont and /FontName) must differ between subsets of one file
// (ISO 32000-1, 9.6.4), but the scratch document numbers its own from AAAAAA, as the rendered
// document did. The new tag is "K" plus the object number in base 26: object numbers are unique
// in the file, and PoDoFo's own tags vary only in their first letter.
void retagSubsets(const std::vector<PdfObject*>& objects, std::uint32_t uniqueNumber) {
    std::map<std::string, std::string> tags;
    for (PdfObject* object : objects) {
        if (!object->IsDictionary())
            continue;
        for (const char* key : {"BaseFont", "FontName"}) {
            const PdfObject* name = object->GetDictionary().GetKey(key);
            if (!name || !name->IsName())
                continue;
            const std::string full = name->GetName().GetName();
            if (full.size() < 8 || full[6] != '+' ||
                !std::all_of(full.begin(), full.begin() + 6,
                             [](char c) { return c >= 'A' && c <= 'Z'; }))
                continue;
            auto [it, added] = tags.try_emplace(full.substr(0, 6));
            if (added) {
                std::string tag = "KAAAAA";
                for (std::uint32_t n = uniqueNumber + static_cast<std::uint32_t>(tags.size()),
                                   i = 5;
                     n > 0 && i > 0; n /= 26, --i)
                    tag[i] = static_cast<char>('A' + n % 26);
                it->second = tag;
            }
            object->GetDictionary().AddKey(key, PoDoFo::PdfName(it->second + full.substr(6)));
        }
    }
}

// Draws the visible block in a scratch document (which embeds the font subset) and moves the
// appearance XObject and everything it refers to into the update under new numbers.
Result<PdfReference> appearance(IncrementalUpdate& update, const SignatureRequest& request,
                                double widthPt, double heightPt) {
    PoDoFo::PdfMemDocument scratch;
    Result<std::unique_ptr<FontSet>> fonts =
        FontSet::load(scratch, request.fontDirectory, request.fontFamily);
    if (!fonts)
        return fonts.takeError();
    std::unique_ptr<PoDoFo::PdfXObject> xobject =
        SignatureAppearance::draw(scratch, **fonts, widthPt, heightPt, request.lines);
    scratch.EmbedSubsetFonts();

    std::map<std::uint32_t, PdfReference> renumber;
    std::vector<PdfObject*> closure;
    std::deque<PdfReference> queue{xobject->GetObject()->Reference()};
    while (!queue.empty()) {
        const PdfReference ref = queue.front();
        queue.pop_front();
        if (renumber.count(ref.ObjectNumber()))
            continue;
        PdfObject* object = scratch.GetObjects().GetObject(ref);
        if (!object)
            throw PdfFailure("appearance refers to a missing object");
        renumber[ref.ObjectNumber()] = update.allocate();
        closure.push_back(object);
        std::vector<PdfReference> refs;
        collectReferences(*object, refs);
        queue.insert(queue.end(), refs.begin(), refs.end());
    }
    retagSubsets(closure,
                 renumber.at(xobject->GetObject()->Reference().ObjectNumber()).ObjectNumber());
    for (PdfObject* object : closure) {
        renumberIn(*object, renumber);
        std::string stream;
        if (object->HasStream()) {
            char* raw = nullptr;
            PoDoFo::pdf_long length = 0;
            object->GetStream()->GetCopy(&raw, &length);
            stream.assign(raw, static_cast<std::size_t>(length));
            PoDoFo::podofo_free(raw);
            object->GetDictionary().AddKey("Length", static_cast<PoDoFo::pdf_int64>(length));
        }
        std::string body = text(*object);
        if (object->HasStream())
            body += "\nstream\n" + stream + "\nendstream";
        update.put(renumber.at(object->Reference().ObjectNumber()), std::move(body));
    }
    return renumber.at(xobject->GetObject()->Reference().ObjectNumber());
}

std::string nextFieldName(const std::vector<std::string>& taken) {
    for (int n = 1;; ++n) {
        std::string name = "Signature" + std::to_string(n);
        if (std::find(taken.begin(), taken.end(), name) == taken.end())
            return name;
    }
}

}  // namespace

Result<SignatureRevision> SignatureRevision::build(const PdfObjectIndex& index,
                                                   std::string_view pdf,
                                                   const SignatureRequest& request) {
    quietPodofo();
    try {
        std::unique_ptr<PdfObject> catalog = index.resolve(index.trailer().GetKey("Root"));
        if (!catalog || !catalog->IsDictionary())
            return Error::invalid("PDF không có danh mục (/Root) đọc được");
        IncrementalUpdate update(index.size());

        // The form, its field list and the names already taken.
        const PdfObject* formValue = catalog->GetDictionary().GetKey("AcroForm");
        std::unique_ptr<PdfObject> form = index.resolve(formValue);
        if (!form || !form->IsDictionary())
            form = std::make_unique<PdfObject>(PoDoFo::PdfDictionary());
        const PdfObject* fieldsValue = form->GetDictionary().GetKey("Fields");
        std::unique_ptr<PdfObject> fields = index.resolve(fieldsValue);
        if (!fields || !fields->IsArray())
            fields = std::make_unique<PdfObject>(PoDoFo::PdfArray());
        std::vector<std::string> taken;
        for (const PdfObject& f : fields->GetArray())
            if (std::unique_ptr<PdfObject> field = index.resolve(&f);
                field && field->IsDictionary())
                taken.push_back(titleOf(*field));
        SignatureRevision revision;
        revision.fieldName = request.fieldName.empty() ? nextFieldName(taken) : request.fieldName;
        if (std::find(taken.begin(), taken.end(), revision.fieldName) != taken.end())
            return Error::duplicate("Trường chữ ký " + revision.fieldName + " đã tồn tại");

        const int pageIndex = request.visible ? request.visible->page - 1 : 0;
        if (pageIndex < 0)
            return Error::invalid("Trang đặt chữ ký không tồn tại: " +
                                  std::to_string(pageIndex + 1));
        Result<FoundPage> found =
            findPage(index, catalog->GetDictionary().GetKey("Pages"), pageIndex);
        if (!found)
            return found.takeError();
        PdfObject& page = *found->page;

        const PdfReference widget = update.allocate();
        const PdfReference signature = update.allocate();
        PoDoFo::PdfDictionary annotation;
        annotation.AddKey("Type", PoDoFo::PdfName("Annot"));
        annotation.AddKey("Subtype", PoDoFo::PdfName("Widget"));
        annotation.AddKey("FT", PoDoFo::PdfName("Sig"));
        annotation.AddKey("T", utf8String(revision.fieldName));
        annotation.AddKey("P", page.Reference());
        annotation.AddKey("V", signature);
        PoDoFo::PdfArray rect;
        if (request.visible) {
            const VisibleSignature& v = *request.visible;
            if (!(v.widthMm > 0 && v.heightMm > 0))
                return Error::invalid("Kích thước khối chữ ký không hợp lệ");
            const double left = mmToPt(v.leftMm), width = mmToPt(v.widthMm);
            const double height = mmToPt(v.heightMm);
            const double bottom = found->heightPt - mmToPt(v.topMm + v.heightMm);
            for (double x : {left, bottom, left + width, bottom + height}) rect.push_back(x);
            Result<PdfReference> face = appearance(update, request, width, height);
            if (!face)
                return face.takeError();
            PoDoFo::PdfDictionary ap;
            ap.AddKey("N", *face);
            annotation.AddKey("AP", ap);
            annotation.AddKey("F", static_cast<PoDoFo::pdf_int64>(4));  // Print
        } else {
            for (int i = 0; i < 4; ++i) rect.push_back(static_cast<PoDoFo::pdf_int64>(0));
            annotation.AddKey("F", static_cast<PoDoFo::pdf_int64>(3));  // Invisible | Hidden
        }
        annotation.AddKey("Rect", rect);
        update.put(widget, text(annotation));

        // The page lists the widget among its annotations.
        const PdfObject* annotsValue = page.GetDictionary().GetKey("Annots");
        std::unique_ptr<PdfObject> annots = index.resolve(annotsValue);
        if (!annots || !annots->IsArray())
            annots = std::make_unique<PdfObject>(PoDoFo::PdfArray());
        annots->GetArray().push_back(widget);
        if (annotsValue && annotsValue->IsReference() && annots->Reference().IsIndirect()) {
            update.put(*annots);
        } else {
            page.GetDictionary().AddKey("Annots", annots->GetArray());
            update.put(page);
        }

        // The form lists the field; SignaturesExist | AppendOnly tell readers to save
        // incrementally from now on.
        fields->GetArray().push_back(widget);
        if (fieldsValue && fieldsValue->IsReference() && fields->Reference().IsIndirect())
            update.put(*fields);
        else
            form->GetDictionary().AddKey("Fields", fields->GetArray());
        form->GetDictionary().AddKey("SigFlags", static_cast<PoDoFo::pdf_int64>(3));
        if (form->GetDictionary().HasKey("NeedAppearances"))
            form->GetDictionary().AddKey("NeedAppearances", PdfObject(false));
        if (formValue && formValue->IsReference() && form->Reference().IsIndirect()) {
            update.put(*form);
        } else {
            const PdfReference formRef = update.allocate();
            update.put(formRef, text(*form));
            catalog->GetDictionary().AddKey("AcroForm", formRef);
            update.put(*catalog);
        }

        // The signature dictionary, written by hand so the blanks' offsets are known.
        std::string sig = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /" + request.subFilter +
                          " /M " + text(PoDoFo::PdfString(request.pdfDate));
        for (const auto& [key, value] : {std::pair{"Name", &request.name},
                                         {"Reason", &request.reason},
                                         {"Location", &request.location}})
            if (!value->empty())
                sig += std::string(" /") + key + " " + text(utf8String(*value));
        sig += " /ByteRange [";
        const std::size_t byteRangeInBody = sig.size();
        sig += std::string(kByteRangeWidth, ' ') + "] /Contents ";
        const std::size_t contentsInBody = sig.size();
        sig += "<" + std::string(2 * request.reserve, '0') + "> >>";
        update.put(signature, std::move(sig));

        const bool newline = !pdf.empty() && pdf.back() != '\n' && pdf.back() != '\r';
        if (newline)
            revision.bytes = "\n";
        const std::map<std::uint32_t, std::size_t> bodyAt =
            update.write(revision.bytes, index.trailer(), static_cast<std::int64_t>(pdf.size()),
                         index.startXref());
        revision.byteRangeAt = bodyAt.at(signature.ObjectNumber()) + byteRangeInBody;
        revision.byteRangeWidth = kByteRangeWidth;
        revision.contentsAt = bodyAt.at(signature.ObjectNumber()) + contentsInBody;
        revision.contentsSize = 2 * request.reserve + 2;
        return revision;
    } catch (const PoDoFo::PdfError& e) {
        throw PdfFailure(describe(e));
    }
}

void SignatureRevision::fillByteRange(std::string& file, std::size_t start) const {
    const std::size_t b = start + contentsAt;
    const std::size_t c = b + contentsSize;
    std::string numbers =
        "0 " + std::to_string(b) + " " + std::to_string(c) + " " + std::to_string(file.size() - c);
    numbers.resize(byteRangeWidth, ' ');
    file.replace(start + byteRangeAt, byteRangeWidth, numbers);
}

}  // namespace kc::pdf
