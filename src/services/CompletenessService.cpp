#include "services/CompletenessService.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "domain/CriterionSum.h"
#include "domain/UnitYears.h"
#include "domain/Workflow.h"

namespace kc {

namespace {

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

// Everything the read views need about a period, in a handful of queries. The stored flags
// and evidence counts are found by position (unit, sub-criterion in its criteria index), not
// by a string key per cell: the matrix looks up ~12,000 cells per request.
struct PeriodFacts {
    Period period;
    std::vector<Unit> units;
    std::map<std::string, std::shared_ptr<const CriteriaIndex>> criteriaByType;
    std::vector<AssessmentFlags> flagList;
    std::vector<EvidenceCount> countList;
    std::vector<std::vector<int>> flagAt, countAt;  // [unit][sub] -> position in the list, or -1
    std::vector<DeadlineExtension> extensions;

    const CriteriaIndex& criteriaOf(std::size_t unit) const {
        return *criteriaByType.at(units[unit].unitTypeCode);
    }
    const AssessmentFlags* flags(std::size_t unit, std::size_t sub) const {
        int at = flagAt[unit][sub];
        return at < 0 ? nullptr : &flagList[static_cast<std::size_t>(at)];
    }
    const EvidenceCount* counts(std::size_t unit, std::size_t sub) const {
        int at = countAt[unit][sub];
        return at < 0 ? nullptr : &countList[static_cast<std::size_t>(at)];
    }
};

// Fills at[unit][sub] with each item's position in list; items of units or sub-criteria not in
// the facts are left out. Rows come grouped by unit, so the unit is looked up once per run.
template <typename T>
void place(const PeriodFacts& f, const std::vector<T>& list, std::vector<std::vector<int>>& at) {
    std::unordered_map<std::string, std::size_t> unitPos;
    for (std::size_t u = 0; u < f.units.size(); ++u) {
        unitPos.emplace(f.units[u].code, u);
        at.emplace_back(f.criteriaOf(u).subs.size(), -1);
    }
    const std::string* lastCode = nullptr;
    std::size_t u = 0;
    const CriteriaIndex* idx = nullptr;  // of unit u; nullptr for a unit not in the facts
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (!lastCode || *lastCode != list[i].unitCode) {
            auto it = unitPos.find(list[i].unitCode);
            u = it == unitPos.end() ? 0 : it->second;
            idx = it == unitPos.end() ? nullptr : &f.criteriaOf(u);
            lastCode = &list[i].unitCode;
        }
        if (!idx)
            continue;
        if (auto sub = idx->byCode.find(list[i].subCode); sub != idx->byCode.end())
            at[u][sub->second] = static_cast<int>(i);
    }
}

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
    f.flagList = tx.assessment().flags(year, unitCode);
    f.countList = tx.assessment().evidenceCounts(year, unitCode);
    place(f, f.flagList, f.flagAt);
    place(f, f.countList, f.countAt);
    f.extensions = tx.assessment().extensions(year, unitCode);
    return f;
}

bool isSurvey(const CriteriaNode& n) {
    return n.assessedBy == AssessedBy::Survey || n.scoring.type == ScoringType::Survey;
}

ItemFacts factsFor(const CriteriaNode& n, const AssessmentFlags* a, const EvidenceCount* e) {
    ItemFacts f;
    f.survey = isSurvey(n);
    f.evidenceRequired = n.evidenceRequired;
    f.minFiles = n.minFiles;
    f.explanationRequiredIfNoEvidence = n.explanationRequiredIfNoEvidence;
    f.unitScores = n.selfScored;
    f.optional = n.isAdjustment();
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
        for (std::size_t ui = 0; ui < facts->units.size(); ++ui) {
            const Unit& u = facts->units[ui];
            if (filter.unitType && u.unitTypeCode != *filter.unitType)
                continue;
            const CriteriaIndex& idx = facts->criteriaOf(ui);
            MatrixRow row{u.code, u.nameIn(year), u.unitTypeCode, Phase::NotStarted, {}, {}};
            row.phase = phaseAt(effectivePeriod(facts->period, u.code, facts->extensions), now);
            for (std::size_t i = 0; i < idx.subs.size(); ++i) {
                const std::string& area = idx.areaOf[i];
                if ((filter.area && area != *filter.area) || (areas && !areas->count(area)))
                    continue;
                ItemStatus s = itemStatus(
                    factsFor(idx.subs[i], facts->flags(ui, i), facts->counts(ui, i)), row.phase);
                if (s == ItemStatus::Survey)
                    continue;
                row.summary.add(s, mustSubmit(idx.subs[i]));
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
        for (std::size_t ui = 0; ui < facts->units.size(); ++ui) {
            const Unit& u = facts->units[ui];
            Period effective = effectivePeriod(facts->period, u.code, facts->extensions);
            Phase phase = phaseAt(effective, now);
            if (phase != Phase::Step1Appraisal && phase != Phase::Step2Appraisal)
                continue;
            const CriteriaIndex& idx = facts->criteriaOf(ui);
            auto mark = lookup(seen, u.code);
            for (std::size_t i = 0; i < idx.subs.size(); ++i) {
                if (!areas->count(idx.areaOf[i]))
                    continue;
                const AssessmentFlags* a = facts->flags(ui, i);
                const EvidenceCount* e = facts->counts(ui, i);
                const CriteriaNode& n = idx.subs[i];
                QueueItem q{u.code, n.code, idx.areaOf[i], ItemStatus::UnderReview};
                if (phase == Phase::Step1Appraisal) {
                    if (isSurvey(n) || (a && a->step1Scored))
                        continue;
                    if (n.selfScored) {
                        if (!a || !a->selfScored)
                            continue;
                        q.since = a->selfAt.value_or(TimePoint{});
                    } else {
                        // Not the unit's to score: the reviewers' from the start of step 1.
                        q.since = effective.dates.selfAssessmentCloses.value_or(TimePoint{});
                    }
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
        const CriteriaIndex& idx = facts->criteriaOf(0);
        Differences d;
        d.unitCode = unit;
        for (std::size_t i = 0; i < idx.subs.size(); ++i) {
            const CriteriaNode& n = idx.subs[i];
            if (isSurvey(n))
                continue;
            const AssessmentFlags* a = facts->flags(0, i);
            DifferenceRow r{n.code, n.adjustment, {}, {}, {}, {}, {}};
            if (a) {
                r.self = a->self;
                r.step1 = a->step1;
                r.step2 = a->step2;
            }
            // What the self-score adds to the points over the appraisal: reversed for a penalty.
            auto over = [&](Points self, Points appraised) {
                return n.adjustment == Adjustment::Penalty ? appraised - self : self - appraised;
            };
            if (r.self && r.step1) {
                r.selfMinusStep1 = over(*r.self, *r.step1);
                d.selfMinusStep1 += *r.selfMinusStep1;
                ++d.selfAndStep1;
            }
            if (r.self && r.step2) {
                r.selfMinusStep2 = over(*r.self, *r.step2);
                d.selfMinusStep2 += *r.selfMinusStep2;
                ++d.selfAndStep2;
            }
            d.rows.push_back(std::move(r));
        }
        // The round totals by the criterion rule, as results' self_total, step1_total, step2_total.
        auto flagsOf = [&](const CriteriaNode& n) -> const AssessmentFlags* {
            auto at = idx.byCode.find(n.code);
            return at == idx.byCode.end() ? nullptr : facts->flags(0, at->second);
        };
        auto total = [&](std::optional<Points> AssessmentFlags::*round) {
            return criterionRuleTotal(idx.set.areas, [&](const CriteriaNode& n) {
                const AssessmentFlags* a = flagsOf(n);
                return a ? a->*round : std::nullopt;
            });
        };
        d.selfTotal = total(&AssessmentFlags::self);
        d.step1Total = total(&AssessmentFlags::step1);
        d.step2Total = total(&AssessmentFlags::step2);
        return d;
    });
}

}  // namespace kc
