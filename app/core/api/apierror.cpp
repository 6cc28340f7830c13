#include "app/core/api/apierror.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fetchmedia {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ApiError", text);
}

QJsonObject parseObject(const QByteArray &body)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    return parseError.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

QString joinErrors(const QJsonArray &errors)
{
    QStringList parts;
    for (const QJsonValue &entry : errors) {
        if (entry.isString())
            parts << entry.toString();
        else if (entry.isObject())
            parts << entry.toObject().value(QLatin1String("message")).toString();
    }
    parts.removeAll(QString());
    return parts.join(QLatin1String("; "));
}

// Shape A nests {code, message}; shape B is flat with an integer code.
QString bodyCode(const QJsonObject &root)
{
    const QJsonValue error = root.value(QLatin1String("error"));
    if (error.isObject())
        return error.toObject().value(QLatin1String("code")).toString();
    const QJsonValue code = root.value(QLatin1String("code"));
    return code.isString() ? code.toString() : QString();
}

int bodyRetryAfter(const QJsonObject &root)
{
    const QJsonValue error = root.value(QLatin1String("error"));
    const QJsonValue value = error.isObject() ? error.toObject().value(QLatin1String("retry_after"))
                                              : root.value(QLatin1String("retry_after"));
    return value.isDouble() && value.toDouble() >= 0 ? int(value.toDouble()) : -1;
}

ErrorKind kindForStatus(int status, const QString &code)
{
    if (code == QLatin1String("invalid_token") || status == 401 || status == 403)
        return ErrorKind::Auth;
    if (code == QLatin1String("rate_limit_exceeded") || status == 429)
        return ErrorKind::RateLimited;
    if (status == 404 || status == 410)
        return ErrorKind::NotFound;
    if (status == 408 || status == 409 || status == 425 || status >= 500)
        return ErrorKind::Transient;
    if (status >= 400)
        return ErrorKind::InvalidInput;
    return ErrorKind::Protocol;
}

QString defaultMessage(ErrorKind kind, int status)
{
    switch (kind) {
    case ErrorKind::Auth:
        return tr("The API key is invalid or expired.");
    case ErrorKind::RateLimited:
        return tr("Too many requests: the service asked us to wait.");
    case ErrorKind::NotFound:
        return tr("The service does not know this item (HTTP %1).").arg(status);
    case ErrorKind::Transient:
        return tr("The service had a temporary problem (HTTP %1).").arg(status);
    case ErrorKind::InvalidInput:
        return tr("The service refused the request (HTTP %1).").arg(status);
    default:
        return tr("Unexpected answer from the service (HTTP %1).").arg(status);
    }
}

bool isNetworkTransient(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ContentAccessDenied:
    case QNetworkReply::ContentOperationNotPermittedError:
    case QNetworkReply::ContentNotFoundError:
    case QNetworkReply::AuthenticationRequiredError:
    case QNetworkReply::ContentGoneError:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::SslHandshakeFailedError:
        return false;
    default:
        return true;
    }
}

} // namespace

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None: return QStringLiteral("none");
    case ErrorKind::Auth: return QStringLiteral("auth");
    case ErrorKind::RateLimited: return QStringLiteral("rate_limited");
    case ErrorKind::Transient: return QStringLiteral("transient");
    case ErrorKind::InvalidInput: return QStringLiteral("invalid_input");
    case ErrorKind::NotFound: return QStringLiteral("not_found");
    case ErrorKind::Protocol: return QStringLiteral("protocol");
    case ErrorKind::JobFailed: return QStringLiteral("job_failed");
    case ErrorKind::Local: return QStringLiteral("local");
    case ErrorKind::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

QString ApiError::summary() const
{
    if (httpStatus > 0 && !message.isEmpty())
        return QStringLiteral("%1 (HTTP %2)").arg(message).arg(httpStatus);
    return message;
}

QString errorBodyMessage(const QByteArray &body)
{
    const QJsonObject root = parseObject(body);
    const QJsonValue error = root.value(QLatin1String("error"));
    if (error.isObject()) {
        const QString nested = error.toObject().value(QLatin1String("message")).toString();
        if (!nested.isEmpty())
            return nested;
    }
    const QString flat = root.value(QLatin1String("message")).toString();
    if (!flat.isEmpty())
        return flat;
    if (error.isString())
        return error.toString();
    return joinErrors(root.value(QLatin1String("errors")).toArray());
}

ApiError mapApiError(const ReplyFacts &facts)
{
    ApiError result;
    result.httpStatus = facts.httpStatus;
    result.requestId = QString::fromLatin1(facts.requestId);

    if (facts.cancelledByUser) {
        result.kind = ErrorKind::Cancelled;
        result.code = QStringLiteral("cancelled");
        result.message = tr("Cancelled.");
        return result;
    }
    // Qt reports its own transfer timeout as OperationCanceledError: that is a timeout,
    // never a cancel, because user cancels are tagged above.
    if (facts.timedOut || facts.networkError == QNetworkReply::OperationCanceledError
        || facts.networkError == QNetworkReply::TimeoutError) {
        result.kind = ErrorKind::Transient;
        result.code = QStringLiteral("timeout");
        result.message = tr("The request timed out.");
        return result;
    }

    if (facts.httpStatus == 0
        || (facts.httpStatus < 400 && facts.networkError != QNetworkReply::NoError)) {
        if (facts.networkError == QNetworkReply::NoError) {
            result.kind = ErrorKind::Protocol;
            result.code = QStringLiteral("no_answer");
            result.message = tr("No HTTP answer from the server.");
            return result;
        }
        result.kind = isNetworkTransient(facts.networkError) ? ErrorKind::Transient
                                                             : ErrorKind::Protocol;
        result.code = QStringLiteral("network");
        result.message = tr("Network error: %1").arg(facts.networkErrorString);
        return result;
    }

    if (facts.httpStatus >= 200 && facts.httpStatus < 400) {
        result.kind = ErrorKind::None;
        return result;
    }

    const QJsonObject root = parseObject(facts.body);
    result.code = bodyCode(root);
    result.retryAfterSeconds = bodyRetryAfter(root);
    result.kind = kindForStatus(facts.httpStatus, result.code);
    result.message = errorBodyMessage(facts.body);
    if (result.message.isEmpty())
        result.message = defaultMessage(result.kind, facts.httpStatus);
    if (result.code.isEmpty())
        result.code = QStringLiteral("http_%1").arg(facts.httpStatus);
    return result;
}

} // namespace fetchmedia
