#pragma once

#include "app/core/intake/platform.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace fetchmedia {

// One link ready for the queue: normalised, recognised, keyed.
struct FoundLink {
    QUrl url;            // normalizeLink() of what was found
    Platform platform = Platform::Other;
    QString key;         // dedupeKey(), empty for share/short links
    QString titleHint;   // a dropped link's title, for display only
};

// Every way in (paste, drop, file, argv, clipboard, CLI) ends here, so all agree.
struct IntakeResult {
    QList<FoundLink> links; // in order of first appearance, duplicates merged by key or URL
    int tooLong = 0;        // links refused for exceeding kMaxLinkLength
    QStringList problems;   // for people: "file too large", "unsupported shortcut format", …
};

FoundLink makeFoundLink(const QUrl &url, const QString &titleHint = QString());
// Normalises each URL and merges the ones that name the same video.
QList<FoundLink> mergeLinks(const QList<QUrl> &urls);
void appendUnique(QList<FoundLink> &into, const FoundLink &link);
IntakeResult linksFromText(const QString &text);
// Command-line arguments: links (even one cut short at an unquoted "&" by cmd.exe) and
// fetchmedia://add?url=<percent-encoded> hand-offs from a browser or the desktop.
IntakeResult linksFromArguments(const QStringList &arguments);
// The link inside fetchmedia://add?url=…, or an invalid QUrl.
QUrl linkFromSchemeUrl(const QUrl &url);

// What makes two links the same video: the key, or the exact link when it has none. Same rule
// as the queue's duplicate check.
QString linkIdentity(const FoundLink &link);

QList<QUrl> urlsOf(const QList<FoundLink> &links);

} // namespace fetchmedia
