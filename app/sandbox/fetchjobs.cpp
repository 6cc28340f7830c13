#include "app/sandbox/fetchjobs.h"

#include <QtCore/QUuid>

#include <algorithm>

namespace fetchmedia::sandbox {

FetchJobs::FetchJobs(int jobSeconds)
    : m_jobMs(std::max<qint64>(jobSeconds, 0) * 1000)
{
}

FetchJobs::Created FetchJobs::create(const QString& url, const QString& webhook,
                                     const QString& apiKey, const QString& idempotencyKey,
                                     qint64 nowMs)
{
    Created result;
    const QString scopedKey = apiKey + QLatin1Char('\n') + idempotencyKey;
    if (!idempotencyKey.isEmpty()) {
        const auto known = m_idempotency.find(scopedKey);
        if (known != m_idempotency.end()) {
            result.job = find(known->second);
            result.replayed = true;
            result.conflict = result.job && result.job->url != url;
            return result;
        }
    }

    Job job;
    job.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    job.url = url;
    job.webhook = webhook;
    job.source = classifySource(QUrl(url));
    job.createdMs = nowMs;
    const QString id = job.id;
    m_jobs.emplace(id, std::move(job));
    if (!idempotencyKey.isEmpty())
        m_idempotency.emplace(scopedKey, id);
    result.job = find(id);
    return result;
}

const FetchJobs::Job* FetchJobs::find(const QString& id) const
{
    const auto it = m_jobs.find(id.toLower());
    return it == m_jobs.end() ? nullptr : &it->second;
}

FetchJobs::Status FetchJobs::statusOf(const Job& job, qint64 nowMs) const
{
    const qint64 age = nowMs - job.createdMs;
    if (age < m_jobMs / 2)
        return Status::Pending;
    if (age < m_jobMs || job.source.trigger == Trigger::Stuck)
        return Status::Running;
    return job.source.failure.isEmpty() ? Status::Success : Status::Failed;
}

QString FetchJobs::statusName(Status status)
{
    switch (status) {
    case Status::Pending:
        return QStringLiteral("pending");
    case Status::Running:
        return QStringLiteral("running");
    case Status::Success:
        return QStringLiteral("success");
    case Status::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("pending");
}

} // namespace fetchmedia::sandbox
