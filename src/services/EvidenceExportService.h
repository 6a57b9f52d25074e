#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/ArchiveReader.h"
#include "archive/ArchiveWriter.h"
#include "core/Result.h"
#include "domain/ContentStore.h"
#include "domain/Store.h"

namespace kc {

// Which evidence to export: one unit or all, the current state or the state at a round's end.
struct ExportRequest {
    int year = 0;
    std::optional<std::string> unitCode;  // unset: every unit (not for unit users)
    std::optional<EvidenceRound> round;   // unset: the current state (withdrawn items left out)
};

// One file of the export and where it goes in the zip.
struct ExportFile {
    std::string path;  // "<sub_code>/<name>" or, exporting all units, "<UNIT>/<sub_code>/<name>"
    EvidenceItem item;
};

// Everything the export zip will hold, decided before a byte is sent.
struct ExportPlan {
    ExportRequest request;
    std::vector<ExportFile> files;  // by unit code, then in upload order
    std::string fileName;           // suggested download name, e.g. "tai-lieu-2022-XA16-self.zip"
};

// How an evidence file of this detected type goes into the export zip: deflated for text and
// the uncompressed formats of old office files and bitmaps; stored for everything else (PDF,
// JPEG/PNG, OOXML/ODF, archives, unknown), which is compressed already.
ZipMethod zipMethodFor(std::string_view mediaType);

// Builds evidence exports: a zip with one folder per sub-criterion (inside one per unit when
// all units are exported), names made unique per folder with " (2)", " (3)" before the
// extension (compared ignoring ASCII case, as Windows does), and manifest.csv / manifest.json
// (ExportManifest.h) at the root; each file deflated or stored by zipMethodFor(). Thread-safe.
class EvidenceExportService {
public:
    EvidenceExportService(Store& store, ContentStore& content) : _store(store), _content(content) {}

    // Decides what to export. Access: a unit user only its own unit, and must name it
    // (Forbidden / InvalidInput); reviewers, clerks and admins any unit or all. NotFound for an
    // unknown period or unit; InvalidInput when the round has no end date.
    Result<ExportPlan> plan(const Actor& actor, const ExportRequest& request);

    // Streams the zip into out (bytes arrive in order, 64 KiB blocks at most; nothing is held
    // in memory but the manifest). Errors: NotFound if a blob is missing, the sink's error, or
    // ArchiveWriter's; the output is then an incomplete zip and must be discarded.
    Status write(const ExportPlan& plan, const ByteSink& out);

private:
    Store& _store;
    ContentStore& _content;
};

}  // namespace kc
