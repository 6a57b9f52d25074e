#include "pdf/TextLayout.h"

#include <utility>

namespace kc::pdf {

namespace {

constexpr double kEpsilon = 0.01;

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::size_t codePointLength(unsigned char lead) {
    if (lead < 0x80)
        return 1;
    if ((lead >> 5) == 0x6)
        return 2;
    if ((lead >> 4) == 0xE)
        return 3;
    return 4;
}

class WordCollector {
public:
    WordCollector(FontSet& fonts, double sizePt) : _fonts(fonts), _size(sizePt) {}

    void add(std::string_view text, FontStyle style, std::string_view uri) {
        std::size_t i = 0;
        while (i < text.size()) {
            if (isSpace(text[i])) {
                _pendingSpace = _fonts.width(" ", style, _size);
                if (text[i] == '\n' && !_words.empty())
                    _words.back().breakAfter = true;
                ++i;
                continue;
            }
            std::size_t end = i;
            while (end < text.size() && !isSpace(text[end])) ++end;
            Fragment fragment{text.substr(i, end - i), style, uri, 0};
            fragment.width = _fonts.width(fragment.text, style, _size);
            if (_words.empty() || _pendingSpace > 0 || _words.back().breakAfter) {
                _words.push_back(Word{{}, 0, _pendingSpace, false});
                _pendingSpace = 0;
            }
            _words.back().width += fragment.width;
            _words.back().fragments.push_back(std::move(fragment));
            i = end;
        }
    }

    std::vector<Word> take() { return std::move(_words); }

private:
    FontSet& _fonts;
    double _size;
    std::vector<Word> _words;
    double _pendingSpace = 0;
};

// Cuts a word wider than maxWidth into pieces that fit, between code points (at least one code
// point per piece, so a too-narrow column still terminates).
std::vector<Word> splitWord(FontSet& fonts, const Word& word, double maxWidth, double sizePt) {
    std::vector<Word> pieces(1);
    pieces.back().spaceBefore = word.spaceBefore;
    for (const Fragment& fragment : word.fragments) {
        std::size_t i = 0;
        while (i < fragment.text.size()) {
            const std::size_t len = codePointLength(static_cast<unsigned char>(fragment.text[i]));
            const std::string_view cp = fragment.text.substr(i, len);
            const double w = fonts.width(cp, fragment.style, sizePt);
            Word* current = &pieces.back();
            if (current->width + w > maxWidth + kEpsilon && current->width > 0) {
                pieces.push_back(Word{});
                current = &pieces.back();
            }
            // A piece grows over the characters that follow it in the same fragment.
            if (current->fragments.empty() ||
                current->fragments.back().text.data() + current->fragments.back().text.size() !=
                    cp.data() ||
                current->fragments.back().uri.data() != fragment.uri.data()) {
                current->fragments.push_back(Fragment{cp.substr(0, 0), fragment.style, fragment.uri, 0});
            }
            Fragment& piece = current->fragments.back();
            piece.text = std::string_view(piece.text.data(), piece.text.size() + cp.size());
            piece.width += w;
            current->width += w;
            i += len;
        }
    }
    pieces.back().breakAfter = word.breakAfter;
    return pieces;
}

}  // namespace

namespace {

std::vector<TextLine> fill(FontSet& fonts, std::vector<Word> words, double sizePt,
                           double firstWidth, double width);

}  // namespace

std::vector<TextLine> TextLayout::wrap(FontSet& fonts, const std::vector<TextRun>& runs,
                                       FontStyle base, double sizePt, double firstWidth,
                                       double width) {
    WordCollector collector(fonts, sizePt);
    for (const TextRun& run : runs)
        collector.add(run.text, FontStyle{base.bold || run.bold, base.italic || run.italic},
                      run.uri);
    return fill(fonts, collector.take(), sizePt, firstWidth, width);
}

std::vector<TextLine> TextLayout::wrap(FontSet& fonts, std::string_view text, FontStyle style,
                                       double sizePt, double firstWidth, double width) {
    WordCollector collector(fonts, sizePt);
    collector.add(text, style, {});
    return fill(fonts, collector.take(), sizePt, firstWidth, width);
}

namespace {

// Fills lines greedily with words (see TextLayout::wrap).
std::vector<TextLine> fill(FontSet& fonts, std::vector<Word> words, double sizePt,
                           double firstWidth, double width) {
    std::vector<TextLine> lines;
    TextLine line;
    auto available = [&] { return lines.empty() ? firstWidth : width; };
    auto pushLine = [&](bool endsParagraph) {
        line.endsParagraph = endsParagraph;
        lines.push_back(std::move(line));
        line = TextLine{};
    };
    auto place = [&](Word word) {
        const double gap = line.words.empty() ? 0 : word.spaceBefore;
        line.naturalWidth += gap + word.width;
        const bool hardBreak = word.breakAfter;
        line.words.push_back(std::move(word));
        if (hardBreak)
            pushLine(true);
    };

    for (Word& word : words) {
        if (!line.words.empty() &&
            line.naturalWidth + word.spaceBefore + word.width > available() + kEpsilon)
            pushLine(false);
        if (line.words.empty() && word.width > available() + kEpsilon) {
            std::vector<Word> pieces = splitWord(fonts, word, available(), sizePt);
            for (std::size_t i = 0; i < pieces.size(); ++i) {
                place(std::move(pieces[i]));
                if (i + 1 < pieces.size() && !line.words.empty())
                    pushLine(false);
            }
            continue;
        }
        place(std::move(word));
    }
    if (!line.words.empty() || lines.empty())
        pushLine(true);
    lines.back().endsParagraph = true;
    return lines;
}

}  // namespace

void TextLayout::drawLine(PageCursor& page, const TextLine& line, double x, double baselineY,
                          double width, Align align, double sizePt) {
    if (line.words.empty())
        return;
    double start = x;
    double extraGap = 0;
    const double slack = width - line.naturalWidth;
    if (align == Align::Center) {
        start += slack / 2;
    } else if (align == Align::Right) {
        start += slack;
    } else if (align == Align::Justify && !line.endsParagraph && line.words.size() > 1 &&
               slack > 0) {
        extraGap = slack / static_cast<double>(line.words.size() - 1);
    }

    FontSet& fonts = page.fonts();
    const double linkTop = baselineY - fonts.ascent(sizePt);
    const double linkHeight = fonts.ascent(sizePt) + fonts.descent(sizePt);
    std::string_view linkUri;
    double linkStart = 0, linkEnd = 0;
    auto flushLink = [&](bool endsLine) {
        if (!linkUri.empty())
            page.addLink(linkStart, linkTop, linkEnd - linkStart, linkHeight, linkUri, endsLine);
        linkUri = {};
    };

    // Consecutive fragments in one face are drawn as one string (spaces included) unless the
    // line is justified; the positions come from the same metrics either way.
    std::string pending;
    FontStyle pendingStyle;
    double pendingX = 0;
    auto flushText = [&] {
        if (!pending.empty())
            page.drawText(pendingX, baselineY, pending, pendingStyle, sizePt);
        pending.clear();
    };

    double cursor = start;
    for (std::size_t w = 0; w < line.words.size(); ++w) {
        const Word& word = line.words[w];
        if (w > 0) {
            const double gap = word.spaceBefore + extraGap;
            const FontStyle gapStyle = word.fragments.front().style;
            if (extraGap > 0 || pending.empty() || gapStyle.bold != pendingStyle.bold ||
                gapStyle.italic != pendingStyle.italic ||
                fonts.width(" ", pendingStyle, sizePt) != word.spaceBefore) {
                flushText();
            } else {
                pending += ' ';
            }
            cursor += gap;
        }
        for (const Fragment& fragment : word.fragments) {
            if (fragment.uri != linkUri) {
                flushLink(false);
                linkUri = fragment.uri;
                linkStart = cursor;
            }
            if (!pending.empty() && (fragment.style.bold != pendingStyle.bold ||
                                     fragment.style.italic != pendingStyle.italic))
                flushText();
            if (pending.empty()) {
                pendingX = cursor;
                pendingStyle = fragment.style;
            }
            pending += fragment.text;
            cursor += fragment.width;
            linkEnd = cursor;
        }
    }
    flushText();
    flushLink(true);
}

}  // namespace kc::pdf
