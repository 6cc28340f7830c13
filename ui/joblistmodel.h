#pragma once

#include "app/core/jobs/job.h"

#include <QAbstractTableModel>

namespace fetchmedia {

class JobQueue;

// Rows of the job list, one per job of the queue, in the queue's order. Observes the queue:
// one dataChanged per changed row, inserts in blocks, never a reset for one job.
class JobListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TitleColumn, PlatformColumn, StatusColumn, ProgressColumn, SizeColumn, FileColumn, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // sortable value of the cell
        JobIdRole,
        StateRole,                       // int(JobState)
    };

    explicit JobListModel(JobQueue *queue, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString formatBytes(qint64 bytes);

private:
    QVariant displayData(const Job &job, int column) const;
    QVariant rawData(const Job &job, int column) const;
    QString toolTip(const Job &job) const;

    JobQueue *m_queue;
};

} // namespace fetchmedia
