#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Clock.h"
#include "domain/Entities.h"
#include "domain/Phase.h"

namespace kc {

// What a unit says about an evidence document, where known (DOMAIN.md §3). Texts are NFC.
struct EvidenceMetadata {
    std::optional<std::string> docNumber;  // số, ký hiệu, e.g. "97/KH-UBND"
    std::optional<std::string> issueDate;  // "YYYY-MM-DD"
    std::optional<std::string> issuer;
    std::optional<std::string> pageRef;  // the page or section that proves the point
    std::optional<std::string> note;
};

enum class EvidenceAction { Withdraw, Restore };

// "withdraw" / "restore".
std::string_view actionName(EvidenceAction a);
std::optional<EvidenceAction> parseAction(std::string_view name);

// An append-only change of an evidence item's state.
struct EvidenceEvent {
    Id id = 0;
    Id evidenceId = 0;
    EvidenceAction action = EvidenceAction::Withdraw;
    TimePoint at{};
    std::string by;
};

// One uploaded file as evidence for one sub-criterion of one unit in one period. Never changed
// or deleted: withdrawal is an event, reversible by a restore.
struct EvidenceItem {
    Id id = 0;
    int year = 0;
    std::string unitCode;
    Id criteriaSetId = 0;
    std::string subCode;
    EvidenceRound round = EvidenceRound::Self;
    std::string sha256;
    std::uint64_t size = 0;
    std::string mediaType;
    std::string fileName;  // the original name, UTF-8 NFC, without directories
    std::string uploadedBy;
    TimePoint uploadedAt{};
    EvidenceMetadata metadata;
    std::vector<EvidenceEvent> events;  // in order of id

    // Withdrawn after all recorded events.
    bool withdrawn() const;
    // Withdrawn as of t: the last event at or before t was a withdrawal.
    bool withdrawnAt(TimePoint t) const;
    // Part of the evidence as it stood at t: uploaded by then and not withdrawn then.
    bool standingAt(TimePoint t) const { return uploadedAt <= t && !withdrawnAt(t); }
};

// A stored file's identity in the blob store, recorded once per content.
struct BlobRecord {
    std::string sha256;
    std::uint64_t size = 0;
    std::string mediaType;
    TimePoint createdAt{};
};

// A sub-criterion as evidence refers to it: the latest criteria set's node for a unit type.
struct SubCriterionRef {
    Id criteriaSetId = 0;
    std::string code;
    std::string name;
    bool survey = false;  // assessed by the sociological survey: no evidence is uploaded
};

// The file name to store for what a client sent: the part after the last '/' or '\' (browsers
// on Windows send "C:\\fakepath\\x.pdf"), trimmed, NFC. InvalidInput when the name is not
// UTF-8, empty, longer than 255 bytes, contains control characters or is "." or "..".
Result<std::string> cleanFileName(std::string_view raw);

// Metadata as stored: texts checked as UTF-8, trimmed, NFC, at most 1000 bytes, empty ones
// unset; issue_date a valid YYYY-MM-DD. InvalidInput naming every bad field otherwise.
Result<EvidenceMetadata> cleanEvidenceMetadata(EvidenceMetadata m);

}  // namespace kc
