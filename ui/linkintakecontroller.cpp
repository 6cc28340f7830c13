#include "ui/linkintakecontroller.h"

#include "app/core/intake/droppayload.h"
#include "app/core/intake/linkextractor.h"
#include "app/core/intake/linkfile.h"
#include "app/core/jobs/jobqueue.h"
#include "app/core/storage/settings.h"
#include "ui/clipboardwatcher.h"
#include "ui/linkbatcher.h"
#include "ui/linkdroptarget.h"
#include "ui/linkreviewdialog.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QFuture>
#include <QLocale>
#include <QPromise>
#include <QStandardPaths>
#include <QThreadPool>
#include <QWidget>

namespace fetchmedia {

LinkIntakeController::LinkIntakeController(JobQueue *queue, QWidget *window, Notify notify,
                                           AlreadyListed alreadyListed)
    : QObject(window),
      m_queue(queue),
      m_window(window),
      m_notify(std::move(notify)),
      m_alreadyListed(std::move(alreadyListed)),
      m_drops(new LinkDropTarget([this](const QMimeData &mime) { takeDrop(mime); }, this)),
      m_clipboard(new ClipboardWatcher(this)),
      m_clipboardAction(new QAction(tr("Watch clipboard for video links"), this))
{
    m_clipboardAction->setCheckable(true);
    m_clipboardAction->setToolTip(tr("Links to video sites you copy in other programs are added to the list."));
    const bool watching = Settings().clipboardWatch();
    m_clipboardAction->setChecked(watching);
    m_clipboard->setEnabled(watching);
    connect(m_clipboardAction, &QAction::toggled, this, [this](bool on) {
        m_clipboard->setEnabled(on);
        Settings().setClipboardWatch(on);
        m_notify(on ? tr("Watching the clipboard for video links.") : tr("No longer watching the clipboard."), 4000);
    });
    connect(m_clipboard, &ClipboardWatcher::linksCaptured, this, [this](const QList<FoundLink> &links) {
        const JobQueue::AddResult added = m_queue->addNewLinks(urlsOf(links));
        if (added.added.isEmpty())
            return; // already listed: nothing to say about a copy
        m_notify(added.added.size() == 1
                     ? tr("Link captured from the clipboard: %1").arg(links.first().url.toDisplayString())
                     : tr("%1 links captured from the clipboard.").arg(added.added.size()),
                 5000);
    });
}

LinkReviewDialog *LinkIntakeController::review() const
{
    return m_review;
}

void LinkIntakeController::watchForDrops(QWidget *widget)
{
    m_drops->watch(widget);
}

QSet<QString> LinkIntakeController::listedIdentities() const
{
    QSet<QString> identities;
    for (int row = 0; row < m_queue->count(); ++row) {
        const Job &job = m_queue->at(row);
        if (job.state == JobState::Failed || job.state == JobState::Cancelled)
            continue; // the queue lets those be added again
        identities.insert(job.dedupeKey.isEmpty() ? QStringLiteral("url:") + job.sourceUrl.toString() : job.dedupeKey);
    }
    return identities;
}

int LinkIntakeController::takeLinks(const IntakeResult &result, const QString &noneMessage)
{
    QStringList notes = result.problems;
    if (result.tooLong > 0)
        notes << tr("%n link(s) longer than %1 characters refused.", nullptr, result.tooLong).arg(kMaxLinkLength);
    if (result.links.isEmpty()) {
        notes.prepend(noneMessage.isEmpty() ? tr("No link found in that text.") : noneMessage);
        m_notify(notes.join(QLatin1Char(' ')), 6000);
        return 0;
    }
    if (!notes.isEmpty())
        m_notify(notes.join(QLatin1Char(' ')), 8000);
    if (result.links.size() == 1) { // paste and go
        queueLinks(urlsOf(result.links), {});
        return 1;
    }
    if (m_review)
        m_review->reject(); // a newer paste replaces an unanswered review
    auto *dialog = new LinkReviewDialog(result.links, listedIdentities(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_review = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        queueLinks(dialog->chosenNew(), dialog->chosenDuplicates());
    });
    dialog->open(); // window-modal, no nested event loop
    return int(result.links.size());
}

void LinkIntakeController::queueLinks(const QList<QUrl> &fresh, const QList<QUrl> &duplicates)
{
    auto *batcher = new LinkBatcher(m_queue, fresh, duplicates, this);
    connect(batcher, &LinkBatcher::finished, this, [this, batcher](int added, const QList<QUrl> &alreadyListed) {
        batcher->deleteLater();
        if (added > 0)
            m_notify(added == 1 ? tr("Added 1 link.") : tr("Added %1 links.").arg(added), 3000);
        if (!alreadyListed.isEmpty())
            m_alreadyListed(alreadyListed);
    });
    batcher->start();
}

void LinkIntakeController::takeText(const QString &text, Outcome outcome)
{
    if (text.size() < kBackgroundTextChars) {
        const int found = takeLinks(linksFromText(text));
        if (outcome)
            outcome(found);
        return;
    }
    m_notify(tr("Looking for links in %1 of text…").arg(QLocale().formattedDataSize(text.size())), 0);
    readInBackground([text] { return linksFromText(text); }, QString(), std::move(outcome));
}

void LinkIntakeController::takeDrop(const QMimeData &mime)
{
    const QString none = tr("No link found in what was dropped.");
    const DropSnapshot drop = snapshotDrop(mime);
    if (dropWeight(drop) < kBackgroundDropBytes) {
        takeLinks(readDrop(drop), none);
        return;
    }
    m_notify(tr("Looking for links in what was dropped…"), 0);
    readInBackground([drop] { return readDrop(drop); }, none, {});
}

void LinkIntakeController::importFile(const QString &path, Outcome outcome)
{
    m_notify(tr("Reading %1…").arg(QFileInfo(path).fileName()), 0);
    readInBackground([path] { return readLinkFile(path); }, tr("No link found in that file."), std::move(outcome));
}

void LinkIntakeController::readInBackground(std::function<IntakeResult()> read, const QString &noneMessage,
                                            Outcome outcome)
{
    const quint64 ticket = ++m_readTicket;
    ++m_reading;
    auto promise = std::make_shared<QPromise<IntakeResult>>();
    QFuture<IntakeResult> future = promise->future();
    promise->start();
    // The pool outlives this object (the application waits for it); the continuation runs
    // on this object's thread and not at all once it is gone.
    QThreadPool::globalInstance()->start([promise, read = std::move(read)] {
        promise->addResult(read());
        promise->finish();
    });
    future.then(this, [this, ticket, noneMessage, outcome = std::move(outcome)](const IntakeResult &result) {
        --m_reading;
        if (ticket != m_readTicket)
            return; // a newer paste or import came in meanwhile; it has the last word
        m_notify(QString(), 0);
        const int found = takeLinks(result, noneMessage);
        if (outcome)
            outcome(found);
    });
}

void LinkIntakeController::chooseFileToImport()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Import links"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("Link lists and shortcuts (*.txt *.csv *.url *.webloc);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

} // namespace fetchmedia
