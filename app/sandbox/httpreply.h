#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QPair>
#include <QtCore/QStringList>

class QHttpServerResponder;

namespace fetchmedia::sandbox {

// A complete, buffered answer. QHttpServerResponder only takes header lists known at compile
// time, so replies collect their headers here and are written out field by field.
struct HttpReply {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    void setHeader(const QByteArray& name, const QByteArray& value);
    QByteArray header(const QByteArray& name) const;
    void send(QHttpServerResponder& responder) const;

    static HttpReply json(const QJsonObject& object, int status = 200);
    // Shape A: {"error":{"code","message"}} (auth, rate limit, not found, conflicts).
    static HttpReply nestedError(int status, const QString& code, const QString& message);
    // Shape B: {"error": reason phrase, "message", "code": status, "details": [...]} (validation).
    static HttpReply flatError(int status, const QString& message, const QStringList& details);
};

QString reasonPhrase(int status);

// IMF-fixdate (RFC 9110), e.g. "Sun, 06 Nov 1994 08:49:37 GMT", for Date and Retry-After.
QByteArray httpDate(qint64 secsSinceEpoch);

} // namespace fetchmedia::sandbox
