#include "app/application.h"

#include "app/sandbox/sandboxserver.h"
#include "ui/bannerarea.h"
#include "ui/mainwindow.h"
#include "ui/settingsdialog.h"

#include <QDir>

namespace fetchmedia {

Application::Application(StartOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_api(&m_network), m_queue(&m_api, &m_network)
{
}

// The window goes first: its model observes the queue.
Application::~Application()
{
    m_window.reset();
}

bool Application::start(QString *errorMessage)
{
    m_queue.setDownloadFolder(m_options.downloadFolder.isEmpty() ? m_settings.downloadFolder()
                                                                 : m_options.downloadFolder);
    m_queue.setConcurrency(m_settings.concurrency());
    m_queue.setPaused(true); // until a key is known

    m_window = std::make_unique<MainWindow>(&m_queue);
    connect(m_window.get(), &MainWindow::settingsRequested, this, &Application::openSettings);
    connect(m_window.get(), &MainWindow::trySandboxRequested, this, [this] {
        QString problem;
        if (!startSandbox(&problem))
            m_window->banners()->showBanner(QStringLiteral("sandbox"), BannerLevel::Error,
                                            tr("The sandbox could not start: %1").arg(problem));
    });
    connect(&m_queue, &JobQueue::authenticationRequired, this, [this](const ApiError &error) {
        m_window->banners()->showBanner(
            QStringLiteral("auth"), BannerLevel::Error,
            tr("The service refused the API key (%1). Jobs are waiting, not failed: they resume "
               "as soon as a new key is saved.").arg(error.message),
            {{tr("Update key…"), [this] { openSettings(true); }}});
    });

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
    m_window->show();
    m_queue.addLinks(m_options.links);
    if (!m_sandbox)
        loadKey();
    return true;
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
    const QString environmentKey = SecretStore::environmentKey();
    if (!environmentKey.isEmpty()) {
        useKey(environmentKey, KeySource::Environment);
        return;
    }
    m_window->setKeyStatus(tr("Waiting for keychain…"));
    const QString host = m_api.baseUrl().host();
    m_secrets.readKey(host, [this](const SecretResult &result) {
        if (m_sandbox)
            return; // the person chose the sandbox meanwhile
        switch (result.status) {
        case SecretStatus::Ok:
            useKey(result.key, KeySource::Keychain);
            return;
        case SecretStatus::NotFound:
            m_window->setNeedsKey(true);
            m_window->setKeyStatus(tr("No API key"));
            return;
        case SecretStatus::Locked:
            m_window->setKeyStatus(tr("Keychain locked"));
            m_window->banners()->showBanner(
                QStringLiteral("keychain"), BannerLevel::Warning,
                tr("Keychain locked: the API key cannot be read until it is unlocked. Nothing "
                   "was changed in it."),
                {{tr("Retry"), [this] { loadKey(); }}});
            return;
        case SecretStatus::NoBackend:
        case SecretStatus::Error:
            m_window->setNeedsKey(true);
            m_window->setKeyStatus(tr("No keychain"));
            m_window->banners()->showBanner(
                QStringLiteral("keychain"), BannerLevel::Warning,
                tr("No system keychain available (%1). A key entered in Settings is kept for "
                   "this session only.").arg(result.message),
                {{tr("Enter key…"), [this] { openSettings(true); }}});
            return;
        }
    });
}

void Application::useKey(const QString &key, KeySource source)
{
    m_window->banners()->clearBanner(QStringLiteral("auth"));
    m_keySource = source;
    m_api.setApiKey(key);
    m_window->setNeedsKey(false);
    m_window->setKeyStatus(keySourceText());
    m_queue.setPaused(false);
}

QString Application::keySourceText() const
{
    switch (m_keySource) {
    case KeySource::None: return tr("No API key");
    case KeySource::Environment: return tr("Key from FETCHMEDIA_API_KEY");
    case KeySource::Keychain: return tr("Key in the system keychain");
    case KeySource::SessionOnly: return m_sandbox ? tr("Sandbox key") : tr("Key for this session only");
    }
    return QString();
}

void Application::openSettings(bool focusKeyField)
{
    SettingsDialog::KeyInfo keyInfo;
    keyInfo.editable = !m_sandbox && m_keySource != KeySource::Environment;
    keyInfo.sourceText = m_sandbox ? tr("Sandbox mode: the built-in emulator's key is used; your "
                                        "real key is not read or changed.")
                                   : keySourceText();
    SettingsDialog dialog(m_settings, keyInfo, m_window.get());
    if (focusKeyField)
        dialog.focusKeyField();
    if (dialog.exec() != QDialog::Accepted)
        return;
    const SettingsChange change = dialog.change();
    m_settings.setDownloadFolder(change.downloadFolder);
    m_queue.setDownloadFolder(change.downloadFolder);
    m_settings.setConcurrency(change.concurrency);
    m_queue.setConcurrency(change.concurrency);
    if (m_sandbox)
        return;
    const bool hostChanged = change.apiBase.host() != m_api.baseUrl().host();
    if (!m_settings.setApiBaseUrl(change.apiBase) && !m_settings.apiBaseUrlFromEnvironment())
        m_api.setBaseUrl(change.apiBase);
    if (!change.newApiKey.isEmpty())
        saveKey(change.newApiKey);
    else if (hostChanged && m_keySource == KeySource::Keychain)
        loadKey(); // one key per API host
}

void Application::saveKey(const QString &key)
{
    m_window->setKeyStatus(tr("Saving key…"));
    m_secrets.writeKey(m_api.baseUrl().host(), key, [this, key](const SecretResult &result) {
        if (result.status == SecretStatus::Ok) {
            m_window->banners()->clearBanner(QStringLiteral("keychain"));
            useKey(key, KeySource::Keychain);
            return;
        }
        useKey(key, KeySource::SessionOnly);
        m_window->banners()->showBanner(
            QStringLiteral("keychain"), BannerLevel::Warning,
            tr("The key could not be stored in the system keychain (%1). It is kept for this "
               "session only.").arg(result.message));
    });
}

} // namespace fetchmedia
