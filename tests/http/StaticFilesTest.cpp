#include <algorithm>
#include <filesystem>
#include <fstream>

#include "TestServer.h"
#include "core/Sha256.h"
#include "http/StaticFiles.h"
#include "web/WebAssets.h"

namespace kc::test {
namespace {

const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void expectSecurityHeaders(const HttpResult& r) {
    EXPECT_EQ(r.header("Content-Security-Policy"), kCsp) << r.status;
    EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
    EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.header("Cache-Control"), "no-cache");
}

TEST_F(HttpTest, RootServesTheSinglePageWithSecurityHeaders) {
    auto r = s.get("/", "");
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(r.body.find("<html lang=\"vi\""), std::string::npos);
    expectSecurityHeaders(r);
    const auto* index = web::findWebAsset("index.html");
    ASSERT_TRUE(index);
    EXPECT_EQ(r.header("ETag"), "\"" + std::string(index->sha256) + "\"");
    EXPECT_EQ(r.body, std::string(index->content));
}

TEST_F(HttpTest, EveryEmbeddedAssetIsServedUnderStaticWithItsTypeAndHash) {
    ASSERT_FALSE(web::webAssets().empty());
    for (const auto& a : web::webAssets()) {
        auto r = s.get("/static/" + std::string(a.path), "");
        ASSERT_EQ(r.status, 200) << a.path << " " << r.dump();
        EXPECT_EQ(r.header("Content-Type"), a.contentType) << a.path;
        EXPECT_EQ(r.body, std::string(a.content)) << a.path;
        EXPECT_EQ(r.header("ETag"), "\"" + std::string(a.sha256) + "\"") << a.path;
        EXPECT_EQ(Sha256::hex(r.body), a.sha256) << a.path;
        expectSecurityHeaders(r);
    }
}

TEST_F(HttpTest, ScriptsAndStylesHaveTheirContentTypes) {
    auto js = s.get("/static/js/main.js", "");
    EXPECT_EQ(js.status, 200) << js.dump();
    EXPECT_EQ(js.header("Content-Type"), "text/javascript; charset=utf-8");
    auto css = s.get("/static/css/app.css", "");
    EXPECT_EQ(css.status, 200) << css.dump();
    EXPECT_EQ(css.header("Content-Type"), "text/css; charset=utf-8");
}

TEST_F(HttpTest, MatchingIfNoneMatchGets304WithoutBody) {
    auto first = s.get("/static/js/main.js", "");
    ASSERT_EQ(first.status, 200);
    const std::string etag = first.header("ETag");
    auto again = s.request("GET", "/static/js/main.js", "", "", {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304) << again.dump();
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.header("ETag"), etag);
    expectSecurityHeaders(again);
    auto listed =
        s.request("GET", "/static/js/main.js", "", "", {{"If-None-Match", "\"other\", W/" + etag}});
    EXPECT_EQ(listed.status, 304);
    auto stale = s.request("GET", "/static/js/main.js", "", "", {{"If-None-Match", "\"old\""}});
    EXPECT_EQ(stale.status, 200);
    EXPECT_EQ(stale.body, first.body);
    // The connection is still in step after a body-less 304.
    EXPECT_EQ(s.get("/api/v1/health", "").status, 200);
}

TEST(EtagMatches, ListsWeakTagsAndStar) {
    using http::web::etagMatches;
    EXPECT_TRUE(etagMatches("\"a\"", "\"a\""));
    EXPECT_TRUE(etagMatches(" \"b\" , \"a\" ", "\"a\""));
    EXPECT_TRUE(etagMatches("W/\"a\"", "\"a\""));
    EXPECT_TRUE(etagMatches("*", "\"a\""));
    EXPECT_FALSE(etagMatches("", "\"a\""));
    EXPECT_FALSE(etagMatches("\"ab\"", "\"a\""));
    EXPECT_FALSE(etagMatches("a", "\"a\""));
}

struct Missing {
    const char* name;
    const char* path;
};

class MissingStaticTest : public HttpTest, public ::testing::WithParamInterface<Missing> {};

TEST_P(MissingStaticTest, Gets404Json) {
    auto r = s.get(GetParam().path, "");
    EXPECT_EQ(r.status, 404) << r.dump();
    EXPECT_EQ(r.errorCode(), "not_found") << r.body;
}

INSTANTIATE_TEST_SUITE_P(
    Http, MissingStaticTest,
    ::testing::Values(Missing{"UnknownFile", "/static/js/nope.js"},
                      Missing{"StaticAlone", "/static"},
                      Missing{"StaticSlash", "/static/"},
                      Missing{"DotDot", "/static/../CMakeLists.txt"},
                      Missing{"EncodedDotDot", "/static/js/%2e%2e/%2e%2e/WebAssets.h"},
                      Missing{"SourceFileNotEmbedded", "/static/WebAssets.h"},
                      Missing{"CaseMatters", "/static/JS/main.js"},
                      Missing{"UnknownPageIsNotTheSpa", "/dang-nhap"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(HttpTest, WildcardTakesEverySegmentAndOtherMethodsAre405) {
    // js/pages/... is two segments below /static: the wildcard joins them.
    bool nested = false;
    for (const auto& a : web::webAssets()) {
        if (std::count(a.path.begin(), a.path.end(), '/') < 2) continue;
        nested = true;
        EXPECT_EQ(s.get("/static/" + std::string(a.path), "").status, 200) << a.path;
    }
    EXPECT_TRUE(nested) << "expected assets in nested folders (js/pages/)";
    auto post = s.request("POST", "/static/js/main.js", "", "{}");
    EXPECT_EQ(post.status, 405) << post.dump();
    EXPECT_EQ(post.header("Allow"), "GET, HEAD");
    EXPECT_EQ(s.request("DELETE", "/", "").status, 405);
}

// pdf.js comes from the directory web.pdfjsDir names (Debian's libjs-pdf), read on every request.
class PdfjsTest : public ::testing::Test {
protected:
    static std::string fakePdfjs(const ScratchDir& d) {
        std::filesystem::create_directories(d.path() / "build");
        std::ofstream(d.path() / "build/pdf.js") << "globalThis.pdfjsLib = {};\n";
        std::ofstream(d.path() / "build/pdf.worker.js") << "// worker\n";
        std::ofstream(d.path() / "build/pdf.sandbox.js") << "// scripting: never served\n";
        return (d.path() / "build").string();
    }
    ScratchDir dir;
    TestServer s{TestServerOptions{.pdfjsDir = fakePdfjs(dir)}};
};

TEST_F(PdfjsTest, ServesTheLibraryAndItsWorkerLikeTheWebFiles) {
    auto lib = s.get("/vendor/pdfjs/pdf.js", "");
    ASSERT_EQ(lib.status, 200) << lib.dump();
    EXPECT_EQ(lib.body, "globalThis.pdfjsLib = {};\n");
    EXPECT_EQ(lib.header("Content-Type"), "text/javascript; charset=utf-8");
    expectSecurityHeaders(lib);
    auto worker = s.get("/vendor/pdfjs/pdf.worker.js", "");
    ASSERT_EQ(worker.status, 200) << worker.dump();
    EXPECT_EQ(worker.body, "// worker\n");

    const std::string etag = lib.header("ETag");
    EXPECT_EQ(etag.rfind("\"pdfjs-", 0), 0u) << etag;
    auto again = s.request("GET", "/vendor/pdfjs/pdf.js", "", "", {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    // A package update changes the file, its size and its time: the tag follows.
    std::ofstream(dir.path() / "build/pdf.js") << "globalThis.pdfjsLib = {version: 2};\n";
    auto updated = s.request("GET", "/vendor/pdfjs/pdf.js", "", "", {{"If-None-Match", etag}});
    EXPECT_EQ(updated.status, 200);
    EXPECT_EQ(updated.body, "globalThis.pdfjsLib = {version: 2};\n");
    EXPECT_NE(updated.header("ETag"), etag);
}

TEST_F(PdfjsTest, OnlyTheTwoFilesAreServed) {
    for (const char* path :
         {"/vendor/pdfjs/pdf.sandbox.js", "/vendor/pdfjs/pdf.js.map",
          "/vendor/pdfjs/..%2Fbuild%2Fpdf.js", "/vendor/pdfjs/", "/vendor/pdfjs"}) {
        auto r = s.get(path, "");
        EXPECT_EQ(r.status, 404) << path << " " << r.dump();
        EXPECT_EQ(r.errorCode(), "not_found") << path;
    }
}

TEST(PdfjsMissing, APackageNotInstalledIsA404ThatSaysSo) {
    ScratchDir empty;
    TestServer s{TestServerOptions{.pdfjsDir = (empty.path() / "none").string()}};
    auto r = s.get("/vendor/pdfjs/pdf.js", "");
    EXPECT_EQ(r.status, 404) << r.dump();
    EXPECT_EQ(r.errorCode(), "not_found");
    EXPECT_NE(r.body.find("libjs-pdf"), std::string::npos) << r.body;
}

TEST_F(HttpTest, ApiRepliesKeepTheirOwnHeaders) {
    auto r = s.get("/api/v1/health", "");
    EXPECT_EQ(r.header("Cache-Control"), "no-store");
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
}

}  // namespace
}  // namespace kc::test
