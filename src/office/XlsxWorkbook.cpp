#include "office/XlsxWorkbook.h"

#include <xlsxwriter.h>

#include <Poco/TemporaryFile.h>

#include <cerrno>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "core/Text.h"

namespace kc::office {

namespace {

Error failure(const std::string& what) {
    return {ErrorCode::Internal, "Không tạo được tệp Excel: " + what, {}};
}

// The first max code points of s (UTF-8).
std::string firstChars(const std::string& s, std::size_t max) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++chars > max)
            return s.substr(0, i);
    return s;
}

// Sheet names as Excel wants them: at most 31 characters (code points), none of []:*?/\, no
// apostrophe at either end, unique ignoring case (Vietnamese letters too: "TỔNG HỢP" is
// "Tổng hợp"). Names cut to the same 31 characters, or differing only in case, get " (2)"….
class SheetNames {
public:
    std::string next(const std::string& wanted, std::size_t index) {
        std::string base;
        for (char c : wanted)
            base += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '_';
        if (base.empty())
            base = "Sheet" + std::to_string(index + 1);
        if (base.front() == '\'')
            base.front() = '_';
        std::string name = firstChars(base, 31);
        if (name.back() == '\'')
            name.back() = '_';
        for (int n = 2; !_used.insert(text::caseFolded(name)).second; ++n) {
            const std::string suffix = " (" + std::to_string(n) + ")";
            name = firstChars(base, 31 - suffix.size()) + suffix;
        }
        return name;
    }

private:
    std::set<std::string> _used;
};

}  // namespace

Result<std::string> writeXlsx(const std::vector<Sheet>& sheets, const std::string& tmpDir) {
    Poco::TemporaryFile file(tmpDir);  // removed however this ends
    const std::string& path = file.path();
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = const_cast<char*>(tmpDir.c_str());
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    if (!wb)
        return failure("không mở được tệp tạm");
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
    lxw_format* decimal = workbook_add_format(wb);
    format_set_num_format(decimal, "0.00");
    SheetNames names;
    for (std::size_t s = 0; s < sheets.size(); ++s) {
        const Sheet& sheet = sheets[s];
        lxw_worksheet* ws = workbook_add_worksheet(wb, names.next(sheet.name, s).c_str());
        if (!ws) {
            workbook_close(wb);
            return failure("tên trang tính không hợp lệ");
        }
        worksheet_write_string(ws, 0, 0, sheet.title.c_str(), bold);
        for (std::size_t c = 0; c < sheet.header.size(); ++c) {
            worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), head);
            worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 c == 2 ? 36 : 14, nullptr);
        }
        worksheet_freeze_panes(ws, 3, 0);
        for (std::size_t r = 0; r < sheet.rows.size(); ++r)
            for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
                const SheetCell& cell = sheet.rows[r][c];
                auto row = static_cast<lxw_row_t>(r + 3);
                auto col = static_cast<lxw_col_t>(c);
                if (cell.number)
                    worksheet_write_number(ws, row, col,
                                           static_cast<double>(cell.number->hundredths()) / 100.0,
                                           decimal);
                else if (cell.integer)
                    worksheet_write_number(ws, row, col, static_cast<double>(*cell.integer),
                                           nullptr);
                else if (!cell.text.empty())
                    worksheet_write_string(ws, row, col, cell.text.c_str(), nullptr);
            }
    }
    errno = 0;
    if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) {
        // A full disk or quota is broken infrastructure, not a bad request: thrown so that the
        // router logs it and answers 507 (http/ErrorMapping.h), as every other write does.
        const int err = errno;
        if (err == ENOSPC || err == EDQUOT || err == EFBIG)
            throw std::system_error(err, std::generic_category(),
                                    std::string("writing the workbook: ") + lxw_strerror(e));
        return failure(lxw_strerror(e));
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in)
        return failure("không đọc lại được tệp tạm");
    return bytes.str();
}

}  // namespace kc::office
