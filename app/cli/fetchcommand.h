#pragma once

#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace fetchmedia {

class ApiClient;
class JobQueue;
class SecretStore;
namespace sandbox { class SandboxServer; }

// Exit codes of fetchmedia-cli, shared by its commands.
enum CliExit { ExitOk = 0, ExitFailed = 1, ExitUsage = 2, ExitAuth = 3, ExitNoKeychain = 4 };

struct FetchOptions {
    QUrl apiBase;         // already validated
    QString outputFolder;
    QList<QUrl> links;
    bool json = false;
    bool sandbox = false;
};

// `fetchmedia-cli fetch`: submits every link, waits, downloads, prints one line per job on
// stdout (or one JSON object per line) and progress on stderr, then quits with an exit code.
class FetchCommand final : public QObject
{
    Q_OBJECT
public:
    explicit FetchCommand(FetchOptions options, QObject *parent = nullptr);
    ~FetchCommand() override;

    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void run(const QString &apiKey);
    void reportAndFinish();
    void printProgress();

    FetchOptions m_options;
    QNetworkAccessManager *m_network;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    ApiClient *m_api = nullptr;
    JobQueue *m_queue = nullptr;
    SecretStore *m_secrets = nullptr;
    bool m_authFailed = false;
    QString m_lastProgressLine;
    QDateTime m_announcedWaitUntil;
};

} // namespace fetchmedia
