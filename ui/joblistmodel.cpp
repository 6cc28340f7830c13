#include "ui/joblistmodel.h"

#include "app/core/jobs/jobqueue.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace fetchmedia {

JobListModel::JobListModel(JobQueue *queue, QObject *parent)
    : QAbstractTableModel(parent), m_queue(queue)
{
    // The queue has already appended its jobs when it signals: announce them as one block.
    connect(queue, &JobQueue::jobsInserted, this, [this](int first, int last) {
        beginInsertRows({}, first, last);
        endInsertRows();
    });
    connect(queue, &JobQueue::jobChanged, this, [this](int row) {
        if (row >= 0 && row < rowCount())
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
    connect(queue, &JobQueue::jobAboutToBeRemoved, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(queue, &JobQueue::jobRemoved, this, [this](int) { endRemoveRows(); });
    connect(queue, &JobQueue::jobsAboutToBeRemoved, this,
            [this](int first, int last) { beginRemoveRows({}, first, last); });
    connect(queue, &JobQueue::jobsRemoved, this, [this](int, int) { endRemoveRows(); });
}

int JobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_queue->count();
}

int JobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString JobListModel::formatBytes(qint64 bytes)
{
    if (bytes < 0)
        return QString();
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
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

QVariant JobListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Job &job = m_queue->at(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayData(job, index.column());
    case Qt::ToolTipRole: return toolTip(job);
    case RawValueRole: return rawData(job, index.column());
    case JobIdRole: return QVariant::fromValue(job.id);
    case StateRole: return int(job.state);
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
