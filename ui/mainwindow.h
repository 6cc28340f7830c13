#pragma once

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace fetchmedia {

class BannerArea;
class EmptyState;
class JobListModel;
class JobQueue;

// The main window: URL box on top, the job list below, a status bar with counts.
// It adds links to the queue and observes it; it never touches the network itself.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(JobQueue *queue, QWidget *parent = nullptr);

    void setSandboxMode(bool sandbox);
    void setNeedsKey(bool needsKey);
    void setKeyStatus(const QString &text);
    // Message bars above the list for states that concern every job (see BannerArea).
    BannerArea *banners() const { return m_banners; }

    // Finds the links in text and queues them; returns how many were added.
    int addLinksFromText(const QString &text);

    static QIcon appIcon();

    QLineEdit *urlBox() const { return m_urlBox; }
    QTableView *jobView() const { return m_view; }

Q_SIGNALS:
    void settingsRequested(bool focusKeyField);
    void trySandboxRequested();

private:
    void buildMenus();
    void submitUrlBox();
    void updateCounts();
    void updateEmptyState();
    void showContextMenu(const QPoint &position);
    void openJobFile(const QModelIndex &proxyIndex);
    quint64 jobIdAt(const QModelIndex &proxyIndex) const;

    JobQueue *m_queue;
    JobListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_urlBox;
    QPushButton *m_addButton;
    QLabel *m_sandboxBadge;
    BannerArea *m_banners;
    QStackedWidget *m_stack;
    EmptyState *m_emptyState;
    QTableView *m_view;
    QLabel *m_counts;
    QLabel *m_keyStatus;
    bool m_needsKey = false;
};

} // namespace fetchmedia
