#include "app/sandbox/apiservice.h"

#include "app/sandbox/httplistener.h"
#include "app/sandbox/sandboxstate.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QUrlQuery>
#include <QtHttpServer/QHttpServerRequest>

#include <optional>

namespace fetchmedia::sandbox {

namespace {

const QString kInvalidUrl = QStringLiteral("Invalid URL");

HttpReply notFound(const QString& message)
{
    return HttpReply::nestedError(404, QStringLiteral("not_found"), message);
}

HttpReply methodNotAllowed()
{
    return HttpReply::nestedError(405, QStringLiteral("method_not_allowed"),
                                  QStringLiteral("Method not allowed on this endpoint"));
}

// A JSON object body, or the 400/422 answer explaining why not.
std::optional<HttpReply> parseObjectBody(const QByteArray& body, QJsonObject* object)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        const QString detail = body.trimmed().isEmpty()
            ? QStringLiteral("body: empty, expected a JSON object")
            : QStringLiteral("body: %1 at offset %2").arg(error.errorString()).arg(error.offset);
        return HttpReply::flatError(400, QStringLiteral("Malformed JSON body"), {detail});
    }
    if (!document.isObject()) {
        return HttpReply::flatError(422, QStringLiteral("Request body must be a JSON object"),
                                    {QStringLiteral("body: must be a JSON object")});
    }
    *object = document.object();
    return std::nullopt;
}

// The `url` field: present, a string, an absolute http(s) URL with a host.
std::optional<HttpReply> requireUrl(const QJsonObject& object, QString* url)
{
    const QJsonValue value = object.value(QStringLiteral("url"));
    QString detail;
    if (value.isUndefined() || value.isNull())
        detail = QStringLiteral("url: field required");
    else if (!value.isString())
        detail = QStringLiteral("url: must be a string");
    else if (!isAcceptableUrl(value.toString()))
        detail = QStringLiteral("url: must be an absolute http or https URL with a host");
    if (!detail.isEmpty())
        return HttpReply::flatError(422, kInvalidUrl, {detail});
    *url = value.toString().trimmed();
    return std::nullopt;
}

} // namespace

ApiService::ApiService(SandboxState& state)
    : m_state(state)
    , m_control(state)
{
}

ApiService::Outcome ApiService::handle(const QHttpServerRequest& request)
{
    Outcome outcome;
    const QString method = methodName(request.method());
    outcome.method = method;
    const QString path = request.url().path();
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    outcome.endpoint = QStringLiteral("other");
    outcome.logPath = path;

    if (segments.value(0) == QLatin1String("_sandbox")) {
        outcome.countInStats = false;
        outcome.control = true;
        outcome.reply = m_control.handle(request, segments, &outcome.logPath);
        return outcome;
    }
    if (segments.value(0) != QLatin1String("v1")) {
        outcome.reply = notFound(QStringLiteral("No such endpoint"));
        return outcome;
    }

    const AuthResult auth = authenticate(request, m_state.keys.accepted());
    outcome.auth = auth.method;
    // Judged on arrival, whatever the answer: these count what the client did, not what it got.
    noteArrival(auth.key);
    if (std::optional<HttpReply> flaky = m_state.flaky.draw()) {
        // In front of everything (auth, rate limit, effects), like a proxy that gave up.
        route(request, QString(), segments, QString(), &outcome.endpoint);
        m_state.stats.recordFlakyAnswer();
        outcome.reply = *flaky;
        return outcome;
    }
    if (!auth.accepted) {
        // The endpoint label is still useful in stats ("how many 401s did POST /fetch get").
        route(request, QString(), segments, QString(), &outcome.endpoint);
        m_state.keys.noteUnauthorized(auth.key);
        outcome.reply = HttpReply::nestedError(401, QStringLiteral("invalid_token"),
                                               QStringLiteral("Invalid or expired API key"));
        return outcome;
    }

    const RateLimiter::Decision decision = m_state.limiter.take(auth.key, m_state.nowMs());
    if (!decision.allowed) {
        route(request, QString(), segments, QString(), &outcome.endpoint);
        outcome.reply = rateLimited(auth.key, decision.retryAfterSeconds);
    } else {
        outcome.reply = route(request, method, segments, auth.key, &outcome.endpoint);
    }
    if (m_state.limiter.enabled()) {
        outcome.reply.setHeader("X-RateLimit-Limit", QByteArray::number(decision.limit));
        outcome.reply.setHeader("X-RateLimit-Remaining", QByteArray::number(decision.remaining));
        outcome.reply.setHeader("X-RateLimit-Reset", QByteArray::number(decision.resetSeconds));
    }
    return outcome;
}

void ApiService::noteArrival(const QString& apiKey)
{
    if (apiKey.isEmpty())
        return;
    const KeyRegistry::Arrival arrival = m_state.keys.noteArrival(apiKey);
    if (arrival.badAfter401)
        m_state.stats.recordBadKeyAfter401(arrival.revokedAfter401);
    const auto deadline = m_state.retryNotBeforeMs.constFind(apiKey);
    if (deadline != m_state.retryNotBeforeMs.constEnd() && m_state.nowMs() < *deadline)
        m_state.stats.recordEarlyRequest();
}

// The 429 in the configured --retry-after-format. Only a format that names a time sets the
// key's "not before" deadline that early_requests is measured against.
HttpReply ApiService::rateLimited(const QString& apiKey, int retryAfterSeconds)
{
    const RetryAfterFormat format = m_state.options.retryAfterFormat;
    QJsonObject error{{QStringLiteral("code"), QStringLiteral("rate_limit_exceeded")},
                      {QStringLiteral("message"), QStringLiteral("Too many requests")}};
    if (format == RetryAfterFormat::Seconds) {
        error.insert(QStringLiteral("message"),
                     QStringLiteral("Too many requests. Retry after %1 seconds").arg(retryAfterSeconds));
        error.insert(QStringLiteral("retry_after"), retryAfterSeconds);
    }
    HttpReply reply = HttpReply::json(QJsonObject{{QStringLiteral("error"), error}}, 429);
    const qint64 nowWallMs = QDateTime::currentMSecsSinceEpoch();
    switch (format) {
    case RetryAfterFormat::Seconds:
        reply.setHeader("Retry-After", QByteArray::number(retryAfterSeconds));
        break;
    case RetryAfterFormat::HttpDate: {
        // Date rounds down and the retry time up: both "date minus Date" and "date minus my
        // clock" come out at least retryAfterSeconds.
        const qint64 dateSecs = nowWallMs / 1000;
        const qint64 retrySecs = (nowWallMs + qint64(retryAfterSeconds) * 1000 + 999) / 1000;
        reply.setHeader("Date", httpDate(dateSecs));
        reply.setHeader("Retry-After", httpDate(retrySecs));
        break;
    }
    case RetryAfterFormat::Garbage:
        reply.setHeader("Retry-After", "soon");
        break;
    case RetryAfterFormat::None:
        break;
    }
    if (format == RetryAfterFormat::Seconds || format == RetryAfterFormat::HttpDate) {
        // From when the answer leaves (after --latency), as the client's wait starts there.
        m_state.retryNotBeforeMs.insert(apiKey, m_state.nowMs() + m_state.options.latencyMs
                                                    + qint64(retryAfterSeconds) * 1000);
    }
    return reply;
}

// With an empty method only the endpoint label is computed (for requests refused earlier).
HttpReply ApiService::route(const QHttpServerRequest& request, const QString& method,
                            const QStringList& segments, const QString& apiKey, QString* endpoint)
{
    const auto label = [&](const QString& templ) {
        *endpoint = methodName(request.method()) + QLatin1Char(' ') + templ;
    };
    const bool labelOnly = method.isEmpty();
    const qsizetype count = segments.size();
    const bool fetch = count >= 2 && segments.at(1) == QLatin1String("fetch");

    if (count == 2 && fetch) {
        label(QStringLiteral("/v1/fetch"));
        if (labelOnly)
            return {};
        return method == QLatin1String("POST") ? createFetch(request, apiKey) : methodNotAllowed();
    }
    if (count == 3 && fetch && segments.at(2) == QLatin1String("metadata")) {
        label(QStringLiteral("/v1/fetch/metadata"));
        if (labelOnly)
            return {};
        if (method == QLatin1String("GET")) {
            const QUrlQuery query = request.query();
            if (!query.hasQueryItem(QStringLiteral("url"))) {
                return HttpReply::flatError(422, kInvalidUrl,
                                            {QStringLiteral("url: query parameter required")});
            }
            return metadata(query.queryItemValue(QStringLiteral("url"), QUrl::FullyDecoded));
        }
        if (method == QLatin1String("POST")) {
            QJsonObject body;
            if (auto error = parseObjectBody(request.body(), &body))
                return *error;
            QString url;
            if (auto error = requireUrl(body, &url))
                return *error;
            return metadata(url);
        }
        return methodNotAllowed();
    }
    if (count == 3 && fetch) {
        label(QStringLiteral("/v1/fetch/{id}"));
        if (labelOnly)
            return {};
        return method == QLatin1String("GET") ? fetchStatus(segments.at(2)) : methodNotAllowed();
    }
    if (count == 4 && fetch) {
        label(QStringLiteral("/v1/fetch/{id}/{filename}"));
        if (labelOnly)
            return {};
        return method == QLatin1String("GET") ? fetchDownload(segments.at(2), segments.at(3))
                                              : methodNotAllowed();
    }
    if (count == 2 && segments.at(1) == QLatin1String("files")) {
        label(QStringLiteral("/v1/files"));
        if (labelOnly)
            return {};
        return method == QLatin1String("GET") ? listFiles(request) : methodNotAllowed();
    }
    *endpoint = QStringLiteral("other");
    return notFound(QStringLiteral("No such endpoint"));
}

HttpReply ApiService::createFetch(const QHttpServerRequest& request, const QString& apiKey)
{
    QJsonObject body;
    if (auto error = parseObjectBody(request.body(), &body))
        return *error;
    QString url;
    if (auto error = requireUrl(body, &url))
        return *error;
    QString webhook;
    const QJsonValue webhookValue = body.value(QStringLiteral("webhook"));
    if (!webhookValue.isUndefined() && !webhookValue.isNull()) {
        if (!webhookValue.isString() || !isAcceptableUrl(webhookValue.toString())) {
            return HttpReply::flatError(422, QStringLiteral("Invalid webhook URL"),
                {QStringLiteral("webhook: must be an absolute http or https URL with a host")});
        }
        webhook = webhookValue.toString();
    }

    if (classifySource(QUrl(url)).trigger == Trigger::Http500) {
        // An upstream proxy's error page: not JSON, on purpose.
        HttpReply reply;
        reply.status = 500;
        reply.setHeader("Content-Type", "text/html; charset=utf-8");
        reply.body = "<html><head><title>500 Internal Server Error</title></head>"
                     "<body><h1>500 Internal Server Error</h1></body></html>\n";
        return reply;
    }

    const QString idempotencyKey = QString::fromLatin1(headerValue(request, "Idempotency-Key"));
    const FetchJobs::Created created
        = m_state.jobs.create(url, webhook, apiKey, idempotencyKey, m_state.nowMs());
    if (created.conflict || !created.job) {
        return HttpReply::nestedError(409, QStringLiteral("idempotency_conflict"),
            QStringLiteral("Idempotency-Key was already used for a different request"));
    }
    if (!created.replayed)
        m_state.stats.recordFetchCreated(url);

    const FetchJobs::Job& job = *created.job;
    HttpReply reply = HttpReply::json(QJsonObject{
        {QStringLiteral("fetch_id"), job.id},
        {QStringLiteral("id"), job.id},
        {QStringLiteral("url"), job.url},
        {QStringLiteral("status"),
         FetchJobs::statusName(m_state.jobs.statusOf(job, m_state.nowMs()))},
    });
    if (created.replayed)
        reply.setHeader("Idempotent-Replayed", "true");
    return reply;
}

HttpReply ApiService::fetchStatus(const QString& id)
{
    const FetchJobs::Job* job = m_state.jobs.find(id);
    if (!job)
        return notFound(QStringLiteral("Fetch not found"));
    const FetchJobs::Status status = m_state.jobs.statusOf(*job, m_state.nowMs());

    if (job->source.trigger == Trigger::Malformed) {
        HttpReply reply;
        reply.setHeader("Content-Type", "application/json");
        // Cut off mid-string, like a truncated proxy buffer.
        reply.body = "{\"id\": \"" + job->id.toLatin1() + "\", \"status\": \"" +
                     FetchJobs::statusName(status).toLatin1().left(3);
        return reply;
    }

    QJsonValue downloadUrl(QJsonValue::Null);
    if (status == FetchJobs::Status::Success) {
        downloadUrl = QString(m_state.apiBase.toString() + QStringLiteral("/fetch/") + job->id
                              + QLatin1Char('/') + job->source.fileName);
    }
    QJsonValue error(QJsonValue::Null);
    if (status == FetchJobs::Status::Failed)
        error = job->source.failure;
    return HttpReply::json(QJsonObject{
        {QStringLiteral("id"), job->id},
        {QStringLiteral("url"), job->url},
        {QStringLiteral("status"), FetchJobs::statusName(status)},
        {QStringLiteral("download_url"), downloadUrl},
        {QStringLiteral("error"), error},
    });
}

HttpReply ApiService::fetchDownload(const QString& id, const QString& fileName)
{
    const FetchJobs::Job* job = m_state.jobs.find(id);
    if (!job)
        return notFound(QStringLiteral("Fetch not found"));
    if (fileName != job->source.fileName)
        return notFound(QStringLiteral("File not found"));
    const FetchJobs::Status status = m_state.jobs.statusOf(*job, m_state.nowMs());
    if (status == FetchJobs::Status::Failed) {
        return HttpReply::nestedError(409, QStringLiteral("not_ready"),
                                      QStringLiteral("Fetch failed; there is no file to download"));
    }
    if (status != FetchJobs::Status::Success) {
        return HttpReply::nestedError(409, QStringLiteral("not_ready"),
            QStringLiteral("Fetch is not ready yet (status: %1)").arg(FetchJobs::statusName(status)));
    }

    const QString path = QStringLiteral("/f/") + job->id + QLatin1Char('/') + fileName;
    const QString query = m_state.signer.signQuery(path, QDateTime::currentSecsSinceEpoch());
    HttpReply reply;
    reply.status = 302;
    reply.setHeader("Location", (m_state.storageBase.toString() + path + QLatin1Char('?') + query).toUtf8());
    reply.setHeader("Cache-Control", "no-store");
    return reply;
}

HttpReply ApiService::metadata(const QString& urlText)
{
    QUrl url;
    if (!isAcceptableUrl(urlText, &url)) {
        return HttpReply::flatError(422, kInvalidUrl,
            {QStringLiteral("url: must be an absolute http or https URL with a host")});
    }
    const SourceInfo source = classifySource(url);
    if (!source.failure.isEmpty())
        return HttpReply::flatError(422, source.failure, {QStringLiteral("url: ") + source.failure});

    const QString title = source.videoId.isEmpty()
        ? QStringLiteral("Sandbox sample video")
        : QStringLiteral("Sandbox sample video %1").arg(source.videoId);
    return HttpReply::json(QJsonObject{
        {QStringLiteral("url"), urlText.trimmed()},
        {QStringLiteral("title"), title},
        {QStringLiteral("description"), QStringLiteral("A test pattern served by fetchmedia-sandbox.")},
        {QStringLiteral("duration"), 3.0},
        // On the storage origin, like a CDN image: public, no key, no signature.
        {QStringLiteral("thumbnail"),
         QString(m_state.storageBase.toString() + QStringLiteral("/t/")
                 + (source.videoId.isEmpty() ? QStringLiteral("sample") : source.videoId)
                 + QStringLiteral(".png"))},
        {QStringLiteral("uploader"), QStringLiteral("FetchMedia Sandbox")},
        {QStringLiteral("platform"), source.platform},
        {QStringLiteral("width"), 320},
        {QStringLiteral("height"), 240},
    });
}

HttpReply ApiService::listFiles(const QHttpServerRequest& request)
{
    const QUrlQuery query = request.query();
    const auto readInt = [&query](const QString& name, int fallback, int minimum, int maximum,
                                  int* out) {
        if (!query.hasQueryItem(name)) {
            *out = fallback;
            return true;
        }
        bool ok = false;
        *out = query.queryItemValue(name).toInt(&ok);
        return ok && *out >= minimum && *out <= maximum;
    };
    int page = 1;
    int limit = 20;
    QStringList details;
    if (!readInt(QStringLiteral("page"), 1, 1, 1000000, &page))
        details.append(QStringLiteral("page: must be an integer >= 1"));
    if (!readInt(QStringLiteral("limit"), 20, 1, 100, &limit))
        details.append(QStringLiteral("limit: must be an integer from 1 to 100"));
    if (!details.isEmpty())
        return HttpReply::flatError(422, QStringLiteral("Invalid pagination parameters"), details);
    // The sandbox stores no files (no Files API yet): always an empty page.
    return HttpReply::json(QJsonObject{
        {QStringLiteral("data"), QJsonArray()},
        {QStringLiteral("page"), page},
        {QStringLiteral("limit"), limit},
        {QStringLiteral("total"), 0},
        {QStringLiteral("has_more"), false},
    });
}

} // namespace fetchmedia::sandbox
