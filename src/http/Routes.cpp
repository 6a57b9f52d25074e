#include "http/Routes.h"

#include "http/StaticFiles.h"

namespace kc::http {

std::vector<Route> apiRoutes(Services& s) {
    using R = Role;
    const Access anyone = Access::anyUser();
    const Access office = Access::roles_({R::Admin, R::Clerk});
    const Access admin = Access::roles_({R::Admin});
    const Access staff = Access::roles_({R::Admin, R::Clerk, R::Reviewer});
    const Access unitOnly = Access::roles_({R::Unit});
    const Access reviewer = Access::roles_({R::Reviewer});
    auto h = [&s](Reply (*f)(Services&, Request&)) {
        return [&s, f](Request& r) { return f(s, r); };
    };
    // clang-format off
    return {
        {"GET",    "/",                                      Access::open(), web::page},
        {"GET",    "/static/{*path}",                        Access::open(), web::asset},
        {"GET",    "/vendor/pdfjs/{file}",                   Access::open(), [&s](Request& r) { return web::pdfjs(s.pdfjsDir, r); }},

        {"GET",    "/api/v1/health",                         Access::open(), [&s](Request&) { return s.health(); }},

        {"POST",   "/api/v1/session",                        Access::open(), h(session::login)},
        {"GET",    "/api/v1/session",                        anyone,         h(session::me)},
        {"DELETE", "/api/v1/session",                        anyone,         h(session::logout)},

        {"GET",    "/api/v1/periods",                        anyone,         h(directory::listPeriods)},
        {"POST",   "/api/v1/periods",                        office,         h(directory::createPeriod)},
        {"GET",    "/api/v1/periods/{year}",                 anyone,         h(directory::getPeriod)},
        {"PATCH",  "/api/v1/periods/{year}",                 office,         h(directory::updatePeriod)},

        {"GET",    "/api/v1/unit-types",                     anyone,         h(directory::listUnitTypes)},
        {"POST",   "/api/v1/unit-types",                     office,         h(directory::createUnitType)},
        {"GET",    "/api/v1/units",                          anyone,         h(directory::listUnits)},
        {"POST",   "/api/v1/units",                          office,         h(directory::createUnit)},
        {"GET",    "/api/v1/units/{code}",                   anyone,         h(directory::getUnit)},
        {"PATCH",  "/api/v1/units/{code}",                   office,         h(directory::updateUnit)},

        {"POST",   "/api/v1/periods/{year}/criteria-sets",   office,         h(criteria::importSet)},
        {"POST",   "/api/v1/periods/{year}/criteria-sets/copy", office,      h(criteria::copySet)},
        {"GET",    "/api/v1/periods/{year}/criteria-sets",   anyone,         h(criteria::listSets)},
        {"GET",    "/api/v1/criteria-sets/{id}",             anyone,         h(criteria::getSet)},

        {"GET",    "/api/v1/users",                          office,         h(accounts::listUsers)},
        {"POST",   "/api/v1/users",                          admin,          h(accounts::createUser)},
        {"PATCH",  "/api/v1/users/{username}",               admin,          h(accounts::updateUser)},
        {"GET",    "/api/v1/periods/{year}/assignments",     staff,          h(accounts::listAssignments)},
        {"POST",   "/api/v1/periods/{year}/assignments",     office,         h(accounts::assign)},
        {"DELETE", "/api/v1/periods/{year}/assignments/{username}/{area}", office, h(accounts::unassign)},

        {"GET",    "/api/v1/audit",                          office,         h(audit::list)},
        {"GET",    "/api/v1/audit/verify",                   office,         h(audit::verify)},

        {"GET",    "/api/v1/periods/{year}/units/{code}/evidence",       anyone,   h(evidence::list)},
        {"POST",   "/api/v1/periods/{year}/units/{code}/evidence/{sub}", unitOnly, h(evidence::upload)},
        {"POST",   "/api/v1/periods/{year}/units/{code}/evidence-archive", unitOnly, h(evidence::importArchive)},
        {"GET",    "/api/v1/periods/{year}/evidence-export",  anyone,        h(evidence::exportZip)},
        {"GET",    "/api/v1/periods/{year}/units/{code}/assessment",                      anyone,   h(workflow::unitAssessment)},
        {"PUT",    "/api/v1/periods/{year}/units/{code}/assessment/{sub}/self",           unitOnly, h(workflow::putSelf)},
        {"PUT",    "/api/v1/periods/{year}/units/{code}/assessment/{sub}/step1",          reviewer, h(workflow::putStep1)},
        {"PUT",    "/api/v1/periods/{year}/units/{code}/assessment/{sub}/step2",          reviewer, h(workflow::putStep2)},
        {"POST",   "/api/v1/periods/{year}/units/{code}/assessment/{sub}/supplement-request", reviewer, h(workflow::requestSupplement)},
        {"POST",   "/api/v1/periods/{year}/units/{code}/assessment/{sub}/reply",          unitOnly, h(workflow::reply)},
        {"POST",   "/api/v1/periods/{year}/units/{code}/self-assessment",                 unitOnly, h(workflow::bulkSelf)},
        {"POST",   "/api/v1/periods/{year}/units/{code}/extensions",                      office,   h(workflow::extend)},
        {"GET",    "/api/v1/periods/{year}/units/{code}/differences",                     anyone,   h(workflow::differences)},
        {"GET",    "/api/v1/periods/{year}/completeness",                                 staff,    h(workflow::completeness)},
        {"GET",    "/api/v1/periods/{year}/review-queue",                                 reviewer, h(workflow::reviewQueue)},

        {"GET",    "/api/v1/periods/{year}/results",                          staff,  h(results::tables)},
        {"GET",    "/api/v1/periods/{year}/results/export",                   staff,  h(results::exportTables)},
        {"GET",    "/api/v1/periods/{year}/units/{code}/results",             anyone, h(results::unitResult)},
        {"GET",    "/api/v1/periods/{year}/result-settings/{type}",           staff,  h(results::getSettings)},
        {"PUT",    "/api/v1/periods/{year}/result-settings/{type}",           office, h(results::putSettings)},
        {"POST",   "/api/v1/periods/{year}/survey-scores",                    office, h(results::importSurvey)},
        {"GET",    "/api/v1/periods/{year}/survey-scores",                    staff,  h(results::listSurvey)},
        {"PUT",    "/api/v1/periods/{year}/sipas/factors",                    office, h(results::putSipasFactors)},
        {"POST",   "/api/v1/periods/{year}/sipas/answers",                    office, h(results::importSipasAnswers)},
        {"POST",   "/api/v1/periods/{year}/sipas/aggregates",                 office, h(results::importSipasAggregates)},
        {"GET",    "/api/v1/periods/{year}/sipas",                            staff,  h(results::sipas)},
        {"POST",   "/api/v1/periods/{year}/sipas/apply",                      office, h(results::applySipas)},

        {"POST",   "/api/v1/periods/{year}/documents",       office,         h(documents::generate)},
        {"GET",    "/api/v1/periods/{year}/documents",       anyone,         h(documents::list)},
        {"GET",    "/api/v1/documents/{id}",                 anyone,         h(documents::get)},
        {"GET",    "/api/v1/documents/{id}/content",         anyone,         h(documents::content)},
        {"POST",   "/api/v1/documents/{id}/signatures",      office,         h(documents::sign)},
        {"POST",   "/api/v1/verify",                         anyone,         h(documents::verify)},

        {"GET",    "/api/v1/evidence/{id}",                  anyone,         h(evidence::get)},
        {"GET",    "/api/v1/evidence/{id}/content",          anyone,         h(evidence::content)},
        {"POST",   "/api/v1/evidence/{id}/withdraw",         unitOnly,       h(evidence::withdraw)},
        {"POST",   "/api/v1/evidence/{id}/restore",          unitOnly,       h(evidence::restore)},
    };
    // clang-format on
}

}  // namespace kc::http
