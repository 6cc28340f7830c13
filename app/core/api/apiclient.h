#pragma once

#include "app/core/api/apierror.h"
#include "app/core/api/fetchresources.h"
#include "app/core/api/rategate.h"

#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace fetchmedia {

template<typename T>
struct ApiResult {
    std::optional<T> value;
    ApiError error;
    bool ok() const { return value.has_value(); }
};

// What every finished API reply boils down to before typed parsing.
struct ApiResponse {
    ApiError error;
    QJsonObject json;
    QUrl redirectTarget; // resolved Location of a 3xx answer
    RateLimitFacts rate;
};

// One API call: waiting for the rate gate, then in flight.
struct ApiCall {
    QPointer<QNetworkReply> reply;
    bool cancelled = false;
};
using ApiCallHandle = std::shared_ptr<ApiCall>;

// How the service has been answering lately, for the "offline" and "service errors" banners.
enum class ServiceHealth { Ok, Unreachable, Failing };

// The one request pipeline to the FetchMedia API. It is the only place that attaches the key,
// and it attaches it only as the X-API-KEY header and only to the API's own origin.
class ApiClient final : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setBaseUrl(const QUrl &baseUrl);
    QUrl baseUrl() const { return m_baseUrl; }
    void setApiKey(const QString &key);
    bool hasApiKey() const { return !m_apiKey.isEmpty(); }
    void setTransferTimeout(std::chrono::milliseconds timeout) { m_transferTimeout = timeout; }

    // True when url has the scheme, host and port of the API base URL.
    bool isApiOrigin(const QUrl &url) const;

    ApiCallHandle createFetch(const QUrl &sourceUrl, const QByteArray &idempotencyKey,
                              QObject *context, std::function<void(const ApiResult<QString> &)> done);
    ApiCallHandle getFetch(const QString &fetchId, QObject *context,
                           std::function<void(const ApiResult<FetchInfo> &)> done);
    // Asks the API for the signed URL behind a download_url: the 302 is never followed by Qt.
    ApiCallHandle resolveDownload(const QUrl &downloadUrl, QObject *context,
                                  std::function<void(const ApiResult<QUrl> &)> done);
    ApiCallHandle getMetadata(const QUrl &sourceUrl, QObject *context,
                              std::function<void(const ApiResult<MediaMetadata> &)> done);
    // One cheap authenticated call, for "Test connection".
    ApiCallHandle testConnection(QObject *context, std::function<void(const ApiError &)> done);

    // Aborts a call, or drops it while it waits; its handler then sees ErrorKind::Cancelled.
    static void cancel(const ApiCallHandle &call);

    static QByteArray userAgent();
    // https, or plain http to this machine only: where a key may be sent at all.
    static bool isSafeForKey(const QUrl &url);
    static constexpr qint64 kMaxBodyBytes = 1024 * 1024; // larger API answers are refused

    RateGate *rateGate() { return &m_gate; }
    int waitingCalls() const { return int(m_waiting.size()); }
    ServiceHealth serviceHealth() const { return m_health; }
    QString serviceHealthMessage() const { return m_healthMessage; }

Q_SIGNALS:
    // The service refused the key: callers stop sending requests with it.
    void authenticationFailed(const fetchmedia::ApiError &error);
    void serviceHealthChanged();

private:
    using Handler = std::function<void(const ApiResponse &)>;
    using ReplyFactory = std::function<QNetworkReply *()>;
    struct Waiting {
        ApiCallHandle call;
        ReplyFactory makeReply;
        QPointer<QObject> context;
        Handler handler;
    };

    QNetworkRequest buildRequest(const QUrl &url) const;
    void attachKey(QNetworkRequest &request) const;
    QUrl endpoint(const QString &path) const;
    // Every request goes through here: it leaves now, or when the rate gate opens.
    ApiCallHandle dispatch(ReplyFactory makeReply, QObject *context, Handler handler);
    ApiCallHandle get(QNetworkRequest request, QObject *context, Handler handler);
    ApiCallHandle postJson(QNetworkRequest request, const QJsonObject &body, QObject *context,
                           Handler handler);
    void startCall(Waiting waiting);
    void startWaiting();
    void noteHealth(const ApiError &error);

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_apiKey;
    std::chrono::milliseconds m_transferTimeout{30000};
    RateGate m_gate;
    std::deque<Waiting> m_waiting;
    ServiceHealth m_health = ServiceHealth::Ok;
    QString m_healthMessage;
    int m_transientInARow = 0;
};

// Reads a finished reply into ApiResponse; shared with the downloader's storage requests.
ApiResponse readResponse(QNetworkReply *reply);

// Properties tagged on replies so that a timeout is never mistaken for a cancel.
inline constexpr char kCancelledByUserProperty[] = "fetchmedia_cancelled_by_user";
inline constexpr char kTooLargeProperty[] = "fetchmedia_too_large";

} // namespace fetchmedia
