#include "app/application.h"

#include "app/sandbox/sandboxserver.h"
#include "ui/bannerarea.h"
#include "ui/mainwindow.h"
#include "ui/settingsdialog.h"

#include <QDesktopServices>
#include <QDir>
#include <QLocale>
#include <QFileDialog>
#include <QFileInfo>

namespace fetchmedia {

Application::Application(StartOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_api(&m_network), m_queue(&m_api, &m_network),
      m_keys(&m_secrets, &m_api, &m_queue, &m_network),
      m_thumbnails(&m_network, ThumbnailCache::defaultFolder())
{
}

// The window goes first: its model observes the queue. Nothing may reach for the window after
// that, so the signals that update it are cut before.
Application::~Application()
{
    disconnect(m_api.rateGate(), nullptr, this, nullptr);
    disconnect(&m_api, nullptr, this, nullptr);
    disconnect(&m_queue, nullptr, this, nullptr);
    m_window.reset();
}

bool Application::start(QString *errorMessage)
{
    m_queue.setDownloadFolder(m_options.downloadFolder.isEmpty() ? m_settings.downloadFolder()
                                                                 : m_options.downloadFolder);
    m_queue.setConcurrency(m_settings.concurrency());
    m_queue.setFetchMetadata(m_settings.fetchMetadata());
    m_queue.setPaused(true); // until a key is known

    m_window = std::make_unique<MainWindow>(&m_queue);
    m_window->setRateGate(m_api.rateGate());
    m_window->setThumbnailCache(&m_thumbnails);
    connect(m_api.rateGate(), &RateGate::changed, this, &Application::updateRateLimitBanner);
    connect(m_api.rateGate(), &RateGate::opened, this, &Application::updateRateLimitBanner);
    connect(&m_api, &ApiClient::serviceHealthChanged, this, &Application::updateServiceBanner);
    openJobStore();
    connect(m_window.get(), &MainWindow::settingsRequested, this, &Application::openSettings);
    connect(m_window.get(), &MainWindow::trySandboxRequested, this, [this] {
        QString problem;
        if (!startSandbox(&problem))
            m_window->banners()->showBanner(QStringLiteral("sandbox"), BannerLevel::Error,
                                            tr("The sandbox could not start: %1").arg(problem));
    });
    // The key controller pauses the queue on invalid_token; this shows it (the "auth" banner).
    connect(&m_keys, &KeyController::changed, this, &Application::showKeyState);

    if (m_options.sandbox) {
        if (!startSandbox(errorMessage))
            return false;
    } else {
        const QUrl base = m_options.apiBase.isEmpty() ? m_settings.apiBaseUrl() : m_options.apiBase;
        if (auto problem = Settings::validateApiBaseUrl(base)) {
            if (errorMessage)
                *errorMessage = *problem;
            return false;
        }
        m_api.setBaseUrl(base);
    }
    // The window first; the keychain answers later and jobs wait for it.
    // Stored jobs come back in batches once the first frame is up; links from the command
    // line follow them, so they are checked against the whole list.
    connect(m_window.get(), &MainWindow::firstPainted, this, [this] {
        verifyJobStore();
        m_store.restoreInto(&m_queue, [this](int) { m_queue.addNewLinks(m_options.links); });
    });
    m_window->show();
    if (!m_sandbox)
        loadKey();
    return true;
}

void Application::openJobStore()
{
    const QString path = m_options.databasePath.isEmpty() ? JobStore::defaultPath()
                                                          : m_options.databasePath;
    // The page-by-page check waits for the first frame (verifyJobStore).
    m_store.open(path, JobStore::Check::Later);
    m_queue.setStore(&m_store);
    showJobStoreState();
    connect(&m_store, &JobStore::writeFailed, this, [this](const QString &message) {
        m_window->banners()->showBanner(QStringLiteral("database"), BannerLevel::Error, message);
    });
    connect(&m_queue, &JobQueue::downloadFolderProblem, this, [this](QString message) {
        // The reason says itself what is kept ("… is kept and can be resumed"); it only needs
        // to end as a sentence.
        if (!message.endsWith(QLatin1Char('.')))
            message += QLatin1Char('.');
        m_window->banners()->showBanner(
            QStringLiteral("folder"), BannerLevel::Warning, tr("Downloads are paused: %1").arg(message),
            {{tr("Change folder…"), [this] { chooseDownloadFolder(); }},
             {tr("Try again"), [this] { m_queue.resumeFolderHeld(); }}});
    });
    connect(&m_queue, &JobQueue::downloadFolderProblemResolved, this,
            [this] { m_window->banners()->clearBanner(QStringLiteral("folder")); });
}

void Application::verifyJobStore()
{
    if (m_store.verify())
        return;
    // Anything given before the check found the damage is written again to the fresh file.
    std::vector<const Job *> given;
    for (int row = 0; row < m_queue.count(); ++row)
        given.push_back(&m_queue.at(row));
    m_store.insertJobs(given);
    showJobStoreState();
}

void Application::showJobStoreState()
{
    if (!m_store.movedAsidePath().isEmpty()) {
        const QString aside = m_store.movedAsidePath();
        m_window->banners()->showBanner(
            QStringLiteral("database"), BannerLevel::Warning,
            tr("The job list could not be read (%1). It was kept as %2 and a new list was "
               "started.").arg(m_store.problem(), QDir::toNativeSeparators(aside)),
            {{tr("Show file"), [aside] {
                  QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(aside).absolutePath()));
              }}});
    } else if (!m_store.isPersistent()) {
        m_window->banners()->showBanner(
            QStringLiteral("database"), BannerLevel::Error,
            tr("The job list cannot be saved (%1): jobs added now are lost when FetchMedia "
               "closes.").arg(m_store.problem()));
    }
}

void Application::chooseDownloadFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(
        m_window.get(), tr("Download folder"), m_queue.downloadFolder());
    if (folder.isEmpty())
        return;
    m_settings.setDownloadFolder(folder);
    m_queue.setDownloadFolder(folder); // resumes the paused downloads there
}

bool Application::startSandbox(QString *errorMessage)
{
    if (m_sandbox)
        return true;
    sandbox::SandboxOptions sandboxOptions;
    sandboxOptions.logRequests = false;
    auto server = std::make_unique<sandbox::SandboxServer>(sandboxOptions);
    if (!server->start(errorMessage))
        return false;
    m_sandbox = std::move(server);
    m_api.setBaseUrl(m_sandbox->apiBaseUrl());
    m_window->setSandboxMode(true);
    m_window->banners()->clearBanner(QStringLiteral("keychain"));
    m_window->banners()->clearBanner(QStringLiteral("auth"));
    // The sandbox's public key only: the person's real key is never read or written here.
    useKey(sandbox::defaultKey(), KeySource::SessionOnly);
    return true;
}

void Application::loadKey()
{
    m_keys.start(); // FETCHMEDIA_API_KEY, else the keychain; the window shows the waiting
}

void Application::useKey(const QString &key, KeySource source)
{
    if (m_sandbox && source == KeySource::SessionOnly)
        m_keys.useSandboxKey(key);
    else
        m_keys.useForSession(key);
}

QString Application::keySourceText() const
{
    switch (m_keys.source()) {
    case KeySource::None: return tr("No API key");
    case KeySource::Environment: return tr("Key from FETCHMEDIA_API_KEY");
    case KeySource::Keychain: return tr("Key in the system keychain");
    case KeySource::SessionOnly: return m_sandbox ? tr("Sandbox key") : tr("Key for this session only");
    }
    return QString();
}

void Application::openSettings(bool focusKeyField)
{
    SettingsDialog dialog(m_settings, &m_keys, m_window.get());
    // The pane shows the folder this run saves to, which --download-dir may have chosen.
    const QString folderInUse = m_queue.downloadFolder();
    if (folderInUse != m_settings.downloadFolder())
        dialog.showDownloadFolderOverride(folderInUse);
    if (focusKeyField)
        dialog.focusKeyField();
    if (dialog.exec() != QDialog::Accepted)
        return;
    const SettingsChange change = dialog.change();
    // Only what was edited: a run's --download-dir stays in force otherwise.
    if (change.downloadFolder != folderInUse) {
        m_settings.setDownloadFolder(change.downloadFolder);
        m_queue.setDownloadFolder(change.downloadFolder);
    }
    m_settings.setConcurrency(change.concurrency);
    m_queue.setConcurrency(change.concurrency);
    m_settings.setFetchMetadata(change.fetchMetadata);
    m_queue.setFetchMetadata(change.fetchMetadata);
    if (m_sandbox)
        return;
    const bool hostChanged = change.apiBase.host() != m_api.baseUrl().host();
    // Only an edited URL is stored: a run's --api-base must not become the saved default.
    if (change.apiBase.adjusted(QUrl::StripTrailingSlash) != m_api.baseUrl()
        && !m_settings.setApiBaseUrl(change.apiBase) && !m_settings.apiBaseUrlFromEnvironment())
        m_api.setBaseUrl(change.apiBase);
    if (!change.newApiKey.isEmpty())
        saveKey(change.newApiKey);
    else if (hostChanged && m_keys.source() != KeySource::Environment)
        loadKey(); // one key per API host
}

void Application::saveKey(const QString &key)
{
    m_keys.saveKey(key); // refused text never reaches the keychain; the banners tell the rest
}

void Application::showKeyState()
{
    using KeyState = KeyController::KeyState;
    using KeychainState = KeyController::KeychainState;
    BannerArea *banners = m_window->banners();
    const QString keychainCause = QStringLiteral("keychain");
    const QString authCause = QStringLiteral("auth");
    const KeyState keyState = m_keys.keyState();
    const KeychainState keychain = m_keys.keychainState();

    QString status = keySourceText();
    if (keyState == KeyState::Refused)
        status = tr("API key refused");
    else if (keyState != KeyState::Ready && keychain == KeychainState::Locked)
        status = tr("Keychain locked");
    else if (keyState != KeyState::Ready
             && (keychain == KeychainState::Waiting || keychain == KeychainState::Slow))
        status = tr("Waiting for keychain…");
    else if (keyState != KeyState::Ready && keychain == KeychainState::Unavailable)
        status = tr("No keychain");
    m_window->setKeyStatus(status);
    m_window->setNeedsKey(keyState == KeyState::Missing);

    if (keyState == KeyState::Refused) {
        banners->showBanner(
            authCause, BannerLevel::Error,
            tr("The service says the API key is invalid or expired (%1). Jobs are waiting, not "
               "failed: they resume as soon as a new key is saved.").arg(m_keys.refusalMessage()),
            {{tr("Update key…"), [this] { openSettings(true); }}});
    } else if (keyState == KeyState::Missing && !m_sandbox && keychain != KeychainState::Unavailable) {
        // Jobs may already be listed (links on the command line): say why they wait.
        banners->showBanner(authCause, BannerLevel::Info,
                            tr("No API key for %1 yet: jobs wait until one is saved.").arg(m_keys.apiHost()),
                            {{tr("Enter key…"), [this] { openSettings(true); }}});
    } else {
        banners->clearBanner(authCause);
    }

    const KeyController::Operation operation = m_keys.lastOperation();
    const auto retry = BannerAction{tr("Retry"), [this] { m_keys.retryKeychain(); }};
    const auto enterKey = BannerAction{tr("Use for this session only…"), [this] { openSettings(true); }};
    const bool sessionKey = m_keys.source() == KeySource::SessionOnly;
    switch (m_sandbox ? KeychainState::Unknown : keychain) {
    case KeychainState::Locked:
        banners->showBanner(
            keychainCause, BannerLevel::Warning,
            operation == KeyController::Operation::Read
                ? tr("Keychain locked: the API key cannot be read until the keychain is unlocked. "
                     "Nothing was changed in it.")
                : operation == KeyController::Operation::Write
                ? tr("Keychain locked: the key was not stored and nothing was written. It is kept "
                     "for this session only.")
                : tr("Keychain locked: the key was not removed from it."),
            {retry});
        return;
    case KeychainState::Unavailable:
        banners->showBanner(
            keychainCause, BannerLevel::Warning,
            (sessionKey ? tr("No system keychain available: the key is kept for this session only "
                             "and forgotten when FetchMedia quits.")
                        : tr("No system keychain available, so no key can be stored."))
                + QLatin1Char(' ')
                + tr("On GNOME, install and unlock GNOME Keyring; on KDE, enable KWallet (or "
                     "KeePassXC's Secret Service); in Flatpak, allow org.freedesktop.secrets; in "
                     "a Snap, run \"snap connect fetchmedia:password-manager-service\". (%1)")
                      .arg(m_keys.keychainMessage()),
            sessionKey ? QList<BannerAction>{retry} : QList<BannerAction>{enterKey, retry});
        return;
    case KeychainState::Failed:
        banners->showBanner(keychainCause, BannerLevel::Warning,
                            tr("The system keychain reported an error: %1").arg(m_keys.keychainMessage()),
                            {retry});
        return;
    case KeychainState::Slow:
        banners->showBanner(keychainCause, BannerLevel::Info,
                            tr("The system keychain has not answered yet; it may be waiting for "
                               "you to unlock it. Jobs wait until it does."),
                            {enterKey});
        return;
    case KeychainState::Unknown:
    case KeychainState::Waiting:
    case KeychainState::Available:
        banners->clearBanner(keychainCause);
        return;
    }
}

void Application::updateRateLimitBanner()
{
    // A short wait is only the status bar's business; a long one deserves a word.
    RateGate *gate = m_api.rateGate();
    const bool longWait = gate->reason() == RateGate::Reason::RateLimited && gate->secondsLeft() >= 30;
    if (!gate->isClosed()) {
        m_window->banners()->clearBanner(QStringLiteral("rate-limit"));
        return;
    }
    if (!longWait || m_window->banners()->isShown(QStringLiteral("rate-limit")))
        return;
    m_window->banners()->showBanner(
        QStringLiteral("rate-limit"), BannerLevel::Info,
        tr("The service's rate limit for this key was reached. Jobs wait and resume by themselves "
           "at %1; nothing needs to be done.")
            .arg(QLocale().toString(gate->opensAt().toLocalTime().time(), QLocale::ShortFormat)));
}

void Application::updateServiceBanner()
{
    switch (m_api.serviceHealth()) {
    case ServiceHealth::Ok:
        m_window->banners()->clearBanner(QStringLiteral("service"));
        return;
    case ServiceHealth::Unreachable:
        m_window->banners()->showBanner(
            QStringLiteral("service"), BannerLevel::Warning,
            tr("Cannot reach the FetchMedia service at %1 (%2). Check the network or the proxy; "
               "jobs retry by themselves.").arg(m_api.baseUrl().host(), m_api.serviceHealthMessage()),
            {{tr("Retry all failed"), [this] { m_queue.retryAllFailed(); }}});
        return;
    case ServiceHealth::Failing:
        m_window->banners()->showBanner(
            QStringLiteral("service"), BannerLevel::Warning,
            tr("The FetchMedia service keeps answering with errors (%1). Jobs retry with growing "
               "pauses.").arg(m_api.serviceHealthMessage()),
            {{tr("Retry all failed"), [this] { m_queue.retryAllFailed(); }}});
        return;
    }
}

} // namespace fetchmedia
