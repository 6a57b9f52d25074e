#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kc {

// How the entries of an evidence archive name their sub-criterion (docs/evidence.md, "Archive
// import"). Pure functions over archive paths (UTF-8 NFC, '/'-separated, as ArchiveReader
// returns them).

// The sub-criterion code a path component starts with, or "" if none: one or more digit groups
// joined by dots with at least one dot ("1.1.2", not "12"), taken greedily, followed by the end
// of the component or a separator (space, '_', '-', '.', '–' en dash, '—' em dash, ')').
// "1.1.2 Kế hoạch" -> "1.1.2"; "1.1.2_KH.pdf" -> "1.1.2"; "1.1.2.pdf" -> "1.1.2";
// "1.1.2Kế hoạch" -> ""; "Lĩnh vực 1" -> "".
std::string leadingCode(std::string_view component);

// Every code a path names, in the order they are tried: the file name first, then its folders
// from the innermost to the outermost. Repeats are kept (the caller tries them in order).
std::vector<std::string> candidateCodes(std::string_view path);

// The last component of path (the file name).
std::string_view baseName(std::string_view path);

// True for files operating systems add on their own and nobody means as evidence: anything under
// "__MACOSX/", AppleDouble "._x", ".DS_Store", "Thumbs.db", "desktop.ini" (case-insensitive).
bool isSystemFile(std::string_view path);

}  // namespace kc
