#include "app/core/jobs/jobqueue.h"

#include "app/core/jobs/download.h"
#include "app/core/jobs/filenames.h"
#include "app/core/logging.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QUuid>

namespace fetchmedia {

struct JobQueue::Runtime {
    ApiCallHandle call;
    std::unique_ptr<Download> download;
    int pollDelayMs = 0;
    qint64 pollStartedMs = 0;
    int attempts = 0; // automatic tries of the current step
};

JobQueue::JobQueue(ApiClient *api, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_api(api), m_network(network)
{
    connect(&m_wakes, &WakeScheduler::due, this, &JobQueue::onWake);
    connect(m_api, &ApiClient::authenticationFailed, this, [this](const ApiError &error) {
        setPaused(true);
        Q_EMIT authenticationRequired(error);
    });
}

JobQueue::~JobQueue()
{
    for (auto &[id, rt] : m_runtime)
        ApiClient::cancel(rt->call);
}

void JobQueue::setConcurrency(int maxActive)
{
    m_maxActive = std::clamp(maxActive, 1, 32);
    startQueued();
}

void JobQueue::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    qCInfo(lcJobs) << (paused ? "queue paused" : "queue resumed");
    Q_EMIT pausedChanged(paused);
    if (!paused) {
        // Steps deferred while paused wake now, then new jobs start.
        for (const auto &job : m_jobs) {
            if (isActive(job->state) && !m_wakes.isScheduled(job->id) && !runtime(job->id).call
                && !runtime(job->id).download)
                m_wakes.wakeAt(job->id, WakeScheduler::nowMs());
        }
        startQueued();
    }
}

QList<JobId> JobQueue::addLinks(const QList<QUrl> &links)
{
    QList<JobId> ids;
    if (links.isEmpty())
        return ids;
    const int firstRow = count();
    for (const QUrl &link : links) {
        auto job = std::make_unique<Job>();
        job->id = m_nextId++;
        job->sourceUrl = link;
        job->platform = detectPlatform(link);
        job->idempotencyKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        job->addedAt = QDateTime::currentDateTimeUtc();
        m_rows.insert(job->id, count());
        m_queued.push_back(job->id);
        ++m_stateCounts[int(JobState::Queued)];
        ids.append(job->id);
        m_jobs.push_back(std::move(job));
    }
    Q_EMIT jobsInserted(firstRow, count() - 1);
    Q_EMIT countsChanged();
    startQueued();
    return ids;
}

int JobQueue::rowOf(JobId id) const
{
    return m_rows.value(id, -1);
}

Job *JobQueue::find(JobId id)
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : m_jobs[size_t(row)].get();
}

JobQueue::Runtime &JobQueue::runtime(JobId id)
{
    auto &slot = m_runtime[id];
    if (!slot)
        slot = std::make_unique<Runtime>();
    return *slot;
}

int JobQueue::countInState(JobState state) const
{
    return m_stateCounts.value(int(state));
}

bool JobQueue::hasUnfinishedJobs() const
{
    return m_active > 0 || !m_queued.empty();
}

void JobQueue::setState(Job &job, JobState state)
{
    if (job.state == state)
        return;
    --m_stateCounts[int(job.state)];
    ++m_stateCounts[int(state)];
    m_active += int(isActive(state)) - int(isActive(job.state));
    qCDebug(lcJobs) << "job" << job.id << jobStateKey(job.state) << "->" << jobStateKey(state);
    job.state = state;
    notifyChanged(job);
    Q_EMIT countsChanged();
}

void JobQueue::notifyChanged(const Job &job)
{
    Q_EMIT jobChanged(rowOf(job.id));
}

void JobQueue::startQueued()
{
    while (!m_paused && m_active < m_maxActive && !m_queued.empty()) {
        const JobId id = m_queued.front();
        m_queued.pop_front();
        Job *job = find(id);
        if (!job || job->state != JobState::Queued)
            continue;
        runtime(id).attempts = 0;
        setState(*job, JobState::Submitting);
        submit(*job);
    }
    checkAllFinished();
}

void JobQueue::onWake(JobId id)
{
    Job *job = find(id);
    if (!job || !isActive(job->state))
        return;
    const qint64 now = WakeScheduler::nowMs();
    if (m_paused)
        return; // setPaused(false) wakes it again
    if (now < m_gateOpensAtMs) {
        m_wakes.wakeAt(id, m_gateOpensAtMs);
        return;
    }
    switch (job->state) {
    case JobState::Submitting: submit(*job); break;
    case JobState::Pending:
    case JobState::Running: poll(*job); break;
    case JobState::Downloading: download(*job); break;
    default: break;
    }
}

void JobQueue::submit(Job &job)
{
    if (WakeScheduler::nowMs() < m_gateOpensAtMs) {
        m_wakes.wakeAt(job.id, m_gateOpensAtMs);
        return;
    }
    const JobId id = job.id;
    runtime(id).call = m_api->createFetch(
        job.sourceUrl, job.idempotencyKey, this, [this, id](const ApiResult<QString> &result) {
            Job *job = find(id);
            if (!job || job->state != JobState::Submitting)
                return;
            runtime(id).call.clear();
            if (!result.ok()) {
                onStepFailed(*job, result.error);
                return;
            }
            job->fetchId = *result.value;
            job->error = ApiError();
            Runtime &rt = runtime(id);
            rt.attempts = 0;
            rt.pollDelayMs = m_polling.firstDelayMs;
            rt.pollStartedMs = WakeScheduler::nowMs();
            qCInfo(lcJobs) << "job" << id << "created fetch" << job->fetchId;
            setState(*job, JobState::Pending);
            m_wakes.wakeAt(id, WakeScheduler::nowMs() + rt.pollDelayMs);
        });
}

void JobQueue::poll(Job &job)
{
    const JobId id = job.id;
    runtime(id).call = m_api->getFetch(job.fetchId, this, [this, id](const ApiResult<FetchInfo> &result) {
        Job *job = find(id);
        if (!job || (job->state != JobState::Pending && job->state != JobState::Running))
            return;
        Runtime &rt = runtime(id);
        rt.call.clear();
        if (!result.ok()) {
            onStepFailed(*job, result.error);
            return;
        }
        rt.attempts = 0;
        const FetchInfo &info = *result.value;
        switch (info.status) {
        case RemoteStatus::Success:
            job->downloadUrl = info.downloadUrl;
            setState(*job, JobState::Downloading);
            download(*job);
            return;
        case RemoteStatus::Failed: {
            ApiError error;
            error.kind = ErrorKind::JobFailed;
            error.code = QStringLiteral("fetch_failed");
            error.message = info.error.isEmpty() ? tr("The service could not fetch this link.")
                                                 : info.error;
            failJob(*job, error);
            return;
        }
        case RemoteStatus::Running:
            setState(*job, JobState::Running);
            break;
        case RemoteStatus::Pending:
            break;
        }
        const qint64 now = WakeScheduler::nowMs();
        if (now - rt.pollStartedMs >= m_polling.totalCapMs) {
            ApiError error;
            error.kind = ErrorKind::Transient;
            error.code = QStringLiteral("polling_cap");
            error.message = tr("Still processing on the server after %1 minutes; "
                               "check later with Retry.")
                                .arg(m_polling.totalCapMs / 60000);
            failJob(*job, error);
            return;
        }
        rt.pollDelayMs = std::min(m_polling.maxDelayMs, int(rt.pollDelayMs * m_polling.growth));
        m_wakes.wakeAt(id, now + rt.pollDelayMs);
    });
}

void JobQueue::download(Job &job)
{
    const JobId id = job.id;
    auto startTransfer = [this, id](const QUrl &signedUrl) {
        Job *job = find(id);
        if (!job || job->state != JobState::Downloading)
            return;
        Runtime &rt = runtime(id);
        rt.download = std::make_unique<Download>(m_network);
        Download *transfer = rt.download.get();
        connect(transfer, &Download::progress, this, [this, id](qint64 received, qint64 total) {
            if (Job *job = find(id)) {
                job->bytesReceived = received;
                job->bytesTotal = total;
                notifyChanged(*job);
            }
        });
        connect(transfer, &Download::finished, this, [this, id](const QString &path) {
            if (Job *job = find(id)) {
                job->filePath = path;
                job->error = ApiError();
                runtime(id).download.release()->deleteLater();
                finishJob(*job, JobState::Done);
            }
        });
        connect(transfer, &Download::failed, this, [this, id](const ApiError &error) {
            if (Job *job = find(id)) {
                runtime(id).download.release()->deleteLater();
                onStepFailed(*job, error);
            }
        });
        transfer->start(signedUrl, m_downloadFolder, sanitizeFileName(fileNameFromUrl(job->downloadUrl)));
    };

    // A download_url on another origin is already a direct link: it gets no key.
    if (!m_api->isApiOrigin(job.downloadUrl)) {
        startTransfer(job.downloadUrl);
        return;
    }
    runtime(id).call = m_api->resolveDownload(
        job.downloadUrl, this, [this, id, startTransfer](const ApiResult<QUrl> &result) {
            Job *job = find(id);
            if (!job || job->state != JobState::Downloading)
                return;
            runtime(id).call.clear();
            if (!result.ok()) {
                onStepFailed(*job, result.error);
                return;
            }
            startTransfer(*result.value);
        });
}

void JobQueue::onStepFailed(Job &job, const ApiError &error)
{
    switch (error.kind) {
    case ErrorKind::Cancelled:
        finishJob(job, JobState::Cancelled);
        return;
    case ErrorKind::Auth:
        // Not the job's fault: it waits for a new key in its current step.
        job.error = error;
        notifyChanged(job);
        setPaused(true);
        return;
    case ErrorKind::RateLimited: {
        const int waitSeconds = std::clamp(error.retryAfterSeconds > 0 ? error.retryAfterSeconds : 60,
                                           1, 3600);
        m_gateOpensAtMs = std::max(m_gateOpensAtMs, WakeScheduler::nowMs() + waitSeconds * 1000LL);
        job.error = error;
        notifyChanged(job);
        m_wakes.wakeAt(job.id, m_gateOpensAtMs);
        return;
    }
    case ErrorKind::Transient:
        scheduleRetry(job, error);
        return;
    default:
        failJob(job, error);
        return;
    }
}

int JobQueue::jitteredDelay(int baseMs) const
{
    // ±25 % so that many jobs hit by one outage do not come back in lockstep.
    const int spread = baseMs / 4;
    return baseMs - spread + int(QRandomGenerator::global()->bounded(2 * spread + 1));
}

void JobQueue::scheduleRetry(Job &job, const ApiError &error)
{
    Runtime &rt = runtime(job.id);
    if (++rt.attempts >= m_retry.maxAttempts) {
        failJob(job, error);
        return;
    }
    job.error = error;
    notifyChanged(job);
    const int base = std::min(m_retry.maxDelayMs, m_retry.firstDelayMs << (rt.attempts - 1));
    qCInfo(lcJobs) << "job" << job.id << "retry" << rt.attempts << "after" << error.message;
    m_wakes.wakeAt(job.id, WakeScheduler::nowMs() + jitteredDelay(base));
}

void JobQueue::failJob(Job &job, const ApiError &error)
{
    job.error = error;
    qCInfo(lcJobs) << "job" << job.id << "failed:" << errorKindName(error.kind) << error.message;
    finishJob(job, JobState::Failed);
}

void JobQueue::finishJob(Job &job, JobState state)
{
    m_wakes.cancel(job.id);
    setState(job, state);
    startQueued();
}

void JobQueue::checkAllFinished()
{
    if (!hasUnfinishedJobs())
        Q_EMIT allFinished();
}

void JobQueue::retry(JobId id)
{
    Job *job = find(id);
    if (!job || (job->state != JobState::Failed && job->state != JobState::Cancelled))
        return;
    const bool failedOnService = job->error.kind == ErrorKind::JobFailed;
    job->error = ApiError();
    job->bytesReceived = 0;
    runtime(id).attempts = 0;
    // A fetch the service ran to failure is created anew; otherwise the step that broke is
    // taken up again with the same fetch id, never paying for the fetch twice.
    if (job->fetchId.isEmpty() || failedOnService) {
        job->fetchId.clear();
        job->downloadUrl.clear();
        job->idempotencyKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        setState(*job, JobState::Queued);
        m_queued.push_back(id);
        startQueued();
        return;
    }
    Runtime &rt = runtime(id);
    rt.pollDelayMs = m_polling.firstDelayMs;
    rt.pollStartedMs = WakeScheduler::nowMs();
    setState(*job, job->downloadUrl.isEmpty() ? JobState::Pending : JobState::Downloading);
    m_wakes.wakeAt(id, WakeScheduler::nowMs());
}

void JobQueue::retryAllFailed()
{
    QList<JobId> failed;
    for (const auto &job : m_jobs) {
        if (job->state == JobState::Failed)
            failed.append(job->id);
    }
    for (const JobId id : failed)
        retry(id);
}

void JobQueue::cancel(JobId id)
{
    Job *job = find(id);
    if (!job || isFinished(job->state))
        return;
    m_wakes.cancel(id);
    Runtime &rt = runtime(id);
    ApiClient::cancel(rt.call);
    if (rt.download) {
        // Destroying the transfer aborts it and removes its .part.
        rt.download->disconnect(this);
        rt.download.reset();
    }
    finishJob(*job, JobState::Cancelled);
}

void JobQueue::remove(JobId id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    cancel(id);
    Q_EMIT jobAboutToBeRemoved(row);
    --m_stateCounts[int(m_jobs[size_t(row)]->state)];
    m_jobs.erase(m_jobs.begin() + row);
    m_runtime.erase(id);
    m_rows.remove(id);
    for (int r = row; r < count(); ++r)
        m_rows[m_jobs[size_t(r)]->id] = r;
    Q_EMIT jobRemoved(row);
    Q_EMIT countsChanged();
}

} // namespace fetchmedia
