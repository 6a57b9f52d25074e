#include "office/XlsxWorkbook.h"

#include <xlsxwriter.h>

#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

#include <fstream>
#include <sstream>

namespace kc::office {

namespace {

Error failure(const std::string& what) {
    return {ErrorCode::Internal, "Không tạo được tệp Excel: " + what, {}};
}

// Sheet names: at most 31 characters (counted in UTF-8 code points) without []:*?/\.
std::string sheetName(const std::string& name, std::size_t index) {
    std::string out;
    int chars = 0;
    for (std::size_t i = 0; i < name.size() && chars < 31; ++i) {
        unsigned char c = static_cast<unsigned char>(name[i]);
        if ((c & 0xC0) != 0x80)
            ++chars;
        if (chars > 31)
            break;
        out += std::string("[]:*?/\\").find(static_cast<char>(c)) == std::string::npos
                   ? static_cast<char>(c)
                   : '_';
    }
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0xC0)
        out.pop_back();  // never leave a cut multi-byte sequence
    return out.empty() ? "Sheet" + std::to_string(index + 1) : out;
}

}  // namespace

Result<std::string> writeXlsx(const std::vector<Sheet>& sheets, const std::string& tmpDir) {
    Poco::TemporaryFile file(tmpDir);
    std::string path = file.path() + ".xlsx";
    Poco::TemporaryFile::registerForDeletion(path);
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
    for (std::size_t s = 0; s < sheets.size(); ++s) {
        const Sheet& sheet = sheets[s];
        lxw_worksheet* ws = workbook_add_worksheet(wb, sheetName(sheet.name, s).c_str());
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
    if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR)
        return failure(lxw_strerror(e));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in)
        return failure("không đọc lại được tệp tạm");
    Poco::File(path).remove();
    return bytes.str();
}

}  // namespace kc::office
