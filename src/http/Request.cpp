#include "http/Request.h"

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include <chrono>
#include <istream>
#include <vector>

#include "core/Text.h"
#include "services/JsonSyntax.h"

namespace kc::http {

namespace {

Result<std::int64_t> parseCount(const std::string& name, const std::string& v) {
    if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
        return Error::invalid("Tham số " + name + " phải là số", {{name, "Không phải số: " + v}});
    return std::stoll(v);
}

}  // namespace

Result<std::int64_t> Request::intParam(const std::string& name) const {
    return parseCount(name, param(name));
}

Result<std::int64_t> Request::intQuery(const std::string& name, std::int64_t fallback) const {
    auto v = query(name);
    if (!v)
        return fallback;
    return parseCount(name, *v);
}

Result<bool> Request::boolQuery(const std::string& name) const {
    auto v = query(name);
    if (!v || *v == "false" || *v == "0")
        return false;
    if (*v == "true" || *v == "1")
        return true;
    return Error::invalid(name + " phải là true hoặc false", {{name, *v}});
}

Result<int> Request::yearParam() const {
    auto y = intParam("year");
    if (!y.ok())
        return y.takeError();
    if (y.value() < 1900 || y.value() > 2200)
        return Error::invalid("Năm không hợp lệ", {{"year", "Năm ngoài khoảng cho phép"}});
    return static_cast<int>(y.value());
}

std::optional<std::string> Request::query(const std::string& name) const {
    for (const auto& [key, value] : Poco::URI(raw.getURI()).getQueryParameters())
        if (key == name)
            return value;
    return std::nullopt;
}

Result<std::string> Request::bodyText() {
    return bodyText(_limits.maxJsonBytes);
}

Result<std::string> Request::bodyText(std::uint64_t maxBytes) {
    auto body = bodyBytes(maxBytes);
    if (!body.ok())
        return body.takeError();
    if (!text::isValidUtf8(body.value()))
        return Error::invalid("Nội dung yêu cầu không phải UTF-8");
    return body;
}

Result<std::string> Request::bodyBytes() {
    return bodyBytes(_limits.maxJsonBytes);
}

Result<std::string> Request::bodyBytes(std::uint64_t limit) {
    auto tooLarge = [&] {
        return Error{ErrorCode::TooLarge,
                     "Nội dung yêu cầu vượt quá giới hạn " + std::to_string(limit) + " byte",
                     {}};
    };
    if (raw.hasContentLength() && raw.getContentLength64() > static_cast<Poco::Int64>(limit))
        return tooLarge();
    continueBody();
    std::string body;
    std::istream& in = raw.stream();
    char buf[8192];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        body.append(buf, static_cast<std::size_t>(in.gcount()));
        if (body.size() > limit)
            return tooLarge();
    }
    if (raw.hasContentLength() && static_cast<Poco::Int64>(body.size()) != raw.getContentLength64())
        return Error::invalid("Nội dung yêu cầu bị cắt ngắn");
    return body;
}

Result<Poco::JSON::Object::Ptr> Request::jsonBody() {
    return jsonBody(_limits.maxJsonBytes);
}

Result<Poco::JSON::Object::Ptr> Request::jsonBody(std::uint64_t maxBytes) {
    auto body = bodyText(maxBytes);
    if (!body.ok())
        return body.takeError();
    const std::string json(text::withoutBom(body.value()));
    if (auto syntax = jsonSyntaxDetail(json))
        return Error::invalid("JSON không hợp lệ", {*syntax});
    try {
        Poco::Dynamic::Var v = Poco::JSON::Parser().parse(json);
        if (v.type() != typeid(Poco::JSON::Object::Ptr))
            return Error::invalid("Nội dung phải là một đối tượng JSON");
        return v.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
        return Error::invalid("JSON không hợp lệ", {{"$", e.message()}});
    }
}

void Request::continueBody() {
    if (!_awaitingContinue)
        return;
    _awaitingContinue = false;
    response.sendContinue();
}

void Request::cutConnection() {
    if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&raw))
        http::cutConnection(impl->socket(), response);
}

void lingerAfterReply(Poco::Net::HTTPServerRequest& request, int seconds) {
    auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
    if (!impl)
        return;
    Poco::Net::StreamSocket& socket = impl->socket();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    std::vector<char> sink(64 * 1024);
    try {
        socket.shutdownSend();
        socket.setReceiveTimeout(Poco::Timespan(0, 200000));
        while (std::chrono::steady_clock::now() < deadline) {
            try {
                if (socket.receiveBytes(sink.data(), static_cast<int>(sink.size())) <= 0)
                    return;  // the client closed: it has the reply
            } catch (const Poco::TimeoutException&) {
            }
        }
    } catch (const Poco::Exception&) {
        // A reset or a closed socket: nothing more to wait for.
    }
}

void cutConnection(Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerResponse& res) {
    res.setKeepAlive(false);
    try {
        socket.shutdown();
    } catch (const Poco::Exception&) {
        // Already closed by the client: nothing more to end.
    }
}

}  // namespace kc::http
