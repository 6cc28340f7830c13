#pragma once

#include "app/core/intake/linkintake.h"

#include <QByteArray>
#include <QString>

namespace fetchmedia {

// Shortcut files hold one URL; anything bigger than this is not a shortcut.
inline constexpr qint64 kMaxShortcutBytes = 64 * 1024;
// Lists of links (.txt, .csv) read as a paste; a generous cap keeps the UI thread quick.
inline constexpr qint64 kMaxLinkListBytes = 4 * 1024 * 1024;

enum class LinkFileKind { InternetShortcut, Webloc, TextList, CsvList, Unsupported };

LinkFileKind linkFileKind(const QString &path);
bool isLinkFile(const QString &path); // a kind we read

// The URL of a Windows .url file: the URL= key inside [InternetShortcut], nothing else.
QUrl urlFromInternetShortcut(const QByteArray &content, QString *problem = nullptr);
// The URL of a macOS .webloc file, XML or binary plist.
QUrl urlFromWebloc(const QByteArray &content, QString *problem = nullptr);
// Text of any common encoding (UTF-8, UTF-16 with BOM) to a QString.
QString decodeText(const QByteArray &content);
// A CSV table as one line per cell, so "a,b" cells never glue two links into one.
QString csvCellsAsLines(const QString &csv);

// Reads a local file of one of the kinds above; the file is never uploaded and its path is
// never taken for a link. Oversized and unreadable files end up in problems.
IntakeResult readLinkFile(const QString &path);

} // namespace fetchmedia
