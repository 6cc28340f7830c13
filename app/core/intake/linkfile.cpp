#include "app/core/intake/linkfile.h"

#include "app/core/intake/binaryplist.h"
#include "app/core/intake/linkextractor.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QVariantMap>
#include <QXmlStreamReader>

namespace fetchmedia {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LinkFile", text);
}

QUrl singleLink(const QString &text, QString *problem)
{
    const QList<QUrl> links = extractLinks(text.trimmed());
    if (links.size() == 1)
        return links.first();
    if (problem)
        *problem = tr("the shortcut holds no web link");
    return QUrl();
}

QUrl urlFromXmlPlist(const QByteArray &content, QString *problem)
{
    // <dict><key>URL</key><string>…</string></dict>; no DTD or entity is ever fetched.
    QXmlStreamReader xml(content);
    bool nextIsUrl = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("key")) {
            nextIsUrl = xml.readElementText().trimmed() == QLatin1String("URL");
        } else if (nextIsUrl && xml.name() == QLatin1String("string")) {
            return singleLink(xml.readElementText(), problem);
        } else {
            nextIsUrl = false;
        }
    }
    if (problem)
        *problem = xml.hasError() ? tr("unsupported shortcut format") : tr("the shortcut holds no web link");
    return QUrl();
}

} // namespace

LinkFileKind linkFileKind(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("url"))
        return LinkFileKind::InternetShortcut;
    if (suffix == QLatin1String("webloc"))
        return LinkFileKind::Webloc;
    if (suffix == QLatin1String("txt") || suffix == QLatin1String("text") || suffix == QLatin1String("list"))
        return LinkFileKind::TextList;
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("tsv"))
        return LinkFileKind::CsvList;
    return LinkFileKind::Unsupported;
}

bool isLinkFile(const QString &path)
{
    return linkFileKind(path) != LinkFileKind::Unsupported;
}

QString decodeText(const QByteArray &content)
{
    if (content.startsWith("\xff\xfe") || content.startsWith("\xfe\xff")) {
        auto encoding = content.startsWith("\xff\xfe") ? QStringConverter::Utf16LE : QStringConverter::Utf16BE;
        QStringDecoder decoder(encoding);
        return decoder(content.mid(2));
    }
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    return decoder(content.startsWith("\xef\xbb\xbf") ? content.mid(3) : content);
}

QString csvCellsAsLines(const QString &csv)
{
    QString out;
    out.reserve(csv.size());
    bool quoted = false;
    for (qsizetype i = 0; i < csv.size(); ++i) {
        const QChar c = csv.at(i);
        if (c == QLatin1Char('"')) {
            if (quoted && i + 1 < csv.size() && csv.at(i + 1) == QLatin1Char('"')) {
                out.append(c); // "" inside quotes
                ++i;
            } else {
                quoted = !quoted;
            }
        } else if (!quoted && (c == QLatin1Char(',') || c == QLatin1Char(';') || c == QLatin1Char('\t'))) {
            out.append(QLatin1Char('\n'));
        } else {
            out.append(c);
        }
    }
    return out;
}

QUrl urlFromInternetShortcut(const QByteArray &content, QString *problem)
{
    const QStringList lines = decodeText(content).split(QRegularExpression(QStringLiteral("\r\n|\r|\n")));
    bool inSection = false;
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.startsWith(QLatin1Char('['))) {
            inSection = line.compare(QLatin1String("[InternetShortcut]"), Qt::CaseInsensitive) == 0;
            continue;
        }
        if (inSection && line.startsWith(QLatin1String("URL="), Qt::CaseInsensitive))
            return singleLink(line.mid(4), problem);
    }
    if (problem)
        *problem = tr("the shortcut holds no web link");
    return QUrl();
}

QUrl urlFromWebloc(const QByteArray &content, QString *problem)
{
    if (!isBinaryPlist(content))
        return urlFromXmlPlist(content, problem);
    QString why;
    const QVariant plist = readBinaryPlist(content, &why);
    const QString url = plist.toMap().value(QStringLiteral("URL")).toString();
    if (!url.isEmpty())
        return singleLink(url, problem);
    if (problem)
        *problem = plist.isValid() ? tr("the shortcut holds no web link") : tr("unsupported shortcut format");
    return QUrl();
}

IntakeResult readLinkFile(const QString &path)
{
    IntakeResult result;
    const QString name = QFileInfo(path).fileName();
    const LinkFileKind kind = linkFileKind(path);
    if (kind == LinkFileKind::Unsupported) {
        result.problems << tr("%1: not a link file (.txt, .csv, .url or .webloc)").arg(name);
        return result;
    }
    const bool shortcut = kind == LinkFileKind::InternetShortcut || kind == LinkFileKind::Webloc;
    const qint64 cap = shortcut ? kMaxShortcutBytes : kMaxLinkListBytes;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.problems << tr("%1: %2").arg(name, file.errorString());
        return result;
    }
    if (file.size() > cap) {
        result.problems << tr("%1: too large for a link file (over %2 KiB), not read").arg(name).arg(cap / 1024);
        return result;
    }
    const QByteArray content = file.read(cap + 1); // size() lies for pipes and /proc
    if (content.size() > cap) {
        result.problems << tr("%1: too large for a link file (over %2 KiB), not read").arg(name).arg(cap / 1024);
        return result;
    }
    if (shortcut) {
        QString problem;
        const QUrl url = kind == LinkFileKind::InternetShortcut ? urlFromInternetShortcut(content, &problem)
                                                               : urlFromWebloc(content, &problem);
        if (url.isValid())
            result.links << makeFoundLink(url);
        else
            result.problems << tr("%1: %2").arg(name, problem);
        return result;
    }
    const QString text = decodeText(content);
    result = linksFromText(kind == LinkFileKind::CsvList ? csvCellsAsLines(text) : text);
    return result;
}

} // namespace fetchmedia
