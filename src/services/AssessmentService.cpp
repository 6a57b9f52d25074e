#include "services/AssessmentService.h"

#include <algorithm>
#include <map>

#include "core/Text.h"
#include "domain/CriterionSum.h"
#include "domain/Workflow.h"
#include "services/AssessmentJson.h"
#include "services/YearGuard.h"

namespace kc {

struct AssessmentService::Context {
    Period period;
    Period effective;
    Unit unit;
    std::shared_ptr<const CriteriaIndex> criteria;
    std::vector<DeadlineExtension> extensions;
};

namespace {

const char* kStale = "Dữ liệu đã được người khác cập nhật; tải lại rồi thử lại";

std::string itemKey(int year, const std::string& unit, const std::string& sub) {
    return std::to_string(year) + "/" + unit + "/" + sub;
}

Status ownUnit(const Actor& actor, const std::string& unit) {
    if (actor.role != Role::Unit || actor.unitCode != unit)
        return Error::forbidden("Chỉ đơn vị " + unit + " được tự đánh giá, giải trình cho mình");
    return Ok{};
}

// A unit self-scores only the sub-criteria its criteria set gives it to (survey items are
// refused by checkScore, with their own message).
Status selfScorable(const CriteriaNode& node) {
    if (!node.selfScored && node.assessedBy != AssessedBy::Survey)
        return Error::invalid("Tiêu chí " + node.code + " không do đơn vị tự chấm",
                              {{"sub", node.code}});
    return Ok{};
}

bool isSurvey(const CriteriaNode& n) {
    return n.assessedBy == AssessedBy::Survey || n.scoring.type == ScoringType::Survey;
}

// A text as stored: NFC, without surrounding blanks (so blank is empty).
std::string cleaned(const std::string& s) {
    return text::toNfc(text::trim(s));
}

// Where a problem of a bulk row is reported: "rows[7].score" (JSON) or "row 8" (CSV).
std::string rowPath(const BulkRow& row, const char* field) {
    return row.path.rfind("row ", 0) == 0 ? row.path : row.path + "." + field;
}

WorkflowAction actionOf(ScoreRound r) {
    switch (r) {
        case ScoreRound::Self:
            return WorkflowAction::SelfScore;
        case ScoreRound::Step1:
            return WorkflowAction::Step1Score;
        case ScoreRound::Step2:
            return WorkflowAction::Step2Score;
    }
    return WorkflowAction::SelfScore;
}

}  // namespace

ItemFacts factsOf(const CriteriaNode& n, const AssessmentItem& a, int files) {
    ItemFacts f;
    f.survey = isSurvey(n);
    f.evidenceRequired = n.evidenceRequired;
    f.minFiles = n.minFiles;
    f.explanationRequiredIfNoEvidence = n.explanationRequiredIfNoEvidence;
    f.unitScores = n.selfScored;
    f.optional = n.isAdjustment();
    f.selfScored = a.self.has_value();
    f.hasExplanation = a.self && !a.self->text.empty();
    f.files = files;
    f.step1Scored = a.step1.has_value();
    f.requested = a.request.has_value();
    f.replied = a.request && a.request->reply;
    f.step2Scored = a.step2.has_value();
    return f;
}

Result<AssessmentService::Context> AssessmentService::load(Transaction& tx, int year,
                                                           const std::string& unitCode) {
    auto period = tx.directory().findPeriod(year);
    if (!period)
        return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
    auto unit = tx.directory().findUnit(unitCode);
    if (!unit)
        return Error::notFound("Không có đơn vị mã " + unitCode);
    auto setId = tx.assessment().currentSetId(year, unit->unitTypeCode);
    auto criteria = setId ? _cache->get(tx, *setId) : nullptr;
    if (!criteria)
        return Error::notFound("Chưa có bộ tiêu chí năm " + std::to_string(year) +
                               " cho loại đơn vị " + unit->unitTypeCode);
    Context c{*period, *period, *unit, criteria, tx.assessment().extensions(year, unitCode)};
    c.effective = effectivePeriod(c.period, unitCode, c.extensions);
    return c;
}

Status AssessmentService::mayAppraise(Transaction& tx, const Actor& actor, int year,
                                      const std::string& area) {
    if (actor.role != Role::Reviewer)
        return Error::forbidden("Chỉ thành viên tổ thẩm định được chấm điểm thẩm định");
    for (const Assignment& a : tx.directory().listAssignments(year))
        if (a.username == actor.username && a.areaCode == area)
            return Ok{};
    return Error::forbidden("Bạn không được phân công thẩm định lĩnh vực " + area + " năm " +
                            std::to_string(year));
}

Result<UnitAssessment> AssessmentService::unitAssessment(const Actor& actor, int year,
                                                         const std::string& unitCode) {
    if (actor.role == Role::Unit && actor.unitCode != unitCode)
        return Error::forbidden("Đơn vị chỉ được xem kết quả của chính mình");
    auto run = [&](Transaction& tx) -> Result<UnitAssessment> {
        auto c = load(tx, year, unitCode);
        if (!c.ok())
            return c.takeError();
        TimePoint now = _clock.now();
        UnitAssessment out{year, c->unit, c->effective, phaseAt(c->effective, now),
                           {},   {},      c->extensions};
        std::map<std::string, AssessmentItem> stored;
        for (AssessmentItem& a : tx.assessment().list(year, unitCode))
            stored.emplace(a.subCode, std::move(a));
        std::map<std::string, EvidenceCount> counts;
        for (EvidenceCount& e : tx.assessment().evidenceCounts(year, unitCode))
            counts.emplace(e.subCode, std::move(e));
        const CriteriaIndex& idx = *c->criteria;
        for (std::size_t i = 0; i < idx.subs.size(); ++i) {
            const CriteriaNode& n = idx.subs[i];
            ItemView v{n, idx.areaOf[i], {}, 0, 0, ItemStatus::NotStarted};
            if (auto it = stored.find(n.code); it != stored.end())
                v.item = it->second;
            v.item.year = year;
            v.item.unitCode = unitCode;
            v.item.subCode = n.code;
            if (auto it = counts.find(n.code); it != counts.end()) {
                v.files = it->second.files;
                v.supplementFiles = it->second.supplementFiles;
            }
            v.status = itemStatus(factsOf(n, v.item, v.files), out.phase);
            out.summary.add(v.status, mustSubmit(n));
            out.items.push_back(std::move(v));
        }
        // Each round's total by the criterion rule (bonuses add, penalties subtract, clamped).
        auto total = [&](std::optional<RoundScore> AssessmentItem::*round) {
            return criterionRuleTotal(idx.set.areas, [&](const CriteriaNode& n) {
                auto it = stored.find(n.code);
                if (it == stored.end() || !(it->second.*round))
                    return std::optional<Points>();
                return std::optional<Points>((it->second.*round)->score);
            });
        };
        out.roundTotals[0] = total(&AssessmentItem::self);
        out.roundTotals[1] = total(&AssessmentItem::step1);
        out.roundTotals[2] = total(&AssessmentItem::step2);
        if (actor.role == Role::Reviewer)
            tx.assessment().markSeen(year, actor.username, unitCode, now);
        return out;
    };
    // A reviewer's read records their mark, so it runs as a write.
    return actor.role == Role::Reviewer ? _store.write(run) : _store.read(run);
}

Result<AssessmentItem> AssessmentService::write(
    const Actor& actor, int year, const std::string& unitCode, const std::string& subCode,
    const char* action,
    const std::function<Status(Transaction&, Context&, AssessmentItem&)>& change,
    std::optional<int> version) {
    return _store.write([&](Transaction& tx) -> Result<AssessmentItem> {
        KC_TRY(requireAssessedUnit(tx, year, unitCode));
        auto c = load(tx, year, unitCode);
        if (!c.ok())
            return c.takeError();
        if (!c->criteria->find(subCode))
            return Error::notFound("Không có tiêu chí thành phần " + subCode +
                                   " trong bộ tiêu chí của đơn vị " + unitCode);
        auto found = tx.assessment().find(year, unitCode, subCode);
        AssessmentItem item = found ? *found : AssessmentItem::blank(year, unitCode, subCode);
        AssessmentItem before = item;
        KC_TRY(change(tx, *c, item));
        int expected = version.value_or(item.version);
        if (expected != before.version || !tx.assessment().save(item, expected))
            return Error::conflict(kStale);
        item.version = expected + 1;
        _audit.record(tx, actor.username, action, "assessment_item",
                      itemKey(year, unitCode, subCode), found ? json::of(before) : nullptr,
                      json::of(item));
        return item;
    });
}

Result<AssessmentItem> AssessmentService::score(const Actor& actor, int year,
                                                const std::string& unit, const std::string& sub,
                                                ScoreRound round, const ScoreInput& in) {
    if (round == ScoreRound::Self)
        KC_TRY(ownUnit(actor, unit));
    std::string action = "assessment." + std::string(scoreRoundName(round));
    auto change = [&](Transaction& tx, Context& c, AssessmentItem& item) -> Status {
        const CriteriaNode& node = *c.criteria->find(sub);
        if (round != ScoreRound::Self)
            KC_TRY(mayAppraise(tx, actor, year, c.criteria->areaOf[c.criteria->byCode.at(sub)]));
        if (round == ScoreRound::Self)
            KC_TRY(selfScorable(node));
        auto decision = checkScore(node, in.entry);
        if (!decision.ok())
            return decision.takeError();
        KC_TRY(requirePhase(c.effective, _clock.now(), actionOf(round)));
        RoundScore s{decision->score,         in.entry.metricPct,  in.entry.violations,
                     in.entry.overrideReason, decision->suggested, in.text,
                     actor.username,          _clock.now()};
        (round == ScoreRound::Self    ? item.self
         : round == ScoreRound::Step1 ? item.step1
                                      : item.step2) = s;
        return Ok{};
    };
    return write(actor, year, unit, sub, action.c_str(), change, in.version);
}

Result<AssessmentItem> AssessmentService::requestSupplement(const Actor& actor, int year,
                                                            const std::string& unit,
                                                            const std::string& sub,
                                                            const RequestInput& in) {
    const std::string missing = cleaned(in.missing);
    const std::string reason = cleaned(in.reason);
    auto change = [&](Transaction& tx, Context& c, AssessmentItem& item) -> Status {
        KC_TRY(mayAppraise(tx, actor, year, c.criteria->areaOf[c.criteria->byCode.at(sub)]));
        if (isSurvey(*c.criteria->find(sub)))
            return Error::invalid("Tiêu chí " + sub +
                                      " chấm theo điều tra xã hội học: không yêu cầu đơn vị bổ "
                                      "sung tài liệu, giải trình",
                                  {{"sub", sub}});
        std::vector<ErrorDetail> bad;
        if (missing.empty())
            bad.push_back({"$.missing", "Cần ghi tài liệu còn thiếu"});
        if (reason.empty())
            bad.push_back({"$.reason", "Cần ghi lý do"});
        if (auto problem = supplementDueProblem(c.effective, _clock.now(), in.due))
            bad.push_back({"$.due_date", *problem});
        if (!bad.empty())
            return Error::invalid("Yêu cầu bổ sung không hợp lệ: " + bad.front().message, bad);
        KC_TRY(requirePhase(c.effective, _clock.now(), WorkflowAction::RequestSupplement));
        if (item.request)
            return Error::conflict("Tiêu chí " + sub + " của đơn vị " + unit +
                                   " đã có yêu cầu bổ sung");
        item.request = SupplementRequest{missing,      reason,       in.due, actor.username,
                                         _clock.now(), std::nullopt, "",     std::nullopt};
        return Ok{};
    };
    return write(actor, year, unit, sub, "assessment.request", change, in.version);
}

Result<AssessmentItem> AssessmentService::reply(const Actor& actor, int year,
                                                const std::string& unit, const std::string& sub,
                                                const std::string& text, int version) {
    KC_TRY(ownUnit(actor, unit));
    const std::string answer = cleaned(text);
    auto change = [&](Transaction&, Context& c, AssessmentItem& item) -> Status {
        if (answer.empty())
            return Error::invalid("Cần nhập nội dung giải trình", {{"$.text", "Trống"}});
        KC_TRY(requirePhase(c.effective, _clock.now(), WorkflowAction::Reply));
        if (!item.request)
            return Error::conflict("Tiêu chí " + sub + " không có yêu cầu bổ sung để giải trình");
        if (item.request->reply)
            return Error::conflict("Yêu cầu bổ sung của tiêu chí " + sub + " đã được giải trình");
        item.request->reply = answer;
        item.request->repliedBy = actor.username;
        item.request->repliedAt = _clock.now();
        return Ok{};
    };
    return write(actor, year, unit, sub, "assessment.reply", change, version);
}

Result<std::vector<AssessmentItem>> AssessmentService::bulkSelf(const Actor& actor, int year,
                                                                const std::string& unit,
                                                                const std::vector<BulkRow>& rows) {
    KC_TRY(ownUnit(actor, unit));
    if (rows.empty())
        return Error::invalid("Tệp tự đánh giá không có dòng nào", {{"$.rows", "Trống"}});
    return _store.write([&](Transaction& tx) -> Result<std::vector<AssessmentItem>> {
        KC_TRY(requireAssessedUnit(tx, year, unit));
        auto c = load(tx, year, unit);
        if (!c.ok())
            return c.takeError();
        KC_TRY(requirePhase(c->effective, _clock.now(), WorkflowAction::SelfScore));
        ProblemList bad;
        std::map<std::string, std::string> seen;
        struct Planned {
            AssessmentItem before, after;
            bool existed;
        };
        std::vector<Planned> plan;
        for (const BulkRow& row : rows) {
            const CriteriaNode* node = c->criteria->find(row.subCode);
            if (!node) {
                bad.push_back({rowPath(row, "sub_code"), "Không có tiêu chí " + row.subCode});
                continue;
            }
            if (auto [it, fresh] = seen.emplace(row.subCode, row.path); !fresh) {
                bad.push_back({rowPath(row, "sub_code"), "Trùng với " + it->second});
                continue;
            }
            if (auto allowed = selfScorable(*node); !allowed.ok()) {
                bad.push_back({rowPath(row, "sub_code"), allowed.error().message});
                continue;
            }
            auto decision = checkScore(*node, row.entry);
            if (!decision.ok()) {
                bad.push_back({rowPath(row, "score"), decision.error().message});
                continue;
            }
            auto found = tx.assessment().find(year, unit, row.subCode);
            AssessmentItem item = found ? *found : AssessmentItem::blank(year, unit, row.subCode);
            if (row.version && *row.version != item.version) {
                bad.push_back({rowPath(row, "version"), kStale});
                continue;
            }
            Planned p{item, item, found.has_value()};
            p.after.self =
                RoundScore{decision->score,          row.entry.metricPct, row.entry.violations,
                           row.entry.overrideReason, decision->suggested, row.explanation,
                           actor.username,           _clock.now()};
            plan.push_back(std::move(p));
        }
        if (!bad.empty())
            return bad.invalid("Tệp tự đánh giá có " + std::to_string(bad.size()) +
                               " lỗi; chưa lưu dòng nào");
        std::vector<AssessmentItem> out;
        for (Planned& p : plan) {
            if (!tx.assessment().save(p.after, p.before.version))
                return Error::conflict(kStale);
            p.after.version = p.before.version + 1;
            _audit.record(tx, actor.username, "assessment.self_bulk", "assessment_item",
                          itemKey(year, unit, p.after.subCode),
                          p.existed ? json::of(p.before) : nullptr, json::of(p.after));
            out.push_back(std::move(p.after));
        }
        return out;
    });
}

Result<DeadlineExtension> AssessmentService::extend(const Actor& actor, int year,
                                                    const std::string& unit, ExtensionPhase phase,
                                                    TimePoint until, const std::string& given) {
    if (actor.role != Role::Admin && actor.role != Role::Clerk)
        return Error::forbidden("Chỉ văn thư hoặc quản trị được gia hạn");
    const std::string reason(text::trim(given));  // blank is no reason
    return _store.write([&](Transaction& tx) -> Result<DeadlineExtension> {
        KC_TRY(requireAssessedUnit(tx, year, unit));
        auto period = tx.directory().findPeriod(year);
        KC_TRY(checkExtension(*period, phase, until, reason));
        DeadlineExtension e{0, year, unit, phase, until, reason, actor.username, _clock.now()};
        e.id = tx.assessment().insertExtension(e);
        _audit.record(tx, actor.username, "deadline.extend", "deadline_extension",
                      std::to_string(e.id), nullptr, json::of(e));
        return e;
    });
}

}  // namespace kc
