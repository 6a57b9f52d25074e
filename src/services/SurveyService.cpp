#include "services/SurveyService.h"

#include <map>
#include <set>

#include "core/ProblemList.h"
#include "core/Sha256.h"
#include "core/Text.h"
#include "domain/ScoreRules.h"
#include "domain/UnitYears.h"
#include "services/CsvTable.h"
#include "services/YearGuard.h"

namespace kc {

namespace {

const Points kHundredPct = Points::fromHundredths(10000);

// The units active in a period, by code.
std::map<std::string, Unit> activeUnits(Transaction& tx, int year) {
    std::map<std::string, Unit> out;
    for (Unit& u : tx.directory().listUnits())
        if (activeIn(u, year))
            out.emplace(u.code, std::move(u));
    return out;
}

// What a SIPAS import checks rows against: the period's factors and active units. NotFound for
// an unknown period; InvalidInput when no factor set is configured.
Result<std::pair<std::vector<SipasFactor>, std::map<std::string, Unit>>> sipasContext(
    Transaction& tx, int year) {
    if (!tx.directory().findPeriod(year))
        return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
    auto factors = tx.results().sipasFactors(year);
    if (factors.empty())
        return Error::invalid("Chưa khai báo các yếu tố SIPAS của kỳ đánh giá");
    return std::make_pair(std::move(factors), activeUnits(tx, year));
}

bool isSurvey(const CriteriaNode& n) {
    return n.assessedBy == AssessedBy::Survey || n.scoring.type == ScoringType::Survey;
}

// A count cell: a non-negative integer of at most 9 digits.
std::optional<int> count(const std::string& s) {
    if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoi(s);
}

Poco::JSON::Object::Ptr importSummary(const std::string& kind, std::size_t rows,
                                      const std::string& sha) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("kind", kind);
    o->set("rows", static_cast<int>(rows));
    if (!sha.empty())  // a file's; the SIPAS conversion has none
        o->set("sha256", sha);
    return o;
}

}  // namespace

Result<SurveyImportReport> SurveyService::importSurveyCsv(const Actor& actor, int year,
                                                          std::string_view csv, bool dryRun) {
    auto table = readCsvTable(csv, {"unit_code", "sub_code"}, "unit_code,sub_code,pct hoặc points");
    if (!table.ok())
        return table.takeError();
    if (!table->has("pct") && !table->has("points"))
        return Error::invalid("Dòng tiêu đề thiếu cột pct (tỷ lệ hài lòng %) hoặc points (điểm)",
                              {{"row 1", "Cần các cột unit_code,sub_code,pct hoặc points"}});
    auto body = [&](Transaction& tx) -> Result<SurveyImportReport> {
        KC_TRY(requireOpenPeriod(tx, year));
        auto units = activeUnits(tx, year);
        std::map<std::string, std::shared_ptr<const CriteriaIndex>> sets;
        std::map<std::pair<std::string, std::string>, int> seen;
        ProblemList problems;
        SurveyImportReport report;
        report.dryRun = dryRun;
        for (const CsvTable::Record& rec : table->records) {
            std::string path = "row " + std::to_string(rec.line);
            auto bad = [&](const std::string& m) { problems.push_back({path, m}); };
            std::string unitCode = table->cell(rec, "unit_code");
            std::string subCode = table->cell(rec, "sub_code");
            auto unit = units.find(unitCode);
            if (unit == units.end()) {
                bad("Không có đơn vị mã \"" + unitCode + "\" trong năm " + std::to_string(year));
                continue;
            }
            const std::string& type = unit->second.unitTypeCode;
            if (!sets.count(type)) {
                auto id = tx.assessment().currentSetId(year, type);
                sets[type] = id ? _cache->get(tx, *id) : nullptr;
            }
            const CriteriaNode* sub = sets[type] ? sets[type]->find(subCode) : nullptr;
            if (!sub) {
                bad("Không có tiêu chí mã \"" + subCode + "\" trong bộ tiêu chí của đơn vị " +
                    unitCode);
                continue;
            }
            if (!isSurvey(*sub)) {
                bad("Tiêu chí " + subCode + " không phải tiêu chí điều tra xã hội học");
                continue;
            }
            if (auto [it, fresh] = seen.emplace(std::make_pair(unitCode, subCode), rec.line);
                !fresh) {
                bad("Trùng đơn vị " + unitCode + ", tiêu chí " + subCode + " với dòng " +
                    std::to_string(it->second));
                continue;
            }
            std::string pctText = table->cell(rec, "pct");
            std::string pointsText = table->cell(rec, "points");
            SurveyValue v;
            v.source = "csv";
            if (!pctText.empty()) {
                auto p = Points::parse(pctText);
                if (!p.ok() || *p < Points{} || *p > kHundredPct) {
                    bad("Tỷ lệ hài lòng \"" + pctText + "\" phải là số từ 0 đến 100");
                    continue;
                }
                v.pct = *p;
                v.points = surveyPoints(sub->maxPoints, *p);
            }
            if (!pointsText.empty()) {
                auto p = Points::parse(pointsText);
                if (!p.ok() || *p < Points{} || *p > sub->maxPoints) {
                    bad("Điểm \"" + pointsText + "\" phải là số từ 0 đến " +
                        sub->maxPoints.toString(true));
                    continue;
                }
                if (v.pct && *p != v.points) {
                    bad("Điểm " + p->toString(true) + " không khớp tỷ lệ " +
                        v.pct->toString(true) + "% (= " + v.points.toString(true) + " điểm)");
                    continue;
                }
                v.points = *p;
            } else if (!v.pct) {
                bad("Cần tỷ lệ hài lòng (pct) hoặc điểm (points)");
                continue;
            }
            report.rows.push_back({unitCode, subCode, v});
            report.lines.push_back(rec.line);
        }
        if (!problems.empty())
            return problems.invalid("Tệp kết quả điều tra có " + std::to_string(problems.size()) +
                                    " dòng lỗi; chưa nhập dòng nào");
        if (report.rows.empty())
            return Error::invalid("Tệp không có dòng dữ liệu nào");
        if (!dryRun) {
            tx.results().putSurveyScores(year, report.rows, _clock.now(), actor.username);
            _audit.record(tx, actor.username, "survey.import", "period", std::to_string(year),
                          nullptr, importSummary("survey_scores", report.rows.size(),
                                                 Sha256::hex(csv)));
        }
        return report;
    };
    return dryRun ? _store.read(body) : _store.write(body);
}

Result<std::vector<SurveyScore>> SurveyService::surveyScores(int year) {
    return _store.read([&](Transaction& tx) -> Result<std::vector<SurveyScore>> {
        if (!tx.directory().findPeriod(year))
            return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
        return tx.results().surveyScores(year);
    });
}

Result<std::vector<SipasFactor>> SurveyService::putFactors(const Actor& actor, int year,
                                                           std::vector<SipasFactor> factors) {
    for (SipasFactor& f : factors) {  // codes and names as typed, without stray spaces
        f.code = std::string(text::trim(f.code));
        f.name = std::string(text::trim(f.name));
        for (std::string& q : f.questions) q = std::string(text::trim(q));
    }
    KC_TRY(validateSipasFactors(factors));
    return _store.write([&](Transaction& tx) -> Result<std::vector<SipasFactor>> {
        KC_TRY(requireOpenPeriod(tx, year));
        tx.results().putSipasFactors(year, factors);
        Poco::JSON::Object::Ptr after = new Poco::JSON::Object;
        Poco::JSON::Array::Ptr codes = new Poco::JSON::Array;
        for (const SipasFactor& f : factors) codes->add(f.code + " " + f.name);
        after->set("factors", codes);
        _audit.record(tx, actor.username, "sipas.factors", "period", std::to_string(year),
                      nullptr, after);
        return factors;
    });
}

Result<SipasImportReport> SurveyService::importAnswers(const Actor& actor, int year,
                                                       std::string_view csv, bool dryRun) {
    auto table = readCsvTable(csv, {"respondent", "unit_code", "question", "answer"},
                              "respondent,unit_code,question,answer");
    if (!table.ok())
        return table.takeError();
    auto parsed = _store.read([&](Transaction& tx) -> Result<SipasImportReport> {
        auto context = sipasContext(tx, year);
        if (!context.ok())
            return context.takeError();
        const auto& [factors, units] = context.value();
        std::set<std::string> questions;
        for (const SipasFactor& f : factors) questions.insert(f.questions.begin(), f.questions.end());
        std::map<std::tuple<std::string, std::string, std::string>, int> seen;
        std::vector<SipasAnswer> answers;
        ProblemList problems;
        for (const CsvTable::Record& rec : table->records) {
            std::string path = "row " + std::to_string(rec.line);
            SipasAnswer a{table->cell(rec, "respondent"), table->cell(rec, "unit_code"),
                          table->cell(rec, "question"), std::nullopt};
            std::string answer = table->cell(rec, "answer");
            if (a.respondent.empty())
                problems.push_back({path, "Thiếu mã người trả lời (respondent)"});
            else if (!units.count(a.unitCode))
                problems.push_back({path, "Không có đơn vị mã \"" + a.unitCode + "\""});
            else if (!questions.count(a.question))
                problems.push_back({path, "Câu hỏi \"" + a.question +
                                              "\" không thuộc yếu tố SIPAS nào"});
            else if (!answer.empty() && (answer.size() != 1 || answer[0] < '1' || answer[0] > '5'))
                problems.push_back({path, "Câu trả lời \"" + answer +
                                              "\" phải là 1 đến 5 (hoặc để trống)"});
            else if (auto [it, fresh] = seen.emplace(
                         std::make_tuple(a.respondent, a.unitCode, a.question), rec.line);
                     !fresh)
                problems.push_back({path, "Người trả lời " + a.respondent +
                                              " đã trả lời câu này ở dòng " +
                                              std::to_string(it->second)});
            else {
                if (!answer.empty()) a.answer = answer[0] - '0';
                answers.push_back(std::move(a));
            }
        }
        if (!problems.empty())
            return problems.invalid("Tệp phiếu SIPAS có " + std::to_string(problems.size()) +
                                    " dòng lỗi; chưa nhập dòng nào");
        SipasImportReport r;
        r.dryRun = dryRun;
        r.records = static_cast<int>(table->records.size());
        r.counts = tallySipasAnswers(factors, answers);
        return r;
    });
    if (!parsed.ok() || dryRun)
        return parsed;
    return storeCounts(actor, year, std::move(parsed.value()), "answers", Sha256::hex(csv));
}

Result<SipasImportReport> SurveyService::importAggregates(const Actor& actor, int year,
                                                          std::string_view csv, bool dryRun) {
    auto table = readCsvTable(csv, {"unit_code", "factor", "valid", "satisfied"},
                              "unit_code,factor,valid,satisfied");
    if (!table.ok())
        return table.takeError();
    auto parsed = _store.read([&](Transaction& tx) -> Result<SipasImportReport> {
        auto context = sipasContext(tx, year);
        if (!context.ok())
            return context.takeError();
        const auto& [factors, units] = context.value();
        std::set<std::string> codes;
        for (const SipasFactor& f : factors) codes.insert(f.code);
        std::map<std::pair<std::string, std::string>, int> seen;
        SipasImportReport r;
        r.dryRun = dryRun;
        ProblemList problems;
        for (const CsvTable::Record& rec : table->records) {
            std::string path = "row " + std::to_string(rec.line);
            SipasCount c{table->cell(rec, "unit_code"), table->cell(rec, "factor"), 0, 0};
            auto valid = count(table->cell(rec, "valid"));
            auto satisfied = count(table->cell(rec, "satisfied"));
            if (!units.count(c.unitCode))
                problems.push_back({path, "Không có đơn vị mã \"" + c.unitCode + "\""});
            else if (!codes.count(c.factorCode))
                problems.push_back({path, "Không có yếu tố SIPAS mã \"" + c.factorCode + "\""});
            else if (!valid || !satisfied)
                problems.push_back({path, "valid và satisfied phải là số nguyên không âm"});
            else if (*satisfied > *valid)
                problems.push_back({path, "Số phiếu hài lòng lớn hơn số phiếu hợp lệ"});
            else if (auto [it, fresh] =
                         seen.emplace(std::make_pair(c.unitCode, c.factorCode), rec.line);
                     !fresh)
                problems.push_back({path, "Trùng với dòng " + std::to_string(it->second)});
            else {
                c.valid = *valid;
                c.satisfied = *satisfied;
                r.counts.push_back(std::move(c));
            }
        }
        if (!problems.empty())
            return problems.invalid("Tệp tổng hợp SIPAS có " + std::to_string(problems.size()) +
                                    " dòng lỗi; chưa nhập dòng nào");
        r.records = static_cast<int>(table->records.size());
        return r;
    });
    if (!parsed.ok() || dryRun)
        return parsed;
    return storeCounts(actor, year, std::move(parsed.value()), "aggregates", Sha256::hex(csv));
}

Result<SipasImportReport> SurveyService::storeCounts(const Actor& actor, int year,
                                                     SipasImportReport report,
                                                     const std::string& source,
                                                     const std::string& sha) {
    if (report.counts.empty())
        return Error::invalid("Tệp không có câu trả lời hợp lệ nào");
    return _store.write([&](Transaction& tx) -> Result<SipasImportReport> {
        KC_TRY(requireOpenPeriod(tx, year));
        tx.results().replaceSipasCounts(year, report.counts);
        _audit.record(tx, actor.username, "sipas.import", "period", std::to_string(year),
                      nullptr, importSummary(source, static_cast<std::size_t>(report.records), sha));
        return report;
    });
}

Result<SipasView> SurveyService::sipas(int year) {
    return _store.read([&](Transaction& tx) -> Result<SipasView> {
        if (!tx.directory().findPeriod(year))
            return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
        SipasView v;
        v.year = year;
        v.factors = tx.results().sipasFactors(year);
        auto results = computeSipas(v.factors, tx.results().sipasCounts(year));
        v.overall = results.back();
        results.pop_back();
        v.units = std::move(results);
        return v;
    });
}

Result<SurveyImportReport> SurveyService::applySipas(const Actor& actor, int year,
                                                     const std::string& unitType,
                                                     const std::string& subCode) {
    return _store.write([&](Transaction& tx) -> Result<SurveyImportReport> {
        KC_TRY(requireOpenPeriod(tx, year));
        auto id = tx.assessment().currentSetId(year, unitType);
        auto index = id ? _cache->get(tx, *id) : nullptr;
        if (!index)
            return Error::notFound("Loại hình " + unitType + " chưa có bộ tiêu chí năm " +
                                   std::to_string(year));
        const CriteriaNode* sub = index->find(subCode);
        if (!sub || !isSurvey(*sub))
            return Error::invalid("Tiêu chí \"" + subCode +
                                      "\" không phải tiêu chí điều tra xã hội học của loại hình " +
                                      unitType,
                                  {{"$.sub_code", "Cần mã tiêu chí điều tra"}});
        auto units = activeUnits(tx, year);
        auto results = computeSipas(tx.results().sipasFactors(year), tx.results().sipasCounts(year));
        SurveyImportReport report;
        for (const SipasResult& r : results) {
            auto u = units.find(r.unitCode);
            if (r.unitCode.empty() || !r.overallPct || u == units.end() ||
                u->second.unitTypeCode != unitType)
                continue;
            report.rows.push_back(
                {r.unitCode, subCode, {surveyPoints(sub->maxPoints, *r.overallPct), r.overallPct, "sipas"}});
        }
        if (report.rows.empty())
            return Error::invalid("Chưa có đơn vị nào thuộc loại hình " + unitType +
                                  " có kết quả SIPAS");
        tx.results().putSurveyScores(year, report.rows, _clock.now(), actor.username);
        Poco::JSON::Object::Ptr after = importSummary("sipas", report.rows.size(), "");
        after->set("sub_code", subCode);
        after->set("unit_type", unitType);
        _audit.record(tx, actor.username, "survey.from_sipas", "period", std::to_string(year),
                      nullptr, after);
        return report;
    });
}

}  // namespace kc
