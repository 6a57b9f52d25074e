#include "services/TemplatesJson.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/Text.h"
#include "services/JsonFieldReader.h"
#include "services/JsonSyntax.h"

namespace kc {

namespace {

using Poco::JSON::Object;
using report::CommonTemplate;
using report::SignerBlock;

const char* kInvalid = "Mẫu văn bản không hợp lệ";

// One template file: reads fields, prefixing every problem's path with the file name.
class FileReader {
public:
    explicit FileReader(std::string file) : _file(std::move(file)) {}

    std::string text(const Object& o, const std::string& path, const std::string& key,
                     bool required = true) {
        auto v = _r.text(o, path, key, required);
        if (v && required && v->empty())
            _r.add(path + "." + key, "Không được để trống");
        if (v)
            checkPlaceholders(*v, path + "." + key);
        return v.value_or("");
    }

    std::vector<std::string> lines(const Object& o, const std::string& path,
                                   const std::string& key, bool required = true) {
        std::vector<std::string> out;
        auto a = _r.array(o, path, key, required);
        if (!a)
            return out;
        if (required && a->size() == 0)
            _r.add(path + "." + key, "Cần ít nhất một dòng");
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string at = path + "." + key + "[" + std::to_string(i) + "]";
            if (auto t = _r.asText(a->get(static_cast<unsigned>(i)), at)) {
                if (t->empty())
                    _r.add(at, "Không được để trống");
                checkPlaceholders(*t, at);
                out.push_back(*t);
            }
        }
        return out;
    }

    SignerBlock signer(const Object& o, const std::string& path, bool required) {
        SignerBlock s;
        auto obj = _r.object(o, path, "signer", required);
        if (!obj)
            return s;
        const std::string at = path + ".signer";
        s.onBehalf = text(*obj, at, "on_behalf", false);
        s.acting = text(*obj, at, "acting", false);
        s.title = text(*obj, at, "title");
        s.name = text(*obj, at, "name");
        _r.checkTypos(*obj, at, {"on_behalf", "acting", "title", "name"});
        return s;
    }

    // A document's signer: every field optional; title and name, when given, not empty.
    report::SignerOverride signerOverride(const Object& o) {
        report::SignerOverride s;
        auto obj = _r.object(o, "$", "signer", false);
        if (!obj)
            return s;
        const std::string at = "$.signer";
        auto field = [&](const std::string& key, bool mayBeEmpty) {
            auto v = _r.text(*obj, at, key, false);
            if (v && !mayBeEmpty && v->empty())
                _r.add(at + "." + key, "Không được để trống");
            if (v)
                checkPlaceholders(*v, at + "." + key);
            return v;
        };
        s.onBehalf = field("on_behalf", true);
        s.acting = field("acting", true);
        s.title = field("title", false);
        s.name = field("name", false);
        _r.checkTypos(*obj, at, {"on_behalf", "acting", "title", "name"});
        return s;
    }

    CommonTemplate common(const Object& o) {
        CommonTemplate c;
        c.parentBody = text(o, "$", "parent_body", false);
        c.issuingBody = text(o, "$", "issuing_body", false);
        c.numberCode = text(o, "$", "number_code");
        c.documentType = text(o, "$", "document_type");
        c.subject = text(o, "$", "subject");
        c.recipients = lines(o, "$", "recipients");
        c.signer = signerOverride(o);
        return c;
    }

    JsonFieldReader& raw() { return _r; }

    std::vector<ErrorDetail> problems() {
        auto found = _r.takeProblems();
        for (auto& d : found) d.path = _file + " " + d.path;
        return found;
    }

private:
    void checkPlaceholders(const std::string& text, const std::string& path) {
        static const std::regex placeholder(R"(\{([^}]*)\})");
        for (std::sregex_iterator it(text.begin(), text.end(), placeholder), end; it != end; ++it) {
            const std::string name = (*it)[1];
            if (name != "year" && name != "unit" && name != "unit_type")
                _r.add(path, "Biến {" + name + "} không được hỗ trợ (chỉ có {year}, {unit}, {unit_type})");
        }
    }

    std::string _file;
    JsonFieldReader _r;
};

// Reads and parses directory/file; adds a problem and returns null on failure.
Object::Ptr parseFile(const std::filesystem::path& directory, const std::string& file,
                      std::vector<ErrorDetail>& problems, std::optional<Error>& missing) {
    std::ifstream in(directory / file, std::ios::binary);
    if (!in) {
        missing = Error::notFound("Không tìm thấy tệp mẫu văn bản " + (directory / file).string());
        return nullptr;
    }
    std::stringstream s;
    s << in.rdbuf();
    const std::string json(text::withoutBom(s.str()));
    if (auto line = findInvalidUtf8Line(json)) {
        problems.push_back({file, "Tệp không phải văn bản UTF-8 hợp lệ (dòng " +
                                      std::to_string(*line) + ")"});
        return nullptr;
    }
    if (auto e = findJsonSyntaxError(json)) {
        problems.push_back({file + " dòng " + std::to_string(e->line) + ", cột " +
                                std::to_string(e->column),
                            e->message});
        return nullptr;
    }
    try {
        auto root = Poco::JSON::Parser().parse(json);
        if (root.type() == typeid(Object::Ptr))
            return root.extract<Object::Ptr>();
    } catch (const Poco::Exception& e) {
        problems.push_back({file, e.displayText()});
        return nullptr;
    }
    problems.push_back({file + " $", "Phải là một đối tượng JSON"});
    return nullptr;
}

template <typename F>
void readFile(const std::filesystem::path& dir, const std::string& file,
              std::vector<ErrorDetail>& problems, std::optional<Error>& missing, F&& f) {
    Object::Ptr o = parseFile(dir, file, problems, missing);
    if (!o)
        return;
    FileReader r(file);
    f(*o, r);
    auto found = r.problems();
    problems.insert(problems.end(), found.begin(), found.end());
}

}  // namespace


Result<report::DocumentTemplates> loadTemplates(const std::string& directory) {
    report::DocumentTemplates t;
    std::vector<ErrorDetail> problems;
    std::optional<Error> missing;
    const std::filesystem::path dir(directory);

    readFile(dir, "organisation.json", problems, missing, [&](const Object& o, FileReader& r) {
        auto& org = t.organisation;
        org.parentBody = r.text(o, "$", "parent_body", false);
        org.issuingBody = r.text(o, "$", "issuing_body");
        org.issuingBodyName = r.text(o, "$", "issuing_body_name", false);
        org.place = r.text(o, "$", "place");
        org.signingLocation = r.text(o, "$", "signing_location");
        org.archiveLine = r.text(o, "$", "archive_line");
        org.signer = r.signer(o, "$", true);
        r.raw().checkTypos(o, "$",
                           {"parent_body", "issuing_body", "issuing_body_name", "place",
                            "signing_location", "archive_line", "signer"});
    });
    readFile(dir, "appraisal-sheet.json", problems, missing, [&](const Object& o, FileReader& r) {
        auto& a = t.appraisalSheet;
        a.common = r.common(o);
        a.intro = r.lines(o, "$", "intro", false);
        a.totalLabel = r.text(o, "$", "total_label");
        a.noEvidence = r.text(o, "$", "no_evidence");
        a.manifestNote = r.text(o, "$", "manifest_note");
        if (auto cols = r.raw().object(o, "$", "columns", true)) {
            const std::string at = "$.columns";
            a.colCode = r.text(*cols, at, "code");
            a.colName = r.text(*cols, at, "name");
            a.colMax = r.text(*cols, at, "max");
            a.colSelf = r.text(*cols, at, "self");
            a.colStep1 = r.text(*cols, at, "step1");
            a.colStep2 = r.text(*cols, at, "step2");
            a.colEvidence = r.text(*cols, at, "evidence");
            r.raw().checkTypos(*cols, at, {"code", "name", "max", "self", "step1", "step2", "evidence"});
        }
        r.raw().checkTypos(o, "$", {"intro", "total_label", "no_evidence", "manifest_note",
                                    "columns", "number_code", "document_type", "recipients"},
                           {"parent_body", "issuing_body", "subject", "signer"});
    });
    readFile(dir, "decision.json", problems, missing, [&](const Object& o, FileReader& r) {
        auto& d = t.decision;
        d.common = r.common(o);
        d.authority = r.text(o, "$", "authority");
        d.legalBases = r.lines(o, "$", "legal_bases");
        d.proposal = r.text(o, "$", "proposal");
        d.articles = r.lines(o, "$", "articles");
        d.appendixSubject = r.text(o, "$", "appendix_subject");
        d.detailSubject = r.text(o, "$", "detail_subject");
        r.raw().checkTypos(o, "$", {"authority", "legal_bases", "proposal", "articles",
                                    "appendix_subject", "detail_subject", "recipients"},
                           {"parent_body", "issuing_body", "number_code", "document_type",
                            "subject", "signer"});
    });
    readFile(dir, "report.json", problems, missing, [&](const Object& o, FileReader& r) {
        auto& rep = t.report;
        rep.common = r.common(o);
        if (auto titles = r.raw().object(o, "$", "section_titles", true)) {
            const std::string at = "$.section_titles";
            rep.overviewTitle = r.text(*titles, at, "overview");
            rep.processTitle = r.text(*titles, at, "process");
            rep.resultsTitle = r.text(*titles, at, "results");
            rep.assessmentTitle = r.text(*titles, at, "assessment");
            rep.directionsTitle = r.text(*titles, at, "directions");
            r.raw().checkTypos(*titles, at, {"overview", "process", "results", "assessment", "directions"});
        }
        rep.overview = r.lines(o, "$", "overview");
        rep.process = r.lines(o, "$", "process");
        r.raw().checkTypos(o, "$", {"section_titles", "overview", "process", "recipients"},
                           {"parent_body", "issuing_body", "number_code", "document_type",
                            "subject", "signer"});
    });
    if (missing)
        return *missing;
    if (!problems.empty())
        return Error::invalid(kInvalid, std::move(problems));
    return t;
}

}  // namespace kc
