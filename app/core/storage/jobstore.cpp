#include "app/core/storage/jobstore.h"

#include "app/core/jobs/jobqueue.h"
#include "app/core/logging.h"
#include "app/core/storage/jobschema.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

namespace fetchmedia {

namespace {

constexpr int kProgressIntervalMs = 3000;

const char kColumns[] = "id, source_url, title, idempotency_key, fetch_id, download_url, state,"
                        " bytes_received, bytes_total, part_path, etag, file_path, error_kind,"
                        " error_code, error_message, error_http, added_at, updated_at,"
                        " dedupe_key, allow_duplicate, thumbnail_url";
constexpr int kColumnCount = 21;

JobState stateFromKey(const QString &key)
{
    for (int s = int(JobState::Queued); s <= int(JobState::Cancelled); ++s) {
        if (jobStateKey(JobState(s)) == key)
            return JobState(s);
    }
    return JobState::Queued;
}

ErrorKind errorKindFromName(const QString &name)
{
    for (int k = int(ErrorKind::None); k <= int(ErrorKind::Cancelled); ++k) {
        if (errorKindName(ErrorKind(k)) == name)
            return ErrorKind(k);
    }
    return ErrorKind::None;
}

// Values in kColumns order.
QVariantList rowValues(const Job &job)
{
    return {qint64(job.id), job.sourceUrl.toString(QUrl::FullyEncoded), job.title,
            QString::fromLatin1(job.idempotencyKey), job.fetchId,
            job.downloadUrl, jobStateKey(job.state),
            job.bytesReceived, job.bytesTotal, job.partPath,
            job.etag.isEmpty() ? QVariant() : QVariant(job.etag), job.filePath,
            errorKindName(job.error.kind), job.error.code, job.error.message, job.error.httpStatus,
            job.addedAt.toMSecsSinceEpoch(), QDateTime::currentMSecsSinceEpoch(), job.dedupeKey,
            int(job.allowDuplicate), job.thumbnailUrl.toString(QUrl::FullyEncoded)};
}

Job jobFromQuery(const QSqlQuery &q)
{
    Job job;
    job.id = JobId(q.value(0).toLongLong());
    job.sourceUrl = QUrl(q.value(1).toString(), QUrl::StrictMode);
    job.platform = detectPlatform(job.sourceUrl);
    job.title = q.value(2).toString();
    job.idempotencyKey = q.value(3).toString().toLatin1();
    job.fetchId = q.value(4).toString();
    job.downloadUrl = q.value(5).toString();
    job.state = stateFromKey(q.value(6).toString());
    job.bytesReceived = q.value(7).toLongLong();
    job.bytesTotal = q.value(8).toLongLong();
    job.partPath = q.value(9).toString();
    job.etag = q.value(10).toByteArray();
    job.filePath = q.value(11).toString();
    job.error.kind = errorKindFromName(q.value(12).toString());
    job.error.code = q.value(13).toString();
    job.error.message = q.value(14).toString();
    job.error.httpStatus = q.value(15).toInt();
    job.addedAt = QDateTime::fromMSecsSinceEpoch(q.value(16).toLongLong(), Qt::UTC);
    job.dedupeKey = q.value(18).toString();
    job.allowDuplicate = q.value(19).toBool();
    const QString thumbnail = q.value(20).toString();
    if (!thumbnail.isEmpty())
        job.thumbnailUrl = QUrl(thumbnail, QUrl::StrictMode);
    return job;
}

QString placeholders()
{
    QStringList marks;
    for (int i = 0; i < kColumnCount; ++i)
        marks << QStringLiteral("?");
    return marks.join(QLatin1Char(','));
}

} // namespace

namespace {

// Everything writeRow stores except the byte counters. Two different field sets sharing a
// digest (2^-64) would only delay that write until the next progress flush, which writes
// the whole row.
size_t persistentDigest(const Job &j)
{
    return qHashMulti(0, int(j.state), j.title, j.fetchId, j.downloadUrl, j.partPath, j.filePath, j.error.code,
                      j.error.message, j.dedupeKey, j.idempotencyKey, j.etag, j.allowDuplicate,
                      j.thumbnailUrl.isEmpty());
}

} // namespace

JobStore::JobStore(QObject *parent) : QObject(parent)
{
    static QAtomicInt counter;
    m_connectionName = QStringLiteral("fetchmedia-jobstore-%1").arg(counter.fetchAndAddRelaxed(1));
    m_progressTimer.setSingleShot(true);
    m_progressTimer.setInterval(kProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &JobStore::flush);
}

JobStore::~JobStore()
{
    flush();
    closeDatabase();
}

QString JobStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("jobs.sqlite"));
}

void JobStore::prepareWrites()
{
    m_update = std::make_unique<QSqlQuery>(m_db);
    m_update->prepare(QStringLiteral("INSERT OR REPLACE INTO jobs (%1) VALUES (%2)")
                          .arg(QLatin1String(kColumns), placeholders()));
}

JobId JobStore::maxJobId()
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT MAX(id) FROM jobs")) && query.next())
        return JobId(query.value(0).toLongLong());
    return 0;
}

int JobStore::jobCount()
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT COUNT(*) FROM jobs")) && query.next())
        return query.value(0).toInt();
    return 0;
}

std::vector<Job> JobStore::loadBatch(JobId afterId, int limit)
{
    std::vector<Job> jobs;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM jobs WHERE id > ? ORDER BY id LIMIT ?")
                      .arg(QLatin1String(kColumns)));
    query.addBindValue(qint64(afterId));
    query.addBindValue(limit);
    if (!query.exec()) {
        reportFailure(QStringLiteral("load"), query.lastError().text());
        return jobs;
    }
    jobs.reserve(size_t(limit));
    while (query.next()) {
        jobs.push_back(jobFromQuery(query));
        remember(jobs.back());
    }
    return jobs;
}

void JobStore::restoreInto(JobQueue *queue, std::function<void(int)> done, int batchSize)
{
    struct Step {
        QPointer<JobStore> store;
        QPointer<JobQueue> queue;
        std::function<void(int)> done;
        int batchSize;
        JobId after = 0;
        int total = 0;
        void operator()()
        {
            if (!store || !queue)
                return;
            std::vector<Job> batch = store->loadBatch(after, batchSize);
            const bool last = int(batch.size()) < batchSize;
            if (!batch.empty()) {
                after = batch.back().id;
                total += int(batch.size());
                queue->restoreJobs(std::move(batch));
            }
            if (last) {
                qCInfo(lcStorage) << "restored" << total << "jobs";
                if (done)
                    done(total);
                return;
            }
            QTimer::singleShot(0, store.data(), *this); // let the window paint between batches
        }
    };
    Step first{this, queue, std::move(done), std::max(1, batchSize)};
    // Even the first batch waits for the event loop: the window paints before any row loads.
    QTimer::singleShot(0, this, first);
}

void JobStore::remember(const Job &job)
{
    m_savedDigest.insert(job.id, persistentDigest(job));
}

bool JobStore::writeRow(const Job &job)
{
    if (!m_update)
        return false;
    const QVariantList values = rowValues(job);
    for (int i = 0; i < values.size(); ++i)
        m_update->bindValue(i, values[i]);
    if (!m_update->exec()) {
        reportFailure(QStringLiteral("write"), m_update->lastError().text());
        return false;
    }
    ++m_rowWrites;
    remember(job);
    return true;
}

bool JobStore::insertJobs(const std::vector<const Job *> &jobs)
{
    if (jobs.empty())
        return true;
    QSqlQuery pragma(m_db);
    // A link the person gave must survive a power cut, not only a crash.
    pragma.exec(QStringLiteral("PRAGMA synchronous=FULL"));
    bool ok = m_db.transaction();
    for (const Job *job : jobs) {
        if (!ok)
            break;
        ok = writeRow(*job);
    }
    ok = ok && m_db.commit();
    if (!ok) {
        reportFailure(QStringLiteral("insert"), m_db.lastError().text());
        m_db.rollback();
    }
    pragma.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    return ok;
}

void JobStore::jobChanged(const Job &job)
{
    const auto saved = m_savedDigest.constFind(job.id);
    if (saved != m_savedDigest.cend() && *saved == persistentDigest(job)) {
        // Only the byte counters moved: one transaction for all jobs every few seconds.
        m_progressPending.insert(job.id, job);
        if (!m_progressTimer.isActive())
            m_progressTimer.start();
        return;
    }
    m_progressPending.remove(job.id);
    writeRow(job);
}

void JobStore::removeJobs(const QList<JobId> &ids)
{
    if (ids.isEmpty())
        return;
    bool ok = m_db.transaction();
    QSqlQuery query(m_db);
    ok = ok && query.prepare(QStringLiteral("DELETE FROM jobs WHERE id = ?"));
    for (const JobId id : ids) {
        m_savedDigest.remove(id);
        m_progressPending.remove(id);
        if (!ok)
            continue;
        query.bindValue(0, qint64(id));
        ok = query.exec();
    }
    if (!(ok && m_db.commit())) {
        reportFailure(QStringLiteral("remove"), query.lastError().text());
        m_db.rollback();
    }
}

void JobStore::flush()
{
    m_progressTimer.stop();
    if (m_progressPending.isEmpty() || !m_update)
        return;
    const QHash<JobId, Job> pending = std::exchange(m_progressPending, {});
    bool ok = m_db.transaction();
    for (const Job &job : pending) {
        if (!ok)
            break;
        ok = writeRow(job);
    }
    if (ok && m_db.commit()) {
        ++m_progressFlushes;
        return;
    }
    reportFailure(QStringLiteral("progress"), m_db.lastError().text());
    m_db.rollback();
}

void JobStore::reportFailure(const QString &what, const QString &error)
{
    qCWarning(lcStorage) << "job database" << what << "failed:" << error;
    if (m_failureReported)
        return;
    m_failureReported = true; // one banner, not one per row
    Q_EMIT writeFailed(tr("The job list could not be saved (%1). Jobs keep running, but may "
                          "not come back after a restart.").arg(error));
}

} // namespace fetchmedia
