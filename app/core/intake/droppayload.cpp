#include "app/core/intake/droppayload.h"

#include "app/core/intake/linkextractor.h"
#include "app/core/intake/linkfile.h"

#include <QFileInfo>
#include <QMimeData>
#include <QRegularExpression>
#include <QStringDecoder>

namespace fetchmedia {

namespace {

const QRegularExpression &lineBreaks()
{
    static const QRegularExpression re(QStringLiteral("\r\n|\r|\n"));
    return re;
}

QString utf8(const QByteArray &data)
{
    QStringDecoder decoder(QStringConverter::Utf8);
    return decoder(data);
}

std::optional<TitledUrl> titledUrl(const QString &text)
{
    const QStringList lines = text.split(lineBreaks());
    if (lines.isEmpty())
        return std::nullopt;
    const QUrl url = linkFromToken(lines.first().trimmed());
    if (!url.isValid())
        return std::nullopt;
    return TitledUrl{url, lines.size() > 1 ? lines.at(1).trimmed() : QString()};
}

QByteArray rawFormat(const QMimeData &mime, const QString &format)
{
    return mime.hasFormat(format) ? mime.data(format) : QByteArray();
}

} // namespace

QList<QUrl> parseUriList(const QByteArray &data)
{
    QList<QUrl> urls;
    const QStringList lines = utf8(data).split(lineBreaks(), Qt::SkipEmptyParts);
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QUrl url(line, QUrl::TolerantMode);
        if (url.isValid() && !url.scheme().isEmpty())
            urls.append(url);
    }
    return urls;
}

QString decodeMimeText(const QByteArray &data)
{
    if (data.startsWith("\xff\xfe") || data.startsWith("\xfe\xff"))
        return decodeText(data);
    // UTF-16LE of ASCII-heavy text has a zero in every second byte; UTF-8 text has none.
    if (data.size() >= 2 && data.at(1) == '\0') {
        QStringDecoder decoder(QStringConverter::Utf16LE);
        return decoder(data.left(data.size() & ~qsizetype(1)));
    }
    return utf8(data);
}

std::optional<TitledUrl> parseMozUrl(const QByteArray &data)
{
    // A truncated transfer has an odd byte count: the last UTF-16 unit is incomplete, and the
    // URL it cut cannot be trusted.
    if (data.size() < 2 || data.size() % 2 != 0)
        return std::nullopt;
    QString text = decodeMimeText(data);
    text.remove(QChar(0)); // some senders add a terminating NUL
    return titledUrl(text);
}

std::optional<TitledUrl> parseNetscapeUrl(const QByteArray &data)
{
    return titledUrl(utf8(data));
}

QString decodeHtmlEntities(const QString &text)
{
    static const QRegularExpression entity(QStringLiteral("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);"));
    if (!text.contains(QLatin1Char('&')))
        return text;
    QString out;
    qsizetype last = 0;
    auto it = entity.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out.append(QStringView(text).mid(last, m.capturedStart() - last));
        last = m.capturedEnd();
        const QString name = m.captured(1);
        char32_t code = 0;
        if (name.startsWith(QLatin1String("#x")) || name.startsWith(QLatin1String("#X")))
            code = char32_t(name.mid(2).toUInt(nullptr, 16));
        else if (name.startsWith(QLatin1Char('#')))
            code = char32_t(name.mid(1).toUInt());
        else if (name == QLatin1String("amp"))
            code = U'&';
        else if (name == QLatin1String("lt"))
            code = U'<';
        else if (name == QLatin1String("gt"))
            code = U'>';
        else if (name == QLatin1String("quot"))
            code = U'"';
        else if (name == QLatin1String("apos"))
            code = U'\'';
        else if (name == QLatin1String("nbsp"))
            code = U'\u00a0';
        if (code == 0 || code > 0x10ffff) {
            out.append(m.captured(0)); // unknown: left as written
            continue;
        }
        out.append(QString::fromUcs4(&code, 1));
    }
    out.append(QStringView(text).mid(last));
    return out;
}

QList<QUrl> linksFromHtml(const QString &html)
{
    static const QRegularExpression attribute(
        QStringLiteral("\\b(href|src)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+))"),
        QRegularExpression::CaseInsensitiveOption);
    QList<QUrl> hrefs;
    QList<QUrl> sources;
    auto it = attribute.globalMatch(html);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString value = m.captured(2) + m.captured(3) + m.captured(4);
        const QUrl url = linkFromToken(decodeHtmlEntities(value).trimmed());
        if (!url.isValid())
            continue;
        QList<QUrl> &target = m.captured(1).compare(QLatin1String("href"), Qt::CaseInsensitive) == 0 ? hrefs : sources;
        if (!target.contains(url))
            target.append(url);
    }
    // Anchors say what was dragged; image sources only when there is no anchor.
    return hrefs.isEmpty() ? sources : hrefs;
}

DropContent parseDrop(const QMimeData &mime)
{
    DropContent content;
    QList<QUrl> web;
    QList<QUrl> uris = parseUriList(rawFormat(mime, QStringLiteral("text/uri-list")));
    if (uris.isEmpty() && mime.hasUrls())
        uris = mime.urls(); // platform drags that only Qt's conversion exposes
    for (const QUrl &url : uris) {
        if (url.isLocalFile())
            content.localFiles.append(url.toLocalFile());
        else if (const QUrl link = linkFromToken(url.toString(QUrl::FullyEncoded)); link.isValid())
            web.append(link);
    }
    if (!web.isEmpty()) {
        content.links = mergeLinks(web);
        return content;
    }
    for (const auto &[format, parse] :
         {std::pair{QStringLiteral("text/x-moz-url"), &parseMozUrl},
          std::pair{QStringLiteral("_NETSCAPE_URL"), &parseNetscapeUrl}}) {
        if (const auto titled = parse(rawFormat(mime, format))) {
            content.links.append(makeFoundLink(titled->url, titled->title));
            return content;
        }
    }
    if (mime.hasHtml() || mime.hasFormat(QStringLiteral("text/html"))) {
        const QList<QUrl> fromHtml = linksFromHtml(decodeMimeText(rawFormat(mime, QStringLiteral("text/html"))));
        if (!fromHtml.isEmpty()) {
            content.links = mergeLinks(fromHtml);
            return content;
        }
    }
    if (mime.hasText())
        content.links = linksFromText(mime.text()).links;
    return content;
}

IntakeResult readDrop(const QMimeData &mime)
{
    const DropContent content = parseDrop(mime);
    IntakeResult result;
    result.links = content.links;
    for (const QString &path : content.localFiles) {
        const IntakeResult fromFile = readLinkFile(path);
        if (result.links.isEmpty())
            result.links = fromFile.links; // a dropped list of thousands stays linear
        else
            for (const FoundLink &link : fromFile.links)
                appendUnique(result.links, link);
        result.problems += fromFile.problems;
        result.tooLong += fromFile.tooLong;
    }
    return result;
}

bool mayHoldLinks(const QMimeData &mime)
{
    constexpr qsizetype kReadThroughChars = 32 * 1024;
    if (!mime.hasUrls() && mime.hasText()) {
        const QString text = mime.text();
        if (text.size() > kReadThroughChars)
            return text.contains(QLatin1String("http"), Qt::CaseInsensitive)
                || text.contains(QLatin1String("www."), Qt::CaseInsensitive);
    }
    const DropContent content = parseDrop(mime);
    if (!content.links.isEmpty())
        return true;
    for (const QString &path : content.localFiles) {
        if (isLinkFile(path))
            return true;
    }
    return false;
}

DropSnapshot snapshotDrop(const QMimeData &mime)
{
    DropSnapshot drop;
    drop.uriList = rawFormat(mime, QStringLiteral("text/uri-list"));
    if (drop.uriList.isEmpty() && mime.hasUrls())
        drop.urls = mime.urls();
    drop.mozUrl = rawFormat(mime, QStringLiteral("text/x-moz-url"));
    drop.netscapeUrl = rawFormat(mime, QStringLiteral("_NETSCAPE_URL"));
    drop.hasHtml = mime.hasHtml() || mime.hasFormat(QStringLiteral("text/html"));
    if (drop.hasHtml)
        drop.html = rawFormat(mime, QStringLiteral("text/html"));
    drop.hasText = mime.hasText();
    if (drop.hasText)
        drop.text = mime.text();
    return drop;
}

namespace {

// Serves a snapshot's bytes exactly as they were copied: QMimeData::setData would rewrite a
// text/uri-list (splitting it on '\n' only), and the drop rules must see what the source gave.
class SnapshotMimeData final : public QMimeData
{
public:
    explicit SnapshotMimeData(const DropSnapshot &drop) : m_drop(drop) {}

    QStringList formats() const override
    {
        QStringList names;
        if (!m_drop.uriList.isEmpty() || !m_drop.urls.isEmpty())
            names << QStringLiteral("text/uri-list");
        if (!m_drop.mozUrl.isEmpty())
            names << QStringLiteral("text/x-moz-url");
        if (!m_drop.netscapeUrl.isEmpty())
            names << QStringLiteral("_NETSCAPE_URL");
        if (m_drop.hasHtml)
            names << QStringLiteral("text/html");
        if (m_drop.hasText)
            names << QStringLiteral("text/plain");
        return names;
    }
    bool hasFormat(const QString &format) const override { return formats().contains(format); }

protected:
    QVariant retrieveData(const QString &format, QMetaType) const override
    {
        if (format == QLatin1String("text/uri-list")) {
            if (!m_drop.uriList.isEmpty())
                return m_drop.uriList;
            QVariantList urls;
            for (const QUrl &url : m_drop.urls)
                urls.append(url);
            return urls;
        }
        if (format == QLatin1String("text/x-moz-url"))
            return m_drop.mozUrl;
        if (format == QLatin1String("_NETSCAPE_URL"))
            return m_drop.netscapeUrl;
        if (format == QLatin1String("text/html") && m_drop.hasHtml)
            return m_drop.html;
        if (format == QLatin1String("text/plain") && m_drop.hasText)
            return m_drop.text;
        return {};
    }

private:
    const DropSnapshot &m_drop;
};

} // namespace

IntakeResult readDrop(const DropSnapshot &drop)
{
    const SnapshotMimeData mime(drop); // made and read on the calling thread only
    return readDrop(mime);
}

qint64 dropWeight(const DropSnapshot &drop)
{
    qint64 weight = drop.uriList.size() + drop.mozUrl.size() + drop.netscapeUrl.size() + drop.html.size()
        + drop.text.size() * qint64(sizeof(QChar));
    const QList<QUrl> named = drop.uriList.isEmpty() ? drop.urls : parseUriList(drop.uriList);
    for (const QUrl &url : named) {
        if (url.isLocalFile())
            weight += QFileInfo(url.toLocalFile()).size();
    }
    return weight;
}

} // namespace fetchmedia
