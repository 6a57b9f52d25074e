#include <Poco/String.h>

#include "http/DownloadHeaders.h"
#include "http/Handlers.h"
#include "http/JsonFields.h"
#include "office/XlsxWorkbook.h"
#include "services/ResultsExport.h"
#include "services/ResultsJson.h"

namespace kc::http::results {

namespace {

// The CSV body of an import (Content-Type text/csv), as bytes: the services check the encoding.
Result<std::string> csvBody(Request& r) {
    std::string type = Poco::toLower(r.raw.getContentType());
    if (type.rfind("text/csv", 0) != 0)
        return Error{ErrorCode::UnsupportedMedia, "Chỉ nhận tệp CSV (Content-Type: text/csv)", {}};
    return r.bodyBytes();
}

Reply download(Request& r, const std::string& bytes, const std::string& contentType,
               const std::string& fileName) {
    auto& res = r.response;
    res.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
    res.setContentType(contentType);
    res.set("Content-Disposition", attachmentDisposition(fileName));
    res.set("Cache-Control", "private, no-store");
    res.set("X-Content-Type-Options", "nosniff");
    res.setContentLength64(static_cast<Poco::Int64>(bytes.size()));
    if (r.isHead())
        res.send();
    else
        res.send().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return Reply::sent();
}

template <typename Import>
Reply importCsv(Request& r, Import&& run) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    auto dry = r.boolQuery("dry_run");
    if (!dry.ok()) return Reply::error(dry.error());
    auto body = csvBody(r);
    if (!body.ok()) return Reply::error(body.error());
    auto report = run(year.value(), body.value(), dry.value());
    if (!report.ok()) return Reply::error(report.error());
    return Reply::json(json::of(report.value()), dry.value() ? 200 : 201);
}

}  // namespace

Reply tables(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    if (auto type = r.query("unit_type"))
        return replyOf(s.results.table(year.value(), *type),
                       [](const ResultTable& t) { return json::of(t); });
    return replyOf(s.results.tables(year.value()), [&](const std::vector<ResultTable>& all) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("year", year.value());
        o->set("tables", arrayOf(all, [](const ResultTable& t) { return json::of(t); }));
        return o;
    });
}

Reply exportTables(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    std::string format = r.query("format").value_or("xlsx");
    if (format != "xlsx" && format != "csv")
        return Reply::error(Error::invalid("format phải là xlsx hoặc csv", {{"format", format}}));
    auto type = r.query("unit_type");
    std::vector<ResultTable> all;
    if (type) {
        auto one = s.results.table(year.value(), *type);
        if (!one.ok()) return Reply::error(one.error());
        all.push_back(std::move(one.value()));
    } else {
        auto every = s.results.tables(year.value());
        if (!every.ok()) return Reply::error(every.error());
        all = std::move(every.value());
    }
    std::string base = "ket-qua-chi-so-cchc-" + std::to_string(year.value()) +
                       (type ? "-" + *type : std::string());
    if (format == "csv") {
        Sheet sheet = type ? resultSheet(all.front()) : summarySheet(all);
        return download(r, sheetCsv(sheet), "text/csv; charset=utf-8", base + ".csv");
    }
    std::vector<Sheet> sheets;
    if (!type) sheets.push_back(summarySheet(all));
    for (const ResultTable& t : all) sheets.push_back(resultSheet(t));
    auto bytes = office::writeXlsx(sheets, s.tmpDir);
    if (!bytes.ok()) return Reply::error(bytes.error());
    return download(r, bytes.value(),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    base + ".xlsx");
}

Reply unitResult(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    return replyOf(s.results.unitResult(r.who(), year.value(), r.param("code")),
                   [](const std::pair<ResultTable, UnitResult>& p) {
                       return json::explain(p.first, p.second);
                   });
}

Reply getSettings(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    return replyOf(s.results.settings(year.value(), r.param("type")),
                   [](const std::pair<ResultSettings, bool>& p) {
                       return json::of(p.first, p.second);
                   });
}

Reply putSettings(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    auto body = r.jsonBody();
    if (!body.ok()) return Reply::error(body.error());
    auto settings = json::parseResultSettings(*body.value());
    if (!settings.ok()) return Reply::error(settings.error());
    return replyOf(
        s.results.putSettings(r.who(), year.value(), r.param("type"), std::move(settings.value())),
        [](const ResultSettings& x) { return json::of(x, true); });
}

Reply importSurvey(Services& s, Request& r) {
    return importCsv(r, [&](int year, const std::string& csv, bool dry) {
        return s.survey.importSurveyCsv(r.who(), year, csv, dry);
    });
}

Reply listSurvey(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    return replyOf(s.survey.surveyScores(year.value()), [](const std::vector<SurveyScore>& rows) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("rows", arrayOf(rows, [](const SurveyScore& x) { return json::of(x); }));
        return o;
    });
}

Reply putSipasFactors(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    auto body = r.jsonBody();
    if (!body.ok()) return Reply::error(body.error());
    auto factors = json::parseSipasFactors(*body.value());
    if (!factors.ok()) return Reply::error(factors.error());
    return replyOf(s.survey.putFactors(r.who(), year.value(), std::move(factors.value())),
                   [](const std::vector<SipasFactor>& f) {
                       Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
                       o->set("factors", arrayOf(f, [](const SipasFactor& x) { return json::of(x); }));
                       return o;
                   });
}

Reply importSipasAnswers(Services& s, Request& r) {
    return importCsv(r, [&](int year, const std::string& csv, bool dry) {
        return s.survey.importAnswers(r.who(), year, csv, dry);
    });
}

Reply importSipasAggregates(Services& s, Request& r) {
    return importCsv(r, [&](int year, const std::string& csv, bool dry) {
        return s.survey.importAggregates(r.who(), year, csv, dry);
    });
}

Reply sipas(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    return replyOf(s.survey.sipas(year.value()), [](const SipasView& v) { return json::of(v); });
}

Reply applySipas(Services& s, Request& r) {
    auto year = r.yearParam();
    if (!year.ok()) return Reply::error(year.error());
    auto body = r.jsonBody();
    if (!body.ok()) return Reply::error(body.error());
    JsonFields f(*body, {"unit_type", "sub_code"});
    std::string type = f.requiredString("unit_type");
    std::string sub = f.requiredString("sub_code");
    if (!f.ok()) return Reply::error(f.error());
    return replyOf(s.survey.applySipas(r.who(), year.value(), type, sub),
                   [](const SurveyImportReport& x) { return json::of(x); }, 201);
}

}  // namespace kc::http::results
