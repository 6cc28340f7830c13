#include "app/core/intake/linknormalizer.h"

#include "app/core/intake/platform.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrlQuery>

namespace fetchmedia {

namespace {

QString firstCapture(const QRegularExpression &re, const QString &subject)
{
    const QRegularExpressionMatch m = re.match(subject);
    return m.hasMatch() ? m.captured(1) : QString();
}

bool hostIs(const QUrl &url, QLatin1String domain)
{
    const QString host = url.host().toLower();
    return host == domain || host.endsWith(QLatin1Char('.') + domain);
}

QString tiktokId(const QUrl &url)
{
    // /@user.name_1/video/<id>, /@user/photo/<id>, /v/<id>.html, /embed/<id>, /embed/v2/<id>
    static const QRegularExpression re(
        QStringLiteral("^/(?:@[^/]+/(?:video|photo)|v|embed(?:/v2)?|share/video)/(\\d{6,})(?:\\.html)?/?$"));
    return firstCapture(re, url.path());
}

QString instagramId(const QUrl &url)
{
    static const QRegularExpression re(
        QStringLiteral("^/(?:[A-Za-z0-9_.]+/)?(?:p|reels?|tv)/([A-Za-z0-9_-]+)/?"));
    return firstCapture(re, url.path());
}

QString youtubeId(const QUrl &url)
{
    static const QRegularExpression idRe(QStringLiteral("^[A-Za-z0-9_-]{11}$"));
    QString id;
    if (hostIs(url, QLatin1String("youtu.be"))) {
        id = url.path().section(QLatin1Char('/'), 1, 1);
    } else {
        static const QRegularExpression pathRe(
            QStringLiteral("^/(?:shorts|live|embed|v|e)/([A-Za-z0-9_-]{11})(?:[/?]|$)"));
        id = firstCapture(pathRe, url.path());
        if (id.isEmpty() && url.path() == QLatin1String("/watch"))
            id = QUrlQuery(url).queryItemValue(QStringLiteral("v"));
    }
    return idRe.match(id).hasMatch() ? id : QString();
}

QString xId(const QUrl &url)
{
    // /user/status/<id>, /i/web/status/<id>, /i/status/<id>, /user/statuses/<id>, plus media suffixes.
    static const QRegularExpression re(QStringLiteral("^/(?:[^/]+/)*status(?:es)?/(\\d+)(?:/|$)"));
    return firstCapture(re, url.path());
}

QString facebookId(const QUrl &url)
{
    if (hostIs(url, QLatin1String("fb.watch")))
        return QString();
    static const QRegularExpression re(QStringLiteral("^/(?:[^/]+/)?(?:videos|reel)/(?:[^/]+/)?(\\d+)/?"));
    QString id = firstCapture(re, url.path());
    if (id.isEmpty() && url.path().startsWith(QLatin1String("/watch")))
        id = QUrlQuery(url).queryItemValue(QStringLiteral("v"));
    static const QRegularExpression digits(QStringLiteral("^\\d+$"));
    return digits.match(id).hasMatch() ? id : QString();
}

QString vimeoId(const QUrl &url)
{
    // vimeo.com/<id>, vimeo.com/channels/x/<id>, player.vimeo.com/video/<id>
    static const QRegularExpression re(QStringLiteral("^/(?:.*/)?(\\d{3,})(?:/[0-9a-f]+)?/?$"));
    return firstCapture(re, url.path());
}

QString redditId(const QUrl &url)
{
    if (url.host().toLower() == QLatin1String("redd.it")) {
        static const QRegularExpression shortRe(QStringLiteral("^/([a-z0-9]{4,10})/?$"));
        return firstCapture(shortRe, url.path());
    }
    static const QRegularExpression re(QStringLiteral("^/(?:r/[^/]+/)?comments/([a-z0-9]+)(?:/|$)"));
    return firstCapture(re, url.path());
}

// Parameters that only say who shared what from where; removing them never changes the media.
const QStringList &trackingParams(Platform platform)
{
    static const QStringList tiktok{
        QStringLiteral("is_from_webapp"), QStringLiteral("sender_device"), QStringLiteral("web_id"),
        QStringLiteral("_r"), QStringLiteral("_t"), QStringLiteral("lang"), QStringLiteral("is_copy_url"),
        QStringLiteral("sender_web_id"), QStringLiteral("share_app_id"), QStringLiteral("share_item_id"),
        QStringLiteral("share_link_id"), QStringLiteral("u_code"), QStringLiteral("tt_from"),
        QStringLiteral("checksum"), QStringLiteral("timestamp"), QStringLiteral("user_id"),
        QStringLiteral("sec_user_id"), QStringLiteral("social_sharing"), QStringLiteral("source"),
        QStringLiteral("utm_campaign"), QStringLiteral("refer"), QStringLiteral("enter_from")};
    static const QStringList instagram{QStringLiteral("igsh"), QStringLiteral("igshid"),
                                       QStringLiteral("ig_rid"), QStringLiteral("ig_mid")};
    static const QStringList youtube{
        QStringLiteral("list"), QStringLiteral("index"), QStringLiteral("start_radio"),
        QStringLiteral("si"), QStringLiteral("feature"), QStringLiteral("pp"),
        QStringLiteral("ab_channel"), QStringLiteral("app"), QStringLiteral("embeds_referring_euri"),
        QStringLiteral("source_ve_path"), QStringLiteral("rv")};
    static const QStringList x{QStringLiteral("s"), QStringLiteral("t"), QStringLiteral("ref_src"),
                               QStringLiteral("ref_url"), QStringLiteral("cxt"), QStringLiteral("cn")};
    static const QStringList facebook{
        QStringLiteral("mibextid"), QStringLiteral("rdid"), QStringLiteral("share_url"),
        QStringLiteral("sfnsn"), QStringLiteral("fs"), QStringLiteral("paipv"), QStringLiteral("eav"),
        QStringLiteral("__cft__[0]"), QStringLiteral("__tn__"), QStringLiteral("ref"),
        QStringLiteral("fref"), QStringLiteral("extid"), QStringLiteral("s")};
    static const QStringList vimeo{QStringLiteral("share"), QStringLiteral("fl"), QStringLiteral("fe")};
    static const QStringList reddit{QStringLiteral("share_id"), QStringLiteral("rdt"),
                                    QStringLiteral("ref"), QStringLiteral("ref_source"),
                                    QStringLiteral("ref_campaign"), QStringLiteral("context")};
    static const QStringList other;
    switch (platform) {
    case Platform::TikTok: return tiktok;
    case Platform::Instagram: return instagram;
    case Platform::YouTube: return youtube;
    case Platform::X: return x;
    case Platform::Facebook: return facebook;
    case Platform::Vimeo: return vimeo;
    case Platform::Reddit: return reddit;
    case Platform::Other: return other;
    }
    return other;
}

bool isTracking(Platform platform, const QString &name)
{
    // Click ids and utm_* are tracking on every site; the rest only on the sites listed.
    if (name.startsWith(QLatin1String("utm_")) || name == QLatin1String("fbclid")
        || name == QLatin1String("gclid") || name == QLatin1String("mc_eid"))
        return true;
    return trackingParams(platform).contains(name);
}

// Works on the encoded query so that what stays is byte-for-byte what came in.
QString strippedQuery(Platform platform, const QString &encodedQuery)
{
    QStringList kept;
    const QStringList pairs = encodedQuery.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString &pair : pairs) {
        const QString name = QUrl::fromPercentEncoding(pair.section(QLatin1Char('='), 0, 0).toUtf8());
        if (!isTracking(platform, name))
            kept.append(pair);
    }
    return kept.join(QLatin1Char('&'));
}

} // namespace

QString dedupeKey(const QUrl &url)
{
    const Platform platform = detectPlatform(url);
    QString id;
    switch (platform) {
    case Platform::TikTok: id = tiktokId(url); break;
    case Platform::Instagram: id = instagramId(url); break;
    case Platform::YouTube: id = youtubeId(url); break;
    case Platform::X: id = xId(url); break;
    case Platform::Facebook: id = facebookId(url); break;
    case Platform::Vimeo: id = vimeoId(url); break;
    case Platform::Reddit: id = redditId(url); break;
    case Platform::Other: break;
    }
    if (id.isEmpty())
        return QString();
    return platformSlug(platform) + QLatin1Char(':') + id;
}

QUrl normalizeLink(const QUrl &url)
{
    if (!url.isValid())
        return url;
    QUrl out = url;
    const Platform platform = detectPlatform(url);
    if (url.hasQuery()) {
        const QString query = strippedQuery(platform, url.query(QUrl::FullyEncoded));
        if (query.isEmpty())
            out.setQuery(QString());
        else
            out.setQuery(query, QUrl::TolerantMode);
    }
    if (platform == Platform::X) {
        // /status/<id>/video/1 and /photo/2 point into the same post.
        static const QRegularExpression mediaSuffix(QStringLiteral("(/status(?:es)?/\\d+)/(?:video|photo)/\\d+/?$"));
        QString path = out.path(QUrl::FullyEncoded);
        path.replace(mediaSuffix, QStringLiteral("\\1"));
        out.setPath(path, QUrl::TolerantMode);
    }
    return out;
}

} // namespace fetchmedia
