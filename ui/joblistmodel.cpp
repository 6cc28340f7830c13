#include "ui/joblistmodel.h"

#include "app/core/jobs/jobqueue.h"
#include "app/core/jobs/thumbnailcache.h"

#include "app/core/jobs/wakescheduler.h"

#include <QDir>
#include <QImage>
#include <QPixmap>
#include <QPixmapCache>
#include <QFileInfo>
#include <QLocale>

namespace fetchmedia {

JobListModel::JobListModel(JobQueue *queue, QObject *parent)
    : QAbstractTableModel(parent), m_queue(queue), m_rows(queue->count())
{
    // The queue has already appended its jobs when it signals: the model counts its own rows
    // so that views see the old count until beginInsertRows, then the block at once.
    connect(queue, &JobQueue::jobsInserted, this, [this](int first, int last) {
        beginInsertRows({}, first, last);
        m_rows += last - first + 1;
        endInsertRows();
    });
    connect(queue, &JobQueue::jobChanged, this, &JobListModel::onJobChanged);
    m_flush.setSingleShot(true);
    m_flush.setInterval(kRowUpdateMs);
    connect(&m_flush, &QTimer::timeout, this, &JobListModel::flushPending);
    connect(queue, &JobQueue::jobAboutToBeRemoved, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(queue, &JobQueue::jobRemoved, this, [this](int) {
        --m_rows;
        endRemoveRows();
    });
    connect(queue, &JobQueue::jobsAboutToBeReset, this, [this] { beginResetModel(); });
    connect(queue, &JobQueue::jobsReset, this, [this] {
        m_rows = m_queue->count();
        m_shown.clear();
        endResetModel();
    });
    connect(queue, &JobQueue::jobsAboutToBeRemoved, this,
            [this](int first, int last) { beginRemoveRows({}, first, last); });
    connect(queue, &JobQueue::jobsRemoved, this, [this](int first, int last) {
        m_rows -= last - first + 1;
        endRemoveRows();
    });
}

void JobListModel::emitRow(int row)
{
    ++m_rowUpdates;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void JobListModel::onJobChanged(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    const Job &job = m_queue->at(row);
    const qint64 now = WakeScheduler::nowMs();
    Shown &shown = m_shown[job.id];
    // A new state is news; more bytes of the same download can wait for the next slot.
    if (shown.state != int(job.state) || now - shown.atMs >= kRowUpdateMs) {
        shown.atMs = now;
        shown.state = int(job.state);
        shown.pending = false;
        emitRow(row);
        if (isFinished(job.state))
            m_shown.remove(job.id); // nothing more will come for it
        return;
    }
    ++m_coalesced;
    shown.pending = true;
    if (!m_flush.isActive())
        m_flush.start(int(std::max<qint64>(1, kRowUpdateMs - (now - shown.atMs))));
}

void JobListModel::flushPending()
{
    const qint64 now = WakeScheduler::nowMs();
    qint64 nextDueMs = -1;
    for (auto it = m_shown.begin(); it != m_shown.end();) {
        Shown &shown = it.value();
        const int row = m_queue->rowOf(it.key());
        if (row < 0) {
            it = m_shown.erase(it); // removed meanwhile
            continue;
        }
        if (shown.pending && now - shown.atMs >= kRowUpdateMs) {
            shown.pending = false;
            shown.atMs = now;
            emitRow(row);
        } else if (shown.pending) {
            const qint64 due = shown.atMs + kRowUpdateMs;
            nextDueMs = nextDueMs < 0 ? due : std::min(nextDueMs, due);
        } else if (now - shown.atMs >= kRowUpdateMs) {
            it = m_shown.erase(it); // quiet for a while: forget it, keeps the table small
            continue;
        }
        ++it;
    }
    if (nextDueMs >= 0)
        m_flush.start(int(std::max<qint64>(1, nextDueMs - now)));
}

int JobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int JobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString JobListModel::formatBytes(qint64 bytes)
{
    if (bytes < 0)
        return QString();
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QVariant JobListModel::displayData(const Job &job, int column) const
{
    switch (Column(column)) {
    case TitleColumn: return job.displayTitle();
    case PlatformColumn: return platformDisplayName(job.platform);
    case StatusColumn:
        if (job.state == JobState::Failed && job.error.isError())
            return tr("Failed: %1").arg(job.error.message);
        if (job.state == JobState::Cancelled && job.error.code == QLatin1String("duplicate"))
            return tr("Already in the list");
        if (job.state == JobState::Downloading && job.error.kind == ErrorKind::Local)
            return tr("Paused: %1").arg(job.error.message);
        if (isActive(job.state) && job.error.kind == ErrorKind::RateLimited)
            return tr("Waiting: rate limit");
        if (isActive(job.state) && job.error.isRetryable())
            return tr("%1 (retrying)").arg(jobStateName(job.state));
        return jobStateName(job.state);
    case ProgressColumn:
        if (job.state == JobState::Done)
            return tr("100 %");
        if (job.state == JobState::Downloading && job.bytesTotal > 0)
            return tr("%1 %").arg(job.bytesReceived * 100 / job.bytesTotal);
        return QString();
    case SizeColumn:
        return formatBytes(job.state == JobState::Done ? job.bytesReceived
                           : job.bytesTotal > 0       ? job.bytesTotal
                                                      : -1);
    case FileColumn: return job.filePath.isEmpty() ? QString() : QFileInfo(job.filePath).fileName();
    case ColumnCount: break;
    }
    return {};
}

QVariant JobListModel::rawData(const Job &job, int column) const
{
    switch (Column(column)) {
    case TitleColumn: return job.displayTitle();
    case PlatformColumn: return platformDisplayName(job.platform);
    case StatusColumn: return int(job.state);
    case ProgressColumn:
        if (job.state == JobState::Done)
            return 1.0;
        return job.bytesTotal > 0 ? double(job.bytesReceived) / double(job.bytesTotal) : 0.0;
    case SizeColumn: return job.bytesTotal;
    case FileColumn: return job.filePath;
    case ColumnCount: break;
    }
    return {};
}

QString JobListModel::toolTip(const Job &job) const
{
    QStringList lines{job.sourceUrl.toDisplayString()};
    if (!job.filePath.isEmpty())
        lines << QDir::toNativeSeparators(job.filePath);
    if (job.error.isError()) {
        lines << job.error.message;
        if (job.error.httpStatus > 0)
            lines << tr("HTTP status %1").arg(job.error.httpStatus);
        if (!job.error.requestId.isEmpty())
            lines << tr("Request id %1").arg(job.error.requestId);
    }
    return lines.join(QLatin1Char('\n'));
}

void JobListModel::setThumbnailCache(ThumbnailCache *cache)
{
    m_thumbnails = cache;
    connect(cache, &ThumbnailCache::ready, this, &JobListModel::onThumbnailReady);
}

QVariant JobListModel::thumbnail(const Job &job) const
{
    if (!m_thumbnails || job.thumbnailUrl.isEmpty())
        return {};
    const QString path = m_thumbnails->pathFor(job.thumbnailUrl);
    if (path.isEmpty()) {
        m_thumbnails->request(job.thumbnailUrl); // only rows a view asks for cost a request
        return {};
    }
    QPixmap pixmap;
    if (!QPixmapCache::find(path, &pixmap)) {
        QImage image(path);
        if (image.isNull())
            return {};
        pixmap = QPixmap::fromImage(image.scaledToHeight(kThumbnailHeight, Qt::SmoothTransformation));
        QPixmapCache::insert(path, pixmap);
    }
    return pixmap;
}

void JobListModel::onThumbnailReady(const QUrl &url)
{
    for (int row = 0; row < m_rows; ++row) {
        if (m_queue->at(row).thumbnailUrl == url)
            Q_EMIT dataChanged(index(row, TitleColumn), index(row, TitleColumn), {Qt::DecorationRole});
    }
}

QVariant JobListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Job &job = m_queue->at(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayData(job, index.column());
    case Qt::ToolTipRole: return toolTip(job);
    case Qt::DecorationRole: return index.column() == TitleColumn ? thumbnail(job) : QVariant();
    case RawValueRole: return rawData(job, index.column());
    case JobIdRole: return QVariant::fromValue(job.id);
    case StateRole: return int(job.state);
    case SourceUrlRole: return job.sourceUrl.toDisplayString();
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == ProgressColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case TitleColumn: return tr("Title or link");
    case PlatformColumn: return tr("Platform");
    case StatusColumn: return tr("Status");
    case ProgressColumn: return tr("Progress");
    case SizeColumn: return tr("Size");
    case FileColumn: return tr("File");
    case ColumnCount: break;
    }
    return {};
}

} // namespace fetchmedia
