#pragma once

#include <cstdio>
#include <string>

#include "pdf/PdfDocumentBuilder.h"

// The acceptance document shared by the pdf tests.
namespace kc::pdf::sample {

inline const char* kManifest = R"({"report":"BC-2023-01","files":3})";

inline std::string rowTag(int row) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "DV%03d", row);
    return buffer;
}

// The acceptance document: header, title, justified paragraph with a link, a 120-row table
// crossing pages, a chart, an attachment.
inline PdfDocumentBuilder sampleDocument(DocumentOptions options = {}, int rows = 120) {
    options.title = "Báo cáo kết quả đánh giá";
    PdfDocumentBuilder builder(options);
    OfficialHeader header;
    header.parentBody = "UBND HUYỆN BẢO YÊN";
    header.issuingBody = "UBND XÃ PHÚC KHÁNH";
    header.number = "Số: 207/BC-UBND";
    header.placeDate = "Phúc Khánh, ngày 02 tháng 02 năm 2023";
    builder.addOfficialHeader(header);
    builder.addTitle("BÁO CÁO", "Kết quả đánh giá, chấm điểm năm 2022");
    ParagraphStyle body;
    body.firstLineIndentCm = 1.27;
    // Decomposed (NFD) input must come out composed.
    builder.addParagraph(
        "Thực hiện Kế hoạch số 15/KH-UBND ngày 10 tháng 01 năm 2023 của UBND xã Phu\u0301c "
        "Kha\u0301nh về việc tự đánh giá, chấm điểm các tiêu chí, Ủy ban nhân dân xã báo cáo kết "
        "quả như sau: tổng điểm đạt 94,29 điểm; các đơn vị đã hoàn thành đầy đủ hồ sơ minh chứng "
        "đúng thời hạn, chất lượng tài liệu được nâng lên rõ rệt so với năm trước.",
        body);
    ParagraphStyle left;
    left.align = Align::Left;
    builder.addParagraph(Paragraph{
        {{"Hồ sơ minh chứng của UBND xã Phúc Khánh xem tại "},
         {"cổng thông tin điện tử", false, true, "https://phuckhanh.baoyen.laocai.gov.vn/ho-so"},
         {" của xã."}},
        left});

    Table table;
    table.columns = {{0.08, true},  {0.42, false}, {0.125, true},
                     {0.125, true}, {0.125, true}, {0.125, false}};
    table.headerRows = {
        {{"STT"}, {"Đơn vị"}, {"Tự chấm"}, {"Thẩm định"}, {"Tổng"}, {"Minh chứng"}}};
    for (int r = 1; r <= rows; ++r) {
        const std::string tag = rowTag(r);
        const std::string name = r % 7 == 0 ? tag +
                                                  " thôn Nậm Khắt, Nà Pồng và các cụm dân cư "
                                                  "vùng cao xã Phúc Khánh " +
                                                  tag + "e"
                                            : tag + " thôn Phúc Khánh " + tag + "e";
        table.rows.push_back({{std::to_string(r)},
                              {name},
                              {std::to_string(r) + ",25"},
                              {std::to_string(r) + ",50"},
                              {std::to_string(r) + ",75"},
                              {"Xem " + tag, false, "https://example.gov.vn/" + tag}});
    }
    builder.addTable(std::move(table));
    BarChart chart;
    chart.title = "Chỉ số đánh giá các thôn (%)";
    chart.labels = {"Thôn Phúc Khánh", "Thôn Nậm Khắt", "Thôn Nà Pồng", "Thôn Khuổi Phường"};
    chart.values = {94.29, 88.5, 76.13, 81};
    builder.addBarChart(chart);
    Attachment manifest;
    manifest.name = "manifest.json";
    manifest.bytes = kManifest;
    manifest.mimeType = "application/json";
    manifest.description = "Danh mục hồ sơ";
    builder.attachFile(manifest);
    return builder;
}

}  // namespace kc::pdf::sample
