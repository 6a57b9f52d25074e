#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "http/CompletenessJson.h"
#include "services/AssessmentJson.h"

namespace kc::http {
namespace {

// The matrix as Poco objects, as the handler built it before matrixJsonText: the reference bytes.
std::string viaPoco(const CompletenessMatrix& m) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("year", m.year);
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const MatrixRow& row : m.rows) {
        Poco::JSON::Object::Ptr u = new Poco::JSON::Object;
        u->set("unit_code", row.unitCode);
        u->set("unit_name", row.unitName);
        u->set("unit_type", row.unitType);
        u->set("phase", std::string(phaseName(row.phase)));
        u->set("nothing_submitted", row.summary.nothingSubmitted());
        u->set("summary", kc::json::of(row.summary));
        Poco::JSON::Object::Ptr cells = new Poco::JSON::Object;
        for (const MatrixCell& c : row.cells) {
            Poco::JSON::Array::Ptr cell = new Poco::JSON::Array;
            cell->add(c.done);
            cell->add(c.total);
            cell->add(std::string(itemStatusName(c.least)));
            cells->set(c.criterion, cell);
        }
        u->set("cells", cells);
        rows->add(u);
    }
    o->set("rows", rows);
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(o, out);
    return out.str();
}

MatrixRow row(const std::string& code, const std::string& name, Phase phase,
              std::vector<ItemStatus> statuses, std::vector<MatrixCell> cells) {
    MatrixRow r{code, name, "xa", phase, {}, std::move(cells)};
    for (ItemStatus s : statuses) r.summary.add(s);
    return r;
}

TEST(CompletenessJsonTest, MatrixTextIsWhatThePocoObjectsGave) {
    CompletenessMatrix m{2022, {}};
    EXPECT_EQ(matrixJsonText(m), viaPoco(m));
    m.rows.push_back(row("XA01", "UBND xã \"Bảo Hà\" \\ A/B", Phase::Step1Appraisal,
                         {ItemStatus::NotStarted, ItemStatus::Complete, ItemStatus::UnderReview},
                         {{"1.2", 1, 2, ItemStatus::NotStarted},
                          {"1.10", 0, 1, ItemStatus::UnderReview},
                          {"1.1", 3, 3, ItemStatus::AppraisedStep2},
                          {"1.2", 2, 2, ItemStatus::Complete}}));
    m.rows.push_back(row("XA02", "Thị trấn Phố Ràng", Phase::NotStarted,
                         {ItemStatus::NotStarted, ItemStatus::NotStarted}, {}));
    m.rows.push_back(row("XA03", "", Phase::Closed,
                         {ItemStatus::AppraisedStep1, ItemStatus::AppraisedStep2,
                          ItemStatus::Replied, ItemStatus::SupplementRequested,
                          ItemStatus::MissingEvidence, ItemStatus::MissingExplanation},
                         {{"10.1", 6, 6, ItemStatus::MissingEvidence}}));
    m.rows.push_back(row("XA04", "x", Phase::SupplementWindow, {}, {}));
    EXPECT_EQ(matrixJsonText(m), viaPoco(m));
}

}  // namespace
}  // namespace kc::http
