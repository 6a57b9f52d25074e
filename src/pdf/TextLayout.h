#pragma once

// Internal to kc_pdf.

#include <string>
#include <string_view>
#include <vector>

#include "pdf/DocumentModel.h"
#include "pdf/FontSet.h"
#include "pdf/PageCursor.h"

namespace kc::pdf {

// A piece of a word in one face (a word can change face mid-way, e.g. "Điều 1." in bold).
// text and uri point into the runs given to wrap(), which must outlive the lines.
struct Fragment {
    std::string_view text;
    FontStyle style;
    std::string_view uri;
    double width = 0;
};

struct Word {
    std::vector<Fragment> fragments;
    double width = 0;
    double spaceBefore = 0;   // width of the space that separates it from the previous word
    bool breakAfter = false;  // a '\n' followed it
};

struct TextLine {
    std::vector<Word> words;
    double naturalWidth = 0;     // words plus single spaces
    bool endsParagraph = false;  // last line or hard break: never justified
};

// Word wrapping and line drawing from font metrics. Text must already be NFC.
class TextLayout {
public:
    // Splits runs at ASCII white space ('\n' forces a line break) and fills lines greedily:
    // the first line is firstWidth wide, the others width. A word wider than its line is cut
    // between characters. The lines point into runs (see Fragment).
    static std::vector<TextLine> wrap(FontSet& fonts, const std::vector<TextRun>& runs,
                                      FontStyle base, double sizePt, double firstWidth,
                                      double width);
    // The same for one run of plain text in style (the lines point into text).
    static std::vector<TextLine> wrap(FontSet& fonts, std::string_view text, FontStyle style,
                                      double sizePt, double firstWidth, double width);

    // Draws line with its left edge at x and its baseline at baselineY, within width. Justified
    // lines spread the gaps between words (Tw does not apply to two-byte Identity-H codes, so
    // each word is placed itself). Adds link annotations over runs with a uri.
    static void drawLine(PageCursor& page, const TextLine& line, double x, double baselineY,
                         double width, Align align, double sizePt);
};

}  // namespace kc::pdf
