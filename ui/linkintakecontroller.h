#pragma once

#include "app/core/intake/linkintake.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QMimeData;
class QWidget;

namespace fetchmedia {

class ClipboardWatcher;
class JobQueue;
class LinkDropTarget;
class LinkReviewDialog;

// The window's side of getting links in: paste, drop, import, clipboard and hand-off from
// another launch all arrive here as an IntakeResult. One link is queued at once; more show
// the review summary first. Problems and "no link found" go to the status line.
class LinkIntakeController final : public QObject
{
    Q_OBJECT
public:
    using Notify = std::function<void(const QString &message, int timeoutMs)>;
    using AlreadyListed = std::function<void(const QList<QUrl> &links)>;

    LinkIntakeController(JobQueue *queue, QWidget *window, Notify notify, AlreadyListed alreadyListed);

    // Called with how many links were found (queued now or waiting in the review).
    using Outcome = std::function<void(int found)>;

    // Returns how many links were found (queued now or waiting in the review).
    int takeLinks(const IntakeResult &result, const QString &noneMessage = QString());
    // Finds the links in pasted text; a long text is read on a pool thread, so the outcome
    // may come later. A newer text replaces one still being read.
    void takeText(const QString &text, Outcome outcome = {});
    void importFile(const QString &path, Outcome outcome = {});
    bool isReading() const { return m_reading > 0; }
    // Texts from this length on are read off the UI thread (a chat message stays inline).
    static constexpr qsizetype kBackgroundTextChars = 32 * 1024;
    // Drops from this many bytes on (their text, or the link files they name) likewise.
    static constexpr qint64 kBackgroundDropBytes = 64 * 1024;
    void takeDrop(const QMimeData &mime);
    void chooseFileToImport();

    void watchForDrops(QWidget *widget);
    LinkDropTarget *dropTarget() const { return m_drops; }
    ClipboardWatcher *clipboard() const { return m_clipboard; }
    LinkReviewDialog *review() const;
    // A checkable action bound to the clipboard-watch setting.
    QAction *clipboardAction() const { return m_clipboardAction; }

private:
    void readInBackground(std::function<IntakeResult()> read, const QString &noneMessage, Outcome outcome);
    void queueLinks(const QList<QUrl> &fresh, const QList<QUrl> &duplicates);
    QSet<QString> listedIdentities() const;

    JobQueue *m_queue;
    QWidget *m_window;
    Notify m_notify;
    AlreadyListed m_alreadyListed;
    LinkDropTarget *m_drops;
    ClipboardWatcher *m_clipboard;
    QAction *m_clipboardAction;
    QPointer<LinkReviewDialog> m_review;
    quint64 m_readTicket = 0; // the newest background read; older results are dropped
    int m_reading = 0;        // background reads not yet answered
};

} // namespace fetchmedia
