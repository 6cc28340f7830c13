#include "app/core/intake/linkextractor.h"

#include "app/core/intake/platform.h"

#include <QRegularExpression>
#include <QSet>

namespace fetchmedia {

namespace {

// Punctuation that ends a sentence or wraps a link in prose, never part of the link itself.
bool isTrailingPunctuation(QChar c)
{
    static const QString trailing = QStringLiteral(".,;:!?'\"\u2026\u3002\u3001\uff0c\uff01\uff1f\u201d\u2019>"
                                                  "\u00bb\u203a\u300d\u300f\u3011\uff09");
    return trailing.contains(c);
}

// A closing bracket belongs to the link only when the link opened it (Wikipedia-style paths).
bool isUnbalancedClosing(const QString &token)
{
    const QChar last = token.back();
    const QChar open = last == QLatin1Char(')') ? QLatin1Char('(')
        : last == QLatin1Char(']')              ? QLatin1Char('[')
        : last == QLatin1Char('}')              ? QLatin1Char('{')
                                                : QChar();
    if (open.isNull())
        return false;
    return token.count(open) < token.count(last);
}

QString trimToken(QString token)
{
    static const QString leading = QStringLiteral("<([{\"'\u201c\u2018\u00ab\u2039\u300c\u300e\u3010\uff08");
    while (!token.isEmpty() && leading.contains(token.front()))
        token.remove(0, 1);
    while (!token.isEmpty() && (isTrailingPunctuation(token.back()) || isUnbalancedClosing(token)))
        token.chop(1);
    return token;
}

bool hasHttpScheme(const QString &token)
{
    return token.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || token.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

} // namespace

QUrl linkFromToken(QString token)
{
    token = trimToken(token);
    if (token.isEmpty())
        return QUrl();
    if (!hasHttpScheme(token)) {
        // Only a bare host we recognise becomes a link; "e.g." or "3.5" never do.
        const QString host = token.section(QLatin1Char('/'), 0, 0).toLower();
        if (!host.startsWith(QLatin1String("www.")) && !isKnownVideoHost(host))
            return QUrl();
        token.prepend(QLatin1String("https://"));
    }
    QUrl url(token, QUrl::TolerantMode);
    if (!url.isValid() || url.host().isEmpty() || !url.host().contains(QLatin1Char('.')))
        return QUrl();
    url.setScheme(url.scheme().toLower());
    if (url.scheme() == QLatin1String("http") && isKnownVideoHost(url.host()))
        url.setScheme(QStringLiteral("https"));
    return url;
}

QList<QUrl> extractLinks(const QString &text)
{
    // \s in Unicode mode covers no-break spaces; zero-width spaces are not white space to
    // Unicode, but people paste them between links all the same.
    static const QRegularExpression separators(
        QStringLiteral("[\\s\u200b\u200c\u200d\u2060\ufeff]+"),
        QRegularExpression::UseUnicodePropertiesOption);
    QList<QUrl> links;
    QSet<QUrl> seen;
    const QStringList tokens = text.split(separators, Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        const QUrl url = linkFromToken(token);
        if (url.isValid() && !seen.contains(url)) {
            seen.insert(url);
            links.append(url);
        }
    }
    return links;
}

} // namespace fetchmedia
