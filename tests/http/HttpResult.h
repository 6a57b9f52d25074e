#pragma once

// What the end-to-end tests get back from the server, and a raw TCP connection for requests
// an HTTP client library would refuse to send.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace kc::test {

// One HTTP response: status, headers, raw body and the body parsed as JSON (empty Var when the
// body is empty or not JSON).
struct HttpResult {
    int status = 0;
    Poco::Net::NameValueCollection headers;  // case-insensitive names
    std::string body;
    Poco::Dynamic::Var json;

    Poco::JSON::Object::Ptr object() const {
        return json.type() == typeid(Poco::JSON::Object::Ptr)
                   ? json.extract<Poco::JSON::Object::Ptr>()
                   : Poco::JSON::Object::Ptr();
    }
    Poco::JSON::Array::Ptr array() const {
        return json.type() == typeid(Poco::JSON::Array::Ptr)
                   ? json.extract<Poco::JSON::Array::Ptr>()
                   : Poco::JSON::Array::Ptr();
    }
    std::string header(const std::string& name) const { return headers.get(name, ""); }
    // A top-level string field, "" when absent.
    std::string str(const std::string& key) const {
        auto o = object();
        return o && o->has(key) && !o->isNull(key) ? o->getValue<std::string>(key) : "";
    }
    Poco::JSON::Object::Ptr error() const {
        auto o = object();
        return o ? o->getObject("error") : Poco::JSON::Object::Ptr();
    }
    std::string errorCode() const {
        auto e = error();
        return e ? e->getValue<std::string>("code") : "";
    }
    std::string errorMessage() const {
        auto e = error();
        return e ? e->getValue<std::string>("message") : "";
    }
    std::vector<std::string> detailPaths() const {
        std::vector<std::string> out;
        auto e = error();
        auto details = e ? e->getArray("details") : Poco::JSON::Array::Ptr();
        for (std::size_t i = 0; details && i < details->size(); ++i)
            out.push_back(details->getObject(i)->getValue<std::string>("path"));
        return out;
    }
    bool hasDetail(const std::string& path) const {
        for (const auto& p : detailPaths())
            if (p == path)
                return true;
        return false;
    }
    // For failure messages.
    std::string dump() const { return std::to_string(status) + " " + body; }
};

// Whether a response announces that the server closes the connection.
inline bool closes(const HttpResult& r) {
    return Poco::icompare(r.header("Connection"), "close") == 0;
}

// A plain TCP connection for requests Poco's client would refuse to send (lying
// Content-Length, broken request lines, several requests on one connection).
class RawConnection {
public:
    explicit RawConnection(unsigned short port) {
        _socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(5, 0));
        _socket.setReceiveTimeout(Poco::Timespan(10, 0));
    }
    void send(const std::string& bytes) {
        std::size_t done = 0;
        while (done < bytes.size()) {
            int n = _socket.sendBytes(bytes.data() + done, static_cast<int>(bytes.size() - done));
            if (n <= 0)
                throw std::runtime_error("raw send failed");
            done += static_cast<std::size_t>(n);
        }
    }
    // No more bytes from the client (the server sees end of stream).
    void shutdownSend() { _socket.shutdownSend(); }
    // A fixed receive buffer (no growing by the kernel): a client that does not read then
    // stalls the server's sends after a few MiB.
    void setReceiveBufferSize(int bytes) { _socket.setReceiveBufferSize(bytes); }

    // Reads one response (status line, headers, Content-Length body; headers only for a reply
    // to HEAD). status 0 when the server closed the connection before a complete response.
    HttpResult readResponse(bool toHead = false) {
        HttpResult r;
        std::size_t headerEnd;
        while ((headerEnd = _buffer.find("\r\n\r\n")) == std::string::npos)
            if (!fill())
                return r;
        std::istringstream head(_buffer.substr(0, headerEnd));
        std::string line, version;
        std::getline(head, line);
        std::istringstream statusLine(line);
        statusLine >> version >> r.status;
        while (std::getline(head, line)) {
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            auto colon = line.find(':');
            if (colon == std::string::npos)
                continue;
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            r.headers.add(line.substr(0, colon), value);
        }
        std::size_t length = toHead ? 0 : std::stoul(r.headers.get("Content-Length", "0"));
        std::size_t start = headerEnd + 4;
        while (_buffer.size() < start + length)
            if (!fill()) {
                r.status = 0;
                return r;
            }
        r.body = _buffer.substr(start, length);
        _buffer.erase(0, start + length);
        if (!r.body.empty()) {
            try {
                r.json = Poco::JSON::Parser().parse(r.body);
            } catch (const Poco::Exception&) {
            }
        }
        return r;
    }
    // Every byte until the server closes or resets the connection (or 10 s pass in silence).
    std::string readToEnd() {
        while (fill()) {
        }
        return std::move(_buffer);
    }
    // True when the server has closed the connection (and sent nothing more).
    bool closedByServer() { return _buffer.empty() && !fill(); }

private:
    bool fill() {
        char buf[4096];
        try {
            int n = _socket.receiveBytes(buf, sizeof buf);
            if (n <= 0)
                return false;
            _buffer.append(buf, static_cast<std::size_t>(n));
            return true;
        } catch (const Poco::Exception&) {
            return false;  // reset or timeout: nothing more will come
        }
    }
    Poco::Net::StreamSocket _socket;
    std::string _buffer;
};

}  // namespace kc::test
