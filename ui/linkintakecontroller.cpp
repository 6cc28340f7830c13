#include "ui/linkintakecontroller.h"

#include "app/core/intake/linkextractor.h"
#include "app/core/intake/linkfile.h"
#include "app/core/jobs/jobqueue.h"
#include "app/core/storage/settings.h"
#include "ui/clipboardwatcher.h"
#include "ui/linkdroptarget.h"
#include "ui/linkreviewdialog.h"

#include <QAction>
#include <QFileDialog>
#include <QStandardPaths>
#include <QWidget>

namespace fetchmedia {

LinkIntakeController::LinkIntakeController(JobQueue *queue, QWidget *window, Notify notify,
                                           AlreadyListed alreadyListed)
    : QObject(window),
      m_queue(queue),
      m_window(window),
      m_notify(std::move(notify)),
      m_alreadyListed(std::move(alreadyListed)),
      m_drops(new LinkDropTarget([this](const IntakeResult &result) {
                      takeLinks(result, tr("No link found in what was dropped."));
                  }, this)),
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
    const JobQueue::AddResult result = m_queue->addNewLinks(fresh);
    if (!duplicates.isEmpty())
        m_queue->addLinks(duplicates, true); // ticked in the review: "add anyway"
    const qsizetype added = result.added.size() + duplicates.size();
    if (added > 0)
        m_notify(added == 1 ? tr("Added 1 link.") : tr("Added %1 links.").arg(added), 3000);
    if (!result.alreadyListed.isEmpty())
        m_alreadyListed(result.alreadyListed);
}

void LinkIntakeController::importFile(const QString &path)
{
    takeLinks(readLinkFile(path), tr("No link found in that file."));
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
