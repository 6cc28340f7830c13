#include "app/core/jobs/jobqueue.h"

#include "app/core/jobs/jobruntime.h"

#include "app/core/jobs/download.h"
#include "app/core/jobs/filenames.h"
#include "app/core/intake/linknormalizer.h"
#include "app/core/logging.h"
#include "app/core/storage/jobstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QRandomGenerator>
#include <QUuid>

namespace fetchmedia {


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
    // Going away is not the person's cancel: no handler may run now. One would mark jobs
    // cancelled in the store, start queued ones and grow m_runtime while this loop walks it.
    // Cutting our handlers is enough; the API client aborts replies whose context is gone.
    for (auto &[id, rt] : m_runtime) {
        if (!rt->call)
            continue;
        rt->call->cancelled = true; // a call still waiting for the rate gate is dropped
        if (rt->call->reply)
            QObject::disconnect(rt->call->reply, nullptr, this, nullptr);
    }
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

QList<JobId> JobQueue::addLinks(const QList<QUrl> &links, bool allowDuplicates)
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
        job->dedupeKey = dedupeKey(link);
        job->allowDuplicate = allowDuplicates;
        m_rows.insert(job->id, count());
        m_queued.push_back(job->id);
        ++m_stateCounts[int(JobState::Queued)];
        ids.append(job->id);
        m_jobs.push_back(std::move(job));
    }
    if (m_store) {
        // Committed before anyone is told the links are queued.
        std::vector<const Job *> added;
        for (int row = firstRow; row < count(); ++row)
            added.push_back(m_jobs[size_t(row)].get());
        m_store->insertJobs(added);
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
    if (m_store)
        m_store->jobChanged(job);
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
    if (m_paused)
        return; // setPaused(false) wakes it again
    switch (job->state) {
    case JobState::Submitting: submit(*job); break;
    case JobState::Pending:
    case JobState::Running: poll(*job); break;
    case JobState::Downloading: download(*job); break;
    default: break;
    }
}

void JobQueue::fetchTitle(const Job &job)
{
    // Once per job, after its fetch was created: a list of thousands waiting costs no requests
    // yet, and a title never takes the place of a create or a poll under a tight rate limit.
    if (!m_fetchMetadata || !job.title.isEmpty() || runtime(job.id).titleAsked)
        return;
    const RateGate *gate = m_api->rateGate();
    if (gate->isClosed() || (gate->remainingRequests() >= 0 && gate->remainingRequests() < 10))
        return;
    runtime(job.id).titleAsked = true;
    const JobId id = job.id;
    m_api->getMetadata(job.sourceUrl, this, [this, id](const ApiResult<MediaMetadata> &result) {
        Job *job = find(id);
        if (!job)
            return;
        if (!result.ok()) {
            // A title is a nicety: the job goes on without one.
            qCDebug(lcJobs) << "job" << id << "no metadata:" << result.error.message;
            return;
        }
        bool changed = false;
        if (!result.value->title.trimmed().isEmpty() && job->title.isEmpty()) {
            job->title = result.value->title.trimmed();
            changed = true;
        }
        const QUrl thumbnail = result.value->thumbnail;
        if (thumbnail.isValid() && (thumbnail.scheme() == QLatin1String("https") || thumbnail.scheme() == QLatin1String("http"))) {
            job->thumbnailUrl = thumbnail;
            changed = true;
        }
        if (changed)
            notifyChanged(*job);
    });
}

void JobQueue::submit(Job &job)
{
    const JobId id = job.id;
    runtime(id).call = m_api->createFetch(
        job.sourceUrl, job.idempotencyKey, this, [this, id](const ApiResult<QString> &result) {
            Job *job = find(id);
            if (!job || job->state != JobState::Submitting)
                return;
            runtime(id).call.reset();
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
            fetchTitle(*job);
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
        rt.call.reset();
        if (!result.ok()) {
            onStepFailed(*job, result.error);
            return;
        }
        rt.attempts = 0;
        job->error = ApiError(); // an earlier transient trouble is over
        const FetchInfo &info = *result.value;
        if (isCanonicalDuplicate(*job, info.url))
            return;
        switch (info.status) {
        case RemoteStatus::Success:
            job->downloadUrl = info.downloadUrl.toString(QUrl::FullyEncoded);
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
        transfer->setTransferTimeout(m_stallTimeoutMs);
        const bool resuming = !job->partPath.isEmpty();
        if (resuming) {
            transfer->setExpectedSize(job->bytesTotal);
            transfer->setExpectedEtag(job->etag);
        }
        const qint64 bytesBefore = resuming ? job->bytesReceived : 0;
        connect(transfer, &Download::partFileChosen, this, [this, id](const QString &partPath) {
            if (Job *job = find(id)) {
                job->partPath = partPath;
                notifyChanged(*job); // the store learns where the .part is at once
            }
        });
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
                job->partPath.clear();
                job->error = ApiError();
                runtime(id).download.release()->deleteLater();
                finishJob(*job, JobState::Done);
            }
        });
        connect(transfer, &Download::failed, this, [this, id, bytesBefore](const ApiError &error) {
            Job *job = find(id);
            if (!job)
                return;
            Runtime &rt = runtime(id);
            Download *stopped = rt.download.release();
            stopped->deleteLater();
            job->partPath = QFileInfo::exists(stopped->partPath()) ? stopped->partPath() : QString();
            job->etag = stopped->etag();
            job->bytesReceived = job->partPath.isEmpty() ? 0 : stopped->received();
            // A transfer that made progress before it dropped is not a failed attempt.
            if (job->bytesReceived > bytesBefore)
                rt.attempts = 0;
            onStepFailed(*job, error);
        });
        transfer->start(signedUrl, m_downloadFolder, sanitizeFileName(fileNameFromUrl(job->downloadLink())),
                        job->partPath);
    };

    // A download_url on another origin is already a direct link: it gets no key.
    const QUrl downloadLink = job.downloadLink();
    if (!m_api->isApiOrigin(downloadLink)) {
        startTransfer(downloadLink);
        return;
    }
    runtime(id).call = m_api->resolveDownload(
        downloadLink, this, [this, id, startTransfer](const ApiResult<QUrl> &result) {
            Job *job = find(id);
            if (!job || job->state != JobState::Downloading)
                return;
            runtime(id).call.reset();
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
    case ErrorKind::RateLimited:
        // The API client's rate gate holds the repeated request until the limit allows it;
        // waiting for the limit is not a failed attempt.
        job.error = error;
        notifyChanged(job);
        m_wakes.wakeAt(job.id, WakeScheduler::nowMs());
        return;
    case ErrorKind::Transient:
        scheduleRetry(job, error);
        return;
    case ErrorKind::NotFound:
        // The service no longer knows a fetch we stored (it expired, or a sandbox restarted):
        // the link is still good, so it is submitted again, once.
        if (!job.fetchId.isEmpty() && !runtime(job.id).resubmitted) {
            qCInfo(lcJobs) << "job" << job.id << "fetch" << job.fetchId << "is gone: submitting the link again";
            runtime(job.id).resubmitted = true;
            submitAgain(job);
            return;
        }
        failJob(job, error);
        return;
    case ErrorKind::Local:
        if (job.state == JobState::Downloading) {
            holdForFolder(job, error); // disk full, folder gone: pause, keep the .part
            return;
        }
        failJob(job, error);
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
    const qint64 now = WakeScheduler::nowMs();
    if (rt.attempts == 0)
        rt.firstFailureMs = now;
    if (++rt.attempts >= m_retry.maxAttempts || now - rt.firstFailureMs >= m_retry.maxTotalMs) {
        failJob(job, error);
        return;
    }
    job.error = error;
    notifyChanged(job);
    const int base = std::min(m_retry.maxDelayMs, m_retry.firstDelayMs << (rt.attempts - 1));
    qCInfo(lcJobs) << "job" << job.id << "retry" << rt.attempts << "after" << error.message;
    m_wakes.wakeAt(job.id, now + jitteredDelay(base));
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
    // A fetch that failed on the service, or that it no longer knows, is created anew.
    const bool failedOnService = job->error.kind == ErrorKind::JobFailed || job->error.kind == ErrorKind::NotFound;
    if (job->error.code == QLatin1String("duplicate"))
        job->allowDuplicate = true; // "download anyway"
    job->error = ApiError();
    if (job->partPath.isEmpty())
        job->bytesReceived = 0; // else the download resumes from its .part
    runtime(id).attempts = 0;
    // A fetch the service ran to failure is created anew; otherwise the step that broke is
    // taken up again with the same fetch id, never paying for the fetch twice.
    if (job->fetchId.isEmpty() || failedOnService) {
        submitAgain(*job);
        return;
    }
    Runtime &rt = runtime(id);
    rt.pollDelayMs = m_polling.firstDelayMs;
    rt.pollStartedMs = WakeScheduler::nowMs();
    setState(*job, job->downloadUrl.isEmpty() ? JobState::Pending : JobState::Downloading);
    m_wakes.wakeAt(id, WakeScheduler::nowMs());
}

void JobQueue::submitAgain(Job &job)
{
    // A new Idempotency-Key: the old one names the fetch that is gone or failed.
    job.fetchId.clear();
    job.downloadUrl.clear();
    job.idempotencyKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    setState(job, JobState::Queued);
    m_queued.push_back(job.id);
    startQueued();
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
        rt.download->disconnect(this);
        rt.download->discard();
        rt.download.reset();
    } else if (!job->partPath.isEmpty()) {
        QFile::remove(job->partPath); // a stopped transfer's leftover
    }
    job->partPath.clear();
    job->bytesReceived = 0;
    finishJob(*job, JobState::Cancelled);
}

void JobQueue::remove(JobId id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    cancel(id);
    dropPartFile(*m_jobs[size_t(row)]);
    if (m_store)
        m_store->removeJobs({id});
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
