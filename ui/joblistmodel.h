#pragma once

#include "app/core/jobs/job.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

namespace fetchmedia {

class JobQueue;
class ThumbnailCache;

// Rows of the job list, one per job of the queue, in the queue's order. Observes the queue:
// one dataChanged per changed row, inserts in blocks, never a reset for one job. Changes of
// one row are coalesced: a new state shows at once, progress at most every kRowUpdateMs.
class JobListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TitleColumn, PlatformColumn, StatusColumn, ProgressColumn, SizeColumn, FileColumn, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // sortable value of the cell
        JobIdRole,
        StateRole,                       // int(JobState)
        SourceUrlRole,                   // the link as given, for display and search
    };
    static constexpr int kRowUpdateMs = 250;

    explicit JobListModel(JobQueue *queue, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString formatBytes(qint64 bytes);
    // Thumbnails beside titles: asked for when a row is first shown, drawn once on disk.
    void setThumbnailCache(ThumbnailCache *cache);
    static constexpr int kThumbnailHeight = 20;
    // For tests and figures: dataChanged signals sent for rows, and changes folded into them.
    int rowUpdates() const { return m_rowUpdates; }
    int coalescedChanges() const { return m_coalesced; }

private:
    QVariant displayData(const Job &job, int column) const;
    QVariant rawData(const Job &job, int column) const;
    QString toolTip(const Job &job) const;
    QVariant thumbnail(const Job &job) const;
    void onThumbnailReady(const QUrl &url);
    void onJobChanged(int row);
    void flushPending();
    void emitRow(int row);

    struct Shown {
        qint64 atMs = 0;  // when the row was last announced
        int state = -1;   // the JobState it showed then
        bool pending = false;
    };

    JobQueue *m_queue;
    ThumbnailCache *m_thumbnails = nullptr;
    int m_rows; // rows announced to views; the queue appends before it signals
    QHash<JobId, Shown> m_shown; // only rows that changed recently
    QTimer m_flush;              // runs only while some row has a change held back
    int m_rowUpdates = 0;
    int m_coalesced = 0;
};

} // namespace fetchmedia
