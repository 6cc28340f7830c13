#include "app/core/intake/linkintake.h"

#include "app/core/intake/linkextractor.h"
#include "app/core/intake/linknormalizer.h"

#include <QCoreApplication>
#include <QSet>
#include <QUrlQuery>

namespace fetchmedia {

FoundLink makeFoundLink(const QUrl &url, const QString &titleHint)
{
    FoundLink link;
    link.url = normalizeLink(url);
    link.platform = detectPlatform(link.url);
    link.key = dedupeKey(link.url);
    link.titleHint = titleHint;
    return link;
}

void appendUnique(QList<FoundLink> &into, const FoundLink &link)
{
    for (FoundLink &existing : into) {
        const bool same = link.key.isEmpty() ? existing.url == link.url : existing.key == link.key;
        if (same) {
            if (existing.titleHint.isEmpty())
                existing.titleHint = link.titleHint;
            return;
        }
    }
    into.append(link);
}

QList<FoundLink> mergeLinks(const QList<QUrl> &urls)
{
    // Hashed, so a paste of 10,000 links stays linear.
    QList<FoundLink> links;
    QSet<QString> seen;
    for (const QUrl &url : urls) {
        FoundLink link = makeFoundLink(url);
        const QString identity = link.key.isEmpty() ? link.url.toString(QUrl::FullyEncoded) : link.key;
        if (seen.contains(identity))
            continue;
        seen.insert(identity);
        links.append(std::move(link));
    }
    return links;
}

IntakeResult linksFromText(const QString &text)
{
    IntakeResult result;
    result.links = mergeLinks(extractLinks(text, &result.tooLong));
    return result;
}

QUrl linkFromSchemeUrl(const QUrl &url)
{
    if (url.scheme().compare(QLatin1String("fetchmedia"), Qt::CaseInsensitive) != 0)
        return QUrl();
    // fetchmedia://add?url=… (host "add") and fetchmedia:add?url=… (path "add") both occur.
    const QString verb = url.host().isEmpty() ? url.path() : url.host();
    if (verb.compare(QLatin1String("add"), Qt::CaseInsensitive) != 0
        && verb.compare(QLatin1String("add/"), Qt::CaseInsensitive) != 0)
        return QUrl();
    const QString target = QUrlQuery(url).queryItemValue(QStringLiteral("url"), QUrl::FullyDecoded);
    return linkFromToken(target.trimmed());
}

IntakeResult linksFromArguments(const QStringList &arguments)
{
    IntakeResult result;
    QList<QUrl> urls;
    for (const QString &argument : arguments) {
        if (argument.startsWith(QLatin1String("fetchmedia:"), Qt::CaseInsensitive)) {
            const QUrl link = linkFromSchemeUrl(QUrl(argument, QUrl::TolerantMode));
            if (link.isValid())
                urls.append(link);
            else
                result.problems << QCoreApplication::translate("LinkIntake", "Not a link: %1").arg(argument);
            continue;
        }
        int tooLong = 0;
        const QList<QUrl> found = extractLinks(argument, &tooLong);
        result.tooLong += tooLong;
        if (found.isEmpty() && tooLong == 0)
            result.problems << QCoreApplication::translate("LinkIntake", "Not a link: %1").arg(argument);
        urls += found;
    }
    result.links = mergeLinks(urls);
    return result;
}

QString linkIdentity(const FoundLink &link)
{
    return link.key.isEmpty() ? QStringLiteral("url:") + link.url.toString() : link.key;
}

QList<QUrl> urlsOf(const QList<FoundLink> &links)
{
    QList<QUrl> urls;
    urls.reserve(links.size());
    for (const FoundLink &link : links)
        urls.append(link.url);
    return urls;
}

} // namespace fetchmedia
