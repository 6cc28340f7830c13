#include "app/cli/extractcommand.h"

#include "app/core/intake/linkfile.h"
#include "app/core/intake/linkintake.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace fetchmedia {

QByteArray extractReport(const QByteArray &input, bool json)
{
    const IntakeResult result = linksFromText(decodeText(input));
    if (json) {
        QJsonArray array;
        for (const FoundLink &link : result.links) {
            array.append(QJsonObject{
                {QStringLiteral("url"), link.url.toString(QUrl::FullyEncoded)},
                {QStringLiteral("platform"), platformSlug(link.platform)},
                {QStringLiteral("key"), link.key.isEmpty() ? QJsonValue() : QJsonValue(link.key)},
            });
        }
        return QJsonDocument(array).toJson(QJsonDocument::Indented);
    }
    QByteArray out;
    for (const FoundLink &link : result.links) {
        out += link.url.toString(QUrl::FullyEncoded).toUtf8() + '\t' + platformSlug(link.platform).toUtf8() + '\t'
            + (link.key.isEmpty() ? QByteArray("-") : link.key.toUtf8()) + '\n';
    }
    return out;
}

int runExtract(bool json)
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        std::fputs("fetchmedia-cli: cannot read standard input\n", stderr);
        return 2;
    }
    const QByteArray report = extractReport(in.readAll(), json);
    std::fwrite(report.constData(), 1, size_t(report.size()), stdout);
    return 0;
}

} // namespace fetchmedia
