#pragma once

#include "app/core/intake/linkintake.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

class QMimeData;

namespace fetchmedia {

// What a drag from a browser, a file manager or a chat app carries, in our terms.
struct DropContent {
    QList<FoundLink> links;  // web links, in the order found
    QStringList localFiles;  // file:// entries (shortcuts and lists are read from them)
};

// text/uri-list (RFC 2483): "#" starts a comment only at the start of a line; CRLF, LF or CR.
QList<QUrl> parseUriList(const QByteArray &data);
// text/x-moz-url: UTF-16 "URL\ntitle" with or without BOM; an odd byte count is truncated data.
// Also _NETSCAPE_URL, the same in UTF-8.
struct TitledUrl {
    QUrl url;
    QString title;
};
std::optional<TitledUrl> parseMozUrl(const QByteArray &data);
std::optional<TitledUrl> parseNetscapeUrl(const QByteArray &data);
// href (then src) attributes of text/html, entity-decoded; relative and non-web ones dropped.
QList<QUrl> linksFromHtml(const QString &html);
QString decodeHtmlEntities(const QString &text);
// Browsers hand text/html as UTF-8 or (Firefox on X11) UTF-16; this tells them apart.
QString decodeMimeText(const QByteArray &data);

// Tries, in order: uri-list, x-moz-url, _NETSCAPE_URL, html anchors, plain text. The first
// format that yields a link wins, so a title in text/plain never shadows the URL elsewhere.
DropContent parseDrop(const QMimeData &mime);
// parseDrop plus the shortcut and list files among the local files: what a drop adds.
IntakeResult readDrop(const QMimeData &mime);
// Quick check for the drag-enter highlight: could this drop yield a link? A long text is
// not read through for it (on every drag-enter): a web address in it is enough.
bool mayHoldLinks(const QMimeData &mime);

// What readDrop() reads of a drop, copied out of the platform's QMimeData (which belongs to
// the UI thread and may ask the source application for each format), so that a big drop can
// be read on another thread.
struct DropSnapshot {
    QByteArray uriList, mozUrl, netscapeUrl, html;
    QList<QUrl> urls; // Qt's conversion, for platform drags without text/uri-list
    QString text;
    bool hasHtml = false;
    bool hasText = false;
};
DropSnapshot snapshotDrop(const QMimeData &mime);
IntakeResult readDrop(const DropSnapshot &drop);
// Bytes to read for it: its formats plus the local files it names.
qint64 dropWeight(const DropSnapshot &drop);

} // namespace fetchmedia
