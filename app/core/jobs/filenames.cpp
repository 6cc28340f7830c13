#include "app/core/jobs/filenames.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextBoundaryFinder>

namespace fetchmedia {

namespace {

const QString kFallbackStem = QStringLiteral("video");

bool isForbidden(QChar c)
{
    static const QString forbidden = QStringLiteral("<>:\"/\\|?*");
    return c.unicode() < 0x20 || c.unicode() == 0x7f || forbidden.contains(c);
}

QString lastPathComponent(const QString &name)
{
    const qsizetype cut = std::max(name.lastIndexOf(QLatin1Char('/')),
                                   name.lastIndexOf(QLatin1Char('\\')));
    return cut < 0 ? name : name.mid(cut + 1);
}

// CON, PRN, AUX, NUL, COM0-9, LPT0-9 (also with superscript digits), CONIN$, CONOUT$:
// Windows refuses them whatever extension follows.
bool isReservedDeviceName(const QString &name)
{
    static const QRegularExpression reserved(
        QStringLiteral("^(CON|PRN|AUX|NUL|CONIN\\$|CONOUT\\$|(COM|LPT)[0-9\u00b9\u00b2\u00b3])$"),
        QRegularExpression::CaseInsensitiveOption);
    const QString stem = name.section(QLatin1Char('.'), 0, 0).trimmed();
    return reserved.match(stem).hasMatch();
}

// Splits "clip.mp4" into ("clip", ".mp4"); a long or odd suffix is not an extension.
std::pair<QString, QString> splitExtension(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0)
        return {name, QString()};
    const QString extension = name.mid(dot);
    static const QRegularExpression plainExtension(QStringLiteral("^\\.[A-Za-z0-9]{1,10}$"));
    if (!plainExtension.match(extension).hasMatch())
        return {name, QString()};
    return {name.left(dot), extension};
}

QString truncateToBytes(const QString &text, int maxBytes)
{
    if (text.toUtf8().size() <= maxBytes)
        return text;
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, text);
    qsizetype lastGood = 0;
    qsizetype bytes = 0;
    qsizetype start = 0;
    while (true) {
        const qsizetype next = graphemes.toNextBoundary();
        if (next < 0)
            break;
        bytes += QStringView(text).mid(start, next - start).toUtf8().size();
        if (bytes > maxBytes)
            break;
        lastGood = next;
        start = next;
    }
    return text.left(lastGood);
}

QString stripTrailingDotsAndSpaces(QString text)
{
    while (!text.isEmpty() && (text.endsWith(QLatin1Char('.')) || text.back().isSpace()))
        text.chop(1);
    return text;
}

QString decodeRfc5987(const QString &value)
{
    // charset'language'percent-encoded
    const qsizetype first = value.indexOf(QLatin1Char('\''));
    const qsizetype second = first < 0 ? -1 : value.indexOf(QLatin1Char('\''), first + 1);
    if (second < 0)
        return QString();
    const QString charset = value.left(first).toLower();
    const QByteArray bytes = QByteArray::fromPercentEncoding(value.mid(second + 1).toLatin1());
    if (charset == QLatin1String("utf-8") || charset == QLatin1String("utf8"))
        return QString::fromUtf8(bytes);
    if (charset == QLatin1String("iso-8859-1") || charset == QLatin1String("latin1"))
        return QString::fromLatin1(bytes);
    return QString();
}

} // namespace

QString sanitizeFileName(const QString &name)
{
    QString result = lastPathComponent(name);
    for (QChar &c : result) {
        if (isForbidden(c))
            c = QLatin1Char('_');
    }
    result = stripTrailingDotsAndSpaces(result.trimmed());
    if (result.isEmpty() || result == QLatin1String("_"))
        return kFallbackStem;
    // A leading dot would hide the file on Unix.
    if (result.startsWith(QLatin1Char('.')))
        result.prepend(QLatin1Char('_'));
    if (isReservedDeviceName(result))
        result.prepend(QLatin1Char('_'));

    auto [stem, extension] = splitExtension(result);
    stem = stripTrailingDotsAndSpaces(truncateToBytes(stem, kMaxStemBytes));
    if (stem.isEmpty())
        stem = kFallbackStem;
    return stem + extension;
}

QString contentDispositionFileName(const QByteArray &header)
{
    const QString text = QString::fromUtf8(header);
    static const QRegularExpression extended(
        QStringLiteral("(?:^|;)\\s*filename\\*\\s*=\\s*\"?([^\";]+)\"?"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch extendedMatch = extended.match(text);
    if (extendedMatch.hasMatch()) {
        const QString decoded = decodeRfc5987(extendedMatch.captured(1).trimmed());
        if (!decoded.isEmpty())
            return decoded;
    }
    static const QRegularExpression quoted(
        QStringLiteral("(?:^|;)\\s*filename\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\""),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch quotedMatch = quoted.match(text);
    if (quotedMatch.hasMatch()) {
        QString value = quotedMatch.captured(1);
        // Quoted-pair unescaping, except before a backslash path separator of a Windows path.
        static const QRegularExpression escapedQuote(QStringLiteral("\\\\\""));
        return value.replace(escapedQuote, QStringLiteral("\""));
    }
    static const QRegularExpression token(QStringLiteral("(?:^|;)\\s*filename\\s*=\\s*([^;\\s]+)"),
                                          QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch tokenMatch = token.match(text);
    return tokenMatch.hasMatch() ? tokenMatch.captured(1) : QString();
}

QString fileNameFromUrl(const QUrl &url)
{
    return url.fileName(QUrl::FullyDecoded);
}

QString numberedFileName(const QString &fileName, int number)
{
    if (number <= 0)
        return fileName;
    const auto [stem, extension] = splitExtension(fileName);
    // One multi-arg call: a "%1" or "%2" inside the name is text, not a placeholder.
    return QStringLiteral("%1 (%2)%3").arg(stem, QString::number(number), extension);
}

bool isInsideFolder(const QString &folder, const QString &path)
{
    const QString cleanFolder = QDir::cleanPath(QDir(folder).absolutePath());
    const QString cleanPath = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    // cleanPath keeps a trailing '/' only for the root ("/", "C:/").
    const QString prefix = cleanFolder.endsWith(QLatin1Char('/')) ? cleanFolder
                                                                  : cleanFolder + QLatin1Char('/');
    return cleanPath.startsWith(prefix) && cleanPath != cleanFolder;
}

} // namespace fetchmedia
