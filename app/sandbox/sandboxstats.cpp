#include "app/sandbox/sandboxstats.h"

namespace fetchmedia::sandbox {

namespace {

QJsonObject byStatus(const std::map<int, qint64>& counts)
{
    QJsonObject object;
    for (const auto& [status, count] : counts)
        object.insert(QString::number(status), count);
    return object;
}

} // namespace

void SandboxStats::recordApiRequest(const QString& endpoint, int status)
{
    ++m_apiRequests[endpoint][status];
}

void SandboxStats::recordFetchCreated(const QString& url)
{
    ++m_fetchesCreated[url];
}

void SandboxStats::recordStorageRequest(int status, bool carriedCredentials)
{
    ++m_storageTotal;
    ++m_storageRequests[status];
    if (carriedCredentials)
        ++m_leakedCredentials;
}

void SandboxStats::recordBadKeyAfter401(bool revoked)
{
    ++m_badKeyAfter401;
    if (revoked)
        ++m_revokedKeyAfter401;
}

QJsonObject SandboxStats::toJson() const
{
    QJsonObject requests;
    for (const auto& [endpoint, counts] : m_apiRequests)
        requests.insert(endpoint, byStatus(counts));

    QJsonObject fetches;
    qint64 fetchesTotal = 0;
    for (const auto& [url, count] : m_fetchesCreated) {
        fetches.insert(url, count);
        fetchesTotal += count;
    }

    return QJsonObject{
        {QStringLiteral("requests"), requests},
        {QStringLiteral("fetches_created"), fetches},
        {QStringLiteral("fetches_created_total"), fetchesTotal},
        {QStringLiteral("storage_requests"),
         QJsonObject{{QStringLiteral("total"), m_storageTotal},
                     {QStringLiteral("by_status"), byStatus(m_storageRequests)}}},
        {QStringLiteral("downloads_served"), m_downloadsServed},
        {QStringLiteral("bytes_served"), m_bytesServed},
        {QStringLiteral("leaked_credentials"), m_leakedCredentials},
        {QStringLiteral("early_requests"), m_earlyRequests},
        {QStringLiteral("flaky_answers"), m_flakyAnswers},
        {QStringLiteral("bad_key_requests_after_401"), m_badKeyAfter401},
        {QStringLiteral("revoked_key_requests_after_401"), m_revokedKeyAfter401},
    };
}

} // namespace fetchmedia::sandbox
