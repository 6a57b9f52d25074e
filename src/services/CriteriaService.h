#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Result.h"
#include "domain/Store.h"
#include "services/AuditRecorder.h"

namespace kc {

struct CriteriaImport {
    int year = 0;
    std::string unitTypeCode;  // overrides "unit_type_code" in the document when set
    std::string document;      // the JSON text (format: docs/criteria-format.md)
    bool dryRun = false;       // validate and report only
};

// Copying a unit type's current set of an earlier year into another year.
struct CriteriaCopy {
    int year = 0;      // the year to copy into
    int fromYear = 0;  // the year whose current set is copied
    std::string unitTypeCode;
    bool dryRun = false;
};

// Imports and serves criteria sets. A stored set is never changed: importing again for the
// same period and unit type stores the next version, which becomes the current one.
class CriteriaService {
public:
    CriteriaService(Store& store, const Clock& clock) : _store(store), _clock(clock), _audit(clock) {}

    // Validates the whole document and reports every problem at once (InvalidInput with
    // details carrying JSON paths). NotFound for an unknown period or unit type; Conflict for a
    // finalised period; Duplicate when the document is byte-identical to the current version;
    // Conflict, with a detail per unit and sub-criterion, when the new version would lower a
    // maximum below a score entered that year (self, step 1 or step 2) or drop a sub-criterion
    // holding scores, explanations, requests, replies, evidence or survey values.
    // On a dry run nothing is stored and the returned info has id 0.
    Result<CriteriaSetInfo> importSet(const Actor& actor, const CriteriaImport& request);

    // Imports the current set of request.fromYear for the unit type into request.year, as
    // importSet would import it as a document: the same checks and results, audited as
    // criteria.copy. The year in the title ("... năm 2022 ...") becomes the new year.
    // InvalidInput when the years are equal; NotFound when fromYear has no period or no set
    // for the type.
    Result<CriteriaSetInfo> copySet(const Actor& actor, const CriteriaCopy& request);

    Result<std::vector<CriteriaSetInfo>> list(int year);
    Result<StoredCriteriaSet> get(Id id);

private:
    Result<CriteriaSetInfo> importDocument(const Actor& actor, const CriteriaImport& request,
                                           std::optional<int> copiedFrom);

    Store& _store;
    const Clock& _clock;
    AuditRecorder _audit;
};

}  // namespace kc
