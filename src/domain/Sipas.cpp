#include "domain/Sipas.h"

#include <map>
#include <set>

namespace kc {

namespace {

SipasResult resultOf(const std::string& unit, const std::vector<SipasFactor>& factors,
                     const std::map<std::string, SipasCount>& byFactor) {
    SipasResult r;
    r.unitCode = unit;
    std::int64_t pctSum = 0;
    std::int64_t withAnswers = 0;
    for (const SipasFactor& f : factors) {
        SipasFactorResult fr;
        fr.code = f.code;
        if (auto it = byFactor.find(f.code); it != byFactor.end()) {
            fr.valid = it->second.valid;
            fr.satisfied = it->second.satisfied;
        }
        if (fr.valid > 0) {
            fr.pct = Points::fromHundredths(
                roundHalfAwayFromZero(std::int64_t{fr.satisfied} * 10000, fr.valid));
            pctSum += fr.pct->hundredths();
            ++withAnswers;
        }
        r.factors.push_back(fr);
    }
    if (withAnswers > 0)
        r.overallPct = Points::fromHundredths(roundHalfAwayFromZero(pctSum, withAnswers));
    return r;
}

}  // namespace

Status validateSipasFactors(const std::vector<SipasFactor>& factors) {
    std::vector<ErrorDetail> problems;
    if (factors.empty() || factors.size() > 10)
        problems.push_back({"$.factors", "Cần từ 1 đến 10 yếu tố"});
    std::set<std::string> codes, names, questions;
    for (std::size_t i = 0; i < factors.size(); ++i) {
        const SipasFactor& f = factors[i];
        std::string path = "$.factors[" + std::to_string(i) + "]";
        if (f.code.empty())
            problems.push_back({path + ".code", "Thiếu mã yếu tố"});
        else if (!codes.insert(f.code).second)
            problems.push_back({path + ".code", "Mã yếu tố bị trùng: " + f.code});
        if (f.name.empty())
            problems.push_back({path + ".name", "Thiếu tên yếu tố"});
        else if (!names.insert(f.name).second)
            problems.push_back({path + ".name", "Tên yếu tố bị trùng: " + f.name});
        if (f.questions.empty())
            problems.push_back({path + ".questions", "Yếu tố cần ít nhất một câu hỏi"});
        for (std::size_t q = 0; q < f.questions.size(); ++q)
            if (f.questions[q].empty() || !questions.insert(f.questions[q]).second)
                problems.push_back({path + ".questions[" + std::to_string(q) + "]",
                                    "Mã câu hỏi trống hoặc đã thuộc yếu tố khác: " +
                                        f.questions[q]});
    }
    if (!problems.empty())
        return Error::invalid("Bộ yếu tố SIPAS không hợp lệ", problems);
    return Ok{};
}

std::vector<SipasCount> tallySipasAnswers(const std::vector<SipasFactor>& factors,
                                          const std::vector<SipasAnswer>& answers) {
    std::map<std::string, std::string> factorOf;
    for (const SipasFactor& f : factors)
        for (const std::string& q : f.questions) factorOf[q] = f.code;
    std::map<std::pair<std::string, std::string>, SipasCount> counts;
    for (const SipasAnswer& a : answers) {
        auto f = factorOf.find(a.question);
        if (f == factorOf.end() || !a.answer)
            continue;
        SipasCount& c = counts[{a.unitCode, f->second}];
        c.unitCode = a.unitCode;
        c.factorCode = f->second;
        ++c.valid;
        c.satisfied += *a.answer >= 4 ? 1 : 0;
    }
    std::vector<SipasCount> out;
    for (auto& [key, c] : counts) out.push_back(c);
    return out;
}

std::vector<SipasResult> computeSipas(const std::vector<SipasFactor>& factors,
                                      const std::vector<SipasCount>& counts) {
    std::map<std::string, std::map<std::string, SipasCount>> byUnit;
    std::map<std::string, SipasCount> pooled;
    for (const SipasCount& c : counts) {
        byUnit[c.unitCode][c.factorCode] = c;
        SipasCount& p = pooled[c.factorCode];
        p.factorCode = c.factorCode;
        p.valid += c.valid;
        p.satisfied += c.satisfied;
    }
    std::vector<SipasResult> out;
    for (const auto& [unit, byFactor] : byUnit) out.push_back(resultOf(unit, factors, byFactor));
    out.push_back(resultOf("", factors, pooled));
    return out;
}

}  // namespace kc
