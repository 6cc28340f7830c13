#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace fetchmedia {

// Longest stem we write, in UTF-8 bytes: leaves room for " (99)", the extension and ".part"
// under the 255-byte NAME_MAX of common file systems.
inline constexpr int kMaxStemBytes = 200;

// A name that is safe on every OS (files move between systems): last path component only,
// forbidden characters and controls replaced, reserved device names neutralised, trailing dots
// and spaces removed, stem cut on a grapheme boundary. Never empty ("video" at worst).
QString sanitizeFileName(const QString &name);

// The file name a Content-Disposition header suggests, filename* (RFC 5987/8187) first.
// Unsanitised; empty when the header names none.
QString contentDispositionFileName(const QByteArray &header);

// The percent-decoded last path segment of url, unsanitised.
QString fileNameFromUrl(const QUrl &url);

// "name.ext", "name (1).ext", "name (2).ext", … : the n-th candidate for a taken name.
QString numberedFileName(const QString &fileName, int number);

// True when path, once made absolute and clean, is inside folder.
bool isInsideFolder(const QString &folder, const QString &path);

} // namespace fetchmedia
