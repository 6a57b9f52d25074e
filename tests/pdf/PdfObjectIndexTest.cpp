#include "pdf/PdfObjectIndex.h"

#include <gtest/gtest.h>

#include "SampleDocument.h"

namespace kc::pdf {
namespace {

std::string samplePdf() {
    auto bytes = sample::sampleDocument({}, 10).render();
    EXPECT_TRUE(bytes.ok());
    return bytes.ok() ? bytes->bytes : std::string();
}

TEST(PdfObjectIndex, ReadsTheCatalogOfAFileWrittenByPodofo) {
    const std::string pdf = samplePdf();
    auto index = PdfObjectIndex::open(pdf);
    ASSERT_TRUE(index.ok()) << index.error().message;
    const PoDoFo::PdfObject* root = (*index)->trailer().GetKey("Root");
    ASSERT_TRUE(root && root->IsReference());
    auto catalog = (*index)->load(root->GetReference());
    ASSERT_TRUE(catalog && catalog->IsDictionary());
    EXPECT_EQ(catalog->GetDictionary().GetKey("Type")->GetName().GetName(), "Catalog");
    EXPECT_EQ((*index)->startXref(), static_cast<std::int64_t>(pdf.rfind("\nxref") + 1));
    EXPECT_GT((*index)->size(), 10u);
    // Object 0 is always free; a number past /Size and a wrong generation are not objects.
    EXPECT_EQ((*index)->load(PoDoFo::PdfReference(0, 65535)), nullptr);
    EXPECT_EQ((*index)->load(PoDoFo::PdfReference((*index)->size() + 5, 0)), nullptr);
    EXPECT_EQ((*index)->load(PoDoFo::PdfReference(root->GetReference().ObjectNumber(), 1)),
              nullptr);
}

TEST(PdfObjectIndex, ALaterSectionOverridesAnEarlierOne) {
    std::string pdf = samplePdf();
    auto first = PdfObjectIndex::open(pdf);
    ASSERT_TRUE(first.ok());
    const PoDoFo::PdfReference root = (*first)->trailer().GetKey("Root")->GetReference();
    const std::int64_t prev = (*first)->startXref();
    const std::uint32_t size = (*first)->size();
    first->reset();
    // An update that replaces the catalog with one carrying a marker.
    const std::size_t at = pdf.size();
    const std::string number = std::to_string(root.ObjectNumber());
    pdf += number + " 0 obj\n<< /Type /Catalog /Marker 7 >>\nendobj\n";
    const std::size_t xref = pdf.size();
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", at);
    pdf += "xref\n" + number + " 1\n" + entry + "trailer\n<< /Size " + std::to_string(size) +
           " /Root " + number + " 0 R /Prev " + std::to_string(prev) + " >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    auto index = PdfObjectIndex::open(pdf);
    ASSERT_TRUE(index.ok()) << index.error().message;
    auto catalog = (*index)->load(root);
    ASSERT_TRUE(catalog);
    EXPECT_TRUE(catalog->GetDictionary().HasKey("Marker"));
}

TEST(PdfObjectIndex, RefusesWhatItCannotRead) {
    const std::string pdf = samplePdf();
    const std::size_t startxref = pdf.rfind("startxref");
    // The latest trailer's /Prev names the latest section itself (the trailer follows its
    // table, so inserting into it moves no offset that matters).
    std::string selfPrev = pdf;
    const std::size_t trailer = selfPrev.rfind("trailer");
    selfPrev.insert(selfPrev.find("<<", trailer) + 2,
                    " /Prev " + std::to_string(pdf.rfind("\nxref") + 1) + " ");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"empty", ""},
        {"no startxref", "%PDF-1.7\n1 0 obj\n<< >>\nendobj\n"},
        {"offset past the end", pdf.substr(0, startxref) + "startxref\n99999999\n%%EOF\n"},
        {"offset at an object (xref stream)", pdf.substr(0, startxref) + "startxref\n9\n%%EOF\n"},
        {"/Prev pointing to itself", selfPrev},
    };
    for (const auto& [name, bytes] : cases) {
        auto index = PdfObjectIndex::open(bytes);
        ASSERT_FALSE(index.ok()) << name;
        EXPECT_EQ(index.error().code, ErrorCode::InvalidInput) << name;
    }
}

}  // namespace
}  // namespace kc::pdf
