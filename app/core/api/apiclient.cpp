#include "app/core/api/apiclient.h"

#include "app/core/logging.h"
#include "fetchmedia_version.h"

#include <QCoreApplication>
#include <QHostAddress>
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
    // Qt reports 4xx/5xx as network errors too; there the HTTP status is the better witness.
    // Below 400 a network error is real: the connection dropped after the headers.
    if (facts.httpStatus >= 400 && facts.networkError != QNetworkReply::OperationCanceledError)
        facts.networkError = QNetworkReply::NoError;

    ApiResponse response;
    response.rate.httpStatus = facts.httpStatus;
    response.rate.retryAfter = reply->rawHeader("Retry-After");
    response.rate.date = reply->rawHeader("Date");
    response.rate.remaining = reply->rawHeader("X-RateLimit-Remaining");
    response.rate.limit = reply->rawHeader("X-RateLimit-Limit");
    response.rate.reset = reply->rawHeader("X-RateLimit-Reset");
    if (reply->property(kTooLargeProperty).toBool()) {
        response.error.kind = ErrorKind::Protocol;
        response.error.code = QStringLiteral("too_large");
        response.error.httpStatus = facts.httpStatus;
        response.error.message = tr("The service sent an answer larger than 1 MiB; it was refused.");
        return response;
    }
    response.error = mapApiError(facts);
    response.rate.bodyRetryAfter = response.error.retryAfterSeconds;
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
        // Proxies and captive portals answer 200 with a web page.
        const QString type = reply->header(QNetworkRequest::ContentTypeHeader).toString();
        response.error = protocolError(
            response.error, tr("The service sent an answer that is not valid JSON (HTTP %1%2).")
                                .arg(facts.httpStatus)
                                .arg(type.isEmpty() ? QString() : QStringLiteral(", ") + type.section(QLatin1Char(';'), 0, 0)));
        response.error.httpStatus = facts.httpStatus;
        return response;
    }
    response.json = doc.object();
    return response;
}

ApiClient::ApiClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network)
{
    connect(&m_gate, &RateGate::opened, this, &ApiClient::startWaiting);
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

bool ApiClient::isSafeForKey(const QUrl &url)
{
    if (url.scheme() == QLatin1String("https"))
        return true;
    if (url.scheme() != QLatin1String("http"))
        return false;
    if (url.host().compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(url.host());
    return !address.isNull() && address.isLoopback();
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
    attachKey(request);
    return request;
}

void ApiClient::attachKey(QNetworkRequest &request) const
{
    // The only place the key is written: as a header, only for the API's own origin, and
    // never in the clear to another machine (plain http is for loopback only).
    if (!m_apiKey.isEmpty() && isApiOrigin(request.url()) && isSafeForKey(request.url()))
        request.setRawHeader("X-API-KEY", m_apiKey.toUtf8());
    else
        request.setRawHeader("X-API-KEY", QByteArray());
}

ApiCallHandle ApiClient::dispatch(ReplyFactory makeReply, QObject *context, Handler handler)
{
    Waiting waiting{std::make_shared<ApiCall>(), std::move(makeReply), context, std::move(handler)};
    ApiCallHandle call = waiting.call;
    if (m_waiting.empty() && m_gate.mayStart())
        startCall(std::move(waiting));
    else
        m_waiting.push_back(std::move(waiting));
    return call;
}

void ApiClient::startWaiting()
{
    while (!m_waiting.empty() && m_gate.mayStart()) {
        Waiting next = std::move(m_waiting.front());
        m_waiting.pop_front();
        if (!next.context)
            continue; // its owner is gone
        if (next.call->cancelled) {
            ApiResponse cancelled;
            cancelled.error.kind = ErrorKind::Cancelled;
            cancelled.error.code = QStringLiteral("cancelled");
            cancelled.error.message = tr("Cancelled.");
            next.handler(cancelled);
            continue;
        }
        startCall(std::move(next));
    }
}

void ApiClient::startCall(Waiting waiting)
{
    QNetworkReply *reply = waiting.makeReply();
    waiting.call->reply = reply;
    const quint64 ticket = m_gate.requestStarted();
    const QString description = reply->operation() == QNetworkAccessManager::PostOperation
        ? QStringLiteral("POST ") + loggablePath(reply->url())
        : QStringLiteral("GET ") + loggablePath(reply->url());
    // An API answer is small; a huge one is a proxy or a fault, never worth the memory.
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxBodyBytes) {
            reply->setProperty(kTooLargeProperty, true);
            reply->abort();
        }
    });
    QObject *context = waiting.context.data();
    connect(reply, &QNetworkReply::finished, context,
            [this, reply, handler = std::move(waiting.handler), description, ticket] {
                reply->deleteLater();
                ApiResponse response = readResponse(reply);
                response.rate.requestTicket = ticket;
                qCDebug(lcApi) << description << "->" << response.error.httpStatus
                               << errorKindName(response.error.kind);
                if (response.rate.httpStatus > 0)
                    m_gate.observe(response.rate);
                else
                    m_gate.requestAbandoned();
                noteHealth(response.error);
                if (response.error.kind == ErrorKind::Auth)
                    Q_EMIT authenticationFailed(response.error);
                handler(response);
                startWaiting();
            });
    // If the context dies first, the reply must not outlive it unobserved.
    connect(context, &QObject::destroyed, reply, [this, reply] {
        reply->abort();
        reply->deleteLater();
        m_gate.requestAbandoned();
    });
}

void ApiClient::noteHealth(const ApiError &error)
{
    const bool unreachable = error.kind == ErrorKind::Transient && error.httpStatus == 0;
    const bool failing = error.kind == ErrorKind::Transient && error.httpStatus >= 500;
    m_transientInARow = unreachable || failing ? m_transientInARow + 1 : 0;
    // Three in a row: one blip is not worth a banner.
    ServiceHealth health = ServiceHealth::Ok;
    if (m_transientInARow >= 3)
        health = unreachable ? ServiceHealth::Unreachable : ServiceHealth::Failing;
    if (error.kind == ErrorKind::Cancelled)
        return;
    if (health != m_health || (health != ServiceHealth::Ok && error.message != m_healthMessage)) {
        m_health = health;
        m_healthMessage = health == ServiceHealth::Ok ? QString() : error.message;
        Q_EMIT serviceHealthChanged();
    }
}

void ApiClient::cancel(const ApiCallHandle &call)
{
    if (!call)
        return;
    call->cancelled = true;
    if (call->reply) {
        call->reply->setProperty(kCancelledByUserProperty, true);
        call->reply->abort();
    }
}

ApiCallHandle ApiClient::get(QNetworkRequest request, QObject *context, Handler handler)
{
    auto makeReply = [this, request]() mutable {
        attachKey(request); // the key current when it leaves, not when it was queued
        return m_network->get(request);
    };
    return dispatch(std::move(makeReply), context, std::move(handler));
}

ApiCallHandle ApiClient::postJson(QNetworkRequest request, const QJsonObject &body, QObject *context,
                                  Handler handler)
{
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QByteArray payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    auto makeReply = [this, request, payload]() mutable {
        attachKey(request);
        return m_network->post(request, payload);
    };
    return dispatch(std::move(makeReply), context, std::move(handler));
}

namespace {

// A typed result from an answer: the parser's value, or a protocol error saying what is wrong.
template<typename T, typename Parser>
ApiResult<T> parsedResult(const ApiResponse &response, Parser parse)
{
    ApiResult<T> result{std::nullopt, response.error};
    if (response.error.isError())
        return result;
    QString problem;
    result.value = parse(response.json, &problem);
    if (!result.value)
        result.error = protocolError(response.error, problem);
    return result;
}

} // namespace

ApiCallHandle ApiClient::createFetch(const QUrl &sourceUrl, const QByteArray &idempotencyKey,
                                     QObject *context,
                                     std::function<void(const ApiResult<QString> &)> done)
{
    QNetworkRequest request = buildRequest(endpoint(QStringLiteral("/fetch")));
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey);
    const QJsonObject body{{QStringLiteral("url"), sourceUrl.toString(QUrl::FullyEncoded)}};
    return postJson(request, body, context, [done = std::move(done)](const ApiResponse &response) {
        done(parsedResult<QString>(response, parseFetchCreated));
    });
}

ApiCallHandle ApiClient::getFetch(const QString &fetchId, QObject *context,
                                  std::function<void(const ApiResult<FetchInfo> &)> done)
{
    const QString path = QStringLiteral("/fetch/")
        + QString::fromLatin1(QUrl::toPercentEncoding(fetchId));
    return get(buildRequest(endpoint(path)), context, [done = std::move(done)](const ApiResponse &response) {
        done(parsedResult<FetchInfo>(response, parseFetchInfo));
    });
}

ApiCallHandle ApiClient::resolveDownload(const QUrl &downloadUrl, QObject *context,
                                         std::function<void(const ApiResult<QUrl> &)> done)
{
    const bool fromHttps = downloadUrl.scheme() == QLatin1String("https");
    return get(buildRequest(downloadUrl), context, [done = std::move(done), fromHttps](const ApiResponse &response) {
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
    const QJsonObject body{{QStringLiteral("url"), sourceUrl.toString(QUrl::FullyEncoded)}};
    const QNetworkRequest request = buildRequest(endpoint(QStringLiteral("/fetch/metadata")));
    return postJson(request, body, context, [done = std::move(done)](const ApiResponse &response) {
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
    return get(buildRequest(url), context, [done = std::move(done)](const ApiResponse &response) {
        ApiError error = response.error;
        // Any web server answers 200; only the API answers with a page of files.
        const bool looksLikeApi = response.json.contains(QLatin1String("data"))
            || response.json.contains(QLatin1String("items")) || response.json.contains(QLatin1String("files"));
        if (!error.isError() && !looksLikeApi)
            error = protocolError(error, tr("The server answered, but not as the FetchMedia API does; "
                                            "check the API base URL."));
        done(error);
    });
}

} // namespace fetchmedia
