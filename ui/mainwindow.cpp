#include "ui/mainwindow.h"

#include "app/core/intake/linkextractor.h"
#include "app/core/intake/linkintake.h"
#include "app/core/jobs/jobqueue.h"
#include "ui/bannerarea.h"
#include "ui/emptystate.h"
#include "ui/jobdetailsdialog.h"
#include "ui/linkreviewdialog.h"
#include "ui/jobfilterbar.h"
#include "ui/jobfilterproxy.h"
#include "ui/ratelimitindicator.h"
#include "ui/joblistmodel.h"
#include "ui/linkintakecontroller.h"
#include "ui/progressdelegate.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace fetchmedia {

QIcon MainWindow::appIcon()
{
    // QIcon decodes each file as it is added (the 256 and 512 px ones took 5 ms); large
    // sizes come from the desktop entry and the installers' icon files, a window needs no
    // more than 128 px.
    QIcon icon;
    for (const int size : {16, 32, 48, 64, 128})
        icon.addFile(QStringLiteral(":/fetchmedia/icons/io.fetchmedia.Desktop-%1.png").arg(size), QSize(size, size));
    return icon;
}

MainWindow::MainWindow(JobQueue *queue, QWidget *parent)
    : QMainWindow(parent),
      m_queue(queue),
      m_model(new JobListModel(queue, this)),
      m_proxy(new JobFilterProxy(this)),
      m_urlBox(new UrlBox(this)),
      m_addButton(new QPushButton(tr("Add"), this)),
      m_sandboxBadge(new QLabel(tr("Sandbox"), this)),
      m_banners(new BannerArea(this)),
      m_stack(new QStackedWidget(this)),
      m_emptyState(new EmptyState(this)),
      m_view(new QTableView(this)),
      m_counts(new QLabel(this)),
      m_keyStatus(new QLabel(this))
{
    // Qt appends the application's display name ("FetchMedia") to every title.
    setWindowTitle(QString());
    // The icon is not in the first frame (the window manager draws it), so it waits: its
    // files are decoded after the first paint instead of before it.
    connect(this, &MainWindow::firstPainted, this, [this] { setWindowIcon(appIcon()); });
    resize(1100, 600);

    m_urlBox->setPlaceholderText(tr("Paste links to videos here and press Enter"));
    m_urlBox->setAccessibleName(tr("Links to fetch"));
    m_urlBox->setClearButtonEnabled(true);
    connect(m_urlBox, &QLineEdit::returnPressed, this, &MainWindow::submitUrlBox);
    connect(m_urlBox, &UrlBox::bulkPasted, this, [this](const QString &text) { addLinksFromText(text); });
    connect(m_addButton, &QPushButton::clicked, this, &MainWindow::submitUrlBox);

    m_sandboxBadge->setToolTip(tr("Running against the built-in API emulator: nothing is sent to "
                                  "FetchMedia and your real key is not used."));
    m_sandboxBadge->setStyleSheet(QStringLiteral(
        "QLabel { background: #f5a623; color: #1d1d1d; border-radius: 4px; padding: 2px 8px; font-weight: bold; }"));
    m_sandboxBadge->hide();

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(JobListModel::RawValueRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // queue order until the person sorts
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setItemDelegateForColumn(JobListModel::ProgressColumn, new ProgressDelegate(m_view));
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setAccessibleName(tr("Jobs"));
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(JobListModel::TitleColumn, QHeaderView::Stretch);
    header->resizeSection(JobListModel::StatusColumn, 200);
    header->resizeSection(JobListModel::ProgressColumn, 110);
    header->resizeSection(JobListModel::FileColumn, 200);
    connect(m_view, &QTableView::doubleClicked, this, &MainWindow::openJobFile);
    connect(m_view, &QTableView::customContextMenuRequested, this, &MainWindow::showContextMenu);

    m_stack->addWidget(m_emptyState);
    m_stack->addWidget(m_view);
    connect(m_emptyState, &EmptyState::enterKeyClicked, this, [this] { Q_EMIT settingsRequested(true); });
    connect(m_emptyState, &EmptyState::trySandboxClicked, this, &MainWindow::trySandboxRequested);

    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_urlBox, 1);
    urlRow->addWidget(m_addButton);
    urlRow->addWidget(m_sandboxBadge);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addLayout(urlRow);
    layout->addWidget(m_banners);
    // Search and status groups over the list (issue 7); hidden while the list is empty.
    layout->addWidget(new JobFilterBar(static_cast<JobFilterProxy *>(m_proxy), queue, central));
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    statusBar()->addWidget(m_counts, 1);
    statusBar()->addPermanentWidget(m_keyStatus);
    // Links come in by drop on the window, the URL box and the list, too (issue 6).
    m_intake = new LinkIntakeController(
        queue, this, [this](const QString &message, int timeoutMs) { statusBar()->showMessage(message, timeoutMs); },
        [this](const QList<QUrl> &links) { showAlreadyListed(links); });
    for (QWidget *target : {static_cast<QWidget *>(this), static_cast<QWidget *>(m_urlBox),
                            m_view->viewport(), static_cast<QWidget *>(m_emptyState)})
        m_intake->watchForDrops(target);
    buildMenus();

    connect(queue, &JobQueue::countsChanged, this, &MainWindow::updateCounts);
    connect(queue, &JobQueue::jobsInserted, this, &MainWindow::updateEmptyState);
    connect(queue, &JobQueue::jobRemoved, this, &MainWindow::updateEmptyState);
    connect(queue, &JobQueue::jobsRemoved, this, &MainWindow::updateEmptyState);
    connect(queue, &JobQueue::jobsReset, this, &MainWindow::updateEmptyState);
    updateCounts();
    updateEmptyState();
    m_urlBox->setFocus();
}

bool MainWindow::event(QEvent *event)
{
    const bool painted = event->type() == QEvent::Paint;
    if (!m_firstPaintSeen && (painted || event->type() == QEvent::Show)) {
        // The frame is flushed when painting ends; a zero timer runs after that.
        if (painted)
            m_firstPaintSeen = true;
        QTimer::singleShot(painted ? 0 : 500, this, [this] {
            if (std::exchange(m_firstPaintAnnounced, true))
                return;
            Q_EMIT firstPainted();
        });
    }
    return QMainWindow::event(event);
}

void MainWindow::buildMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("Add links from clipboard"), QKeySequence(tr("Ctrl+Shift+V")), this,
                        [this] { addLinksFromText(QApplication::clipboard()->text()); });
    fileMenu->addAction(tr("&Import links…"), QKeySequence(tr("Ctrl+I")), m_intake,
                        &LinkIntakeController::chooseFileToImport);
    fileMenu->addAction(m_intake->clipboardAction());
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Settings…"), QKeySequence::Preferences, this,
                        [this] { Q_EMIT settingsRequested(false); });
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *jobsMenu = menuBar()->addMenu(tr("&Jobs"));
    jobsMenu->addAction(tr("Retry all failed"), this, [this] { m_queue->retryAllFailed(); });
    // Takes finished rows off the list; their files stay on disk.
    jobsMenu->addAction(tr("Clear finished"), this, [this] { m_queue->clearFinished(); });
}

void MainWindow::setSandboxMode(bool sandbox)
{
    m_sandboxBadge->setVisible(sandbox);
    setWindowTitle(sandbox ? tr("Sandbox") : QString());
}

void MainWindow::setNeedsKey(bool needsKey)
{
    m_needsKey = needsKey;
    m_emptyState->setNeedsKey(needsKey);
}

void MainWindow::setKeyStatus(const QString &text)
{
    m_keyStatus->setText(text);
}

void MainWindow::addLinksFromText(const QString &text, std::function<void(int found)> outcome)
{
    if (text.trimmed().isEmpty()) {
        statusBar()->showMessage(tr("Paste a link first."), 5000);
        if (outcome)
            outcome(0);
        return;
    }
    m_intake->takeText(text, std::move(outcome));
}

void MainWindow::receiveArguments(const QStringList &arguments)
{
    if (isMinimized())
        showNormal();
    show();
    raise();
    activateWindow();
    m_intake->takeLinks(linksFromArguments(arguments), tr("The other launch gave no link."));
}

void MainWindow::showAlreadyListed(const QList<QUrl> &links)
{
    if (links.isEmpty())
        return;
    const QString text = links.size() == 1
        ? tr("%1 is already in the list.").arg(links.first().toDisplayString())
        : tr("%1 links are already in the list.").arg(links.size());
    m_banners->showBanner(QStringLiteral("duplicates"), BannerLevel::Info, text,
                          {{tr("Add anyway"), [this, links] {
                                m_queue->addLinks(links, true);
                                m_banners->clearBanner(QStringLiteral("duplicates"));
                            }}});
}

void MainWindow::submitUrlBox()
{
    const QString text = m_urlBox->text();
    addLinksFromText(text, [this, text](int found) {
        // The box keeps its text until links were found in it, and only if nobody typed since.
        if (found <= 0 || m_urlBox->text() != text)
            return;
        m_urlBox->clear();
        // Cancelling the review of a many-link paste gives the text back, nothing lost.
        if (LinkReviewDialog *review = m_intake->review()) {
            connect(review, &QDialog::rejected, this, [this, text] {
                if (m_urlBox->text().isEmpty())
                    m_urlBox->setText(text);
            });
        }
    });
}

void MainWindow::updateCounts()
{
    // Numbers as the filter buttons show them ("9,996"), so the two agree at a glance.
    const QLocale locale;
    const auto count = [this](JobState state) { return m_queue->countInState(state); };
    const int active = count(JobState::Submitting) + count(JobState::Pending) + count(JobState::Running)
        + count(JobState::Downloading);
    QStringList parts;
    parts << (m_queue->count() == 1 ? tr("1 job") : tr("%1 jobs").arg(locale.toString(m_queue->count())));
    const std::pair<int, QString> groups[] = {
        {active, tr("%1 active")},
        {count(JobState::Queued), tr("%1 queued")},
        {count(JobState::Done), tr("%1 done")},
        {count(JobState::Failed), tr("%1 failed")},
        {count(JobState::Cancelled), tr("%1 cancelled")},
    };
    for (const auto &[number, text] : groups) {
        if (number > 0)
            parts << text.arg(locale.toString(number));
    }
    if (m_queue->isPaused() && m_queue->hasUnfinishedJobs())
        parts << tr("paused");
    m_counts->setText(parts.join(QStringLiteral(" · ")));
}

void MainWindow::updateEmptyState()
{
    m_stack->setCurrentWidget(m_queue->count() == 0 ? static_cast<QWidget *>(m_emptyState) : m_view);
}

void MainWindow::confirmRemoveAndDelete(quint64 id)
{
    const int row = m_queue->rowOf(id);
    if (row < 0)
        return;
    const QString path = m_queue->at(row).filePath;
    const auto answer = QMessageBox::question(
        this, tr("Delete file"),
        tr("Delete %1 from disk and remove the job from the list?")
            .arg(QDir::toNativeSeparators(path)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    if (!m_queue->removeAndDeleteFile(id))
        statusBar()->showMessage(tr("Could not delete %1.").arg(QDir::toNativeSeparators(path)), 5000);
}

quint64 MainWindow::jobIdAt(const QModelIndex &proxyIndex) const
{
    return proxyIndex.data(JobListModel::JobIdRole).value<quint64>();
}

void MainWindow::openJobFile(const QModelIndex &proxyIndex)
{
    const int row = m_queue->rowOf(jobIdAt(proxyIndex));
    if (row < 0)
        return;
    const Job &job = m_queue->at(row);
    if (job.state == JobState::Done && QFileInfo::exists(job.filePath)) {
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(job.filePath)))
            statusBar()->showMessage(tr("No application is set up to open %1; use Show in folder.")
                                         .arg(QFileInfo(job.filePath).fileName()),
                                     8000);
    }
    else if (job.state == JobState::Failed)
        showJobDetails(job.id);
}

void MainWindow::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (!index.isValid())
        return;
    const quint64 id = jobIdAt(index);
    const Job &job = m_queue->at(m_queue->rowOf(id));
    const bool hasFile = job.state == JobState::Done && QFileInfo::exists(job.filePath);

    QMenu menu(this);
    QAction *open = menu.addAction(tr("Open file"), this, [this, index] { openJobFile(index); });
    open->setEnabled(hasFile);
    const QString folder = QFileInfo(job.filePath).absolutePath();
    QAction *show = menu.addAction(tr("Show in folder"), this, [folder] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
    });
    show->setEnabled(hasFile);
    const QUrl source = job.sourceUrl;
    menu.addAction(tr("Copy source link"), this,
                   [source] { QApplication::clipboard()->setText(source.toString()); });
    menu.addAction(tr("Details…"), this, [this, id] { showJobDetails(id); });
    menu.addSeparator();
    QAction *retry = menu.addAction(tr("Retry"), this, [this, id] { m_queue->retry(id); });
    retry->setEnabled(job.state == JobState::Failed || job.state == JobState::Cancelled);
    QAction *cancel = menu.addAction(tr("Cancel"), this, [this, id] { m_queue->cancel(id); });
    cancel->setEnabled(!isFinished(job.state));
    menu.addAction(tr("Remove from list"), this, [this, id] { m_queue->remove(id); });
    QAction *removeFile = menu.addAction(tr("Remove and delete file…"), this,
                                         [this, id] { confirmRemoveAndDelete(id); });
    removeFile->setEnabled(hasFile);
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void MainWindow::showJobDetails(quint64 id)
{
    const int row = m_queue->rowOf(id);
    if (row < 0)
        return;
    const Job &job = m_queue->at(row);
    auto *dialog = new JobDetailsDialog(job, job.state == JobState::Failed || job.state == JobState::Cancelled, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &JobDetailsDialog::retryRequested, this, [this, id] { m_queue->retry(id); });
    dialog->open();
}

void MainWindow::setThumbnailCache(ThumbnailCache *cache)
{
    m_model->setThumbnailCache(cache);
}

void MainWindow::setRateGate(RateGate *gate)
{
    auto *indicator = new RateLimitIndicator(gate, this);
    indicator->setObjectName(QStringLiteral("rateLimitIndicator"));
    statusBar()->addPermanentWidget(indicator);
}

} // namespace fetchmedia
