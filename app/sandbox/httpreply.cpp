#include "app/sandbox/httpreply.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QLocale>
#include <QtCore/QJsonDocument>
#include <QtHttpServer/QHttpServerResponder>

namespace fetchmedia::sandbox {

void HttpReply::setHeader(const QByteArray& name, const QByteArray& value)
{
    for (auto& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpReply::header(const QByteArray& name) const
{
    for (const auto& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

void HttpReply::send(QHttpServerResponder& responder) const
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(status));
    for (const auto& header : headers)
        responder.writeHeader(header.first, header.second);
    if (status != 204) // a 204 has no body and must not announce one
        responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    // writeBody ends the header block first, also for an empty body.
    responder.writeBody(body);
}

HttpReply HttpReply::json(const QJsonObject& object, int status)
{
    HttpReply reply;
    reply.status = status;
    reply.setHeader("Content-Type", "application/json");
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

HttpReply HttpReply::nestedError(int status, const QString& code, const QString& message)
{
    return json(QJsonObject{{QStringLiteral("error"),
                             QJsonObject{{QStringLiteral("code"), code},
                                         {QStringLiteral("message"), message}}}},
                status);
}

HttpReply HttpReply::flatError(int status, const QString& message, const QStringList& details)
{
    return json(QJsonObject{{QStringLiteral("error"), reasonPhrase(status)},
                            {QStringLiteral("message"), message},
                            {QStringLiteral("code"), status},
                            {QStringLiteral("details"), QJsonArray::fromStringList(details)}},
                status);
}

QString reasonPhrase(int status)
{
    switch (status) {
    case 400: return QStringLiteral("Bad Request");
    case 401: return QStringLiteral("Unauthorized");
    case 403: return QStringLiteral("Forbidden");
    case 404: return QStringLiteral("Not Found");
    case 405: return QStringLiteral("Method Not Allowed");
    case 409: return QStringLiteral("Conflict");
    case 416: return QStringLiteral("Range Not Satisfiable");
    case 422: return QStringLiteral("Unprocessable Entity");
    case 429: return QStringLiteral("Too Many Requests");
    case 500: return QStringLiteral("Internal Server Error");
    case 502: return QStringLiteral("Bad Gateway");
    case 503: return QStringLiteral("Service Unavailable");
    default: return QStringLiteral("Error");
    }
}

QByteArray httpDate(qint64 secsSinceEpoch)
{
    // The C locale: day and month names must be English whatever the machine's locale is.
    const QDateTime time = QDateTime::fromSecsSinceEpoch(secsSinceEpoch, Qt::UTC);
    return QLocale::c().toString(time, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
}

} // namespace fetchmedia::sandbox
