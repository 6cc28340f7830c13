#pragma once

#include "app/sandbox/auth.h"
#include "app/sandbox/controlservice.h"
#include "app/sandbox/httpreply.h"

#include <QtCore/QString>

class QHttpServerRequest;

namespace fetchmedia::sandbox {

struct SandboxState;

// The /v1 API and the /_sandbox endpoints: authentication, rate limit, routing and the
// endpoint logic. Answers are buffered (all of them are small).
class ApiService final {
public:
    struct Outcome {
        HttpReply reply;
        QString method;                // "GET", "POST", …
        QString endpoint;              // route template for stats, e.g. "GET /v1/fetch/{id}"
        AuthMethod auth = AuthMethod::None;
        bool countInStats = true;      // the /_sandbox/ endpoints are not counted
        bool control = false;          // a /_sandbox/ endpoint: never delayed by --latency
        QString logPath;               // the path for the request log (secrets masked)
    };

    explicit ApiService(SandboxState& state);

    Outcome handle(const QHttpServerRequest& request);

private:
    HttpReply route(const QHttpServerRequest& request, const QString& method,
                    const QStringList& segments, const QString& apiKey, QString* endpoint);
    HttpReply createFetch(const QHttpServerRequest& request, const QString& apiKey);
    HttpReply fetchStatus(const QString& id);
    HttpReply fetchDownload(const QString& id, const QString& fileName);
    HttpReply metadata(const QString& url);
    HttpReply listFiles(const QHttpServerRequest& request);
    HttpReply rateLimited(const QString& apiKey, int retryAfterSeconds);
    void noteArrival(const QString& apiKey);

    SandboxState& m_state;
    ControlService m_control;
};

} // namespace fetchmedia::sandbox
