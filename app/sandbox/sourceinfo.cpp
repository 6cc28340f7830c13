#include "app/sandbox/sourceinfo.h"

#include <QtCore/QRegularExpression>
#include <QtCore/QUrlQuery>

namespace fetchmedia::sandbox {

namespace {

bool hostIs(const QString& host, const QString& domain)
{
    return host == domain || host.endsWith(QLatin1Char('.') + domain);
}

QString platformOf(const QString& host)
{
    struct Rule { const char* domain; const char* platform; };
    static const Rule rules[] = {
        {"youtube.com", "youtube"},   {"youtu.be", "youtube"},      {"tiktok.com", "tiktok"},
        {"instagram.com", "instagram"}, {"x.com", "x"},             {"twitter.com", "x"},
        {"facebook.com", "facebook"}, {"fb.watch", "facebook"},     {"vimeo.com", "vimeo"},
        {"reddit.com", "reddit"},
    };
    for (const Rule& rule : rules) {
        if (hostIs(host, QString::fromLatin1(rule.domain)))
            return QString::fromLatin1(rule.platform);
    }
    return {};
}

bool isShortLinkHost(const QString& host)
{
    return host == QLatin1String("youtu.be") || host == QLatin1String("vm.tiktok.com")
        || host == QLatin1String("vt.tiktok.com") || host == QLatin1String("fb.watch");
}

// File names must stay safe as a path segment and a Content-Disposition value.
QString safeToken(const QString& text)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_-]"));
    QString token = text;
    token.replace(unsafe, QString());
    return token.left(64);
}

QString captured(const QString& text, const QString& pattern)
{
    const QRegularExpressionMatch match = QRegularExpression(pattern).match(text);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString videoIdFor(const QString& platform, const QUrl& url)
{
    const QString path = url.path();
    QString id;
    if (platform == QLatin1String("youtube")) {
        id = QUrlQuery(url).queryItemValue(QStringLiteral("v"));
        if (id.isEmpty())
            id = captured(path, QStringLiteral("^/(?:shorts/|embed/|live/)?([A-Za-z0-9_-]{6,})/?$"));
    } else if (platform == QLatin1String("tiktok")) {
        id = captured(path, QStringLiteral("/video/(\\d+)"));
    } else if (platform == QLatin1String("instagram")) {
        id = captured(path, QStringLiteral("/(?:reels?|p|tv)/([A-Za-z0-9_-]+)"));
    } else if (platform == QLatin1String("x")) {
        id = captured(path, QStringLiteral("/status(?:es)?/(\\d+)"));
    } else if (platform == QLatin1String("facebook")) {
        id = QUrlQuery(url).queryItemValue(QStringLiteral("v"));
        if (id.isEmpty())
            id = captured(path, QStringLiteral("/(?:videos|reel)/(\\d+)"));
    } else if (platform == QLatin1String("vimeo")) {
        id = captured(path, QStringLiteral("/(\\d+)/?$"));
    } else if (platform == QLatin1String("reddit")) {
        id = captured(path, QStringLiteral("/comments/([A-Za-z0-9]+)"));
    }
    // Short links carry only a code; it is still a stable, distinct name.
    if (id.isEmpty() && isShortLinkHost(url.host()))
        id = captured(path, QStringLiteral("^/(?:t/)?([A-Za-z0-9_-]+)/?$"));
    return safeToken(id);
}

Trigger triggerOf(const QUrl& url)
{
    const QString value = QUrlQuery(url).queryItemValue(QStringLiteral("fm_sandbox")).toLower();
    if (value == QLatin1String("fail"))
        return Trigger::Fail;
    if (value == QLatin1String("stuck"))
        return Trigger::Stuck;
    if (value == QLatin1String("http500"))
        return Trigger::Http500;
    if (value == QLatin1String("malformed"))
        return Trigger::Malformed;
    if (value == QLatin1String("stall"))
        return Trigger::Stall;
    return Trigger::None;
}

} // namespace

bool isAcceptableUrl(const QString& text, QUrl* parsed)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    const bool ok = url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        && !url.host().isEmpty();
    if (ok && parsed)
        *parsed = url;
    return ok;
}

SourceInfo classifySource(const QUrl& url)
{
    SourceInfo info;
    info.trigger = triggerOf(url);
    const QString host = url.host().toLower();
    info.platform = platformOf(host);

    if (info.platform.isEmpty()) {
        // Direct media files are fetched from any host (contract §9).
        static const QRegularExpression media(
            QStringLiteral("/([^/]+)\\.(mp4|m4v|mov|webm|mkv|mp3|m4a)$"),
            QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch match = media.match(url.path());
        if (!match.hasMatch()) {
            info.failure = QStringLiteral("Unsupported URL");
            info.fileName = QStringLiteral("output.mp4");
            return info;
        }
        info.platform = QStringLiteral("direct");
        const QString stem = safeToken(match.captured(1));
        info.fileName = (stem.isEmpty() ? QStringLiteral("output") : stem) + QStringLiteral(".mp4");
    } else {
        info.videoId = videoIdFor(info.platform, url);
        info.fileName = info.videoId.isEmpty()
            ? QStringLiteral("output.mp4")
            : info.platform + QLatin1Char('-') + info.videoId + QStringLiteral(".mp4");
    }

    if (isShortLinkHost(host) && url.path().contains(QLatin1String("expired"), Qt::CaseInsensitive))
        info.failure = QStringLiteral("Video not found");
    else if (info.trigger == Trigger::Fail)
        info.failure = QStringLiteral("Video unavailable: it may be private or removed");
    return info;
}

} // namespace fetchmedia::sandbox
