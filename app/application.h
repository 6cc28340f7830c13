#pragma once

#include "app/core/api/apiclient.h"
#include "app/core/jobs/jobqueue.h"
#include "app/core/jobs/thumbnailcache.h"
#include "app/core/storage/jobstore.h"
#include "app/core/storage/keycontroller.h"
#include "app/core/storage/secretstore.h"
#include "app/core/storage/settings.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <memory>

namespace fetchmedia {

class MainWindow;
namespace sandbox { class SandboxServer; }

struct StartOptions {
    bool sandbox = false;
    QString downloadFolder; // empty: from settings, for this run only otherwise
    QUrl apiBase;           // empty: from settings/environment
    QList<QUrl> links;      // given on the command line
    QString databasePath;   // empty: JobStore::defaultPath()
};

// The composition root: creates the one QNetworkAccessManager, the settings, the secret
// store, the API client and the queue, hands them to the window and wires key handling.
class Application final : public QObject
{
    Q_OBJECT
public:
    explicit Application(StartOptions options, QObject *parent = nullptr);
    ~Application() override;

    // Shows the window at once; the key arrives from the keychain afterwards.
    bool start(QString *errorMessage);

    MainWindow *window() const { return m_window.get(); }
    JobQueue *queue() { return &m_queue; }
    KeyController *keys() { return &m_keys; }
    JobStore *store() { return &m_store; }

private:
    bool startSandbox(QString *errorMessage);
    void loadKey();
    void useKey(const QString &key, KeySource source);
    void openSettings(bool focusKeyField);
    void openJobStore();
    void verifyJobStore();
    void showJobStoreState(); // the "database" banner, when the list is not where it was
    void chooseDownloadFolder();
    void saveKey(const QString &key);
    QString keySourceText() const;
    void updateRateLimitBanner();
    void updateServiceBanner();
    void showKeyState(); // status bar, onboarding and the "keychain"/"auth" banners

    StartOptions m_options;
    QNetworkAccessManager m_network;
    Settings m_settings;
    SecretStore m_secrets;
    JobStore m_store; // before the queue, which reports to it until its last moment
    ApiClient m_api;
    JobQueue m_queue;
    KeyController m_keys;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    ThumbnailCache m_thumbnails;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace fetchmedia
