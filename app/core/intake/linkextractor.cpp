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

// Han, kana and Hangul: chat text glues them to links without a space.
bool isCjkLetter(QChar c)
{
    switch (c.script()) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Hangul: return true;
    default: return false;
    }
}

// "看这个https://…" and "看这个vm.tiktok.com/…": the link starts where the ASCII begins.
// href="https://…" and url=https://…: it starts at the scheme after any punctuation.
QString dropGluedPrefix(const QString &token)
{
    static const QRegularExpression scheme(QStringLiteral("https?://"),
                                           QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = scheme.match(token);
    if (m.hasMatch() && m.capturedStart() > 0) {
        const QChar before = token.at(m.capturedStart() - 1);
        if (before.unicode() > 0x7f || !before.isLetterOrNumber())
            return token.mid(m.capturedStart());
    }
    if (!token.isEmpty() && isCjkLetter(token.front())) {
        qsizetype i = 0;
        while (i < token.size() && token.at(i).unicode() > 0x7f)
            ++i;
        return token.mid(i);
    }
    return token;
}

// Video ids are ASCII: on a known video host, CJK text glued after the link is not part of it,
// unless the path goes on after it ("@ユーザー/video/…" is a TikTok name). A quote or an angle
// bracket is never raw in a link: what follows it ('">click') is markup.
QString dropGluedSuffix(const QString &token)
{
    const qsizetype hostStart = token.indexOf(QLatin1String("://"));
    const qsizetype from = hostStart < 0 ? 0 : hostStart + 3;
    for (qsizetype i = from; i < token.size(); ++i) {
        const QChar c = token.at(i);
        if (c == QLatin1Char('"') || c == QLatin1Char('<') || c == QLatin1Char('>'))
            return token.left(i);
        if (!isCjkLetter(c))
            continue;
        qsizetype runEnd = i;
        while (runEnd < token.size() && token.at(runEnd).unicode() > 0x7f)
            ++runEnd;
        if (runEnd < token.size() && token.at(runEnd) == QLatin1Char('/')) {
            i = runEnd; // a path segment of its own: the link goes on
            continue;
        }
        const QString head = token.left(i);
        const QString host = head.mid(from).section(QLatin1Char('/'), 0, 0).toLower();
        return isKnownVideoHost(host) ? head : token;
    }
    return token;
}

// Markdown "[title](url)" and "[title](<url>)": only the target counts.
QString unwrapMarkdown(const QString &text)
{
    static const QRegularExpression markdown(QStringLiteral(
        "\\[[^\\]\\n]*\\]\\(<?([^\\s()<>]*(?:\\([^\\s()]*\\)[^\\s()<>]*)*)>?(?:\\s+\"[^\"]*\")?\\)"));
    if (!text.contains(QLatin1String("](")))
        return text;
    QString out = text;
    out.replace(markdown, QStringLiteral(" \\1 "));
    return out;
}

} // namespace

QUrl linkFromToken(QString token)
{
    token = trimToken(dropGluedSuffix(dropGluedPrefix(trimToken(token))));
    if (token.isEmpty() || token.size() > kMaxLinkLength)
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

QList<QUrl> extractLinks(const QString &text, int *tooLong)
{
    // \s in Unicode mode covers no-break spaces; zero-width spaces are not white space to
    // Unicode, but people paste them between links all the same. CJK and full-width
    // punctuation ("，", "。", "「", "…"), emoji and other symbols (\p{So}) and the invisible
    // direction marks never occur raw in a link, so they separate too, even with no space.
    static const QRegularExpression separators(
        QStringLiteral("[\\s\\p{So}\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2026\u3001-\u3003\u3008-\u3011"
                       "\u3014-\u301f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\uff3b\uff3d"
                       "\uff5b\uff5d\uff5f-\uff65]+"),
        QRegularExpression::UseUnicodePropertiesOption);
    QList<QUrl> links;
    QSet<QUrl> seen;
    if (tooLong)
        *tooLong = 0;
    const QStringList tokens = unwrapMarkdown(text).split(separators, Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        if (token.size() > kMaxLinkLength) {
            // Refused whole: a cut link would fetch something else or nothing.
            if (tooLong && linkFromToken(token.left(256)).isValid())
                ++*tooLong;
            continue;
        }
        const QUrl url = linkFromToken(token);
        if (url.isValid() && !seen.contains(url)) {
            seen.insert(url);
            links.append(url);
        }
    }
    return links;
}

} // namespace fetchmedia
