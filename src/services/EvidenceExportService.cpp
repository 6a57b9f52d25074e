#include "services/EvidenceExportService.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "archive/ArchivePath.h"
#include "archive/ArchiveWriter.h"
#include "core/Text.h"
#include "domain/Workflow.h"
#include "services/ExportManifest.h"

namespace kc {

namespace {

constexpr std::size_t kMaxNameBytes = 255;  // one path component, as ArchiveWriter accepts

// s cut to at most max bytes, not inside a UTF-8 sequence.
std::string utf8Prefix(const std::string& s, std::size_t max) {
    if (s.size() <= max)
        return s;
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

// name as Windows can create it, for the zip: the characters it refuses (< > : " | ? *) and
// control characters (C0, DEL, C1: stored before uploads refused them) as "_", no trailing
// dot or space, and "_" after a device name (CON, NUL, COM1…, with or without an extension).
// A name from a Mac such as "97:KH-UBND.pdf" ("97/KH-UBND.pdf" in its Finder) would otherwise
// stop Windows Explorer from unpacking the whole export.
std::string windowsSafe(const std::string& raw) {
    std::string name;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (std::size_t control = text::controlCharacterAt(raw, i)) {
            name += '_';
            i += control - 1;
        } else {
            name +=
                std::string_view("<>:\"|?*").find(raw[i]) != std::string_view::npos ? '_' : raw[i];
        }
    }
    while (!name.empty() && (name.back() == '.' || name.back() == ' ')) name.pop_back();
    if (name.empty())
        return "_";
    std::string stem = name.substr(0, name.find('.'));
    for (char& c : stem) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const bool numbered = stem.size() == 4 &&
                          (stem.rfind("COM", 0) == 0 || stem.rfind("LPT", 0) == 0) &&
                          stem[3] >= '1' && stem[3] <= '9';
    if (numbered || stem == "CON" || stem == "PRN" || stem == "AUX" || stem == "NUL")
        name.insert(stem.size(), "_");
    return name;
}

// "dir/name.ext", then "dir/name (2).ext", "dir/name (3).ext"... whichever is still free,
// ignoring case as Windows does ("BÁO CÁO.pdf" takes "báo cáo.pdf"). The name part is cut,
// before its extension, to fit one path component with the " (n)" added.
std::string uniquePath(const std::string& dir, const std::string& name,
                       std::set<std::string>& taken) {
    std::size_t dot = name.rfind('.');
    if (dot == 0 || dot == std::string::npos || name.size() - dot > 32)
        dot = name.size();
    const std::string stem = name.substr(0, dot), ext = name.substr(dot);
    for (int n = 1;; ++n) {
        const std::string suffix = n == 1 ? ext : " (" + std::to_string(n) + ")" + ext;
        std::string path = dir + "/" + utf8Prefix(stem, kMaxNameBytes - suffix.size()) + suffix;
        if (taken.insert(text::caseFolded(path)).second)
            return path;
    }
}

// Pulls a blob's bytes for ArchiveWriter.
ByteSource streamSource(std::istream& in) {
    return [&in](char* buffer, std::size_t capacity) -> Result<std::size_t> {
        in.read(buffer, static_cast<std::streamsize>(capacity));
        if (in.bad())
            return Error{ErrorCode::Internal, "Không đọc được tệp kiểm chứng", {}};
        return static_cast<std::size_t>(in.gcount());
    };
}

Status addText(ArchiveWriter& zip, const std::string& path, const std::string& text,
               std::time_t mtime) {
    std::size_t offset = 0;
    return zip.add(
        path, text.size(),
        [&](char* buffer, std::size_t capacity) -> Result<std::size_t> {
            std::size_t n = std::min(capacity, text.size() - offset);
            std::copy_n(text.data() + offset, n, buffer);
            offset += n;
            return n;
        },
        mtime);
}

}  // namespace

// Deflating a PDF, a scan or an OOXML file costs ~20 s of CPU per GiB exported for a few per
// cent.
ZipMethod zipMethodFor(std::string_view mediaType) {
    static constexpr std::string_view kDeflate[] = {"application/json",
                                                    "application/xml",
                                                    "application/rtf",
                                                    "application/msword",
                                                    "application/vnd.ms-excel",
                                                    "application/vnd.ms-powerpoint",
                                                    "application/vnd.ms-office",
                                                    "application/CDFV2",
                                                    "application/x-ole-storage",
                                                    "image/bmp",
                                                    "image/x-ms-bmp",
                                                    "image/tiff",
                                                    "image/svg+xml"};
    if (mediaType.substr(0, 5) == "text/")
        return ZipMethod::Deflate;
    for (std::string_view type : kDeflate)
        if (mediaType == type)
            return ZipMethod::Deflate;
    return ZipMethod::Store;
}

Result<ExportPlan> EvidenceExportService::plan(const Actor& actor, const ExportRequest& request) {
    if (actor.role == Role::Unit) {
        if (!request.unitCode)
            return Error::invalid("Đơn vị cần chọn mã đơn vị của mình để xuất tài liệu",
                                  {{"unit", "Bắt buộc với tài khoản đơn vị"}});
        if (request.unitCode != actor.unitCode)
            return Error::forbidden("Đơn vị chỉ được xuất tài liệu của chính mình");
    }
    return _store.read([&](Transaction& tx) -> Result<ExportPlan> {
        auto period = tx.directory().findPeriod(request.year);
        if (!period)
            return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(request.year));
        if (request.round && !roundEnd(*period, *request.round))
            return Error::invalid(
                "Kỳ đánh giá chưa có hạn kết thúc vòng " + std::string(roundName(*request.round)),
                {{"round", std::string(roundName(*request.round))}});
        std::vector<std::string> units;
        if (request.unitCode) {
            if (!tx.directory().findUnit(*request.unitCode))
                return Error::notFound("Không có đơn vị mã " + *request.unitCode);
            units.push_back(*request.unitCode);
        } else {
            for (const Unit& u : tx.directory().listUnits()) units.push_back(u.code);
            std::sort(units.begin(), units.end());
        }
        ExportPlan plan;
        plan.request = request;
        std::set<std::string> taken;
        // A unit's round ends where its deadline extensions moved it: all of the year's read once.
        const auto extensions = request.round
                                    ? tx.assessment().extensions(request.year, std::nullopt)
                                    : std::vector<DeadlineExtension>{};
        for (const std::string& unit : units) {
            std::optional<TimePoint> asOf;
            if (request.round)
                asOf = roundEnd(effectivePeriod(*period, unit, extensions), *request.round);
            for (EvidenceItem& item : tx.evidence().list(request.year, unit, std::nullopt)) {
                if (asOf ? !item.standingAt(*asOf) : item.withdrawn())
                    continue;
                std::string dir = request.unitCode ? item.subCode : unit + "/" + item.subCode;
                std::string path = uniquePath(dir, windowsSafe(item.fileName), taken);
                // Whatever a stored name holds, the zip gets a path it accepts: the plan is
                // made before the reply starts, so a write can then fail only for a blob.
                if (checkArchivePath(path).rejection)
                    path = uniquePath(dir, "tai-lieu-" + std::to_string(item.id), taken);
                plan.files.push_back(ExportFile{std::move(path), std::move(item)});
            }
        }
        plan.fileName = "tai-lieu-kiem-chung-" + std::to_string(request.year) + "-" +
                        (request.unitCode ? *request.unitCode : std::string("tat-ca")) +
                        (request.round ? "-" + std::string(roundName(*request.round)) : "") +
                        ".zip";
        return plan;
    });
}

Status EvidenceExportService::write(const ExportPlan& plan, const ByteSink& out) {
    auto opened = ArchiveWriter::openZip(out);
    if (!opened.ok())
        return opened.takeError();
    ArchiveWriter& zip = **opened;
    std::time_t newest = 0;
    for (const ExportFile& f : plan.files) {
        auto stream = _content.open(f.item.sha256);
        if (!stream.ok())
            return Error::notFound("Thiếu tệp kiểm chứng #" + std::to_string(f.item.id) +
                                   " trong kho lưu trữ (chạy kiemchung verify)");
        std::time_t mtime = std::chrono::system_clock::to_time_t(f.item.uploadedAt);
        newest = std::max(newest, mtime);
        KC_TRY(zip.add(f.path, f.item.size, streamSource(**stream), mtime,
                       zipMethodFor(f.item.mediaType)));
    }
    KC_TRY(addText(zip, "manifest.csv", manifestCsv(plan), newest));
    KC_TRY(addText(zip, "manifest.json", manifestJson(plan), newest));
    return zip.close();
}

}  // namespace kc
