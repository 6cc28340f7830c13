#pragma once

#include <QtCore/QJsonObject>
#include <QtCore/QString>

#include <map>

namespace fetchmedia::sandbox {

// Counters the tests and demos read through GET /_sandbox/stats.
class SandboxStats final {
public:
    // endpoint: the route template, e.g. "GET /v1/fetch/{id}"; "other" for unknown paths.
    void recordApiRequest(const QString& endpoint, int status);
    void recordFetchCreated(const QString& url);
    void recordStorageRequest(int status, bool carriedCredentials);
    void recordDownloadStarted() { ++m_downloadsServed; }
    void addBytesServed(qint64 bytes) { m_bytesServed += bytes; }
    void recordEarlyRequest() { ++m_earlyRequests; }
    void recordFlakyAnswer() { ++m_flakyAnswers; }
    // A refused key that had already been answered 401 came back; revoked: through /_sandbox/keys.
    void recordBadKeyAfter401(bool revoked);

    qint64 leakedCredentials() const { return m_leakedCredentials; }
    QJsonObject toJson() const;

private:
    std::map<QString, std::map<int, qint64>> m_apiRequests;
    std::map<QString, qint64> m_fetchesCreated;
    std::map<int, qint64> m_storageRequests;
    qint64 m_storageTotal = 0;
    qint64 m_downloadsServed = 0;
    qint64 m_bytesServed = 0;
    qint64 m_leakedCredentials = 0;
    qint64 m_earlyRequests = 0;
    qint64 m_flakyAnswers = 0;
    qint64 m_badKeyAfter401 = 0;
    qint64 m_revokedKeyAfter401 = 0;
};

} // namespace fetchmedia::sandbox
