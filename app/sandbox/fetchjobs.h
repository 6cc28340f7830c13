#pragma once

#include "app/sandbox/sourceinfo.h"

#include <QtCore/QString>

#include <map>

namespace fetchmedia::sandbox {

// The fetch jobs the sandbox has accepted. A job's state is derived from its age when asked,
// so idle jobs cost nothing (no timers) and the lifecycle is exact to the millisecond.
class FetchJobs final {
public:
    enum class Status { Pending, Running, Success, Failed };

    struct Job {
        QString id;
        QString url;          // as submitted
        QString webhook;      // accepted and stored; the sandbox does not deliver webhooks
        SourceInfo source;
        qint64 createdMs = 0;
    };

    struct Created {
        const Job* job = nullptr;
        bool replayed = false; // an earlier request with the same Idempotency-Key made it
        bool conflict = false; // that earlier request was for another URL: nothing created
    };

    explicit FetchJobs(int jobSeconds);

    // idempotencyKey is scoped by apiKey, as a real service scopes it by account.
    Created create(const QString& url, const QString& webhook, const QString& apiKey,
                   const QString& idempotencyKey, qint64 nowMs);
    const Job* find(const QString& id) const;
    Status statusOf(const Job& job, qint64 nowMs) const;

    static QString statusName(Status status);

private:
    qint64 m_jobMs = 0;
    // std::map: node based, so the Job pointers handed out stay valid while jobs are added.
    std::map<QString, Job> m_jobs;
    std::map<QString, QString> m_idempotency; // apiKey + '\n' + Idempotency-Key -> job id
};

} // namespace fetchmedia::sandbox
