// JobQueue, second part: what keeps the list across restarts and tidy — restoring from the
// store, clearing finished jobs, duplicates, and downloads held for a missing folder. The
// state machine of a running job lives in jobqueue.cpp.
#include "app/core/jobs/jobqueue.h"

#include "app/core/jobs/jobruntime.h"
#include "app/core/intake/linknormalizer.h"
#include "app/core/logging.h"
#include "app/core/storage/jobstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QUuid>

namespace fetchmedia {

// --- Persistence (issue 5) -------------------------------------------------------------

void JobQueue::setStore(JobStore *store)
{
    m_store = store;
    if (m_store)
        m_nextId = std::max(m_nextId, m_store->maxJobId() + 1); // never reuse a stored id
}

void JobQueue::restoreJobs(std::vector<Job> jobs)
{
    if (jobs.empty())
        return;
    const int firstRow = count();
    const qint64 now = WakeScheduler::nowMs();
    std::vector<JobId> resume;
    for (Job &stored : jobs) {
        if (m_rows.contains(stored.id))
            continue;
        auto job = std::make_unique<Job>(std::move(stored));
        m_nextId = std::max(m_nextId, job->id + 1);
        // Where it was: no fetch id yet means it is submitted (again, with the same
        // Idempotency-Key, so the service hands back the same fetch); a fetch id is polled.
        if (job->state == JobState::Submitting || job->state == JobState::Queued)
            job->state = job->fetchId.isEmpty() ? JobState::Queued : JobState::Pending;
        if (job->state == JobState::Downloading && job->downloadUrl.isEmpty())
            job->state = JobState::Pending;
        if (!job->partPath.isEmpty() && !QFileInfo::exists(job->partPath)) {
            job->partPath.clear(); // gone meanwhile: the download starts from zero
            job->bytesReceived = 0;
        }
        ++m_stateCounts[int(job->state)];
        m_active += int(isActive(job->state));
        if (job->state == JobState::Queued)
            m_queued.push_back(job->id);
        else if (isActive(job->state))
            resume.push_back(job->id);
        m_rows.insert(job->id, count());
        m_jobs.push_back(std::move(job));
    }
    if (count() == firstRow)
        return;
    Q_EMIT jobsInserted(firstRow, count() - 1);
    Q_EMIT countsChanged();
    for (const JobId id : resume) {
        Runtime &rt = runtime(id);
        rt.pollDelayMs = m_polling.firstDelayMs;
        rt.pollStartedMs = now;
        m_wakes.wakeAt(id, now); // the download step asks for a fresh signed URL
    }
    startQueued();
}

void JobQueue::dropPartFile(Job &job)
{
    if (job.partPath.endsWith(QLatin1String(".part")))
        QFile::remove(job.partPath); // an unfinished download is nobody's file
    job.partPath.clear();
}

void JobQueue::forgetFinished(Job &job)
{
    dropPartFile(job);
    --m_stateCounts[int(job.state)];
    m_wakes.cancel(job.id);
    m_runtime.erase(job.id);
}

void JobQueue::clearFinished()
{
    // Finished jobs mixed with others make many short runs, and each run costs the views a
    // pass over every row: past a few dozen runs one reset is cheaper (116 ms -> see bench 8).
    constexpr int kMaxRuns = 32;
    int runs = 0;
    for (int r = 0; r < count(); ++r)
        runs += isFinished(m_jobs[size_t(r)]->state) && (r == 0 || !isFinished(m_jobs[size_t(r - 1)]->state));
    if (runs > kMaxRuns) {
        clearFinishedAtOnce();
        return;
    }
    // From the end, in runs of adjacent rows: one model signal per run, not per row, so
    // clearing thousands of done jobs stays quick.
    QList<JobId> removed;
    int row = count() - 1;
    while (row >= 0) {
        if (!isFinished(m_jobs[size_t(row)]->state)) {
            --row;
            continue;
        }
        const int last = row;
        while (row - 1 >= 0 && isFinished(m_jobs[size_t(row - 1)]->state))
            --row;
        const int first = row;
        Q_EMIT jobsAboutToBeRemoved(first, last);
        for (int r = first; r <= last; ++r) {
            Job &job = *m_jobs[size_t(r)];
            forgetFinished(job);
            m_rows.remove(job.id);
            removed.append(job.id);
        }
        m_jobs.erase(m_jobs.begin() + first, m_jobs.begin() + last + 1);
        Q_EMIT jobsRemoved(first, last);
        --row;
    }
    if (removed.isEmpty())
        return;
    for (int r = 0; r < count(); ++r)
        m_rows[m_jobs[size_t(r)]->id] = r;
    if (m_store)
        m_store->removeJobs(removed);
    Q_EMIT countsChanged();
}

void JobQueue::clearFinishedAtOnce()
{
    Q_EMIT jobsAboutToBeReset();
    QList<JobId> removed;
    std::vector<std::unique_ptr<Job>> kept;
    kept.reserve(m_jobs.size());
    for (auto &job : m_jobs) {
        if (!isFinished(job->state)) {
            kept.push_back(std::move(job));
            continue;
        }
        forgetFinished(*job);
        removed.append(job->id);
    }
    m_jobs = std::move(kept);
    m_rows.clear();
    for (int r = 0; r < count(); ++r)
        m_rows.insert(m_jobs[size_t(r)]->id, r);
    Q_EMIT jobsReset();
    if (m_store)
        m_store->removeJobs(removed);
    Q_EMIT countsChanged();
}

namespace {

// What makes two jobs the same video: the key, or the exact link when it has no key.
QString identityOf(const Job &job)
{
    return job.dedupeKey.isEmpty() ? QStringLiteral("url:") + job.sourceUrl.toString() : job.dedupeKey;
}

bool countsAsListed(const Job &job)
{
    return job.state != JobState::Failed && job.state != JobState::Cancelled;
}

} // namespace

JobQueue::AddResult JobQueue::addNewLinks(const QList<QUrl> &links)
{
    QSet<QString> listed;
    for (const auto &job : m_jobs) {
        if (countsAsListed(*job))
            listed.insert(identityOf(*job));
    }
    AddResult result;
    QList<QUrl> fresh;
    for (const QUrl &link : links) {
        Job probe;
        probe.sourceUrl = link;
        probe.dedupeKey = dedupeKey(link);
        const QString identity = identityOf(probe);
        if (listed.contains(identity)) {
            result.alreadyListed.append(link);
            continue;
        }
        listed.insert(identity); // twice in one paste: once
        fresh.append(link);
    }
    result.added = addLinks(fresh);
    return result;
}

bool JobQueue::isCanonicalDuplicate(Job &job, const QUrl &canonicalUrl)
{
    // A short or share link only says which video it is once the service answers.
    const QString key = canonicalUrl.isValid() ? dedupeKey(canonicalUrl) : QString();
    if (key.isEmpty() || key == job.dedupeKey)
        return false;
    job.dedupeKey = key;
    notifyChanged(job); // stored: history is keyed by key and fetch id
    if (job.allowDuplicate)
        return false;
    for (const auto &other : m_jobs) {
        if (other->id != job.id && other->dedupeKey == key && countsAsListed(*other)) {
            ApiError error;
            error.kind = ErrorKind::Cancelled;
            error.code = QStringLiteral("duplicate");
            error.message = tr("Already in the list as %1; Retry downloads it again.")
                                .arg(other->displayTitle());
            job.error = error;
            qCInfo(lcJobs) << "job" << job.id << "is a duplicate of job" << other->id;
            finishJob(job, JobState::Cancelled);
            return true;
        }
    }
    return false;
}

void JobQueue::holdForFolder(Job &job, const ApiError &error)
{
    job.error = error;
    notifyChanged(job);
    if (!m_folderHeld.contains(job.id))
        m_folderHeld.append(job.id);
    qCInfo(lcJobs) << "job" << job.id << "paused:" << error.message;
    Q_EMIT downloadFolderProblem(error.message);
}

void JobQueue::resumeFolderHeld()
{
    if (m_folderHeld.isEmpty())
        return;
    const QList<JobId> held = std::exchange(m_folderHeld, {});
    const QDir folder(m_downloadFolder);
    for (const JobId id : held) {
        Job *job = find(id);
        if (!job || job->state != JobState::Downloading)
            continue;
        if (!job->partPath.isEmpty() && QFileInfo(job->partPath).absolutePath() != folder.absolutePath()) {
            // Bring the bytes along to the new folder; if they cannot come, start over there.
            QDir().mkpath(m_downloadFolder);
            const QString moved = folder.filePath(QFileInfo(job->partPath).fileName());
            if (!QFileInfo::exists(moved) && QFile::rename(job->partPath, moved)) {
                job->partPath = moved;
            } else {
                dropPartFile(*job);
                job->bytesReceived = 0;
            }
        }
        job->error = ApiError();
        runtime(id).attempts = 0;
        notifyChanged(*job);
        m_wakes.wakeAt(id, WakeScheduler::nowMs());
    }
    Q_EMIT downloadFolderProblemResolved();
}

bool JobQueue::removeAndDeleteFile(JobId id)
{
    Job *job = find(id);
    if (!job)
        return false;
    const QString path = job->filePath;
    if (!path.isEmpty() && QFileInfo::exists(path) && !QFile::remove(path)) {
        qCWarning(lcJobs) << "could not delete" << path;
        return false;
    }
    remove(id);
    return true;
}

} // namespace fetchmedia
