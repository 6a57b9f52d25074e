#include "services/CompletenessService.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "domain/Workflow.h"

namespace kc {

namespace {

std::string key(const std::string& unit, const std::string& sub) {
    return unit + '\x1f' + sub;
}

bool activeIn(const Unit& u, int year) {
    return u.activeFromYear <= year && (!u.activeToYear || *u.activeToYear >= year);
}

// The areas a reviewer is assigned for year; nullopt (= every area) for clerks and admins.
std::optional<std::set<std::string>> visibleAreas(Transaction& tx, const Actor& actor, int year) {
    if (actor.role != Role::Reviewer)
        return std::nullopt;
    std::set<std::string> areas;
    for (const Assignment& a : tx.directory().listAssignments(year))
        if (a.username == actor.username)
            areas.insert(a.areaCode);
    return areas;
}

// Everything the read views need about a period, in a handful of queries.
struct PeriodFacts {
    Period period;
    std::vector<Unit> units;
    std::map<std::string, std::shared_ptr<const CriteriaIndex>> criteriaByType;
    std::unordered_map<std::string, AssessmentFlags> flags;
    std::unordered_map<std::string, EvidenceCount> counts;
    std::vector<DeadlineExtension> extensions;
};

Result<PeriodFacts> loadFacts(Transaction& tx, CriteriaCache& cache, int year,
                              const std::optional<std::string>& unitCode) {
    auto period = tx.directory().findPeriod(year);
    if (!period)
        return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
    PeriodFacts f;
    f.period = *period;
    for (Unit& u : tx.directory().listUnits()) {
        if (!activeIn(u, year) || (unitCode && u.code != *unitCode))
            continue;
        if (!f.criteriaByType.count(u.unitTypeCode)) {
            auto id = tx.assessment().currentSetId(year, u.unitTypeCode);
            f.criteriaByType[u.unitTypeCode] = id ? cache.get(tx, *id) : nullptr;
        }
        if (f.criteriaByType[u.unitTypeCode])
            f.units.push_back(std::move(u));
    }
    if (unitCode && f.units.empty())
        return Error::notFound("Không có đơn vị mã " + *unitCode + " (hoặc chưa có bộ tiêu chí)");
    for (AssessmentFlags& a : tx.assessment().flags(year, unitCode))
        f.flags.emplace(key(a.unitCode, a.subCode), std::move(a));
    for (EvidenceCount& e : tx.assessment().evidenceCounts(year, unitCode))
        f.counts.emplace(key(e.unitCode, e.subCode), std::move(e));
    f.extensions = tx.assessment().extensions(year, unitCode);
    return f;
}

ItemFacts factsFor(const CriteriaNode& n, const AssessmentFlags* a, const EvidenceCount* e) {
    ItemFacts f;
    f.survey = n.assessedBy == AssessedBy::Survey || n.scoring.type == ScoringType::Survey;
    f.evidenceRequired = n.evidenceRequired;
    f.minFiles = n.minFiles;
    f.explanationRequiredIfNoEvidence = n.explanationRequiredIfNoEvidence;
    f.files = e ? e->files : 0;
    if (a) {
        f.selfScored = a->selfScored;
        f.hasExplanation = a->hasExplanation;
        f.step1Scored = a->step1Scored;
        f.requested = a->requested;
        f.replied = a->replied;
        f.step2Scored = a->step2Scored;
    }
    return f;
}

template <typename M>
const typename M::mapped_type* lookup(const M& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? nullptr : &it->second;
}

}  // namespace

Result<CompletenessMatrix> CompletenessService::matrix(const Actor& actor, int year,
                                                       const MatrixFilter& filter) {
    if (actor.role == Role::Unit)
        return Error::forbidden("Đơn vị không xem được bảng tổng hợp của các đơn vị");
    return _store.read([&](Transaction& tx) -> Result<CompletenessMatrix> {
        auto areas = visibleAreas(tx, actor, year);
        if (areas && filter.area && !areas->count(*filter.area))
            return Error::forbidden("Bạn không được phân công thẩm định lĩnh vực " + *filter.area);
        auto facts = loadFacts(tx, *_cache, year, std::nullopt);
        if (!facts.ok())
            return facts.takeError();
        TimePoint now = _clock.now();
        CompletenessMatrix m{year, {}};
        for (const Unit& u : facts->units) {
            if (filter.unitType && u.unitTypeCode != *filter.unitType)
                continue;
            const CriteriaIndex& idx = *facts->criteriaByType.at(u.unitTypeCode);
            MatrixRow row{u.code, u.name, u.unitTypeCode, Phase::NotStarted, {}, {}};
            row.phase = phaseAt(effectivePeriod(facts->period, u.code, facts->extensions), now);
            for (std::size_t i = 0; i < idx.subs.size(); ++i) {
                const std::string& area = idx.areaOf[i];
                if ((filter.area && area != *filter.area) || (areas && !areas->count(area)))
                    continue;
                const CriteriaNode& n = idx.subs[i];
                std::string k = key(u.code, n.code);
                ItemStatus s = itemStatus(
                    factsFor(n, lookup(facts->flags, k), lookup(facts->counts, k)), row.phase);
                if (s == ItemStatus::Survey)
                    continue;
                row.summary.add(s);
                if (row.cells.empty() || row.cells.back().criterion != idx.criterionOf[i])
                    row.cells.push_back(MatrixCell{idx.criterionOf[i], 0, 0, s});
                MatrixCell& c = row.cells.back();
                ++c.total;
                bool done = s != ItemStatus::NotStarted && s != ItemStatus::MissingEvidence &&
                            s != ItemStatus::MissingExplanation;
                c.done += done;
                c.least = std::min(c.least, s);
            }
            if (filter.status && row.summary.count(*filter.status) == 0)
                continue;
            m.rows.push_back(std::move(row));
        }
        std::stable_sort(m.rows.begin(), m.rows.end(), [](const MatrixRow& a, const MatrixRow& b) {
            if (a.summary.nothingSubmitted() != b.summary.nothingSubmitted())
                return a.summary.nothingSubmitted();
            if (a.summary.donePct() != b.summary.donePct())
                return a.summary.donePct() < b.summary.donePct();
            return a.unitCode < b.unitCode;
        });
        return m;
    });
}

Result<std::vector<QueueItem>> CompletenessService::reviewQueue(const Actor& actor, int year) {
    if (actor.role != Role::Reviewer)
        return Error::forbidden("Chỉ thành viên tổ thẩm định có danh sách việc cần thẩm định");
    return _store.read([&](Transaction& tx) -> Result<std::vector<QueueItem>> {
        auto areas = visibleAreas(tx, actor, year);
        auto facts = loadFacts(tx, *_cache, year, std::nullopt);
        if (!facts.ok())
            return facts.takeError();
        std::map<std::string, TimePoint> seen;
        for (auto& [unit, at] : tx.assessment().seenMarks(year, actor.username)) seen[unit] = at;
        TimePoint now = _clock.now();
        std::vector<QueueItem> out;
        for (const Unit& u : facts->units) {
            Phase phase = phaseAt(effectivePeriod(facts->period, u.code, facts->extensions), now);
            if (phase != Phase::Step1Appraisal && phase != Phase::Step2Appraisal)
                continue;
            const CriteriaIndex& idx = *facts->criteriaByType.at(u.unitTypeCode);
            auto mark = lookup(seen, u.code);
            for (std::size_t i = 0; i < idx.subs.size(); ++i) {
                if (!areas->count(idx.areaOf[i]))
                    continue;
                std::string k = key(u.code, idx.subs[i].code);
                const AssessmentFlags* a = lookup(facts->flags, k);
                const EvidenceCount* e = lookup(facts->counts, k);
                QueueItem q{u.code, idx.subs[i].code, idx.areaOf[i], ItemStatus::UnderReview};
                if (phase == Phase::Step1Appraisal) {
                    if (!a || !a->selfScored || a->step1Scored)
                        continue;
                    q.since = a->selfAt.value_or(TimePoint{});
                } else {
                    bool newEvidence = e && e->supplementFiles > 0;
                    if (!a || a->step2Scored || !(a->replied || newEvidence))
                        continue;
                    q.status = a->replied ? ItemStatus::Replied : ItemStatus::AppraisedStep1;
                    q.since =
                        a->repliedAt.value_or(e && e->lastUpload ? *e->lastUpload : TimePoint{});
                    q.newReply = a->replied && (!mark || *a->repliedAt > *mark);
                    if (newEvidence && (!mark || (e->lastUpload && *e->lastUpload > *mark)))
                        q.newFiles = e->supplementFiles;
                }
                q.changedSinceSeen = !mark || q.since > *mark || q.newReply || q.newFiles > 0;
                out.push_back(std::move(q));
            }
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const QueueItem& a, const QueueItem& b) { return a.since < b.since; });
        return out;
    });
}

Result<Differences> CompletenessService::differences(const Actor& actor, int year,
                                                     const std::string& unit) {
    if (actor.role == Role::Unit && actor.unitCode != unit)
        return Error::forbidden("Đơn vị chỉ được xem kết quả của chính mình");
    return _store.read([&](Transaction& tx) -> Result<Differences> {
        auto facts = loadFacts(tx, *_cache, year, unit);
        if (!facts.ok())
            return facts.takeError();
        const Unit& u = facts->units.front();
        const CriteriaIndex& idx = *facts->criteriaByType.at(u.unitTypeCode);
        Differences d{unit, {}, {}, {}, {}};
        for (const CriteriaNode& n : idx.subs) {
            if (n.assessedBy == AssessedBy::Survey || n.scoring.type == ScoringType::Survey)
                continue;
            const AssessmentFlags* a = lookup(facts->flags, key(unit, n.code));
            DifferenceRow r{n.code, {}, {}, {}};
            if (a) {
                r.self = a->self;
                r.step1 = a->step1;
                r.step2 = a->step2;
            }
            d.selfTotal += r.self.value_or(Points());
            d.step1Total += r.step1.value_or(Points());
            d.step2Total += r.step2.value_or(Points());
            d.rows.push_back(std::move(r));
        }
        return d;
    });
}

}  // namespace kc
