#include "app/core/api/apiclient.h"

#include "app/core/logging.h"
#include "fetchmedia_version.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace fetchmedia {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ApiClient", text);
}

ApiError protocolError(const ApiError &base, const QString &message)
{
    ApiError error = base;
    error.kind = ErrorKind::Protocol;
    error.code = QStringLiteral("malformed_answer");
    error.message = message;
    return error;
}

// Paths in logs: never a query (a signed URL's signature lives there).
QString loggablePath(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toDisplayString();
}

} // namespace

ApiResponse readResponse(QNetworkReply *reply)
{
    ReplyFacts facts;
    facts.networkError = reply->error();
    facts.networkErrorString = reply->errorString();
    facts.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    facts.requestId = reply->rawHeader("X-Request-Id");
    facts.cancelledByUser = reply->property(kCancelledByUserProperty).toBool();
    // Error bodies are small; a success body of an API call is JSON of a few hundred bytes.
    facts.body = reply->readAll();
    // Qt reports 4xx/5xx as network errors too; the HTTP status is the better witness.
    if (facts.httpStatus != 0 && facts.networkError != QNetworkReply::OperationCanceledError)
        facts.networkError = QNetworkReply::NoError;

    ApiResponse response;
    response.error = mapApiError(facts);
    if (response.error.isError())
        return response;

    if (facts.httpStatus >= 300 && facts.httpStatus < 400) {
        const QUrl location = reply->header(QNetworkRequest::LocationHeader).toUrl();
        response.redirectTarget = reply->url().resolved(location);
        return response;
    }
    if (facts.body.trimmed().isEmpty())
        return response;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(facts.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        response.error = protocolError(response.error,
                                       tr("The service sent an answer that is not valid JSON."));
        return response;
    }
    response.json = doc.object();
    return response;
}

ApiClient::ApiClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network)
{
}

void ApiClient::setBaseUrl(const QUrl &baseUrl)
{
    m_baseUrl = baseUrl.adjusted(QUrl::StripTrailingSlash);
}

void ApiClient::setApiKey(const QString &key)
{
    m_apiKey = key;
}

bool ApiClient::isApiOrigin(const QUrl &url) const
{
    return url.scheme() == m_baseUrl.scheme() && url.host() == m_baseUrl.host()
        && url.port(url.scheme() == QLatin1String("https") ? 443 : 80)
        == m_baseUrl.port(m_baseUrl.scheme() == QLatin1String("https") ? 443 : 80);
}

QByteArray ApiClient::userAgent()
{
    return QByteArrayLiteral("FetchMedia-Desktop/" FETCHMEDIA_VERSION);
}

QUrl ApiClient::endpoint(const QString &path) const
{
    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path() + path);
    return url;
}

QNetworkRequest ApiClient::buildRequest(const QUrl &url) const
{
    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", userAgent());
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(int(m_transferTimeout.count()));
    // Never let Qt follow a redirect: it would copy X-API-KEY onto the next host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    if (!m_apiKey.isEmpty() && isApiOrigin(url))
        request.setRawHeader("X-API-KEY", m_apiKey.toUtf8());
    return request;
}

ApiCallHandle ApiClient::send(QNetworkReply *reply, QObject *context,
                              std::function<void(const ApiResponse &)> handler)
{
    const QString description = reply->operation() == QNetworkAccessManager::PostOperation
        ? QStringLiteral("POST ") + loggablePath(reply->url())
        : QStringLiteral("GET ") + loggablePath(reply->url());
    connect(reply, &QNetworkReply::finished, context,
            [this, reply, handler = std::move(handler), description] {
                reply->deleteLater();
                const ApiResponse response = readResponse(reply);
                qCDebug(lcApi) << description << "->" << response.error.httpStatus
                               << errorKindName(response.error.kind);
                if (response.error.kind == ErrorKind::Auth)
                    Q_EMIT authenticationFailed(response.error);
                handler(response);
            });
    // If the context dies first, the reply must not outlive it unobserved.
    connect(context, &QObject::destroyed, reply, [reply] {
        reply->abort();
        reply->deleteLater();
    });
    return ApiCallHandle(reply);
}

void ApiClient::cancel(const ApiCallHandle &call)
{
    if (!call)
        return;
    call->setProperty(kCancelledByUserProperty, true);
    call->abort();
}

ApiCallHandle ApiClient::createFetch(const QUrl &sourceUrl, const QByteArray &idempotencyKey,
                                     QObject *context,
                                     std::function<void(const ApiResult<QString> &)> done)
{
    QNetworkRequest request = buildRequest(endpoint(QStringLiteral("/fetch")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey);
    const QJsonObject body{{QStringLiteral("url"), sourceUrl.toString(QUrl::FullyEncoded)}};
    QNetworkReply *reply
        = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    return send(reply, context, [done = std::move(done)](const ApiResponse &response) {
        ApiResult<QString> result{std::nullopt, response.error};
        if (!response.error.isError()) {
            QString problem;
            result.value = parseFetchCreated(response.json, &problem);
            if (!result.value)
                result.error = protocolError(response.error, problem);
        }
        done(result);
    });
}

ApiCallHandle ApiClient::getFetch(const QString &fetchId, QObject *context,
                                  std::function<void(const ApiResult<FetchInfo> &)> done)
{
    const QString path = QStringLiteral("/fetch/")
        + QString::fromLatin1(QUrl::toPercentEncoding(fetchId));
    QNetworkReply *reply = m_network->get(buildRequest(endpoint(path)));
    return send(reply, context, [done = std::move(done)](const ApiResponse &response) {
        ApiResult<FetchInfo> result{std::nullopt, response.error};
        if (!response.error.isError()) {
            QString problem;
            result.value = parseFetchInfo(response.json, &problem);
            if (!result.value)
                result.error = protocolError(response.error, problem);
        }
        done(result);
    });
}

ApiCallHandle ApiClient::resolveDownload(const QUrl &downloadUrl, QObject *context,
                                         std::function<void(const ApiResult<QUrl> &)> done)
{
    QNetworkReply *reply = m_network->get(buildRequest(downloadUrl));
    const bool fromHttps = downloadUrl.scheme() == QLatin1String("https");
    return send(reply, context, [done = std::move(done), fromHttps](const ApiResponse &response) {
        ApiResult<QUrl> result{std::nullopt, response.error};
        if (response.error.isError()) {
            done(result);
            return;
        }
        const QUrl target = response.redirectTarget;
        const QString scheme = target.scheme();
        if (!target.isValid() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
            result.error = protocolError(response.error,
                                         tr("The service did not redirect to the media file."));
        else if (fromHttps && scheme == QLatin1String("http"))
            result.error = protocolError(response.error,
                                         tr("The service redirected from HTTPS to plain HTTP; "
                                            "the download was refused."));
        else
            result.value = target;
        done(result);
    });
}

ApiCallHandle ApiClient::getMetadata(const QUrl &sourceUrl, QObject *context,
                                     std::function<void(const ApiResult<MediaMetadata> &)> done)
{
    QNetworkRequest request = buildRequest(endpoint(QStringLiteral("/fetch/metadata")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QJsonObject body{{QStringLiteral("url"), sourceUrl.toString(QUrl::FullyEncoded)}};
    QNetworkReply *reply
        = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    return send(reply, context, [done = std::move(done)](const ApiResponse &response) {
        ApiResult<MediaMetadata> result{std::nullopt, response.error};
        if (!response.error.isError())
            result.value = parseMetadata(response.json);
        done(result);
    });
}

ApiCallHandle ApiClient::testConnection(QObject *context,
                                        std::function<void(const ApiError &)> done)
{
    QUrl url = endpoint(QStringLiteral("/files"));
    url.setQuery(QStringLiteral("limit=1"));
    QNetworkReply *reply = m_network->get(buildRequest(url));
    return send(reply, context,
                [done = std::move(done)](const ApiResponse &response) { done(response.error); });
}

} // namespace fetchmedia
