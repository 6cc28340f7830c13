#pragma once

#include <QtCore/QString>
#include <QtCore/QStringList>

class QHttpServerRequest;

namespace fetchmedia::sandbox {

// Where a request carried its key; the request log prints this, never the key itself.
enum class AuthMethod { None, Header, Bearer, Query };

struct AuthResult {
    AuthMethod method = AuthMethod::None;
    QString key;          // the presented key (empty when none); only for rate-limit bucketing
    bool accepted = false;
};

// The contract's precedence: X-API-KEY > Authorization: Bearer > ?key=. The first one present
// decides, even when a later one would have been valid.
AuthResult authenticate(const QHttpServerRequest& request, const QStringList& acceptedKeys);

QString authMethodName(AuthMethod method);

// Case-insensitive header lookup (HTTP header names are case-insensitive); null if absent.
QByteArray headerValue(const QHttpServerRequest& request, const QByteArray& name);
bool hasHeader(const QHttpServerRequest& request, const QByteArray& name);

} // namespace fetchmedia::sandbox
