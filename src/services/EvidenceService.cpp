#include "services/EvidenceService.h"

#include "core/Text.h"
#include "domain/Workflow.h"
#include "services/EvidenceJson.h"
#include "services/YearGuard.h"

namespace kc {

namespace {

Error periodNotFound(int year) {
    return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
}

Error evidenceNotFound(Id id) {
    return Error::notFound("Không có tài liệu kiểm chứng #" + std::to_string(id));
}

bool mayRead(const Actor& actor, const std::string& unitCode) {
    return actor.role != Role::Unit || actor.unitCode == unitCode;
}

Error readForbidden() {
    return Error::forbidden("Đơn vị chỉ được xem tài liệu của chính mình");
}

// The period as the unit sees it: its deadline extensions move the round ends.
Period unitPeriod(Transaction& tx, const Period& period, const std::string& unitCode) {
    return effectivePeriod(period, unitCode, tx.assessment().extensions(period.year, unitCode));
}

}  // namespace

Result<UploadTarget> EvidenceService::checkTarget(Transaction& tx, const Actor& actor, int year,
                                                  const std::string& unitCode,
                                                  const std::string& subCode) {
    if (actor.role != Role::Unit || actor.unitCode != unitCode)
        return Error::forbidden("Chỉ đơn vị " + unitCode + " được nộp tài liệu của đơn vị mình");
    auto unit = requireAssessedUnit(tx, year, unitCode);
    if (!unit.ok())
        return unit.takeError();
    auto period = tx.directory().findPeriod(year);
    auto sub = tx.evidence().findSubCriterion(year, unit->unitTypeCode, subCode);
    if (!sub)
        return Error::notFound("Không có tiêu chí thành phần " + subCode +
                               " trong bộ tiêu chí năm " + std::to_string(year) +
                               " của loại đơn vị " + unit->unitTypeCode);
    if (sub->survey)
        return Error::invalid(
            "Tiêu chí " + subCode + " chấm bằng điều tra xã hội học; không nộp tài liệu kiểm chứng",
            {{"sub_code", subCode}});
    // The unit's own deadline extensions count (docs/workflow.md).
    auto round = openEvidenceRound(unitPeriod(tx, *period, unitCode), _clock.now());
    if (!round.ok())
        return round.takeError();
    return UploadTarget{year, unitCode, *sub, round.value()};
}

Result<UploadTarget> EvidenceService::prepareUpload(const Actor& actor, int year,
                                                    const std::string& unitCode,
                                                    const std::string& subCode) {
    return _store.read([&](Transaction& tx) -> Result<UploadTarget> {
        return checkTarget(tx, actor, year, unitCode, subCode);
    });
}

Result<std::vector<EvidenceItem>> EvidenceService::upload(const Actor& actor, int year,
                                                          const std::string& unitCode,
                                                          const std::string& subCode,
                                                          const std::vector<UploadedFile>& files,
                                                          const EvidenceMetadata& metadata) {
    if (files.empty())
        return Error::invalid("Chưa chọn tệp tài liệu nào", {{"file", "Cần ít nhất một tệp"}});
    auto meta = cleanEvidenceMetadata(metadata);
    if (!meta.ok())
        return meta.takeError();
    std::vector<std::string> names;
    for (const UploadedFile& f : files) {
        auto name = cleanFileName(f.fileName);
        if (!name.ok())
            return name.takeError();
        if (f.content.size == 0 || f.content.sha256.empty())
            return Error::invalid("Tệp rỗng", {{"file", name.value()}});
        names.push_back(std::move(name).value());
    }
    return _store.write([&](Transaction& tx) -> Result<std::vector<EvidenceItem>> {
        auto target = checkTarget(tx, actor, year, unitCode, subCode);
        if (!target.ok())
            return target.takeError();
        TimePoint now = _clock.now();
        std::vector<EvidenceItem> items;
        for (std::size_t i = 0; i < files.size(); ++i) {
            const StoredContent& c = files[i].content;
            tx.evidence().ensureBlob(BlobRecord{c.sha256, c.size, c.mediaType, now});
            EvidenceItem e;
            e.year = year;
            e.unitCode = unitCode;
            e.criteriaSetId = target->subCriterion.criteriaSetId;
            e.subCode = target->subCriterion.code;
            e.round = target->round;
            e.sha256 = c.sha256;
            e.size = c.size;
            e.mediaType = c.mediaType;
            e.fileName = names[i];
            e.uploadedBy = actor.username;
            e.uploadedAt = now;
            e.metadata = meta.value();
            e.id = tx.evidence().insert(e);
            _audit.record(tx, actor.username, "evidence.upload", "evidence", std::to_string(e.id),
                          nullptr, json::of(e));
            items.push_back(std::move(e));
        }
        return items;
    });
}

EvidenceView EvidenceService::view(const EvidenceItem& item, const Period& period) const {
    const auto& selfCloses = period.dates.selfAssessmentCloses;
    bool late =
        item.round == EvidenceRound::Supplement || (selfCloses && item.uploadedAt > *selfCloses);
    return EvidenceView{item, item.withdrawn(), late};
}

Result<std::vector<EvidenceView>> EvidenceService::list(const Actor& actor, int year,
                                                        const std::string& unitCode,
                                                        const EvidenceQuery& query) {
    if (!mayRead(actor, unitCode))
        return readForbidden();
    return _store.read([&](Transaction& tx) -> Result<std::vector<EvidenceView>> {
        auto period = tx.directory().findPeriod(year);
        if (!period)
            return periodNotFound(year);
        if (!tx.directory().findUnit(unitCode))
            return Error::notFound("Không có đơn vị mã " + unitCode);
        const Period unit = unitPeriod(tx, *period, unitCode);
        std::optional<TimePoint> asOf;
        if (query.asOfRound) {
            asOf = roundEnd(unit, *query.asOfRound);
            if (!asOf)
                return Error::invalid("Kỳ đánh giá chưa có hạn kết thúc vòng " +
                                          std::string(roundName(*query.asOfRound)),
                                      {{"round", std::string(roundName(*query.asOfRound))}});
        }
        std::vector<EvidenceView> out;
        for (const EvidenceItem& item : tx.evidence().list(year, unitCode, query.subCode)) {
            if (asOf && !item.standingAt(*asOf))
                continue;
            EvidenceView v = view(item, unit);
            if (asOf)
                v.withdrawn = false;
            out.push_back(std::move(v));
        }
        return out;
    });
}

Result<EvidenceView> EvidenceService::get(const Actor& actor, Id id) {
    return _store.read([&](Transaction& tx) -> Result<EvidenceView> {
        auto item = tx.evidence().find(id);
        if (!item)
            return evidenceNotFound(id);
        if (!mayRead(actor, item->unitCode))
            return readForbidden();
        auto period = tx.directory().findPeriod(item->year);
        if (!period)
            return periodNotFound(item->year);
        return view(*item, unitPeriod(tx, *period, item->unitCode));
    });
}

Result<EvidenceContent> EvidenceService::content(const Actor& actor, Id id) {
    auto found = get(actor, id);
    if (!found.ok())
        return found.takeError();
    auto stream = _content.open(found->item.sha256);
    if (!stream.ok())
        return stream.takeError();
    return EvidenceContent{std::move(found->item), std::move(stream).value()};
}

Result<EvidenceView> EvidenceService::withdraw(const Actor& actor, Id id) {
    return change(actor, id, EvidenceAction::Withdraw);
}

Result<EvidenceView> EvidenceService::restore(const Actor& actor, Id id) {
    return change(actor, id, EvidenceAction::Restore);
}

Result<EvidenceView> EvidenceService::change(const Actor& actor, Id id, EvidenceAction action) {
    return _store.write([&](Transaction& tx) -> Result<EvidenceView> {
        auto item = tx.evidence().find(id);
        if (!item)
            return evidenceNotFound(id);
        if (actor.role != Role::Unit || actor.unitCode != item->unitCode)
            return Error::forbidden("Chỉ đơn vị đã nộp được rút hoặc khôi phục tài liệu");
        KC_TRY(requireAssessedUnit(tx, item->year, item->unitCode));
        auto period = tx.directory().findPeriod(item->year);
        if (!period)
            return periodNotFound(item->year);
        const Period unit = unitPeriod(tx, *period, item->unitCode);
        auto open = openEvidenceRound(unit, _clock.now());
        if (!open.ok())
            return open.takeError();
        if (open.value() != item->round)
            return Error{ErrorCode::PhaseClosed,
                         "Tài liệu nộp ở vòng " + std::string(roundName(item->round)) +
                             " không thể thay đổi sau khi vòng đó kết thúc",
                         {}};
        bool withdraw = action == EvidenceAction::Withdraw;
        if (item->withdrawn() == withdraw)
            return Error::conflict(withdraw ? "Tài liệu đã được rút trước đó"
                                            : "Tài liệu chưa bị rút");
        EvidenceView before = view(*item, unit);
        EvidenceEvent e{0, id, action, _clock.now(), actor.username};
        e.id = tx.evidence().appendEvent(e);
        item->events.push_back(e);
        EvidenceView after = view(*item, unit);
        _audit.record(tx, actor.username, withdraw ? "evidence.withdraw" : "evidence.restore",
                      "evidence", std::to_string(id), json::of(before), json::of(after));
        return after;
    });
}

Result<std::vector<std::string>> EvidenceService::blobShas() {
    return _store.read([](Transaction& tx) -> Result<std::vector<std::string>> {
        return tx.evidence().blobShas();
    });
}

}  // namespace kc
