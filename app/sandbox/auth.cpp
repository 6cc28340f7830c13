#include "app/sandbox/auth.h"

#include <QtHttpServer/QHttpServerRequest>

namespace fetchmedia::sandbox {

bool hasHeader(const QHttpServerRequest& request, const QByteArray& name)
{
    const auto headers = request.headers();
    for (const auto& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray headerValue(const QHttpServerRequest& request, const QByteArray& name)
{
    const auto headers = request.headers();
    for (const auto& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second.trimmed();
    }
    return {};
}

AuthResult authenticate(const QHttpServerRequest& request, const QStringList& acceptedKeys)
{
    AuthResult result;
    if (hasHeader(request, "X-API-KEY")) {
        result.method = AuthMethod::Header;
        result.key = QString::fromLatin1(headerValue(request, "X-API-KEY"));
    } else if (hasHeader(request, "Authorization")) {
        result.method = AuthMethod::Bearer;
        const QByteArray value = headerValue(request, "Authorization");
        // Scheme names are case-insensitive; anything but Bearer carries no usable key.
        if (value.size() > 7 && value.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
            result.key = QString::fromLatin1(value.mid(7).trimmed());
    } else if (request.query().hasQueryItem(QStringLiteral("key"))) {
        result.method = AuthMethod::Query;
        result.key = request.query().queryItemValue(QStringLiteral("key"), QUrl::FullyDecoded);
    }
    result.accepted = !result.key.isEmpty() && acceptedKeys.contains(result.key);
    return result;
}

QString authMethodName(AuthMethod method)
{
    switch (method) {
    case AuthMethod::None:
        return QStringLiteral("none");
    case AuthMethod::Header:
        return QStringLiteral("header");
    case AuthMethod::Bearer:
        return QStringLiteral("bearer");
    case AuthMethod::Query:
        return QStringLiteral("query");
    }
    return QStringLiteral("none");
}

} // namespace fetchmedia::sandbox
