#include <Poco/String.h>

#include <fstream>
#include <thread>

#include "EvidenceTestServer.h"
#include "core/Sha256.h"

namespace kc::test {
namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

class EvidenceTest : public ::testing::Test {
protected:
    // Asserts that a failed upload left no rows, no temporary files and no blobs.
    void expectNothingStored(const HttpResult& r) {
        EXPECT_EQ(s.storedCount(), 0) << r.dump();
        EXPECT_EQ(s.filesUnder("tmp"), 0);
        EXPECT_EQ(s.filesUnder("blobs"), 0);
    }
    std::string path(const std::string& sub) { return EvidenceServer::evidencePath() + "/" + sub; }

    EvidenceServer s;
};

TEST_F(EvidenceTest, UploadsFilesWithMetadataFieldsFirst) {
    auto r = s.upload("1.1.1", {{"doc_number", std::nullopt, "97/KH-UBND"},
                                {"issue_date", std::nullopt, "2022-01-15"},
                                {"issuer", std::nullopt, "UBND xã Phúc Khánh"},
                                {"page_ref", std::nullopt, "tr. 2, mục II"},
                                {"file", "ke-hoach.pdf", kPdf},
                                {"file", "bao-cao.txt", "Báo cáo CCHC"}});
    ASSERT_EQ(r.status, 201) << r.dump();
    auto items = r.array();
    ASSERT_EQ(items->size(), 2u);
    auto first = items->getObject(0);
    EXPECT_EQ(first->getValue<std::string>("file_name"), "ke-hoach.pdf");
    EXPECT_EQ(first->getValue<std::string>("sha256"), Sha256::hex(kPdf));
    EXPECT_EQ(first->getValue<std::uint64_t>("size"), kPdf.size());
    EXPECT_EQ(first->getValue<std::string>("media_type"), "application/pdf");
    EXPECT_EQ(first->getValue<std::string>("round"), "self");
    EXPECT_EQ(first->getValue<std::string>("doc_number"), "97/KH-UBND");
    EXPECT_EQ(first->getValue<std::string>("issue_date"), "2022-01-15");
    EXPECT_EQ(s.storedCount(), 2);
    EXPECT_EQ(s.filesUnder("tmp"), 0);
    EXPECT_EQ(s.filesUnder("blobs"), 2);
}

// Several files in one request are committed as one batch (two filesystem flushes) and
// recorded in one transaction, in the order sent; the same content twice is stored once.
TEST_F(EvidenceTest, ManyFilesInOneRequestAreStoredInOrder) {
    std::vector<Part> parts;
    for (int i = 0; i < 10; ++i)
        parts.push_back({"file", "tep-" + std::to_string(i) + ".txt",
                         "Tệp số " + std::to_string(i)});
    parts.push_back({"file", "ke-hoach.pdf", kPdf});
    parts.push_back({"file", "ban-sao.pdf", kPdf});
    auto r = s.upload("1.1.1", parts);
    ASSERT_EQ(r.status, 201) << r.dump();
    auto items = r.array();
    ASSERT_EQ(items->size(), parts.size());
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto item = items->getObject(static_cast<unsigned>(i));
        EXPECT_EQ(item->getValue<std::string>("file_name"), *parts[i].fileName);
        EXPECT_EQ(item->getValue<std::string>("sha256"), Sha256::hex(parts[i].content));
    }
    EXPECT_EQ(items->getObject(10)->getValue<std::string>("media_type"), "application/pdf");
    EXPECT_EQ(items->getObject(0)->getValue<std::string>("media_type"), "text/plain");
    EXPECT_EQ(s.storedCount(), 12);
    EXPECT_EQ(s.filesUnder("blobs"), 11);
    EXPECT_EQ(s.filesUnder("tmp"), 0);
}

// One bad file among several: the request stores none of them, not even the good ones' blobs.
TEST_F(EvidenceTest, ManyFilesAreStoredAllOrNothing) {
    auto r = s.upload("1.1.1", {{"file", "a.pdf", kPdf},
                                {"file", "b.txt", "Báo cáo"},
                                {"file", "k\xE9 ho\xE1" "ch.pdf", "C"}});
    EXPECT_EQ(r.status, 400) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, StoresVietnameseFileNamesAsNfcWithoutDirectories) {
    std::string nfd =
        "C:\\fakepath\\Ke\xCC\x82\xCC\x81 hoa\xCC\xA3"
        "ch CCHC 2022.pdf";
    auto r = s.upload("1.1.1", {{"file", nfd, kPdf}});
    ASSERT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(r.array()->getObject(0)->getValue<std::string>("file_name"),
              "Kế hoạch CCHC 2022.pdf");
}

// filename* (RFC 5987) wins over filename, with or without a language tag; one that cannot be
// decoded falls back to filename (RFC 6266).
TEST_F(EvidenceTest, UnderstandsRfc5987FileNames) {
    const std::pair<std::string, std::string> cases[] = {
        {"UTF-8''B%C3%A1o%20c%C3%A1o.pdf", "Báo cáo.pdf"},
        {"utf-8'vi'K%E1%BA%BF%20ho%E1%BA%A1ch.pdf", "Kế hoạch.pdf"},
        {"UTF-8''B%C3%A1o%2", "fallback.pdf"},
        {"UTF-8''caf%E9.pdf", "fallback.pdf"},  // Latin-1 labelled as UTF-8
        {"ISO-8859-1''caf%E9.pdf", "fallback.pdf"}};
    for (const auto& [ext, expected] : cases) {
        std::string body =
            "--" + kBoundary +
            "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fallback.pdf\"; "
            "filename*=" +
            ext + "\r\n\r\n" + kPdf + "\r\n--" + kBoundary + "--\r\n";
        RawConnection c(s.port);
        c.send(s.uploadHead(path("1.1.1"), s.unitUser(), body.size()) + body);
        auto r = c.readResponse();
        ASSERT_EQ(r.status, 201) << ext << ": " << r.dump();
        EXPECT_EQ(r.array()->getObject(0)->getValue<std::string>("file_name"), expected) << ext;
    }
}

// A body larger than Poco's 4 KiB buffer is read from the socket directly after its first
// bytes; it must end exactly at Content-Length, so that the next request on the same
// keep-alive connection is read whole.
TEST_F(EvidenceTest, LargeUploadsFollowEachOtherOnOneConnection) {
    RawConnection c(s.port);
    for (int i = 0; i < 3; ++i) {
        std::string content(300 * 1024 + 17 * i, '\0');
        for (std::size_t k = 0; k < content.size(); ++k)
            content[k] = static_cast<char>((k * 131 + i * 7) % 251);
        std::string body = multipartBody({{"note", std::nullopt, "lần " + std::to_string(i)},
                                          {"file", "tep-" + std::to_string(i) + ".bin", content}});
        c.send(s.uploadHead(path("1.1.1"), s.unitUser(), body.size()) + body);
        auto r = c.readResponse();
        ASSERT_EQ(r.status, 201) << "request " << i << ": " << r.dump();
        EXPECT_EQ(r.array()->getObject(0)->getValue<std::string>("sha256"), Sha256::hex(content));
        EXPECT_EQ(r.array()->getObject(0)->getValue<std::uint64_t>("size"), content.size());
    }
    EXPECT_EQ(s.storedCount(), 3);
}

TEST_F(EvidenceTest, AcceptsChunkedBodies) {
    std::string body = multipartBody({{"file", "a.pdf", kPdf}});
    std::string half = body.substr(0, body.size() / 2), rest = body.substr(body.size() / 2);
    auto chunk = [](const std::string& data) {
        char size[16];
        std::snprintf(size, sizeof size, "%zx\r\n", data.size());
        return size + data + "\r\n";
    };
    RawConnection c(s.port);
    c.send("POST " + path("1.1.1") + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
           s.unitUser() + "\r\nContent-Type: multipart/form-data; boundary=" + kBoundary +
           "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk(half) + chunk(rest) + "0\r\n\r\n");
    auto r = c.readResponse();
    ASSERT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(s.storedCount(), 1);
}

TEST_F(EvidenceTest, ListsFiltersAndShowsHistory) {
    ASSERT_EQ(s.upload("1.1.1", {{"file", "a.pdf", kPdf}}).status, 201);
    auto second = s.upload("1.1.2", {{"file", "b.txt", "b"}});
    ASSERT_EQ(second.status, 201);
    auto id = std::to_string(second.array()->getObject(0)->getValue<Id>("id"));
    auto w = s.request("POST", "/api/v1/evidence/" + id + "/withdraw", s.unitUser());
    ASSERT_EQ(w.status, 200) << w.dump();
    EXPECT_TRUE(w.object()->getValue<bool>("withdrawn"));

    auto filtered = s.request("GET", EvidenceServer::evidencePath() + "?sub=1.1.2", s.reviewer());
    ASSERT_EQ(filtered.status, 200) << filtered.dump();
    ASSERT_EQ(filtered.array()->size(), 1u);
    auto history = filtered.array()->getObject(0)->getArray("history");
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ(history->getObject(1)->getValue<std::string>("action"), "withdraw");

    auto restored = s.request("POST", "/api/v1/evidence/" + id + "/restore", s.unitUser());
    EXPECT_EQ(restored.status, 200) << restored.dump();
    EXPECT_EQ(
        s.request("GET", "/api/v1/evidence/" + id, s.clerk()).object()->getArray("history")->size(),
        3u);
    EXPECT_EQ(s.request("GET", EvidenceServer::evidencePath() + "?round=bogus", s.clerk()).status,
              400);
    auto self = s.request("GET", EvidenceServer::evidencePath() + "?round=self", s.clerk());
    EXPECT_EQ(self.array()->size(), 2u) << self.dump();
}

TEST_F(EvidenceTest, RejectsTruncatedBody) {
    std::string body = multipartBody({{"file", "a.pdf", kPdf + std::string(5000, 'x')}});
    RawConnection c(s.port);
    c.send(s.uploadHead(path("1.1.1"), s.unitUser(), body.size()) + body.substr(0, 3000));
    c.shutdownSend();
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 400) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, RejectsBodyShorterThanContentLength) {
    std::string body = multipartBody({{"file", "a.pdf", kPdf}});
    RawConnection c(s.port);
    c.send(s.uploadHead(path("1.1.1"), s.unitUser(), body.size() + 100) + body);
    c.shutdownSend();
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_NE(r.errorMessage().find("Content-Length"), std::string::npos) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, RejectsBodyLongerThanContentLength) {
    std::string body = multipartBody({{"file", "a.pdf", kPdf}});
    RawConnection c(s.port);
    // The declared length ends before the closing boundary.
    c.send(s.uploadHead(path("1.1.1"), s.unitUser(), body.size() - 10) + body);
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 400) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, RejectsBytesSentPastContentLength) {
    std::string body = multipartBody({{"file", "a.pdf", kPdf}});
    RawConnection c(s.port);
    c.send(s.uploadHead(path("1.1.1"), s.unitUser(), body.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    c.send(body + "extra bytes the client did not declare");
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 400) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, RejectsMissingClosingBoundary) {
    std::string body = multipartBody({{"file", "a.pdf", kPdf}}, false);
    RawConnection c(s.port);
    c.send(s.uploadHead(path("1.1.1"), s.unitUser(), body.size()) + body);
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_NE(r.errorMessage().find("boundary"), std::string::npos) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, RejectsMissingBoundaryParameter) {
    std::string body = multipartBody({{"file", "a.pdf", kPdf}});
    RawConnection c(s.port);
    c.send(s.uploadHead(path("1.1.1"), s.unitUser(), body.size(), "multipart/form-data") + body);
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 400) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, RejectsRequestWithoutFilePart) {
    auto r = s.upload("1.1.1", {{"note", std::nullopt, "chỉ có ghi chú"}});
    EXPECT_EQ(r.status, 400) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, RejectsEmptyFile) {
    auto r = s.upload("1.1.1", {{"file", "a.pdf", kPdf}, {"file", "empty.pdf", ""}});
    EXPECT_EQ(r.status, 400) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, RejectsNonUtf8FileName) {
    auto r = s.upload("1.1.1", {{"file", "k\xE9 ho\xE1" "ch.pdf", kPdf}});
    EXPECT_EQ(r.status, 400) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, RejectsBadIssueDate) {
    auto r =
        s.upload("1.1.1", {{"issue_date", std::nullopt, "15/01/2022"}, {"file", "a.pdf", kPdf}});
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_TRUE(r.hasDetail("issue_date")) << r.dump();
    expectNothingStored(r);
}

// A part the form does not have is refused at its header: the server neither keeps its value
// nor waits for the rest of a body that could hold thousands of such fields. (The part is
// seen once the scanner's 256 KiB buffer is full: 1 MiB of 200 MiB is sent here.)
TEST_F(EvidenceTest, AnUnknownFieldIsRefusedBeforeTheRestOfTheBody) {
    const std::string first = "--" + kBoundary +
                              "\r\nContent-Disposition: form-data; name=\"f0\"\r\n\r\n" +
                              std::string(1 << 20, 'A');
    RawConnection c(s.port);
    c.send(s.uploadHead(path("1.1.1"), s.unitUser(), 200 << 20) + first);  // and nothing more
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(r.errorMessage(), "Có trường không được hỗ trợ") << r.dump();
    EXPECT_TRUE(r.hasDetail("f0")) << r.dump();
    EXPECT_EQ(Poco::toLower(r.header("Connection")), "close");
    expectNothingStored(r);
}

// The five metadata fields together hold at most 64 KiB (each is at most 1000 bytes once
// cleaned): a body cannot make the server hold more text than that.
TEST_F(EvidenceTest, TextFieldsAreCappedTogether) {
    std::vector<Part> parts;
    for (const char* name : {"doc_number", "issuer", "page_ref", "note"})
        parts.push_back({name, std::nullopt, std::string(20000, 'x')});
    parts.push_back({"file", "a.pdf", kPdf});
    auto r = s.upload("1.1.1", parts);
    EXPECT_EQ(r.status, 413) << r.dump();
    EXPECT_NE(r.errorMessage().find("note"), std::string::npos) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, RejectsRepeatedField) {
    auto r = s.upload(
        "1.1.1",
        {{"note", std::nullopt, "a"}, {"note", std::nullopt, "b"}, {"file", "a.pdf", kPdf}});
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(r.errorMessage(), "Trường note bị lặp lại") << r.dump();
    EXPECT_EQ(r.detailPaths(), std::vector<std::string>{"note"}) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, RejectsUnknownSubCriterion) {
    auto r = s.upload("9.9.9", {{"file", "a.pdf", kPdf}});
    EXPECT_EQ(r.status, 404) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, RejectsSurveyItem) {
    auto r = s.upload("1.7.1", {{"file", "a.pdf", kPdf}});
    EXPECT_EQ(r.status, 400) << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, RejectsAnotherUnitsSubCriterion) {
    auto r = s.upload("1.1.1", {{"file", "a.pdf", kPdf}}, "BAOYEN");
    EXPECT_EQ(r.status, 403) << r.dump();
    expectNothingStored(r);
    EXPECT_EQ(s.request("GET", EvidenceServer::evidencePath("BAOYEN"), s.unitUser()).status, 403);
}

TEST_F(EvidenceTest, RejectsUploadAfterTheRoundClosed) {
    s.clock.set(*parseIso("2023-01-02T00:00:00Z"));
    auto r = s.upload("1.1.1", {{"file", "a.pdf", kPdf}});
    EXPECT_EQ(r.status, 409) << r.dump();
    EXPECT_NE(r.errorMessage().find("Đã hết hạn tự đánh giá ngày 31/12/2022"), std::string::npos)
        << r.dump();
    expectNothingStored(r);
}

TEST_F(EvidenceTest, SupplementWindowUploadsAreFlaggedNew) {
    s.clock.set(*parseIso("2023-01-06T00:00:00Z"));
    auto r = s.upload("1.1.1", {{"file", "a.pdf", kPdf}});
    ASSERT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(r.array()->getObject(0)->getValue<std::string>("round"), "supplement");
    auto list = s.request("GET", EvidenceServer::evidencePath(), s.clerk());
    EXPECT_TRUE(list.array()->getObject(0)->getValue<bool>("new_since_step1"));
}

TEST_F(EvidenceTest, ReviewerCannotUpload) {
    std::string body = multipartBody({{"file", "a.pdf", kPdf}});
    RawConnection c(s.port);
    c.send(s.uploadHead(path("1.1.1"), s.reviewer(), body.size()) + body);
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 403) << r.dump();
    expectNothingStored(r);
}

// "Expect: 100-continue" (curl for bodies over 1 MiB, .NET and PowerShell clients): the client
// sends the body only once the server answers "100 Continue". The server answers it when the
// upload has passed every check made before its body is read; a refused upload gets its error
// instead, and its client never sends the body (Poco would have said "continue" to every one).
std::string expectingContinue(std::string head) {
    return head.insert(head.size() - 2, "Expect: 100-continue\r\n");
}

TEST_F(EvidenceTest, AnUploadThatExpectsContinueIsToldToSendItsBody) {
    const std::string body = multipartBody({{"file", "Kế hoạch.pdf", kPdf}});
    RawConnection c(s.port);
    c.send(expectingContinue(s.uploadHead(path("1.1.1"), s.unitUser(), body.size())));
    EXPECT_EQ(c.readResponse().status, 100);
    c.send(body);
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(s.storedCount(), 1);
}

TEST_F(EvidenceTest, ARefusedUploadIsAnsweredBeforeItsBodyIsSent) {
    const std::size_t size = 50 << 20;  // what the client would have sent for nothing
    const struct {
        const char* what;
        std::string head;
        int status;
    } cases[] = {
        {"no session", s.uploadHead(path("1.1.1"), "no-such-token", size), 401},
        {"a reviewer", s.uploadHead(path("1.1.1"), s.reviewer(), size), 403},
        {"unknown sub-criterion", s.uploadHead(path("9.9.9"), s.unitUser(), size), 404},
        {"another unit's",
         s.uploadHead(EvidenceServer::evidencePath("BAOYEN") + "/1.1.1", s.unitUser(), size), 403},
        {"not multipart", s.uploadHead(path("1.1.1"), s.unitUser(), size, "text/plain"), 415},
        {"archive to an unknown unit",
         s.uploadHead("/api/v1/periods/2022/units/NOPE/evidence-archive", s.unitUser(), size), 403},
    };
    for (const auto& c : cases) {
        RawConnection client(s.port);
        client.send(expectingContinue(c.head));
        auto r = client.readResponse();  // no "100 Continue" first
        EXPECT_EQ(r.status, c.status) << c.what << ": " << r.dump();
        EXPECT_EQ(Poco::toLower(r.header("Connection")), "close") << c.what;
    }
    EXPECT_EQ(s.storedCount(), 0);
    EXPECT_EQ(s.filesUnder("tmp"), 0);
}

class EvidenceLimitTest : public ::testing::Test {
protected:
    EvidenceServer s{[](Config& c) {
        c.uploadMaxFileBytes = 1000;
        c.uploadMaxRequestBytes = 8000;
        c.httpTimeoutSeconds = 1;
    }};
    std::string path() { return EvidenceServer::evidencePath() + "/1.1.1"; }
};

TEST_F(EvidenceLimitTest, RejectsTooLargeFile) {
    auto r = s.upload("1.1.1",
                      {{"file", "small.pdf", kPdf}, {"file", "big.bin", std::string(5000, 'x')}});
    EXPECT_EQ(r.status, 413) << r.dump();
    EXPECT_EQ(s.storedCount(), 0);
    EXPECT_EQ(s.filesUnder("tmp"), 0);
    EXPECT_EQ(s.filesUnder("blobs"), 0);
}

TEST_F(EvidenceLimitTest, RejectsTooLargeRequestByContentLength) {
    RawConnection c(s.port);
    c.send(s.uploadHead(path(), s.unitUser(), 100000));
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 413) << r.dump();
    EXPECT_EQ(s.storedCount(), 0);
}

TEST_F(EvidenceLimitTest, ATooLargeUploadThatExpectsContinueIsRefusedBeforeItsBodyIsSent) {
    RawConnection c(s.port);
    c.send(expectingContinue(s.uploadHead(path(), s.unitUser(), 100000)));
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 413) << r.dump();  // not 100
    EXPECT_EQ(s.storedCount(), 0);
}

TEST_F(EvidenceLimitTest, RejectsStalledClientAfterTheTimeout) {
    std::string body = multipartBody({{"file", "a.pdf", kPdf + std::string(500, 'x')}});
    RawConnection c(s.port);
    c.send(s.uploadHead(path(), s.unitUser(), body.size()) + body.substr(0, body.size() / 2));
    auto r = c.readResponse();  // the client sends nothing more; the server gives up after 1 s
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(s.storedCount(), 0);
    EXPECT_EQ(s.filesUnder("tmp"), 0);
    EXPECT_EQ(s.filesUnder("blobs"), 0);
}

}  // namespace
}  // namespace kc::test

namespace kc::test {
namespace {

class EvidenceDownloadTest : public ::testing::Test {
protected:
    // Uploads content as XA16 for 1.1.1 and returns the new item's content path.
    std::string uploaded(const std::string& name, const std::string& bytes) {
        auto r = s.upload("1.1.1", {{"file", name, bytes}});
        EXPECT_EQ(r.status, 201) << r.dump();
        id = std::to_string(r.array()->getObject(0)->getValue<Id>("id"));
        return "/api/v1/evidence/" + id + "/content";
    }
    HttpResult get(const std::string& path, const Headers& headers = {}) {
        return s.request("GET", path, s.unitUser(), "", headers);
    }

    EvidenceServer s;
    std::string id;
};

TEST_F(EvidenceDownloadTest, StreamsTheFileWithTypeLengthEtagAndVietnameseName) {
    std::string nfd =
        "Ke\xCC\x82\xCC\x81 hoa\xCC\xA3"
        "ch CCHC 2022.pdf";
    auto path = uploaded(nfd, kPdf);
    auto r = get(path);
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_EQ(r.body, kPdf);
    EXPECT_EQ(r.header("Content-Type"), "application/pdf");
    EXPECT_EQ(r.header("Content-Length"), std::to_string(kPdf.size()));
    EXPECT_EQ(r.header("ETag"), "\"" + Sha256::hex(kPdf) + "\"");
    EXPECT_EQ(r.header("Content-Disposition"),
              "attachment; filename=\"Ke hoach CCHC 2022.pdf\"; "
              "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20CCHC%202022.pdf");
}

TEST_F(EvidenceDownloadTest, ShowsImagesInlineOnlyWhenAskedAndNothingElse) {
    // A 1x1 grey PNG.
    const std::string png(
        "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00"
        "\x00\x3a\x7e\x9b\x55\x00\x00\x00\x0aIDAT\x78\x9c\x63\x60\x00\x00\x00\x02\x00\x01\x48"
        "\xaf\xa4\x71\x00\x00\x00\x00IEND\xae\x42\x60\x82",
        67);
    auto image = uploaded("Ảnh chụp.png", png);
    auto r = get(image);
    EXPECT_EQ(r.header("Content-Disposition").rfind("attachment;", 0), 0u);
    r = get(image + "?inline=1");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type"), "image/png");
    EXPECT_EQ(r.header("Content-Disposition").rfind("inline; filename=\"Anh chup.png\"", 0), 0u);
    // Nothing may load or run in it, only our pages may frame it.
    EXPECT_EQ(r.header("Content-Security-Policy"), "default-src 'none'; frame-ancestors 'self'; sandbox");
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");

    // A PDF is never shown inline: the browser's viewer would run the scripts it may hold (the
    // web interface draws previews with pdf.js instead). Sandboxed, so that a browser given the
    // address does not run it either.
    auto pdf = uploaded("Kế hoạch.pdf", kPdf);
    r = get(pdf + "?inline=1");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type"), "application/pdf");
    EXPECT_EQ(r.header("Content-Disposition").rfind("attachment; filename=\"Ke hoach.pdf\"", 0),
              0u);
    EXPECT_EQ(r.header("Content-Security-Policy"),
              "default-src 'none'; frame-ancestors 'self'; sandbox");

    // An HTML file (detected by content, whatever its name) is never shown inline.
    auto html = uploaded("trang.pdf", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n");
    r = get(html + "?inline=true");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Disposition").rfind("attachment;", 0), 0u) << r.header("Content-Type");
    EXPECT_NE(r.header("Content-Security-Policy").find("sandbox"), std::string::npos);

    EXPECT_EQ(get(pdf + "?inline=maybe").status, 400);
}

TEST_F(EvidenceDownloadTest, AnswersIfNoneMatchWith304) {
    auto path = uploaded("a.pdf", kPdf);
    auto r = get(path, {{"If-None-Match", "\"" + Sha256::hex(kPdf) + "\""}});
    EXPECT_EQ(r.status, 304);
    EXPECT_TRUE(r.body.empty());
    EXPECT_EQ(get(path, {{"If-None-Match", "\"other\""}}).status, 200);
}

TEST_F(EvidenceDownloadTest, ServesSingleByteRanges) {
    std::string bytes = "0123456789abcdefghij";
    auto path = uploaded("a.txt", bytes);
    const struct {
        const char* range;
        int status;
        std::string body;
        std::string contentRange;
    } cases[] = {
        {"bytes=0-3", 206, "0123", "bytes 0-3/20"}, {"bytes=15-", 206, "fghij", "bytes 15-19/20"},
        {"bytes=-2", 206, "ij", "bytes 18-19/20"},  {"bytes=18-100", 206, "ij", "bytes 18-19/20"},
        {"bytes=20-", 416, "", "bytes */20"},       {"bytes=0-1,4-5", 200, bytes, ""},
    };
    for (const auto& c : cases) {
        auto r = get(path, {{"Range", c.range}});
        EXPECT_EQ(r.status, c.status) << c.range;
        if (c.status != 416) {
            EXPECT_EQ(r.body, c.body) << c.range;
        }
        EXPECT_EQ(r.header("Content-Range"), c.contentRange) << c.range;
    }
    // A browser resuming a download sends If-Range with the ETag it had: the range holds for
    // the same content only.
    const std::string etag = "\"" + Sha256::hex(bytes) + "\"";
    auto resumed = get(path, {{"Range", "bytes=15-"}, {"If-Range", etag}});
    EXPECT_EQ(resumed.status, 206);
    EXPECT_EQ(resumed.body, "fghij");
    for (const std::string& other :
         {std::string("\"other\""), "W/" + etag, std::string("Sat, 28 Nov 2026 10:00:00 GMT")}) {
        auto whole = get(path, {{"Range", "bytes=15-"}, {"If-Range", other}});
        EXPECT_EQ(whole.status, 200) << other;
        EXPECT_EQ(whole.body, bytes) << other;
    }
}

// Bytes this process has read through read(2) and its kind so far (/proc/self/io "rchar"): the
// server runs in the test's process, so a request that reads a stored file shows up here.
std::uint64_t bytesReadSoFar() {
    std::ifstream io("/proc/self/io");
    std::string key;
    std::uint64_t value = 0;
    while (io >> key >> value)
        if (key == "rchar:")
            return value;
    ADD_FAILURE() << "no rchar in /proc/self/io";
    return 0;
}

// A HEAD request (curl -I, a download manager checking size and name first) gets the headers
// a GET would, reads none of the stored bytes, and leaves its connection open for the next
// request. (The download and the export used to produce their body into Poco's HEAD stream,
// fail on its first write and cut the connection.)
TEST_F(EvidenceDownloadTest, HeadSendsTheHeadersWithoutReadingTheStoredBytes) {
    const std::string big = kPdf + std::string(8 << 20, 'x');
    auto path = uploaded("Quyết định.pdf", big);
    const auto get = this->get(path);
    ASSERT_EQ(get.status, 200);
    const std::string& token = s.unitUser();
    for (const std::string& target :
         {path, std::string("/api/v1/periods/2022/evidence-export?unit=XA16")}) {
        RawConnection c(s.port);
        const std::uint64_t before = bytesReadSoFar();
        c.send("HEAD " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
               "\r\n\r\n");
        auto head = c.readResponse(true);
        const std::uint64_t read = bytesReadSoFar() - before;
        // The request head (~120 bytes) and at most a few database pages; before, a 256 KiB
        // chunk of the file (download) or 64 KiB of it (export).
        EXPECT_LT(read, 48u * 1024) << target;
        EXPECT_EQ(head.status, 200) << target;
        EXPECT_NE(head.header("Content-Disposition"), "") << target;
        c.send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        auto next = c.readResponse();
        EXPECT_EQ(next.status, 200) << target << ": HEAD left no body and kept the connection";
    }
    auto head = s.request("HEAD", path, s.unitUser());
    for (const char* name : {"Content-Type", "Content-Length", "ETag", "Content-Disposition"})
        EXPECT_EQ(head.header(name), get.header(name)) << name;
}

TEST_F(EvidenceDownloadTest, AnotherUnitMayNotDownload) {
    auto path = uploaded("a.pdf", kPdf);
    auto other = s.kernel->accounts().createUser(
        Kernel::systemActor(),
        NewUser{"xabaoha", "Cán bộ xã Bảo Hà", Role::Unit, std::string("XA02"), "xabaoha@Kc2022!"});
    ASSERT_TRUE(other.ok()) << other.error().message;
    auto r = s.request("GET", path, s.login("xabaoha", "xabaoha@Kc2022!"));
    EXPECT_EQ(r.status, 403) << r.dump();
    EXPECT_EQ(s.request("GET", path, s.reviewer()).status, 200);
    EXPECT_EQ(s.request("GET", "/api/v1/evidence/9999/content", s.reviewer()).status, 404);
}

}  // namespace
}  // namespace kc::test

namespace kc::test {
namespace {

// http.timeoutSeconds holds for sending too: a client that stops reading a download (a paused
// browser download, a phone gone out of reach) is cut off, and its thread serves others. With
// one server thread, a stalled client that kept it would leave every other request waiting.
class EvidenceStalledReaderTest : public ::testing::Test {
protected:
    EvidenceServer s{[](Config& c) {
        c.httpThreads = 1;
        c.httpTimeoutSeconds = 1;
    }};
};

TEST_F(EvidenceStalledReaderTest, AClientThatStopsReadingIsCutOffAndItsThreadFreed) {
    const std::string big = kPdf + std::string(16 << 20, 'x');  // far beyond the socket buffers
    const std::string& token = s.unitUser();  // logged in before a connection holds the thread
    auto up = s.upload("1.1.1", {{"file", "Bản đồ quét.pdf", big}});
    ASSERT_EQ(up.status, 201) << up.dump();
    const std::string id = std::to_string(up.array()->getObject(0)->getValue<Id>("id"));
    for (const std::string& path :
         {"/api/v1/evidence/" + id + "/content",
          std::string("/api/v1/periods/2022/evidence-export?unit=XA16")}) {
        RawConnection stalled(s.port);
        stalled.setReceiveBufferSize(64 * 1024);
        stalled.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                     token + "\r\n\r\n");
        // Served by the one thread only once the stalled download has let it go (within about
        // twice the timeout; the helper waits 10 s for an answer).
        EXPECT_EQ(s.request("GET", "/api/v1/health", "").status, 200) << path;
        // The stalled client, reading at last, finds its download cut short.
        EXPECT_LT(stalled.readToEnd().size(), big.size()) << path;
    }
}

}  // namespace
}  // namespace kc::test
