#include "app/core/intake/platform.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace fetchmedia {

namespace {

struct HostRule {
    const char *domain;
    Platform platform;
};

constexpr std::array kHostRules{
    HostRule{"tiktok.com", Platform::TikTok},     HostRule{"instagram.com", Platform::Instagram},
    HostRule{"youtube.com", Platform::YouTube},   HostRule{"youtu.be", Platform::YouTube},
    HostRule{"x.com", Platform::X},               HostRule{"twitter.com", Platform::X},
    HostRule{"facebook.com", Platform::Facebook}, HostRule{"fb.watch", Platform::Facebook},
    HostRule{"vimeo.com", Platform::Vimeo},       HostRule{"reddit.com", Platform::Reddit},
    HostRule{"redd.it", Platform::Reddit},
};

// "m.tiktok.com" and "tiktok.com" match "tiktok.com"; "nottiktok.com" does not.
bool hostMatches(const QString &host, const char *domain)
{
    const QString d = QLatin1String(domain);
    return host == d || host.endsWith(QLatin1Char('.') + d);
}

} // namespace

Platform detectPlatform(const QUrl &url)
{
    const QString host = url.host().toLower();
    for (const HostRule &rule : kHostRules) {
        if (hostMatches(host, rule.domain))
            return rule.platform;
    }
    return Platform::Other;
}

bool isKnownVideoHost(const QString &host)
{
    QUrl url;
    url.setHost(host);
    return detectPlatform(url) != Platform::Other;
}

QString platformSlug(Platform platform)
{
    switch (platform) {
    case Platform::TikTok: return QStringLiteral("tiktok");
    case Platform::Instagram: return QStringLiteral("instagram");
    case Platform::YouTube: return QStringLiteral("youtube");
    case Platform::X: return QStringLiteral("x");
    case Platform::Facebook: return QStringLiteral("facebook");
    case Platform::Vimeo: return QStringLiteral("vimeo");
    case Platform::Reddit: return QStringLiteral("reddit");
    case Platform::Other: return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

QString platformDisplayName(Platform platform)
{
    switch (platform) {
    case Platform::TikTok: return QStringLiteral("TikTok");
    case Platform::Instagram: return QStringLiteral("Instagram");
    case Platform::YouTube: return QStringLiteral("YouTube");
    case Platform::X: return QStringLiteral("X");
    case Platform::Facebook: return QStringLiteral("Facebook");
    case Platform::Vimeo: return QStringLiteral("Vimeo");
    case Platform::Reddit: return QStringLiteral("Reddit");
    case Platform::Other: return QCoreApplication::translate("Platform", "Other site");
    }
    return QString();
}

} // namespace fetchmedia
