#include "services/DocumentService.h"
#include "services/DocumentSources.h"

namespace kc {

Result<pdf::PdfDocumentBuilder> buildResultsDocument(Transaction&, int, const DocumentRequest&,
                                                     const report::DocumentTemplates&,
                                                     const report::DocumentFacts&,
                                                     const std::string&, OfficialDocument&,
                                                     std::string&) {
    return Error::invalid("Chưa hỗ trợ loại văn bản này");
}

}  // namespace kc
