#pragma once

#include "storage/SqlRepositories.h"

namespace kc {

// The repositories of one open SQL transaction.
class SqlTransaction final : public Transaction {
public:
    explicit SqlTransaction(sql::Connection& s)
        : _users(s), _sessions(s), _directory(s), _criteria(s), _audit(s), _evidence(s), _assessment(s), _results(s),
          _documents(s) {}
    UserRepository& users() override { return _users; }
    SessionRepository& sessions() override { return _sessions; }
    DirectoryRepository& directory() override { return _directory; }
    CriteriaRepository& criteria() override { return _criteria; }
    AuditRepository& audit() override { return _audit; }
    EvidenceRepository& evidence() override { return _evidence; }
    AssessmentRepository& assessment() override { return _assessment; }
    ResultsRepository& results() override { return _results; }
    DocumentRepository& documents() override { return _documents; }

private:
    SqlUserRepository _users;
    SqlSessionRepository _sessions;
    SqlDirectoryRepository _directory;
    SqlCriteriaRepository _criteria;
    SqlAuditRepository _audit;
    SqlEvidenceRepository _evidence;
    SqlAssessmentRepository _assessment;
    SqlResultsRepository _results;
    SqlDocumentRepository _documents;
};

}  // namespace kc
