#pragma once

#include "ui/urlbox.h"

#include <QMainWindow>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace fetchmedia {

class BannerArea;
class RateGate;
class ThumbnailCache;
class EmptyState;
class JobListModel;
class JobQueue;
class LinkIntakeController;

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

    // Finds the links in text and queues them (several: after the review summary). A long
    // text is read off the UI thread: outcome gets how many were found, perhaps later.
    void addLinksFromText(const QString &text, std::function<void(int found)> outcome = {});
    // Paste, drop, import, clipboard and links handed over by a second launch (issue 6).
    LinkIntakeController *intake() const { return m_intake; }
    // Links from another launch: raise the window, then treat them like a paste.
    void receiveArguments(const QStringList &arguments);

    static QIcon appIcon();
    // Shows the rate-limit countdown and remaining requests in the status bar.
    void setRateGate(RateGate *gate);
    void setThumbnailCache(ThumbnailCache *cache);
    void showJobDetails(quint64 id);

    QLineEdit *urlBox() const { return m_urlBox; }
    QTableView *jobView() const { return m_view; }

Q_SIGNALS:
    // Once, right after the window's first frame was drawn (or 500 ms after show() at the
    // latest, should the window never be exposed): for work that must not delay that frame.
    void firstPainted();
    void settingsRequested(bool focusKeyField);
    void trySandboxRequested();

protected:
    bool event(QEvent *event) override;

private:
    void buildMenus();
    void submitUrlBox();
    void updateCounts();
    void updateEmptyState();
    void showContextMenu(const QPoint &position);
    void openJobFile(const QModelIndex &proxyIndex);
    void confirmRemoveAndDelete(quint64 id);
    void showAlreadyListed(const QList<QUrl> &links);
    quint64 jobIdAt(const QModelIndex &proxyIndex) const;

    JobQueue *m_queue;
    JobListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    UrlBox *m_urlBox;
    QPushButton *m_addButton;
    QLabel *m_sandboxBadge;
    BannerArea *m_banners;
    QStackedWidget *m_stack;
    EmptyState *m_emptyState;
    QTableView *m_view;
    QLabel *m_counts;
    QLabel *m_keyStatus;
    bool m_needsKey = false;
    bool m_firstPaintSeen = false;
    bool m_firstPaintAnnounced = false;
    LinkIntakeController *m_intake = nullptr;
};

} // namespace fetchmedia
